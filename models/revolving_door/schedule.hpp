#pragma once
// An intervention's schedule from the scenario: its level over time, how long it has been running
// (programme years, set-up) and how mature its team is (docs/model/design.md, 'Intervention maturity').
#include <optional>
#include <string>

#include "sim/io/scenario.hpp"

namespace revolve::revolving_door {

class InterventionSchedule {
 public:
  InterventionSchedule() = default;
  explicit InterventionSchedule(io::InterventionSetting setting) : setting_(std::move(setting)) {}

  /// Level at time t [years from the start of the run]: 0 when off.
  double level(double t) const { return setting_ ? setting_->level_at(t) : 0.0; }
  /// Years since the start of the window that holds t, or nullopt when t is in none.
  std::optional<double> years_running(double t) const;

 private:
  std::optional<io::InterventionSetting> setting_;
};

/// How far a new team has come towards full effect: from `start_effect` when it starts to 1 after
/// `maturity_time` [both in the same time unit as `running`].
double maturity(double running, double maturity_time, double start_effect);

/// An effect multiplier m at a given maturity: 1 + (m - 1) x maturity.
inline double mature_effect(double multiplier, double maturity) { return 1.0 + (multiplier - 1.0) * maturity; }

}  // namespace revolve::revolving_door

#pragma once
// What every run of a prepared scenario shares, read-only: the parameters in model units, the
// intervention schedules, the compiled system model and tables built once from the parameters.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/revolving_door/closed_cohort.hpp"
#include "models/revolving_door/parameters.hpp"
#include "models/revolving_door/power_table.hpp"
#include "models/revolving_door/schedule.hpp"
#include "sim/abm/outputs.hpp"
#include "sim/sd/compiled_model.hpp"

namespace revolve::revolving_door {

/// Weeks in a year under the calendar convention of sim/params (a year is 365.25 days).
inline constexpr double weeks_per_year = 365.25 / 7.0;
/// The window of "in the past year" (a definition, docs/model/design.md, 'Conventions the code must follow') [weeks].
inline constexpr std::int32_t past_year_weeks = 52;

/// effect^engagement for each engagement effect of the parameters (docs/model/design.md, 'Engagement and worker
/// changes').
struct EngagementEffects {
  PowerTable crisis, treatment_entry, dropout, breach, tenancy_loss, ae, disengagement;
};

struct ModelSetup {
  Parameters parameters;
  std::map<std::string, InterventionSchedule> schedules;  ///< by intervention name; off when absent
  std::uint32_t steps = 0;
  double step_years = 1.0 / weeks_per_year;  ///< one week [years]
  std::shared_ptr<const sd::CompiledModel> system;
  /// The scenario's closed cohort, if it has one (then parameters.cohort.size is its size and there are no arrivals).
  std::optional<ClosedCohort> closed_cohort;
  EngagementEffects effects;
  /// Mortality age factor, age_ratio_per_decade^((age - 40 years) / 10 years), by whole week of age.
  std::vector<double> mortality_age_factor;
  /// Other scenarios' entrants, each by run number, that run r follows in its entry cohorts in place of its own (the
  /// matched arms of a comparison, PreparedScenario::following); empty to follow its own.
  std::vector<std::shared_ptr<const std::vector<std::vector<abm::Entry>>>> following;
  /// Whether the people kernel takes its quiet-week path (people_kernel.cpp, QuietBounds) and the exits visit only
  /// those their bounds mark (exits.cpp): the same results, faster. Off only in the test that checks exactly that.
  bool quiet_weeks = true;
  /// How often the run removes the rows of the dead (abm::Run::compact_every) [steps]: the same results, faster.
  /// 0: never.
  std::uint32_t compact_every = 26;

  /// The schedule of an intervention by name (always off if the scenario does not schedule it).
  const InterventionSchedule& schedule(const std::string& intervention) const {
    static const InterventionSchedule off;
    const auto it = schedules.find(intervention);
    return it == schedules.end() ? off : it->second;
  }
  /// Time at the start of step `step` (1, 2, ...) [years from the start of the run].
  double years_at(std::uint32_t step) const { return (step - 1) * step_years; }
};

/// Builds the tables of a setup from its parameters.
EngagementEffects engagement_effects(const EngagementParameters& e);
std::vector<double> mortality_age_factors(const MortalityParameters& m);

}  // namespace revolve::revolving_door

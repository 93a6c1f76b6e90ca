#pragma once
// What the people kernel reads from the rest of the model each week (docs/model/design.md, 'Hazards'): the
// system's leaver fractions, caseload ratios and usual-pathway capacity, each service's engagement ceiling,
// and the effects MTAM and navigators publish for their clients; and the numbers of the week derived from
// them once per step, before the per-person loop.
#include <array>

#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "sim/core/signals.hpp"

namespace revolve::revolving_door {

/// An intervention's effects on its clients this week, as the kernel applies them (multipliers on
/// hazards unless said otherwise).
struct CoordinatorEffects {
  double treatment_entry = 1.0;      ///< on entering treatment
  double dual_diagnosis = 1.0;       ///< the dual-diagnosis multiplier that applies to clients
  double crisis_to_treatment = 0.0;  ///< chance a crisis ends in treatment
  double crisis_end = 1.0;           ///< on the hazard of a crisis ending
  double tenancy_loss = 1.0;         ///< on losing a tenancy or placement
  double breach = 1.0;               ///< on breach recall
  double ae = 1.0;                   ///< on A&E attendance

  bool operator==(const CoordinatorEffects&) const = default;
};

/// The signals the kernel reads each week, resolved once at declare.
struct KernelSignals {
  Signal capacity_factor_usual;
  std::array<Signal, service_count> leaver_fraction, caseload_ratio, ceiling;
  std::array<Signal, 6> mtam;  ///< treatment_entry, dual_diagnosis, crisis_to_treatment, crisis_end, tenancy_loss, breach
  Signal navigator_ae;

  /// Declares every read in the transitions phase.
  static KernelSignals declare(Signals& signals);
};

/// The numbers of the week that hazards read (Hazards, QuietBounds), computed once per step. The kernel remakes its
/// quiet-week bounds only in weeks when one of these changes, so Hazards is given these alone.
struct HazardRates {
  double usual_start = 0;  ///< hazards of entering contracted services, times their capacity factor [per week]
  /// Exits from the street [per week] to a hostel, supported housing and a tenancy, by rough_exit_class.
  std::array<std::array<double, 3>, 4> rough_exit{};
  double long_term_spell = 0;  ///< homelessness spell from which a person counts as long-term [weeks]
  double temporary_to_supported = 0;
  std::array<double, service_count> leaver{};  ///< share of each service's workers who leave in a week
  double crisis_end = 0;
  CoordinatorEffects mtam, navigator;

  /// Every number equal.
  bool operator==(const HazardRates&) const = default;
};

/// Numbers of the week that do not depend on the person, computed once per step: the hazards' and engagement's.
/// Engagement's change most weeks (with the services' caseloads), the hazards' in far fewer.
struct WeekRates : HazardRates {
  std::array<std::array<double, 2>, service_count> build{};  ///< share of the gap to the ceiling closed, by sex
  std::array<double, service_count> ceiling{};               ///< engagement each service's workers build towards
  double decay = 1;      ///< engagement kept after a week with no worker
  double ae_memory = 1;  ///< weight of last week's A&E count in the past-year count
};

/// The row of WeekRates::rough_exit for a person sleeping rough (docs/model/design.md, 'Hazards'): high need and a
/// long homelessness history (the chronically homeless group, or a spell of long_term_spell or more) each slow
/// every exit from the street.
inline std::size_t rough_exit_class(bool high_need, bool long_term) {
  return (high_need ? 1U : 0U) + (long_term ? 2U : 0U);
}

WeekRates week_rates(const Parameters& P, const Signals& signals, const KernelSignals& in);

}  // namespace revolve::revolving_door

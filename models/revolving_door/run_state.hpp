#pragma once
// What the modules of one run share: the prepared setup, the column handles and event counters,
// and this week's view of the system and the interventions (set in Phase::advance_clock, read by
// the people's rules in the phases after it).
#include <array>
#include <cstdint>
#include <memory>

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/events.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"

namespace revolve::revolving_door {

/// An intervention's effects on its clients this week, scaled by team maturity (design 8.4).
struct CoordinatorEffects {
  double treatment_entry = 1.0;      ///< multiplier on entering treatment
  double dual_diagnosis = 1.0;       ///< the dual-diagnosis multiplier that applies to clients
  double crisis_to_treatment = 0.0;  ///< chance a crisis ends in treatment
  double crisis_end = 1.0;           ///< multiplier on the hazard of a crisis ending
  double tenancy_loss = 1.0;         ///< multiplier on losing a tenancy or placement
  double breach = 1.0;               ///< multiplier on breach recall
  double ae = 1.0;                   ///< multiplier on A&E attendance
};

/// The interventions this week (set by their modules in Phase::advance_clock).
struct InterventionWeek {
  std::array<double, intervention_count> level{};
  double housing_first_added_places = 0;  ///< places funded on top of the existing ones [places]
  double mtam_coverage_target = 0;        ///< [people]
  double navigator_posts = 0;
  double navigator_staff_loss = 0;        ///< share of navigators leaving as their fixed-term contracts end
  bool navigator_referrals_open = false;  ///< set-up done
  double release_share_offered = 0;       ///< share of prison leavers with no home offered accommodation
  double alliance = 0;                    ///< alliance contracting level, 0 to 1
  CoordinatorEffects mtam, navigator;
  std::array<double, service_count> ceiling{};  ///< engagement ceiling by service
};

/// The services this week, as people read them (design 8.2, 8.3).
struct ServiceWeek {
  std::array<double, service_count> leaver_fraction{};  ///< chance a client's worker leaves this week
  std::array<double, service_count> caseload_ratio{};   ///< clients / (staff x caseload)
  std::array<double, service_count> staff{};
  double capacity_factor_usual = 1.0;          ///< on usual support starts and entries to hostels and supported housing
  double capacity_factor_housing_first = 1.0;  ///< on Housing First offers
  double housing_first_places_ready = 0;
  std::int32_t retenders = 0, provider_changes = 0;
};

/// Free places in capped accommodation this week, taken as people move in (design 8.1).
struct Places {
  std::int64_t temporary = 0, supported = 0;

  /// Takes a place in `housing` (temporary or supported) if one is free.
  bool take(Housing housing) {
    std::int64_t& free = housing == Housing::temporary ? temporary : supported;
    if (free <= 0) return false;
    --free;
    return true;
  }
};

struct Week {
  double years = 0;  ///< time at the start of the step [years]
  InterventionWeek interventions;
  ServiceWeek services;
  Places places;
};

struct RunState {
  explicit RunState(std::shared_ptr<const ModelSetup> s) : setup(std::move(s)) {}

  std::shared_ptr<const ModelSetup> setup;
  Columns columns;
  EventCounters events;
  Week week;
  std::size_t starting_cohort = 0;  ///< people at step 0 (ids below this)

  const Parameters& parameters() const { return setup->parameters; }
  PeopleView view(abm::Run& run) const { return PeopleView::of(run.population(), columns); }
};

using SharedState = std::shared_ptr<RunState>;

}  // namespace revolve::revolving_door

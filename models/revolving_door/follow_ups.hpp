#pragma once
// What the recorder follows person by person beyond the week's states (docs/scenarios.md, 'Measures for
// evaluations'):
// - each release from prison, for 52 weeks: is the person back in court (a new custodial or community sentence) or
//   recalled within them, by where they lived in the week of release (proven reoffending by accommodation on release);
// - how many weeks each person has been housed without a break, so that the last week of each year counts the people
//   housed in every one of its last 26 weeks (housed all of the time, not only at one moment).
// Entry cohorts have a class of their own (EntryCohorts). It keeps a few bytes per person in columns of its own and
// allocates nothing per person or week.
#include <array>
#include <cstdint>

#include "models/revolving_door/entry_cohorts.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/abm/outputs.hpp"
#include "sim/abm/population.hpp"

namespace revolve::revolving_door {

/// The window of "housed all of the time" at the end of each year [weeks] (six months).
inline constexpr std::int32_t housed_window_weeks = 26;

class FollowUps {
 public:
  /// Adds the columns (Module::declare).
  void declare(abm::Population& population);
  /// `step_years`: one step [years], to find the step that ends each year as yearly_periods does.
  void init(double step_years);
  /// Before the week's loop over people: their columns (arrivals may move them) and whether the week ends a year.
  void start_week(abm::Population& population, std::int32_t step);
  /// Person p's week (p alive), counted in their group's tally row `t`.
  void person(const PeopleView& v, abm::PersonId p, PeopleCounts& t);

 private:
  abm::StateColumn last_justice_, release_housing_, returned_;
  abm::AttributeColumn weeks_housed_, weeks_recorded_;
  abm::EventTimeColumn release_step_;
  double step_years_ = 0;
  int year_ = 1;                  // the year whose last step is year_end_
  std::int32_t year_end_ = 0;     // [step]
  std::int32_t step_ = 0;         // this week [step]
  bool ends_year_ = false;        // this week is the last of a year
  // This week's arrays of the columns.
  std::uint8_t *last_justice_now_ = nullptr, *release_housing_now_ = nullptr, *returned_now_ = nullptr;
  double *weeks_housed_now_ = nullptr, *weeks_recorded_now_ = nullptr;
  std::int32_t* release_step_now_ = nullptr;

  void follow_release(const PeopleView& v, abm::PersonId p, PeopleCounts& t);
  void follow_housing(const PeopleView& v, abm::PersonId p, PeopleCounts& t);
  /// Counts the release person p is followed from, and stops following it.
  void close_release(abm::PersonId p, PeopleCounts& t);
};

}  // namespace revolve::revolving_door

#pragma once
// What the recorder follows person by person beyond the week's states (docs/scenarios.md, 'Measures for
// evaluations'):
// - each release from prison, for 52 weeks: is the person back in court (a new custodial or community sentence) or
//   recalled within them, by where they lived in the week of release (proven reoffending by accommodation on release);
// - since when each person has been housed without a break, and recorded, so that the last week of each year counts
//   the people housed in every one of its last 26 weeks (housed all of the time, not only at one moment). Both are
//   set only when a person's tally changes (StateTally), not counted up for everyone every week.
// Entry cohorts have a class of their own (EntryCohorts). It keeps a few bytes per person in columns of its own and
// allocates nothing per person or week.
#include <array>
#include <cstdint>
#include <span>

#include "models/revolving_door/entry_cohorts.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/state_tally.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/abm/alive.hpp"
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
  /// The week of every living person, counted in the tally row `row(p)` of person p (their cell and group), given
  /// the people whose tally changed (StateTally): when they started to be recorded or housed; the year's window at
  /// its end; releases for the few released or followed.
  template <class Row>
  void week(const PeopleView& v, std::span<const StateTally::Change> changes, Row&& row) {
    const auto size = static_cast<abm::PersonId>(v.size);
    for (const StateTally::Change& change : changes) note(change);
    if (ends_year_) abm::for_each_alive(v.alive, 0, size, [&](abm::PersonId p) { count_window(v, p, row(p)); });
    abm::for_each_marked_by(
        0, size, [&](abm::PersonId first, abm::PersonId n, std::uint8_t* marks) { mark_releases(v, first, n, marks); },
        [&](abm::PersonId p) { follow_release(v, p, row(p)); });
  }

 private:
  abm::StateColumn last_justice_, release_housing_, returned_;
  abm::EventTimeColumn release_step_, housed_since_, recorded_since_;
  double step_years_ = 0;
  int year_ = 1;                  // the year whose last step is year_end_
  std::int32_t year_end_ = 0;     // [step]
  std::int32_t step_ = 0;         // this week [step]
  bool ends_year_ = false;        // this week is the last of a year
  // This week's arrays of the columns.
  std::uint8_t *last_justice_now_ = nullptr, *release_housing_now_ = nullptr, *returned_now_ = nullptr;
  std::int32_t *release_step_now_ = nullptr, *housed_since_now_ = nullptr, *recorded_since_now_ = nullptr;

  /// Marks the living of rows [first, first + n) whose release is followed, or who were released this week.
  void mark_releases(const PeopleView& v, abm::PersonId first, abm::PersonId n, std::uint8_t* marks) const;
  void follow_release(const PeopleView& v, abm::PersonId p, PeopleCounts& t);
  /// A change of a person's tally: the week they were first recorded, or began to be housed.
  void note(const StateTally::Change& change);
  /// In the last week of a year: whether person p was recorded, and housed, in every week of its window.
  void count_window(const PeopleView& v, abm::PersonId p, PeopleCounts& t) const;
  /// Counts the release person p is followed from, and stops following it.
  void close_release(abm::PersonId p, PeopleCounts& t);
};

}  // namespace revolve::revolving_door

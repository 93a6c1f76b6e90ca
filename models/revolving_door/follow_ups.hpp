#pragma once
// What the recorder follows person by person beyond the week's states (docs/scenarios.md, 'Measures for
// evaluations'):
// - each release from prison, for 52 weeks: is the person back in court (a new custodial or community sentence) or
//   recalled within them, by where they lived in the week of release (proven reoffending by accommodation on release);
// - how many weeks each person has been housed without a break, so that the last week of each year counts the people
//   housed in every one of its last 26 weeks (housed all of the time, not only at one moment).
// - entry cohorts: from the first week a person is on the Housing First list or in a tenancy, with an MTAM worker, or
//   with a navigator, their weeks sleeping rough, housed and in prison and their A&E attendances in the 52 weeks
//   from then (entry week included), counted when those weeks end whether or not the person is still in the cohort
//   (intention to treat): death or moving away ends their weeks, not their place in the cohort, and the weeks after a
//   sustained positive exit (settled and stable for months, flows.sustained_exit_qualifying) count as housed. A run given another scenario's entrants (ModelSetup::following)
//   follows those people from the weeks they entered there, in place of its own: the matched arm of a comparison.
// It keeps a few bytes per person in columns of its own and allocates nothing per person or week.
#include <array>
#include <cstdint>
#include <vector>

#include "models/revolving_door/people.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/abm/outputs.hpp"
#include "sim/abm/population.hpp"

namespace revolve::revolving_door {

/// Weeks a release is followed [weeks] (Ministry of Justice proven reoffending: a one-year follow-up).
inline constexpr std::int32_t follow_up_weeks = 52;
/// The window of "housed all of the time" at the end of each year [weeks] (six months).
inline constexpr std::int32_t housed_window_weeks = 26;

class FollowUps {
 public:
  /// Adds the columns (Module::declare).
  void declare(abm::Population& population);
  /// `step_years`: one step [years], to find the step that ends each year as yearly_periods does. `following`: the
  /// entrants to follow in place of the run's own (in step order within each group, abm::Entry::group being the
  /// cohort), or nullptr to follow the run's own.
  void init(double step_years, const std::vector<abm::Entry>* following);
  /// Before the week's loop over people: their columns (arrivals may move them) and whether the week ends a year.
  void start_week(abm::Population& population, std::int32_t step);
  /// Person p's week (p alive), counted in their group's tally row `t`.
  void person(const PeopleView& v, abm::PersonId p, std::array<double, tally::count>& t);
  /// After the week's loop over people: counts the entrants whose 52 weeks end this week, in the tally row
  /// `row(p)` of their group (alive or not).
  template <class Row>
  void end_week(const PeopleView& v, Row&& row) {
    for (std::size_t c = 0; c < entry_cohorts; ++c) {
      auto& open = open_from_[c];
      for (; open < followed_[c].size(); ++open) {
        const abm::PersonId p = followed_[c][open];
        if (step_ - entry_step_now_[c][p] + 1 < follow_up_weeks) break;
        count_entrant(v, p, c, row(p));
      }
    }
  }
  /// Everyone who entered an entry cohort so far, by cohort, in step order (abm::Outputs::entries).
  std::vector<abm::Entry> entries(const abm::Population& population) const;

 private:
  abm::StateColumn last_justice_, release_housing_, returned_;
  abm::AttributeColumn weeks_housed_, weeks_recorded_;
  abm::EventTimeColumn release_step_;
  static constexpr std::size_t entry_cohorts = 3;  // entry_cohort_names
  // Per entrant: weeks rough, housed, in prison; A&E attendances; weeks in the cohort (alive, not moved or exited)
  static constexpr std::size_t entry_counts = 5;
  std::array<abm::EventTimeColumn, entry_cohorts> entry_step_{};  // first week in the cohort; no_event before
  std::array<abm::StateColumn, entry_cohorts> entry_done_{};       // its 52 weeks counted
  std::array<std::array<abm::AttributeColumn, entry_counts>, entry_cohorts> entry_counts_{};
  std::array<std::int32_t*, entry_cohorts> entry_step_now_{};
  std::array<std::uint8_t*, entry_cohorts> entry_done_now_{};
  std::array<std::array<double*, entry_counts>, entry_cohorts> entry_counts_now_{};
  std::array<std::vector<abm::PersonId>, entry_cohorts> followed_;  // entrants in the order they entered
  std::array<std::size_t, entry_cohorts> open_from_{};               // the first of followed_ not yet counted
  bool matched_ = false;  // following another scenario's entrants
  std::array<std::vector<abm::PersonId>, entry_cohorts> to_follow_;  // those entrants, by cohort, in step order
  std::array<std::vector<std::int32_t>, entry_cohorts> to_follow_step_;  // the step each entered there
  std::array<std::size_t, entry_cohorts> next_to_follow_{};
  double step_years_ = 0;
  int year_ = 1;                  // the year whose last step is year_end_
  std::int32_t year_end_ = 0;     // [step]
  std::int32_t step_ = 0;         // this week [step]
  bool ends_year_ = false;        // this week is the last of a year
  // This week's arrays of the columns.
  std::uint8_t *last_justice_now_ = nullptr, *release_housing_now_ = nullptr, *returned_now_ = nullptr;
  double *weeks_housed_now_ = nullptr, *weeks_recorded_now_ = nullptr;
  std::int32_t* release_step_now_ = nullptr;

  void follow_release(const PeopleView& v, abm::PersonId p, std::array<double, tally::count>& t);
  void follow_housing(const PeopleView& v, abm::PersonId p, std::array<double, tally::count>& t);
  void follow_entry(const PeopleView& v, abm::PersonId p, std::size_t cohort);
  void count_entrant(const PeopleView& v, abm::PersonId p, std::size_t cohort, std::array<double, tally::count>& t);
  /// Starts following this week's entrants of the scenario followed (matched_).
  void enter_followed(const abm::Population& population);
  /// Counts the release person p is followed from, and stops following it.
  void close_release(abm::PersonId p, std::array<double, tally::count>& t);
};

}  // namespace revolve::revolving_door

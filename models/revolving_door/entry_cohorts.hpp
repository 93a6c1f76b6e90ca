#pragma once
// Entry cohorts, followed person by person (docs/scenarios.md, 'Measures for evaluations'): from the first week a
// person is on the Housing First list or in a tenancy, with an MTAM worker, or with a navigator, their weeks sleeping
// rough, housed and in prison and their A&E attendances in the 52 weeks from then (entry week included), counted when
// those weeks end whether or not the person is still in the cohort (intention to treat): death or moving away ends
// their weeks, not their place in the cohort, and the weeks after a sustained positive exit (settled and stable for
// months, flows.sustained_exit_qualifying) count as housed.
//
// A run follows its own entrants, or in their place another scenario's (ModelSetup::following), from the weeks they
// entered there: the matched arm of a comparison. A run may follow several scenarios' entrants at once, one
// EntryCohorts each, since following changes no one's week: one pass of the baseline matches every alternative.
// It keeps 135 bytes per person in columns of its own (for each of 3 cohorts: the entry week, whether counted, and
// 5 counts) and allocates nothing per person or week. It holds the rows of the entrants it will still count
// (Population::hold), so that a compaction keeps those who die before their 52 weeks end; following another
// scenario's entrants, it holds them from when they join the run, since they may die here before they enter there.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/revolving_door/people.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/abm/outputs.hpp"
#include "sim/abm/population.hpp"

namespace revolve::revolving_door {

/// Weeks a release or an entrant is followed [weeks] (Ministry of Justice proven reoffending: a one-year follow-up).
inline constexpr std::int32_t follow_up_weeks = 52;

class EntryCohorts {
 public:
  /// Adds the columns (Module::declare); `suffix` tells apart the columns of several sets in one run ("" for one).
  void declare(abm::Population& population, const std::string& suffix);
  /// `following`: the entrants to follow in place of the run's own (in step order within each cohort,
  /// abm::Entry::group being the cohort), or nullptr to follow the run's own.
  void init(const std::vector<abm::Entry>* following);
  /// Before the week's loop over people: their columns (arrivals may move them), the rows followed as the last
  /// compaction moved them, and the entrants followed who enter this week.
  void start_week(abm::Population& population, std::int32_t step);
  /// The week of the living: following the run's own entrants, who enters a cohort this week. Only someone on the
  /// Housing First list or with a coordinator or Housing First worker can, so everyone is tested in a vectorised
  /// loop and only they are visited, in id order.
  void week(const PeopleView& v);
  /// After the week's loop over people: adds the week to the counts of every entrant followed and alive, then
  /// counts the entrants whose 52 weeks end this week, in the tally row `row(p)` of their group (alive or not).
  template <class Row>
  void end_week(const PeopleView& v, Row&& row) {
    count_week(v);
    for (std::size_t c = 0; c < cohorts; ++c) {
      auto& open = open_from_[c];
      for (; open < followed_[c].size(); ++open) {
        const abm::PersonId p = followed_[c][open].row;
        if (step_ - entry_step_now_[c][p] + 1 < follow_up_weeks) break;
        count_entrant(v, p, c, row(p));
        population_->let_go(p);
      }
    }
  }
  /// Everyone followed so far, by cohort, in step order (abm::Outputs::entries).
  std::vector<abm::Entry> entries() const;

 private:
  static constexpr std::size_t cohorts = 3;  // entry_cohort_names
  // Per entrant: weeks rough, housed, in prison; A&E attendances; weeks in the cohort (alive, not moved or exited)
  static constexpr std::size_t counts = 5;
  std::array<abm::EventTimeColumn, cohorts> entry_step_{};  // first week in the cohort; no_event before
  std::array<abm::StateColumn, cohorts> entry_done_{};       // its 52 weeks counted
  std::array<std::array<abm::AttributeColumn, counts>, cohorts> entry_counts_{};
  std::array<std::int32_t*, cohorts> entry_step_now_{};
  std::array<std::uint8_t*, cohorts> entry_done_now_{};
  std::array<std::array<double*, counts>, cohorts> entry_counts_now_{};
  struct Entrant {
    abm::PersonId row;  // until counted (rows of those counted are not followed through compactions)
    abm::PersonId id;
    std::int32_t step;  // of entry
  };
  std::array<std::vector<Entrant>, cohorts> followed_;  // entrants in the order they entered
  std::array<std::size_t, cohorts> open_from_{};        // the first of followed_ not yet counted
  bool matched_ = false;  // following another scenario's entrants
  std::array<std::vector<abm::PersonId>, cohorts> to_follow_;        // those entrants, by cohort, in step order
  std::array<std::vector<std::int32_t>, cohorts> to_follow_step_;    // the step each entered there
  std::array<std::size_t, cohorts> next_to_follow_{};
  std::vector<abm::PersonId> to_hold_;  // every id of to_follow_, sorted: held from when they join the run
  abm::PersonId joined_before_ = 0;     // the people with smaller ids have been held if to be followed
  abm::Population* population_ = nullptr;  // this week's
  std::uint32_t compactions_seen_ = 0;     // Population::compactions() at the last look
  std::int32_t step_ = 0;  // this week [step]

  /// Starts following p in each cohort p is in and has not entered.
  void enter(const PeopleView& v, abm::PersonId p);
  /// The week's weeks and attendances of the entrants still followed (a pass over them alone: a few hundred).
  void count_week(const PeopleView& v);
  void count_entrant(const PeopleView& v, abm::PersonId p, std::size_t cohort, PeopleCounts& t);
  /// Starts following this week's entrants of the scenario followed (matched_).
  void enter_followed(const abm::Population& population);
  /// Holds the rows of those who joined the run since the last week and are to be followed (matched_).
  void hold_to_follow(abm::Population& population);
  /// Moves the open entrants' rows as the last compaction did, if there has been one since the last look.
  void follow_compaction(const abm::Population& population);
};

}  // namespace revolve::revolving_door

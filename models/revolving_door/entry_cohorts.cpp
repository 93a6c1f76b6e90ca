#include "models/revolving_door/entry_cohorts.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "sim/abm/alive.hpp"
#include "sim/core/error.hpp"
#include "sim/core/vector_clones.hpp"

namespace revolve::revolving_door {
namespace {

/// Person p is in entry cohort `cohort` (entry_cohort_names) this week.
bool in_cohort(const PeopleView& v, abm::PersonId p, std::size_t cohort) {
  switch (cohort) {
    case 0:
      return v.waiting_for[p] == WaitingFor::housing_first || v.support[p] == Support::housing_first;
    case 1:
      return v.support[p] == Support::mtam;
    default:
      return v.support[p] == Support::navigator;
  }
}

/// Marks with 1 the rows of [0, n) alive and in a cohort they have not entered (on the Housing First list or with
/// a Housing First worker, with an MTAM worker, with a navigator; `entered`: each cohort's entry weeks, no_event
/// before entry, kept once set), 0 the rest: only they can enter one. A loop with no branch over columns that
/// cannot overlap (restrict), which the compiler vectorises, built for AVX2 too.
REVOLVE_AVX2_CLONES
void mark_may_enter(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict support,
                    const std::uint8_t* __restrict waiting, const std::int32_t* __restrict housing_first_entered,
                    const std::int32_t* __restrict mtam_entered, const std::int32_t* __restrict navigator_entered,
                    std::uint8_t* __restrict marks) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t s = support[i];
    const bool housing_first = (s == code(Support::housing_first)) | (waiting[i] == code(WaitingFor::housing_first));
    const bool may_enter = (housing_first & (housing_first_entered[i] == abm::no_event)) |
                           ((s == code(Support::mtam)) & (mtam_entered[i] == abm::no_event)) |
                           ((s == code(Support::navigator)) & (navigator_entered[i] == abm::no_event));
    marks[i] = (alive[i] != 0) & may_enter;
  }
}

}  // namespace

void EntryCohorts::declare(abm::Population& population, const std::string& suffix) {
  if (entry_cohort_names.size() != cohorts) throw Error("EntryCohorts follows 3 cohorts: entry_cohort_names changed");
  for (std::size_t c = 0; c < cohorts; ++c) {
    const std::string name = "entry_cohort_" + entry_cohort_names[c];
    entry_step_[c] = population.add_event_time(name + "_step" + suffix);
    entry_done_[c] = population.add_state(name + "_counted" + suffix, {"no", "yes"});
    for (std::size_t k = 0; k < counts; ++k) {
      entry_counts_[c][k] = population.add_attribute(name + "_count_" + std::to_string(k) + suffix);
    }
  }
}

void EntryCohorts::init(const std::vector<abm::Entry>* following) {
  matched_ = following != nullptr;
  for (std::size_t c = 0; c < cohorts; ++c) {
    followed_[c].clear();
    open_from_[c] = 0;
    to_follow_[c].clear();
    to_follow_step_[c].clear();
    next_to_follow_[c] = 0;
  }
  to_hold_.clear();
  joined_before_ = 0;
  compactions_seen_ = 0;
  if (!following) return;
  for (const abm::Entry& e : *following) {
    if (e.group >= cohorts) {
      throw Error("an entrant to follow names cohort " + std::to_string(e.group) + ": there are " +
                  std::to_string(cohorts));
    }
    auto& steps = to_follow_step_[e.group];
    if (!steps.empty() && e.step < steps.back()) throw Error("the entrants to follow are not in step order");
    to_follow_[e.group].push_back(e.person);
    steps.push_back(e.step);
    to_hold_.push_back(e.person);
  }
  for (std::size_t c = 0; c < cohorts; ++c) followed_[c].reserve(to_follow_[c].size());
  std::sort(to_hold_.begin(), to_hold_.end());
}

void EntryCohorts::start_week(abm::Population& population, std::int32_t step) {
  step_ = step;
  population_ = &population;
  follow_compaction(population);
  for (std::size_t c = 0; c < cohorts; ++c) {
    entry_step_now_[c] = population.event_times(entry_step_[c]).data();
    entry_done_now_[c] = population.states(entry_done_[c]).data();
    for (std::size_t k = 0; k < counts; ++k) entry_counts_now_[c][k] = population.attributes(entry_counts_[c][k]).data();
  }
  if (matched_) {
    hold_to_follow(population);
    enter_followed(population);
  }
}

void EntryCohorts::follow_compaction(const abm::Population& population) {
  if (!population.follow_compactions(compactions_seen_)) return;
  for (std::size_t c = 0; c < cohorts; ++c) {
    for (std::size_t k = open_from_[c]; k < followed_[c].size(); ++k) {
      followed_[c][k].row = population.moved(followed_[c][k].row);  // held: never removed
    }
  }
}

void EntryCohorts::hold_to_follow(abm::Population& population) {
  const auto ids = population.ids();
  const auto joined = std::lower_bound(ids.begin(), ids.end(), joined_before_);
  for (auto id = joined; id != ids.end(); ++id) {
    const auto [first, last] = std::equal_range(to_hold_.begin(), to_hold_.end(), *id);
    // Once for each cohort they are to enter: each count lets go once.
    for (auto k = first; k != last; ++k) population.hold(static_cast<abm::PersonId>(id - ids.begin()));
  }
  joined_before_ = population.entered();
}

void EntryCohorts::enter_followed(const abm::Population& population) {
  for (std::size_t c = 0; c < cohorts; ++c) {
    auto& next = next_to_follow_[c];
    for (; next < to_follow_[c].size() && to_follow_step_[c][next] <= step_; ++next) {
      const abm::PersonId id = to_follow_[c][next], p = population.row_of(id);
      if (to_follow_step_[c][next] < step_ || p == abm::no_row) {
        throw Error("entrant " + std::to_string(id) + " of cohort " + entry_cohort_names[c] + " (week " +
                    std::to_string(to_follow_step_[c][next]) + ") is not in this run as it was in the scenario "
                    "followed: the two scenarios do not have the same people");
      }
      if (entry_step_now_[c][p] != abm::no_event) throw Error("an entrant to follow is listed twice");
      entry_step_now_[c][p] = step_;
      followed_[c].push_back({p, id, step_});  // held since they joined the run (hold_to_follow)
    }
  }
}

void EntryCohorts::week(const PeopleView& v) {
  if (matched_) return;  // the entrants come from the scenario followed (enter_followed)
  const auto mark = [&](abm::PersonId first, abm::PersonId n, std::uint8_t* marks) {
    static_assert(cohorts == 3);  // in entry_cohort_names' order
    mark_may_enter(n, v.alive + first, v.support.codes_from(first), v.waiting_for.codes_from(first),
                   entry_step_now_[0] + first, entry_step_now_[1] + first, entry_step_now_[2] + first, marks);
  };
  abm::for_each_marked_by(0, static_cast<abm::PersonId>(v.size), mark, [&](abm::PersonId p) { enter(v, p); });
}

void EntryCohorts::enter(const PeopleView& v, abm::PersonId p) {
  for (std::size_t c = 0; c < cohorts; ++c) {
    if (entry_done_now_[c][p] || entry_step_now_[c][p] != abm::no_event || !in_cohort(v, p, c)) continue;
    entry_step_now_[c][p] = step_;
    followed_[c].push_back({p, v.id[p], step_});
    population_->hold(p);  // counted at the end of their 52 weeks, alive or not
  }
}

void EntryCohorts::count_week(const PeopleView& v) {
  for (std::size_t c = 0; c < cohorts; ++c) {
    auto& n = entry_counts_now_[c];
    // followed_[c] from open_from_[c] on: the entrants whose 52 weeks have not ended, in the order they entered.
    for (std::size_t k = open_from_[c]; k < followed_[c].size(); ++k) {
      const abm::PersonId p = followed_[c][k].row;
      if (!v.alive[p]) continue;  // death or moving away ends their weeks, not their place in the cohort
      const bool prison = v.in_prison(p);
      const bool rough = !prison && v.housing[p] == Housing::rough_sleeping;
      const bool housed = !prison && !v.homeless_now(p);
      n[0][p] += rough;
      n[1][p] += housed;
      n[2][p] += prison;
      n[3][p] += v.ae_this_week[p];
      n[4][p] += 1;
    }
  }
}

void EntryCohorts::count_entrant(const PeopleView& v, abm::PersonId p, std::size_t cohort,
                                 PeopleCounts& t) {
  const auto& n = entry_counts_now_[cohort];
  // A sustained positive exit leaves someone settled and stable: the rest of their weeks count as housed.
  const double housed_after_exit = v.left_positively[p] ? follow_up_weeks - n[4][p] : 0.0;
  const auto whole = [](double x) { return static_cast<std::uint32_t>(x); };  // counts kept as doubles
  t[tally::entry_people + cohort] += 1;
  t[tally::entry_rough_sleeping + cohort] += whole(n[0][p]);
  t[tally::entry_housed + cohort] += whole(n[1][p] + housed_after_exit);
  t[tally::entry_in_prison + cohort] += whole(n[2][p]);
  t[tally::entry_ae_attendances + cohort] += whole(n[3][p]);
  entry_done_now_[cohort][p] = 1;
}

std::vector<abm::Entry> EntryCohorts::entries() const {
  std::vector<abm::Entry> out;
  for (std::size_t c = 0; c < cohorts; ++c) {
    for (const Entrant& e : followed_[c]) out.push_back({e.id, e.step, static_cast<std::uint32_t>(c)});
  }
  return out;
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/follow_ups.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "sim/core/error.hpp"

namespace revolve::revolving_door {
namespace {

/// A justice state a person enters only through a court or a recall.
bool returned_to_justice(Justice j) {
  return j == Justice::custody || j == Justice::recalled || j == Justice::community_order;
}

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

}  // namespace

void FollowUps::declare(abm::Population& population) {
  std::vector<std::string> justice = {"not_recorded"};
  justice.insert(justice.end(), justice_names.begin(), justice_names.end());
  last_justice_ = population.add_state("recorded_justice", justice);
  std::vector<std::string> housing = {"not_followed"};
  housing.insert(housing.end(), release_housing_names.begin(), release_housing_names.end());
  release_housing_ = population.add_state("followed_release_housing", housing);
  returned_ = population.add_state("followed_release_returned", {"no", "yes"});
  release_step_ = population.add_event_time("followed_release_step");
  weeks_housed_ = population.add_attribute("weeks_housed_unbroken");
  weeks_recorded_ = population.add_attribute("weeks_recorded");
  for (std::size_t c = 0; c < entry_cohorts; ++c) {
    const std::string name = "entry_cohort_" + entry_cohort_names[c];
    entry_step_[c] = population.add_event_time(name + "_step");
    entry_done_[c] = population.add_state(name + "_counted", {"no", "yes"});
    for (std::size_t k = 0; k < entry_counts; ++k) {
      entry_counts_[c][k] = population.add_attribute(name + "_count_" + std::to_string(k));
    }
  }
}

void FollowUps::init(double step_years, const std::vector<abm::Entry>* following) {
  step_years_ = step_years;
  year_ = 1;
  year_end_ = static_cast<std::int32_t>(std::lround(1.0 / step_years_));  // as ensemble::yearly_periods
  matched_ = following != nullptr;
  for (std::size_t c = 0; c < entry_cohorts; ++c) {
    followed_[c].clear();
    open_from_[c] = 0;
    to_follow_[c].clear();
    to_follow_step_[c].clear();
    next_to_follow_[c] = 0;
  }
  if (!following) return;
  for (const abm::Entry& e : *following) {
    if (e.group >= entry_cohorts) throw Error("an entrant to follow names cohort " + std::to_string(e.group) +
                                              ": there are " + std::to_string(entry_cohorts));
    auto& steps = to_follow_step_[e.group];
    if (!steps.empty() && e.step < steps.back()) throw Error("the entrants to follow are not in step order");
    to_follow_[e.group].push_back(e.person);
    steps.push_back(e.step);
  }
  for (std::size_t c = 0; c < entry_cohorts; ++c) followed_[c].reserve(to_follow_[c].size());
}

void FollowUps::start_week(abm::Population& population, std::int32_t step) {
  step_ = step;
  ends_year_ = step == year_end_;
  if (ends_year_) year_end_ = static_cast<std::int32_t>(std::lround(++year_ / step_years_));
  last_justice_now_ = population.states(last_justice_).data();
  release_housing_now_ = population.states(release_housing_).data();
  returned_now_ = population.states(returned_).data();
  release_step_now_ = population.event_times(release_step_).data();
  weeks_housed_now_ = population.attributes(weeks_housed_).data();
  weeks_recorded_now_ = population.attributes(weeks_recorded_).data();
  for (std::size_t c = 0; c < entry_cohorts; ++c) {
    entry_step_now_[c] = population.event_times(entry_step_[c]).data();
    entry_done_now_[c] = population.states(entry_done_[c]).data();
    for (std::size_t k = 0; k < entry_counts; ++k) {
      entry_counts_now_[c][k] = population.attributes(entry_counts_[c][k]).data();
    }
  }
  if (matched_) enter_followed(population);
}

void FollowUps::enter_followed(const abm::Population& population) {
  for (std::size_t c = 0; c < entry_cohorts; ++c) {
    auto& next = next_to_follow_[c];
    for (; next < to_follow_[c].size() && to_follow_step_[c][next] <= step_; ++next) {
      const abm::PersonId p = to_follow_[c][next];
      if (to_follow_step_[c][next] < step_ || p >= population.size()) {
        throw Error("entrant " + std::to_string(p) + " of cohort " + entry_cohort_names[c] + " (week " +
                    std::to_string(to_follow_step_[c][next]) + ") is not in this run as it was in the scenario "
                    "followed: the two scenarios do not have the same people");
      }
      if (entry_step_now_[c][p] != abm::no_event) throw Error("an entrant to follow is listed twice");
      entry_step_now_[c][p] = step_;
      followed_[c].push_back(p);
    }
  }
}

// Defined here, beside what it calls, so that they inline into one call per person.
void FollowUps::person(const PeopleView& v, abm::PersonId p, std::array<double, tally::count>& t) {
  follow_release(v, p, t);
  follow_housing(v, p, t);
  for (std::size_t c = 0; c < entry_cohorts; ++c) follow_entry(v, p, c);
}

void FollowUps::follow_entry(const PeopleView& v, abm::PersonId p, std::size_t cohort) {
  if (entry_done_now_[cohort][p]) return;
  std::int32_t& entered = entry_step_now_[cohort][p];
  if (entered == abm::no_event) {
    if (matched_ || !in_cohort(v, p, cohort)) return;
    entered = step_;
    followed_[cohort].push_back(p);
  }
  const bool prison = v.in_prison(p);
  const bool rough = !prison && v.housing[p] == Housing::rough_sleeping;
  const bool housed = !prison && !v.homeless_now(p);
  auto& counts = entry_counts_now_[cohort];
  counts[0][p] += rough;
  counts[1][p] += housed;
  counts[2][p] += prison;
  counts[3][p] += v.ae_this_week[p];
  counts[4][p] += 1;
}

void FollowUps::count_entrant(const PeopleView& v, abm::PersonId p, std::size_t cohort,
                              std::array<double, tally::count>& t) {
  const auto& counts = entry_counts_now_[cohort];
  // A sustained positive exit leaves someone settled and stable: the rest of their weeks count as housed.
  const double housed_after_exit = v.left_positively[p] ? follow_up_weeks - counts[4][p] : 0.0;
  t[tally::entry_people + cohort] += 1;
  t[tally::entry_rough_sleeping + cohort] += counts[0][p];
  t[tally::entry_housed + cohort] += counts[1][p] + housed_after_exit;
  t[tally::entry_in_prison + cohort] += counts[2][p];
  t[tally::entry_ae_attendances + cohort] += counts[3][p];
  entry_done_now_[cohort][p] = 1;
}

std::vector<abm::Entry> FollowUps::entries(const abm::Population& population) const {
  std::vector<abm::Entry> out;
  for (std::size_t c = 0; c < entry_cohorts; ++c) {
    const auto steps = population.event_times(entry_step_[c]);
    for (abm::PersonId p : followed_[c]) out.push_back({p, steps[p], static_cast<std::uint32_t>(c)});
  }
  return out;
}

void FollowUps::close_release(abm::PersonId p, std::array<double, tally::count>& t) {
  const std::size_t at = release_housing_now_[p] - 1u;
  t[tally::releases_followed + at] += 1;
  t[tally::releases_returned + at] += returned_now_[p];
  release_housing_now_[p] = 0;
  returned_now_[p] = 0;
  release_step_now_[p] = abm::no_event;
}

void FollowUps::follow_release(const PeopleView& v, abm::PersonId p, std::array<double, tally::count>& t) {
  const Justice now = v.justice[p];
  const std::uint8_t before = last_justice_now_[p];
  last_justice_now_[p] = static_cast<std::uint8_t>(code(now) + 1);
  const bool followed = release_housing_now_[p] != 0;
  if (followed && before != 0 && before - 1 != code(now) && returned_to_justice(now)) returned_now_[p] = 1;
  if (followed && step_ - release_step_now_[p] >= follow_up_weeks) close_release(p, t);
  if (v.t_released[p] != step_ || v.in_prison(p)) return;
  // Released this week: a release still followed ends now (the person went back to prison in between).
  if (release_housing_now_[p] != 0) close_release(p, t);
  const std::size_t housing = v.in_transition(p) ? release_housing_transitional : v.housing.code(p);
  release_housing_now_[p] = static_cast<std::uint8_t>(housing + 1);
  release_step_now_[p] = step_;
}

void FollowUps::follow_housing(const PeopleView& v, abm::PersonId p, std::array<double, tally::count>& t) {
  const bool housed = !v.in_prison(p) && !v.homeless_now(p);
  double& housed_weeks = weeks_housed_now_[p];
  double& recorded_weeks = weeks_recorded_now_[p];
  housed_weeks = housed ? housed_weeks + 1 : 0;
  recorded_weeks += 1;
  if (!ends_year_) return;
  t[tally::present_window] += recorded_weeks >= housed_window_weeks;
  t[tally::housed_window] += housed_weeks >= housed_window_weeks;
}

}  // namespace revolve::revolving_door

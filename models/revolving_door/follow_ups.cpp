#include "models/revolving_door/follow_ups.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/core/vector_clones.hpp"

namespace revolve::revolving_door {
namespace {

/// A justice state a person enters only through a court or a recall.
bool returned_to_justice(Justice j) {
  return j == Justice::custody || j == Justice::recalled || j == Justice::community_order;
}

/// Marks with 1 the rows of [0, n) alive whose followed release (release_housing not 0) has a week that changes
/// something: their justice state differs from the one recorded (last_justice: code + 1), or their 52 weeks end;
/// and those released this week and out of prison. 0 the rest: a followed person whose justice is as recorded and
/// whose weeks go on has a week follow_release leaves as it was. A loop with no branch over columns that cannot
/// overlap (restrict), which the compiler vectorises, built for AVX2 too.
REVOLVE_AVX2_CLONES
void mark_followed(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict release_housing,
                   const std::uint8_t* __restrict last_justice, const std::int32_t* __restrict release_step,
                   const std::int32_t* __restrict released, const std::uint8_t* __restrict justice, std::int32_t step,
                   std::uint8_t* __restrict marks) {
  for (std::size_t i = 0; i < n; ++i) {
    const bool released_now = (released[i] == step) & !in_prison(static_cast<Justice>(justice[i]));
    const bool changes = (last_justice[i] != justice[i] + 1) | (step - release_step[i] >= follow_up_weeks);
    marks[i] = (alive[i] != 0) & (((release_housing[i] != 0) & changes) | released_now);
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
  housed_since_ = population.add_event_time("housed_since");
  recorded_since_ = population.add_event_time("recorded_since");
}

void FollowUps::init(double step_years) {
  step_years_ = step_years;
  year_ = 1;
  year_end_ = static_cast<std::int32_t>(std::lround(1.0 / step_years_));  // as ensemble::yearly_periods
}

void FollowUps::start_week(abm::Population& population, std::int32_t step) {
  step_ = step;
  ends_year_ = step == year_end_;
  if (ends_year_) year_end_ = static_cast<std::int32_t>(std::lround(++year_ / step_years_));
  last_justice_now_ = population.states(last_justice_).data();
  release_housing_now_ = population.states(release_housing_).data();
  returned_now_ = population.states(returned_).data();
  release_step_now_ = population.event_times(release_step_).data();
  housed_since_now_ = population.event_times(housed_since_).data();
  recorded_since_now_ = population.event_times(recorded_since_).data();
}

void FollowUps::mark_releases(const PeopleView& v, abm::PersonId first, abm::PersonId n, std::uint8_t* marks) const {
  mark_followed(n, v.alive + first, release_housing_now_ + first, last_justice_now_ + first,
                release_step_now_ + first, v.t_released + first, v.justice.codes_from(first), step_, marks);
}

void FollowUps::close_release(abm::PersonId p, PeopleCounts& t) {
  const std::size_t at = release_housing_now_[p] - 1u;
  t[tally::releases_followed + at] += 1;
  t[tally::releases_returned + at] += returned_now_[p];
  release_housing_now_[p] = 0;
  returned_now_[p] = 0;
  release_step_now_[p] = abm::no_event;
}

void FollowUps::follow_release(const PeopleView& v, abm::PersonId p, PeopleCounts& t) {
  const Justice now = v.justice[p];
  // Justice is recorded week by week only while a release is followed: a change is looked for then alone.
  if (release_housing_now_[p] != 0) {
    const std::uint8_t before = last_justice_now_[p];
    last_justice_now_[p] = static_cast<std::uint8_t>(code(now) + 1);
    if (before != 0 && before - 1 != code(now) && returned_to_justice(now)) returned_now_[p] = 1;
    if (step_ - release_step_now_[p] >= follow_up_weeks) close_release(p, t);
  }
  if (v.t_released[p] != step_ || v.in_prison(p)) return;
  last_justice_now_[p] = static_cast<std::uint8_t>(code(now) + 1);
  // Released this week: a release still followed ends now (the person went back to prison in between).
  if (release_housing_now_[p] != 0) close_release(p, t);
  const std::size_t housing = v.in_transition(p) ? release_housing_transitional : v.housing.code(p);
  release_housing_now_[p] = static_cast<std::uint8_t>(housing + 1);
  release_step_now_[p] = step_;
}

void FollowUps::note(const StateTally::Change& change) {
  const abm::PersonId p = change.person;
  if (change.was == 0) recorded_since_now_[p] = step_;  // alive people are recorded every week from their first
  if (signature::housed(change.is) && !signature::housed(change.was)) housed_since_now_[p] = step_;
}

void FollowUps::count_window(const PeopleView& v, abm::PersonId p, PeopleCounts& t) const {
  // Weeks recorded, and housed without a break, up to and including this one.
  const bool housed = !v.in_prison(p) && !v.homeless_now(p);
  t[tally::present_window] += step_ - recorded_since_now_[p] + 1 >= housed_window_weeks;
  t[tally::housed_window] += housed && step_ - housed_since_now_[p] + 1 >= housed_window_weeks;
}

}  // namespace revolve::revolving_door

#pragma once
// Support episodes that several rules start and end: the person's stability (the sustained-exit
// conditions of design 5.8) and the closing of MTAM and navigator cases (calibration targets 12, 13).
#include "models/revolving_door/events.hpp"
#include "models/revolving_door/people.hpp"

namespace revolve::revolving_door {

/// Settled or Housing First tenancy, no custody, licence or recall, mental health stable or treated,
/// substance use none or treated (design 5.8).
inline bool meets_exit_conditions(Housing h, Justice j, Mental m, Substance s) {
  // Bitwise, so that no branch depends on the person's states.
  const bool housed = (h == Housing::settled) | (h == Housing::housing_first);
  const bool free = (j == Justice::none) | (j == Justice::community_order);
  const bool well = (m == Mental::stable) | (m == Mental::treatment);
  return housed & free & well & (s != Substance::problematic);
}
inline bool meets_exit_conditions(const PeopleView& v, abm::PersonId p) {
  return meets_exit_conditions(v.housing[p], v.justice[p], v.mental_health[p], v.substance[p]);
}

/// Ends person p's MTAM or navigator episode, if they have one: counts the closed case, its length
/// and whether it ended well (the person stable, or leaving by a positive exit). Support is left to
/// the caller.
inline void close_coordinator_episode(const PeopleView& v, abm::PersonId p, std::uint32_t step, bool positive_exit,
                                      const EventCounters& events, abm::BlockCounts& counts) {
  const Support s = v.support[p];
  if (s != Support::mtam && s != Support::navigator) return;
  const std::uint8_t g = v.group.code(p);
  counts.add(events(Event::coordinator_episode_end, g));
  counts.add(events(Event::coordinator_episode_weeks, g), static_cast<std::int64_t>(step) - v.t_coordinator_start[p]);
  if (positive_exit || meets_exit_conditions(v, p)) counts.add(events(Event::coordinator_episode_positive, g));
  v.t_coordinator_start[p] = abm::no_event;
}

/// Starts a new relationship with a worker of another service.
inline void start_support(const PeopleView& v, abm::PersonId p, Support support) {
  v.support[p] = support;
  v.weeks_with_worker[p] = 0;
}

}  // namespace revolve::revolving_door

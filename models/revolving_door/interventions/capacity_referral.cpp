#include "models/revolving_door/interventions/capacity_referral.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "models/revolving_door/housing_moves.hpp"

namespace revolve::revolving_door {
namespace {

/// Whether candidate a looks an easier client than b to a provider paid by outcomes: moderate need first, then
/// outside the priority groups, then the fewest evictions, recalls and crises; ties by id.
bool easier(const PeopleView& v, abm::PersonId a, abm::PersonId b) {
  const auto key = [&](abm::PersonId p) {
    const double history = v.evictions[p] + v.recalls[p] + v.crises[p];
    return std::tuple(v.need[p] == Need::high, v.group[p] != Group::wider, history, p);
  };
  return key(a) < key(b);
}

}  // namespace

void CapacityReferral::declare(abm::Run& run) {
  selection_share_ = run.signals().read("commissioning.selection_share", Phase::interventions);
}

void CapacityReferral::step(Phase phase, abm::Run& run) {
  if (phase == Phase::advance_clock) {
    set_week(run);
  } else if (refers_this_week()) {
    refer(run);
  }
}

void CapacityReferral::refer(abm::Run& run) {
  const PeopleView v = PeopleView::of(run.population(), columns_);
  SerialCounts serial(run);
  const ReferralWeek week{run, v, serial.counts(), run.key().run, run.clock().step()};
  candidates_.clear();
  start_pass();
  visit_people(week);
  const std::int64_t free = room(week);
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max<std::int64_t>(0, free)), candidates_.size());
  if (n == 0) return;
  // Under payment by reported outcomes a share of the room goes to the easiest candidates (0 otherwise).
  const double share = run.signals().value(selection_share_);
  rank(v, n, std::min(n, static_cast<std::size_t>(std::lround(share * static_cast<double>(n)))));
  for (std::size_t i = 0; i < n; ++i) offer(week, candidates_[i]);
}

void CapacityReferral::rank(const PeopleView& v, std::size_t n, std::size_t easiest) {
  const auto first = candidates_.begin();
  const auto at = [&](std::size_t i) { return first + static_cast<std::ptrdiff_t>(i); };
  if (easiest > 0) {
    std::partial_sort(first, at(easiest), candidates_.end(),
                      [&](abm::PersonId a, abm::PersonId b) { return easier(v, a, b); });
  }
  std::partial_sort(at(easiest), at(n), candidates_.end(),
                    [&](abm::PersonId a, abm::PersonId b) { return before(v, a, b); });
}

}  // namespace revolve::revolving_door

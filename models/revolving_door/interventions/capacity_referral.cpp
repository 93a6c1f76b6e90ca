#include "models/revolving_door/interventions/capacity_referral.hpp"

#include <algorithm>

#include "models/revolving_door/housing_moves.hpp"

namespace revolve::revolving_door {

void CapacityReferral::init(abm::Run& run) {
  columns_ = Columns::resolve(run.population());
  events_ = EventCounters::resolve(run);
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
  for (abm::PersonId p = 0; p < v.size; ++p) {
    if (v.alive[p]) visit(week, p);
  }
  const std::int64_t free = room(week);
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max<std::int64_t>(0, free)), candidates_.size());
  if (n == 0) return;
  std::partial_sort(candidates_.begin(), candidates_.begin() + static_cast<std::ptrdiff_t>(n), candidates_.end(),
                    [&](abm::PersonId a, abm::PersonId b) { return before(v, a, b); });
  for (std::size_t i = 0; i < n; ++i) offer(week, candidates_[i]);
}

}  // namespace revolve::revolving_door

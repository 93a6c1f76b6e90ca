#include "models/revolving_door/housing_moves.hpp"

#include <algorithm>
#include <cmath>

#include "models/revolving_door/episodes.hpp"
#include "sim/abm/alive.hpp"

namespace revolve::revolving_door {

void move_housing(const PeopleView& v, abm::PersonId p, Housing to, std::uint32_t step) {
  const Housing from = v.housing[p];
  const bool street_hostel = (from == Housing::rough_sleeping && to == Housing::temporary) ||
                             (from == Housing::temporary && to == Housing::rough_sleeping);
  if (street_hostel) {
    v.t_street_hostel_move_before[p] = v.t_street_hostel_move[p];
    v.t_street_hostel_move[p] = static_cast<std::int32_t>(step);
  }
  v.housing[p] = to;
  v.weeks_in_housing[p] = 0;
  if (v.waiting_for[p] == WaitingFor::temporary || v.waiting_for[p] == WaitingFor::supported) {
    v.waiting_for[p] = WaitingFor::nothing;
  }
  if (!homeless(to)) {
    v.weeks_homeless[p] = 0;
    v.housing_first_off[p] = 0;  // a new homelessness spell may bring a new offer
  }
}

void move_on_to_tenancy(const PeopleView& v, abm::PersonId p, std::uint32_t step) {
  move_housing(v, p, Housing::settled, step);
  if (v.support[p] == Support::none) start_support(v, p, Support::usual);
}

void count_eviction(const PeopleView& v, abm::PersonId p, const EventCounters& events, abm::BlockCounts& counts) {
  v.evictions[p] += 1;
  events.count(counts, Event::eviction, v.group.code(p), v.cost_cell[p]);
}

void FreePlaces::declare(Signals& signals, Phase phase) {
  temporary_ = signals.take_from("system.temporary free places", phase);
  supported_ = signals.take_from("system.supported free places", phase);
}

bool FreePlaces::take(Signals& signals, Housing housing) const {
  return signals.take(housing == Housing::temporary ? temporary_ : supported_);
}

void HousingQueue::grant(abm::Run& run, const PeopleView& v) {
  const random::Stream order = run.stream("housing.queue");
  const std::uint32_t run_number = run.key().run, step = run.clock().step();
  requests_.clear();
  // The few with a request, found many rows at a time.
  const auto requests = [&](std::size_t p) { return (v.request.code(p) != code(Request::none)) & (v.alive[p] != 0); };
  abm::for_each_where(0, static_cast<abm::PersonId>(v.size), requests, [&](abm::PersonId p) {
    requests_.push_back({order.uniform(run_number, v.id[p], step), p});
  });
  std::sort(requests_.begin(), requests_.end(),
            [](const Entry& a, const Entry& b) { return a.key < b.key || (a.key == b.key && a.person < b.person); });
  for (const Entry& e : requests_) {
    const abm::PersonId p = e.person;
    const Request request = v.request[p];
    v.request[p] = Request::none;
    const Housing place = request == Request::supported ? Housing::supported : Housing::temporary;
    if (places_.take(run.signals(), place)) {
      move_housing(v, p, place, step);
      continue;
    }
    if (request == Request::temporary_after_eviction) move_housing(v, p, Housing::rough_sleeping, step);
    if (v.waiting_for[p] != WaitingFor::housing_first) {
      v.waiting_for[p] = place == Housing::supported ? WaitingFor::supported : WaitingFor::temporary;
    }
  }
}

void ReleaseRule::declare(abm::Run& run, Phase phase) {
  places_.declare(run.signals(), phase);
  share_offered_ = run.signals().read("release_accommodation.share_offered", phase);
  stream_ = run.stream("justice.release");
}

Event ReleaseRule::place(const PeopleView& v, abm::PersonId p, abm::Run& run, const Parameters& P,
                         std::uint32_t step) const {
  Signals& signals = run.signals();
  const auto u = stream_.uniforms4(run.key().run, v.id[p], step);
  const auto s = static_cast<std::int32_t>(step);
  if (u[0] < signals.value(share_offered_) && u[1] < P.release_accommodation.acceptance) {
    // Transitional accommodation is held as supported housing outside the supported places.
    move_housing(v, p, Housing::supported, step);
    v.ti_transition_end[p] = s + std::max(1, static_cast<int>(std::lround(P.release_accommodation.stay)));
    return Event::release_transitional;
  }
  if (u[2] < P.justice.release_to_rough_if_no_home) {
    move_housing(v, p, Housing::rough_sleeping, step);
    return Event::release_rough_sleeping;
  }
  if (u[3] < P.justice.release_to_supported_if_no_home && places_.take(signals, Housing::supported)) {
    move_housing(v, p, Housing::supported, step);
    return Event::release_supported;
  }
  if (places_.take(signals, Housing::temporary)) {
    move_housing(v, p, Housing::temporary, step);
    return Event::release_temporary;
  }
  move_housing(v, p, Housing::rough_sleeping, step);
  v.waiting_for[p] = WaitingFor::temporary;
  return Event::release_rough_sleeping;
}

}  // namespace revolve::revolving_door

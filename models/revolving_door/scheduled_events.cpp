#include "models/revolving_door/scheduled_events.hpp"

#include <algorithm>
#include <cmath>

#include "sim/abm/alive.hpp"
#include "sim/core/vector_clones.hpp"

namespace revolve::revolving_door {
namespace {

/// Whether a scheduled time has come, and if so clears it (each event fires once).
bool due(std::int32_t& time, std::uint32_t step) {
  if (time == abm::no_event || time > static_cast<std::int32_t>(step)) return false;
  time = abm::no_event;
  return true;
}

/// Marks with 1 the rows of [0, n) alive with any of their six scheduled times come (abm::no_event is later than any
/// step), 0 the rest: a loop with no branch over columns that cannot overlap (restrict), which the compiler
/// vectorises, and builds for AVX2 too (sim/core/vector_clones.hpp).
REVOLVE_AVX2_CLONES
void mark_due(std::size_t n, const std::uint8_t* __restrict alive, const std::int32_t* __restrict transition_end,
              const std::int32_t* __restrict release, const std::int32_t* __restrict recall_end,
              const std::int32_t* __restrict licence_end, const std::int32_t* __restrict order_end,
              const std::int32_t* __restrict discharge, std::int32_t step, std::uint8_t* __restrict marks) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t first = std::min(std::min(std::min(transition_end[i], release[i]), recall_end[i]),
                                        std::min(std::min(licence_end[i], order_end[i]), discharge[i]));
    marks[i] = (alive[i] != 0) & (first <= step);
  }
}

/// Calls fn(p), in id order, for the people alive with a scheduled time come (mark_due), few a week.
template <class Fn>
void for_each_due(const PeopleView& v, std::int32_t step, Fn&& fn) {
  const auto mark = [&](abm::PersonId first, abm::PersonId n, std::uint8_t* marks) {
    mark_due(n, v.alive + first, v.ti_transition_end + first, v.ti_release + first, v.ti_recall_end + first,
             v.ti_licence_end + first, v.ti_order_end + first, v.ti_discharge + first, step, marks);
  };
  abm::for_each_marked_by(0, static_cast<abm::PersonId>(v.size), mark, fn);
}

}  // namespace

void ScheduledEvents::declare(abm::Run& run) {
  places_.declare(run.signals(), Phase::scheduled_events);
  release_.declare(run, Phase::scheduled_events);
}

void ScheduledEvents::step(Phase, abm::Run& run) {
  const PeopleView v = PeopleView::of(run.population(), columns_);
  const std::uint32_t step = run.clock().step();
  const random::Stream discharge = run.stream("mental_health.discharge"),
                       move_on = run.stream("release_accommodation.move_on");
  SerialCounts serial(run);
  for_each_due(v, static_cast<std::int32_t>(step), [&](abm::PersonId p) {
    if (v.ti_transition_end[p] != abm::no_event && v.ti_transition_end[p] <= static_cast<std::int32_t>(step)) {
      end_transitional_stay(run, v, p, move_on.uniform(run.key().run, v.id[p], step));
    }
    if (due(v.ti_release[p], step)) release(run, v, p, false, serial.counts());
    if (due(v.ti_recall_end[p], step)) release(run, v, p, true, serial.counts());
    // A licence that ends during a recall ends at the recall's end (release() sees it has passed).
    if (v.justice[p] == Justice::licence && due(v.ti_licence_end[p], step)) v.justice[p] = Justice::none;
    if (due(v.ti_order_end[p], step) && v.justice[p] == Justice::community_order) v.justice[p] = Justice::none;
    if (due(v.ti_discharge[p], step)) {
      const bool treated =
          discharge.uniform(run.key().run, v.id[p], step) < setup_->parameters.mental_health.discharge_to_treatment;
      v.mental_health[p] = treated ? Mental::treatment : Mental::unwell;
    }
  });
}

void ScheduledEvents::release(abm::Run& run, const PeopleView& v, abm::PersonId p, bool end_of_recall,
                              abm::BlockCounts& counts) {
  const Parameters& P = setup_->parameters;
  const std::uint32_t step = run.clock().step();
  const auto now = static_cast<std::int32_t>(step);
  const EventCounters& events = events_;
  const std::uint8_t g = v.group.code(p);
  if (!end_of_recall) {
    v.ti_licence_end[p] = now + std::max(1, static_cast<int>(std::lround(P.justice.licence_length)));
    if (v.short_sentence[p]) {
      v.awaiting_rearrest[p] = 1;
      counts.add(events(Event::release_short_sentence, g));
    }
  }
  const bool licence_left = v.ti_licence_end[p] != abm::no_event && v.ti_licence_end[p] > now;
  v.justice[p] = licence_left ? Justice::licence : Justice::none;
  if (!licence_left) v.ti_licence_end[p] = abm::no_event;
  v.t_released[p] = now;
  counts.add(events(Event::release, g));
  // A kept home is held as the housing state; rough_sleeping in prison means no home.
  if (v.housing[p] != Housing::rough_sleeping) {
    counts.add(events(Event::release_home, g));
    return;
  }
  counts.add(events(release_.place(v, p, run, P, step), g));
}

/// The end of person p's transitional stay: a settled tenancy with
/// release_accommodation.move_on_to_settled (uniform u), else a hostel if a place is free, else the
/// street, waiting for a hostel.
void ScheduledEvents::end_transitional_stay(abm::Run& run, const PeopleView& v, abm::PersonId p, double u) {
  const std::uint32_t step = run.clock().step();
  v.ti_transition_end[p] = abm::no_event;
  if (u < setup_->parameters.release_accommodation.move_on_to_settled) {
    move_on_to_tenancy(v, p, step);
  } else if (places_.take(run.signals(), Housing::temporary)) {
    move_housing(v, p, Housing::temporary, step);
  } else {
    move_housing(v, p, Housing::rough_sleeping, step);
    v.waiting_for[p] = WaitingFor::temporary;
  }
}

}  // namespace revolve::revolving_door

#include "sim/abm/scheduled_event.hpp"

namespace revolve::abm {

void ScheduledEvent::init(Run& run) {
  const Population& population = run.population();
  time_ = population.event_time(spec_.time);
  if (!spec_.column.empty()) {
    column_ = population.state(spec_.column);
    to_ = population.category(column_, spec_.to);
  }
}

void ScheduledEvent::step(Phase, Run& run) {
  Population& population = run.population();
  const std::span<std::int32_t> times = population.event_times(time_);
  const std::span<std::uint8_t> alive = population.alive();
  const std::span<std::uint8_t> states = spec_.column.empty() ? std::span<std::uint8_t>() : population.states(column_);
  const auto now = static_cast<std::int32_t>(run.clock().step());

  run.for_each_block([&](PersonId first, PersonId last, BlockCounts& counts) {
    for (PersonId p = first; p < last; ++p) {
      if (!alive[p] || times[p] > now) continue;
      times[p] = no_event;
      counts.add(counter_);
      if (!states.empty()) states[p] = to_;
      if (spec_.exits) alive[p] = 0;
    }
  });
}

}  // namespace revolve::abm

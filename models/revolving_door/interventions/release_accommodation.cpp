#include "models/revolving_door/interventions/release_accommodation.hpp"

#include "models/revolving_door/housing_moves.hpp"

namespace revolve::revolving_door {

void ReleaseAccommodation::step(Phase phase, abm::Run& run) {
  if (phase == Phase::advance_clock) {
    const double level = state_->setup->schedule(Intervention::release_accommodation).level(state_->week.years);
    state_->week.interventions.level[code(Intervention::release_accommodation)] = level;
    state_->week.interventions.release_share_offered = state_->parameters().release_accommodation.share_offered * level;
    return;
  }
  end_stays(run);
}

void ReleaseAccommodation::end_stays(abm::Run& run) {
  const PeopleView v = state_->view(run);
  const std::uint32_t step = run.clock().step();
  const auto now = static_cast<std::int32_t>(step);
  const random::Stream move_on = run.stream("release_accommodation.move_on");
  const double to_settled = state_->parameters().release_accommodation.move_on_to_settled;
  for (abm::PersonId p = 0; p < v.size; ++p) {
    if (!v.alive[p] || v.ti_transition_end[p] == abm::no_event || v.ti_transition_end[p] > now) continue;
    v.ti_transition_end[p] = abm::no_event;
    if (move_on.uniform(run.key().run, p, step) < to_settled) {
      move_housing(v, p, Housing::settled, step);
    } else if (state_->week.places.take(Housing::temporary)) {
      move_housing(v, p, Housing::temporary, step);
    } else {
      move_housing(v, p, Housing::rough_sleeping, step);
      v.waiting_for[p] = code(WaitingFor::temporary);
    }
  }
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/interventions/release_accommodation.hpp"

#include "models/revolving_door/housing_moves.hpp"

namespace revolve::revolving_door {

void ReleaseAccommodation::step(Phase, abm::Run&) {
  const double level = state_->setup->schedule(Intervention::release_accommodation).level(state_->week.years);
  state_->week.interventions.level[code(Intervention::release_accommodation)] = level;
  state_->week.interventions.release_share_offered = state_->parameters().release_accommodation.share_offered * level;
}

void end_transitional_stay(const PeopleView& v, abm::PersonId p, RunState& state, double u, std::uint32_t step) {
  v.ti_transition_end[p] = abm::no_event;
  if (u < state.parameters().release_accommodation.move_on_to_settled) {
    move_on_to_tenancy(v, p, step);
  } else if (state.week.places.take(Housing::temporary)) {
    move_housing(v, p, Housing::temporary, step);
  } else {
    move_housing(v, p, Housing::rough_sleeping, step);
    v.waiting_for[p] = code(WaitingFor::temporary);
  }
}

}  // namespace revolve::revolving_door

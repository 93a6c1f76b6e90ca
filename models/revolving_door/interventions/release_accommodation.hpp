#pragma once
// Accommodation on release from prison (design.md section 9.4; issue 5): a share of prison leavers
// with no home to go back to (release_accommodation.share_offered x the intervention's level) are
// offered transitional accommodation; at the end of the stay they move on to a settled tenancy or a
// hostel. The offer is made by the release rule (housing_moves.cpp) and the stay ends as a scheduled
// event (scheduled_events.cpp calls end_transitional_stay); this module sets the week's share.
#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class ReleaseAccommodation : public abm::Module {
 public:
  explicit ReleaseAccommodation(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::advance_clock}; }
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
};

/// The end of person p's transitional stay: a settled tenancy with
/// release_accommodation.move_on_to_settled (uniform u), else a hostel if a place is free, else the
/// street, waiting for a hostel.
void end_transitional_stay(const PeopleView& v, abm::PersonId p, RunState& state, double u, std::uint32_t step);

}  // namespace revolve::revolving_door

#pragma once
// Accommodation on release from prison (design.md section 9.4; issue 5): a share of prison leavers
// with no home to go back to (release_accommodation.share_offered x the intervention's level) are
// offered transitional accommodation; at the end of the stay they move on to a settled tenancy or a
// hostel. The offer is made by the release rule (housing_moves.cpp); this module sets the share and
// ends the stays.
#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class ReleaseAccommodation : public abm::Module {
 public:
  explicit ReleaseAccommodation(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::advance_clock, Phase::scheduled_events}; }
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;

  void end_stays(abm::Run& run);
};

}  // namespace revolve::revolving_door

// Accommodation on release from prison (docs/model/design.md, 'Accommodation on release'): a share of prison
// leavers with no home to go back to (release_accommodation.share_offered x the level) are offered transitional
// accommodation; at the end of the stay they move on to a settled tenancy or a hostel. The offer is made by the
// release rule (housing_moves.cpp), which reads the share this module publishes, and the stay ends as a scheduled
// event (scheduled_events.cpp).
#include "models/revolving_door/interventions/intervention.hpp"

namespace revolve::revolving_door {
namespace {

class ReleaseAccommodation : public Intervention {
 public:
  explicit ReleaseAccommodation(std::shared_ptr<const ModelSetup> setup)
      : Intervention(std::move(setup), "release_accommodation") {}

  PhaseSet phases() const override { return {Phase::advance_clock}; }

  void declare(abm::Run& run) override {
    share_offered_ = run.signals().write("release_accommodation.share_offered", Phase::advance_clock);
  }

  void step(Phase, abm::Run& run) override {
    run.signals().set(share_offered_, parameters().release_accommodation.share_offered * level(run));
  }

  void week_costs(const abm::Run&, const GroupWeeks& week, std::array<double, group_count>& cost) const override {
    for (std::size_t g = 0; g < group_count; ++g) {
      cost[g] = week[g].people[tally::in_transition] * parameters().release_accommodation.cost;
    }
  }

 private:
  Signal share_offered_;
};

}  // namespace

std::unique_ptr<Intervention> make_release_accommodation(std::shared_ptr<const ModelSetup> setup) {
  return std::make_unique<ReleaseAccommodation>(std::move(setup));
}

}  // namespace revolve::revolving_door

#pragma once
// What the people tell the system each week (Phase::people_to_system, and once at init for the
// starting cohort): occupancy of capped accommodation and Housing First tenancies, the waiting lists,
// and the clients of each service (Housing First clients weighted by their first-year workload).
// Written as "system.<input>" signals, which the coupler copies into system.yaml's inputs.
#include <array>
#include <memory>

#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/people_module.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class SystemFeeds : public PeopleModule {
 public:
  using PeopleModule::PeopleModule;

  std::string name() const override { return "system_feeds"; }
  std::vector<std::string> after() const override { return {"cohort"}; }  // the starting cohort exists at init
  PhaseSet phases() const override { return {Phase::people_to_system}; }
  void declare(abm::Run& run) override;
  void init(abm::Run& run) override;
  void step(Phase, abm::Run& run) override { feed(run); }

 private:
  Signal temporary_, supported_, tenancies_, waiting_temporary_, waiting_supported_, waiting_housing_first_;
  std::array<Signal, service_count> clients_;

  void feed(abm::Run& run);
};

}  // namespace revolve::revolving_door

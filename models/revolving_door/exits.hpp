#pragma once
// Leaving the cohort (docs/model/design.md, 'Mortality' and 'Leaving the area and sustained exits'): deaths, moving
// away, and sustained positive exits after enough weeks of stability. Also checks Housing First tenancies at their
// first and third anniversaries (tenancy sustainment). One parallel pass over blocks.
#include <memory>
#include <optional>
#include <vector>

#include "models/revolving_door/events.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/mortality.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/people_module.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class Exits : public PeopleModule {
 public:
  using PeopleModule::PeopleModule;

  std::string name() const override { return "exits"; }
  PhaseSet phases() const override { return {Phase::exits_and_entries}; }
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  std::optional<DeathBounds> death_bounds_;  // of this run's mortality, from init
};

}  // namespace revolve::revolving_door

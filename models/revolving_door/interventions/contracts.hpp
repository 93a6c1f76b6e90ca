#pragma once
// Commissioning (design.md sections 8.3, 9.5; issue 5). Contract length and extension are the
// parameters contracts.term and contracts.extension (3+2 years in the baseline, 5+5 after Bristol's
// 2016 change); the cycles themselves run in the system (contract_cycle.cpp, services.cpp). This
// intervention is the alliance (collaborative) contract: at its level (0 to 1) staff turnover falls
// towards contracts.alliance_turnover_multiplier, a re-tender rarely changes the provider, and
// usual services can build more trust (engagement ceiling towards contracts.alliance_ceiling_usual).
#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class AllianceContracts : public abm::Module {
 public:
  explicit AllianceContracts(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::advance_clock}; }
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
};

}  // namespace revolve::revolving_door

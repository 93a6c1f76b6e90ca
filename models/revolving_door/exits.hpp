#pragma once
// Leaving the cohort (design.md sections 5.7, 5.8): deaths, moving away, and sustained positive
// exits after enough weeks of stability. Also checks Housing First tenancies at their first and
// third anniversaries (tenancy sustainment, calibration target 8). One parallel pass over blocks.
#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class Exits : public abm::Module {
 public:
  explicit Exits(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::exits_and_entries}; }
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
};

}  // namespace revolve::revolving_door

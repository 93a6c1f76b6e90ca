#pragma once
// The weekly transitions of every person (design.md section 5): one kernel over blocks of people in
// parallel, every domain's hazards read from the start-of-week state (synchronous update), then the
// housing queue grants the week's requests for capped places.
#include <memory>

#include "models/revolving_door/housing_moves.hpp"
#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class PeopleKernel : public abm::Module {
 public:
  explicit PeopleKernel(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::transitions}; }
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
  std::unique_ptr<HousingQueue> queue_;
};

}  // namespace revolve::revolving_door

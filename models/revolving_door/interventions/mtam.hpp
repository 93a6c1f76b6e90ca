#pragma once
// My Team Around Me (design.md section 9.2; issue 5): a lead coordinator with a virtual
// multi-agency team and one plan. Coverage grows by programme year (mtam.coverage_year1..3, times
// the intervention's level) within the coordinators in post; priority groups come first, then the
// people with the most evictions, recalls and crises. For clients: lower thresholds and fewer
// hand-offs into treatment, faster crisis response, shared risk (fewer evictions and exclusions),
// probation in the team (fewer breach recalls) and trust that can reach its full height; all scaled
// by team maturity (the early dip).
#include <vector>

#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class Mtam : public abm::Module {
 public:
  explicit Mtam(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::advance_clock, Phase::interventions}; }
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
  std::vector<abm::PersonId> candidates_;
  bool running_ = false;  // the service ran last week (so it may have clients to close)

  void set_week();
  void refer(abm::Run& run, const PeopleView& v);
};

}  // namespace revolve::revolving_door

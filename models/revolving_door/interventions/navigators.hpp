#pragma once
// Navigators for high-impact A&E users (design.md section 9.3; issue 5): navigator.staff x the
// intervention's level posts, on fixed-term contracts at whose ends some navigators leave. After the
// set-up time, people with at least navigator.referral_threshold A&E attendances in the past year
// are referred into free slots (the most frequent attenders first); those who engage attend A&E
// less and can build full trust.
#include <cstdint>
#include <vector>

#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class Navigators : public abm::Module {
 public:
  explicit Navigators(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::advance_clock, Phase::interventions}; }
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
  std::vector<abm::PersonId> candidates_;
  bool running_ = false;             // the service ran last week (so it may have clients to close)
  std::int64_t contract_round_ = 0;  // fixed-term contracts the service has been through

  void set_week();
  void refer(abm::Run& run, const PeopleView& v);
};

}  // namespace revolve::revolving_door

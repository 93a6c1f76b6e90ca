#pragma once
// Housing First (design.md section 9.1; issue 5). Places exist in the baseline
// (housing_first.places); the intervention adds housing_first.added_places x its level, which
// become ready through the supply pipeline of the system. Each week eligible people join the
// waiting list, some drop out, and while a place and a worker slot are free the longest homeless
// is offered a tenancy with Housing First support.
#include <vector>

#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

/// A Housing First client's workload: new_client_workload times an established tenant's at the
/// start, falling linearly to 1 over the first year (design 8.2). Tenants from before the run count
/// as established.
double housing_first_workload(const PeopleView& v, abm::PersonId p, std::uint32_t step, double new_client_workload);

class HousingFirst : public abm::Module {
 public:
  explicit HousingFirst(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::advance_clock, Phase::interventions}; }
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
  std::vector<abm::PersonId> waiting_;

  /// Keeps the waiting list (joining, leaving, dropping out); returns the free offers this week.
  std::int64_t update_waiting_list(abm::Run& run, const PeopleView& v);
  void make_offers(abm::Run& run, const PeopleView& v, std::int64_t offers);
};

}  // namespace revolve::revolving_door

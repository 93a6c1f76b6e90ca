#pragma once
// The services around the people: the stock-flow system of system.yaml (places, the Housing First
// pipeline, workforce) and the contract cycles of the usual pathway and of Housing First support,
// coupled to the people every week (design.md section 8).
//
//   Phase::advance_clock     the contract cycles move on a week; this week's funded places, posts,
//                            turnover multipliers and staff-loss pulses go in; the system is refreshed
//                            and people's rules get free places, leaver fractions, caseload ratios.
//                            (Read here rather than in system_to_people because releases, in
//                            scheduled_events, already need free places.)
//   Phase::people_to_system  occupancy, clients and waiting lists go in; the system is refreshed, so
//                            the week's flows see them (no one-week lag).
//   Phase::integrate_system  the system advances one week.
#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/revolving_door/contract_cycle.hpp"
#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"
#include "sim/ensemble/scenario_model.hpp"
#include "sim/sd/compiled_model.hpp"
#include "sim/sd/simulation.hpp"

namespace revolve::revolving_door {

/// Loads system.yaml, sets each parameter variable's equation from the parameters, and compiles it.
std::shared_ptr<const sd::CompiledModel> compile_system(const std::filesystem::path& file, const Parameters& p);

/// A system variable reported as an output ("system.staff_mtam" from "staff[mtam]").
struct SystemOutput {
  std::string column;
  std::string variable;
  std::string unit;
  ensemble::Aggregation aggregation = ensemble::Aggregation::level;
};
/// The system outputs, in output order.
const std::vector<SystemOutput>& system_outputs();

class Services : public abm::Module {
 public:
  explicit Services(SharedState state) : state_(std::move(state)) {}

  PhaseSet phases() const override { return {Phase::advance_clock, Phase::people_to_system, Phase::integrate_system}; }
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

  /// The system outputs' values now, in system_outputs() order.
  void read_outputs(std::vector<double>& values) const;

 private:
  /// Registers of the system's variables, resolved once.
  struct Slots {
    std::uint32_t added_places, coverage_target, navigator_posts, capacity_factor_usual, capacity_factor_housing_first;
    std::uint32_t temporary_occupancy, supported_occupancy, housing_first_tenancies;
    std::uint32_t waiting_temporary, waiting_supported, waiting_housing_first;
    std::uint32_t temporary_free, supported_free, housing_first_ready, retenders, provider_changes;
    std::array<std::uint32_t, service_count> turnover_multiplier, staff_loss, clients, staff, leaver_fraction,
        caseload_ratio;
  };

  SharedState state_;
  std::optional<sd::Simulation> system_;
  Slots slots_{};
  std::vector<std::uint32_t> output_slots_;
  std::optional<ContractCycle> usual_contract_, housing_first_contract_;

  ContractTerms contract_terms() const;
  void advance_contracts(abm::Run& run);
  void set_interventions();
  void read_for_people();
  void feed_people(abm::Run& run);
};

}  // namespace revolve::revolving_door

#pragma once
// The services around the people: the stock-flow model of system.yaml (places, the Housing First
// pipeline, workforce), compiled with the parameters bound, and coupled to the people through the
// engine's coupler (sim/coupling): modules read "system.<variable>" and write "system.<input>"
// signals. What the system records as outputs is listed here.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "models/revolving_door/parameters.hpp"
#include "sim/ensemble/scenario_model.hpp"
#include "sim/sd/compiled_model.hpp"

namespace revolve::revolving_door {

/// Loads system.yaml and compiles it with each parameter variable bound to its parameter.
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

}  // namespace revolve::revolving_door

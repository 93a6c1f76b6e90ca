#pragma once
// The revolving-door model as the commands and Python see it (sim/ensemble/scenario_model.hpp):
//
//   auto model = revolving_door::make_revolving_door_model("models/revolving_door");
//   auto prepared = model->prepare(io::parse_scenario("scenarios/bristol/baseline.yaml"));
//   abm::Run run({.seed = 1, .run = 0});
//   prepared->build(run);
//   run.run(prepared->steps());
//
// The folder holds parameters.yaml (every number, with its source) and system.yaml (the stock-flow
// model of the services). docs/model/design.md describes what the model does.
#include <filesystem>
#include <memory>
#include <vector>

#include "models/revolving_door/model_setup.hpp"
#include "sim/ensemble/scenario_model.hpp"

namespace revolve::revolving_door {

/// Loads the model from its folder. Throws InputError or ParameterError naming the file and line.
std::unique_ptr<ensemble::ScenarioModel> make_revolving_door_model(const std::filesystem::path& model_dir);

/// The modules of one run of a prepared setup. The order they are added in does not matter: who acts
/// first in each phase follows from the signals they read and write and their after().
std::vector<std::unique_ptr<abm::Module>> revolving_door_modules(std::shared_ptr<const ModelSetup> setup);
/// Adds revolving_door_modules() to a run.
void add_revolving_door(abm::Run& run, std::shared_ptr<const ModelSetup> setup);

/// The setup of a prepared scenario: its parameters, schedules and system. For tests and tools that
/// look inside a prepared scenario of this model; throws revolve::Error for another model's.
std::shared_ptr<const ModelSetup> setup_of(const ensemble::PreparedScenario& prepared);

}  // namespace revolve::revolving_door

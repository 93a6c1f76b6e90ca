#pragma once
// The domain models that scenario files can name, for the command line and the Python package:
// the one place that knows which models exist.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/ensemble/scenario_model.hpp"

namespace revolve::models {

/// The folder holding each model's folder (models/<name>/ with parameters.yaml and its other files):
/// $REVOLVE_MODELS_DIR if set, otherwise the source tree's models/ folder this program was built from.
std::filesystem::path models_dir();

/// The names scenario files may give as `model:`.
std::vector<std::string> scenario_model_names();

/// Load model `name` from models_dir() (once; later calls share it). Throws ScenarioError naming the
/// known models if there is no such model.
std::shared_ptr<const ensemble::ScenarioModel> scenario_model(const std::string& name);

}  // namespace revolve::models

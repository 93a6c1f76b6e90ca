#include "models/scenario_models.hpp"

#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>

#include "models/revolving_door/model.hpp"
#include "sim/core/error.hpp"
#include "sim/core/suggest.hpp"

namespace revolve::models {
namespace {

using Factory = std::function<std::unique_ptr<ensemble::ScenarioModel>(const std::filesystem::path&)>;

const std::map<std::string, Factory>& factories() {
  static const std::map<std::string, Factory> all = {
      {"revolving_door", revolving_door::make_revolving_door_model},
  };
  return all;
}

}  // namespace

std::filesystem::path models_dir() {
  if (const char* dir = std::getenv("REVOLVE_MODELS_DIR"); dir && *dir) return dir;
  return REVOLVE_SOURCE_MODELS_DIR;
}

std::vector<std::string> scenario_model_names() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : factories()) names.push_back(name);
  return names;
}

std::shared_ptr<const ensemble::ScenarioModel> scenario_model(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const ensemble::ScenarioModel>> loaded;
  const auto factory = factories().find(name);
  if (factory == factories().end()) {
    throw ScenarioError("unknown model '" + name + "'" + did_you_mean(name, scenario_model_names()));
  }
  const std::lock_guard lock(mutex);
  auto& model = loaded[name];
  if (!model) model = factory->second(models_dir() / name);
  return model;
}

}  // namespace revolve::models

#pragma once
// The interventions a scenario can switch on, by their scenario names, in output order. To add one:
// write its module in one file of this folder (see docs/architecture.md for a worked example), add its
// line to the table in registry.cpp and its file to CMakeLists.txt, and its parameters to
// parameters.yaml.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "models/revolving_door/costs.hpp"
#include "models/revolving_door/interventions/intervention.hpp"

namespace revolve::revolving_door {

struct InterventionType {
  const char* name;   ///< as scenario files name it
  const char* label;  ///< as a board calls it
  Payer payer;        ///< who pays for it (a modelling choice, see limitations.yaml)
  std::size_t cost_weight;  ///< the tally its cost follows, to share it among cost cells (costs.hpp)
  std::unique_ptr<Intervention> (*make)(std::shared_ptr<const ModelSetup> setup);
};

/// Every intervention of the model, in output order.
std::span<const InterventionType> intervention_types();
/// Their names, in the same order.
std::vector<std::string> intervention_names();

}  // namespace revolve::revolving_door

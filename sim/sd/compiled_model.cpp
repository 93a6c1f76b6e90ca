#include "sim/sd/compiled_model.hpp"

#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/expression.hpp"

namespace revolve::sd {

std::optional<std::uint32_t> CompiledModel::find(std::string_view variable) const {
  const auto it = element_index.find(canonical_element_name(variable));
  if (it == element_index.end()) return std::nullopt;
  return it->second;
}

std::uint32_t CompiledModel::slot(std::string_view variable) const {
  if (const auto s = find(variable)) return *s;
  if (variable_index.count(canonical_name(variable))) {
    throw ModelError("'" + std::string(variable) + "' is an array; name one element, e.g. '" +
                     variable_names[variable_index.at(canonical_name(variable)).front() - first_variable_register] +
                     "'");
  }
  throw ModelError("model '" + name + "' has no variable '" + std::string(variable) + "'");
}

std::vector<std::uint32_t> CompiledModel::slots(std::string_view variable) const {
  if (const auto it = variable_index.find(canonical_name(variable)); it != variable_index.end()) return it->second;
  if (const auto s = find(variable)) return {*s};
  throw ModelError("model '" + name + "' has no variable '" + std::string(variable) + "'");
}

}  // namespace revolve::sd

#include "sim/abm/names.hpp"

#include "sim/core/error.hpp"

namespace revolve::abm {

std::uint32_t Names::add(std::string name) {
  if (frozen_) throw ModelError(what_ + " '" + name + "' declared after the run was frozen");
  const auto position = static_cast<std::uint32_t>(names_.size());
  if (!positions_.emplace(name, position).second) throw ModelError(what_ + " '" + name + "' is declared twice");
  names_.push_back(std::move(name));
  return position;
}

std::uint32_t Names::find(std::string_view name) const {
  if (const auto it = positions_.find(name); it != positions_.end()) return it->second;
  std::string known;
  for (const auto& n : names_) known += (known.empty() ? "" : ", ") + n;
  throw ModelError("no " + what_ + " '" + std::string(name) + "' (known: " + (known.empty() ? "none" : known) + ")");
}

}  // namespace revolve::abm

#include "sim/abm/names.hpp"

#include "sim/core/error.hpp"

namespace revolve::abm {

std::uint32_t Names::add(std::string name) {
  if (frozen_) throw ModelError(what_ + " '" + name + "' declared after the run was frozen");
  for (const auto& n : names_) {
    if (n == name) throw ModelError(what_ + " '" + name + "' is declared twice");
  }
  names_.push_back(std::move(name));
  return static_cast<std::uint32_t>(names_.size() - 1);
}

std::uint32_t Names::find(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return static_cast<std::uint32_t>(i);
  }
  std::string known;
  for (const auto& n : names_) known += (known.empty() ? "" : ", ") + n;
  throw ModelError("no " + what_ + " '" + std::string(name) + "' (known: " + (known.empty() ? "none" : known) + ")");
}

}  // namespace revolve::abm

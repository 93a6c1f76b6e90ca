#include "sim/abm/outputs.hpp"

#include <algorithm>

#include "sim/core/error.hpp"

namespace revolve::abm {

void Outputs::attach(const std::string& name, Table table) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!plain) throw Error("table name '" + name + "': use lower-case letters, digits and '_' (it names a file)");
  if (!tables_.emplace(name, std::move(table)).second) throw Error("table '" + name + "' is attached twice");
}

}  // namespace revolve::abm

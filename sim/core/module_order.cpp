#include "sim/core/module_order.hpp"

#include <map>
#include <set>

#include "sim/core/error.hpp"

namespace revolve {
namespace {

std::string label(const std::vector<ModuleFacts>& modules, std::size_t i) {
  return modules[i].name.empty() ? "module " + std::to_string(i + 1) : "'" + modules[i].name + "'";
}

/// Index of every named module; two modules with one name are an error (after() would be ambiguous).
std::map<std::string, std::size_t> index_by_name(const std::vector<ModuleFacts>& modules) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < modules.size(); ++i) {
    if (modules[i].name.empty()) continue;
    if (!index.emplace(modules[i].name, i).second) {
      throw ModelError("two modules of the run are called '" + modules[i].name + "'");
    }
  }
  return index;
}

/// For each module, the modules named in its after().
std::vector<std::vector<std::size_t>> after_edges(const std::vector<ModuleFacts>& modules) {
  const auto index = index_by_name(modules);
  std::vector<std::vector<std::size_t>> before(modules.size());
  for (std::size_t i = 0; i < modules.size(); ++i) {
    for (const std::string& name : modules[i].after) {
      const auto it = index.find(name);
      if (it == index.end()) {
        throw ModelError(label(modules, i) + " acts after '" + name + "', which is not a module of the run");
      }
      before[i].push_back(it->second);
    }
  }
  return before;
}

/// Kahn's algorithm over `members`, always taking the earliest-added module that is free to go.
std::vector<std::size_t> sort(const std::vector<std::size_t>& members,
                              const std::vector<std::vector<std::size_t>>& before,
                              const std::vector<ModuleFacts>& modules, const std::string& where) {
  const std::set<std::size_t> in(members.begin(), members.end());
  std::map<std::size_t, std::size_t> waiting;  // module -> modules of `members` it still waits for
  std::map<std::size_t, std::vector<std::size_t>> unlocks;
  for (std::size_t m : members) {
    waiting[m] = 0;
    for (std::size_t b : before[m]) {
      if (!in.count(b) || b == m) continue;
      ++waiting[m];
      unlocks[b].push_back(m);
    }
  }
  std::set<std::size_t> ready;
  for (const auto& [m, n] : waiting) {
    if (n == 0) ready.insert(m);
  }
  std::vector<std::size_t> order;
  while (!ready.empty()) {
    const std::size_t m = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(m);
    for (std::size_t next : unlocks[m]) {
      if (--waiting[next] == 0) ready.insert(next);
    }
  }
  if (order.size() != members.size()) {
    std::string cycle;
    for (const auto& [m, n] : waiting) {
      if (n > 0) cycle += (cycle.empty() ? "" : ", ") + label(modules, m);
    }
    throw ModelError("modules wait for each other in " + where + ": " + cycle +
                     " (check their after() and the signals they read and write)");
  }
  return order;
}

}  // namespace

ActingOrder acting_order(const std::vector<ModuleFacts>& modules, const Signals& signals) {
  const auto named = after_edges(modules);
  ActingOrder order;
  std::vector<std::size_t> everyone(modules.size());
  for (std::size_t i = 0; i < modules.size(); ++i) everyone[i] = i;
  order.init = sort(everyone, named, modules, "init");
  for (Phase phase : step_phases) {
    std::vector<std::size_t> acting;
    auto before = named;
    for (std::size_t i = 0; i < modules.size(); ++i) {
      if (phase != Phase::record && !modules[i].phases.contains(phase)) continue;
      acting.push_back(i);
      for (std::size_t writer : signals.must_act_before(i, phase)) before[i].push_back(writer);
    }
    order.by_phase[phase_order(phase)] = sort(acting, before, modules, "phase " + std::string(to_string(phase)));
  }
  return order;
}

}  // namespace revolve

#include "sim/sd/dependency_order.hpp"

#include <string>
#include <utility>

namespace revolve::sd {
namespace {

using DfsStack = std::vector<std::pair<std::uint32_t, std::size_t>>;

[[noreturn]] void report_loop(const NodeGraph& graph, const DfsStack& stack, std::uint32_t start, bool init_phase,
                              const Model& model) {
  std::string loop;
  bool in_loop = false;
  for (const auto& [node, ignored] : stack) {
    in_loop = in_loop || node == start;
    if (in_loop) loop += "'" + graph.nodes[node].label + "' -> ";
  }
  loop += "'" + graph.nodes[start].label + "'";
  fail_model(model, std::string(init_phase ? "circular initial values: " : "algebraic loop: ") + loop +
                        (init_phase ? " (a stock's initial value depends on itself)"
                                    : " (each depends on the next with no stock in between)"));
}

/// For each node, the nodes its expression reads in this phase.
std::vector<std::vector<std::uint32_t>> dependencies(const NodeGraph& graph, bool init_phase) {
  const auto& nodes = graph.nodes;
  std::vector<std::uint32_t> node_of_slot(graph.next_slot, no_node);
  for (std::uint32_t i = 0; i < nodes.size(); ++i) node_of_slot[nodes[i].slot] = i;
  const auto n = static_cast<std::uint32_t>(nodes.size());
  std::vector<std::vector<std::uint32_t>> deps(n);
  std::vector<std::uint32_t> slots;
  for (std::uint32_t i = 0; i < n; ++i) {
    const Node& node = nodes[i];
    if (!init_phase && !node.has_flow_expr) continue;
    slots.clear();
    graph.any_of(init_phase ? node.init_expr : node.flow_expr, [&](const Bound& b) {
      if (b.kind == Bound::Kind::slot) slots.push_back(b.slot);
      return false;
    });
    for (std::uint32_t s : slots) {
      const std::uint32_t d = node_of_slot[s];
      if (d == no_node) continue;  // time registers
      if (!init_phase && !nodes[d].has_flow_expr) continue;
      deps[i].push_back(d);
    }
  }
  return deps;
}

}  // namespace

std::vector<std::uint32_t> dependency_order(const NodeGraph& graph, bool init_phase, const Model& model) {
  const auto& nodes = graph.nodes;
  const auto n = static_cast<std::uint32_t>(nodes.size());
  const auto deps = dependencies(graph, init_phase);
  // Iterative depth-first search; a grey node met again closes a loop.
  enum : std::uint8_t { white, grey, black };
  std::vector<std::uint8_t> colour(n, white);
  std::vector<std::uint32_t> result;
  DfsStack stack;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (colour[root] != white || (!init_phase && !nodes[root].has_flow_expr)) continue;
    stack.push_back({root, 0});
    colour[root] = grey;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < deps[node].size()) {
        const std::uint32_t d = deps[node][next++];
        if (colour[d] == grey) report_loop(graph, stack, d, init_phase, model);
        if (colour[d] == white) {
          colour[d] = grey;
          stack.push_back({d, 0});
        }
      } else {
        colour[node] = black;
        result.push_back(node);
        stack.pop_back();
      }
    }
  }
  return result;
}

}  // namespace revolve::sd

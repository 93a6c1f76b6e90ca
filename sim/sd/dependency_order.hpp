#pragma once
// Compiler stage 3 (internal to compile()): order the nodes so each is computed after what it reads.
// A cycle is an algebraic loop (flow phase) or circular initial values (init phase), reported with
// every variable in it.
#include <cstdint>
#include <vector>

#include "sim/sd/lowering.hpp"

namespace revolve::sd {

/// Node indices in evaluation order. In the flow phase, stocks, INIT captures and inputs are sources
/// and are left out. Throws ModelError naming the loop.
std::vector<std::uint32_t> dependency_order(const NodeGraph& graph, bool init_phase, const Model& model);

}  // namespace revolve::sd

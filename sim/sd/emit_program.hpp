#pragma once
// Compiler stage 4 (internal to compile()): emit the flat program. Each node's expression becomes
// three-address instructions in dependency order; constants get registers of their own; the flow code
// is scheduled by depth so the evaluator runs stretches of one operation; each stock's rate sums its
// flows. Fills the code, registers and stock layout of the CompiledModel.
#include <cstdint>
#include <vector>

#include "sim/sd/lowering.hpp"

namespace revolve::sd {

void emit_program(const NodeGraph& graph, const std::vector<std::uint32_t>& init_order,
                  const std::vector<std::uint32_t>& flow_order, CompiledModel& out);

}  // namespace revolve::sd

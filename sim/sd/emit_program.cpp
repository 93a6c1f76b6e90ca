#include "sim/sd/emit_program.hpp"

#include <algorithm>
#include <bit>
#include <optional>
#include <unordered_map>

namespace revolve::sd {
namespace {

constexpr std::uint32_t temp_flag = 0x80000000u;  // marks temporaries until their base is known

class Emitter {
 public:
  Emitter(const NodeGraph& graph, CompiledModel& out) : graph_(graph), out_(out) {}

  void emit(const std::vector<std::uint32_t>& init_order, const std::vector<std::uint32_t>& flow_order);

 private:
  const NodeGraph& graph_;
  CompiledModel& out_;
  std::unordered_map<std::uint64_t, std::uint32_t> constant_index_;
  std::vector<double> constants_;
  std::uint32_t max_temps_ = 0;

  std::uint32_t constant_register(double value);
  std::uint32_t emit_bound(const Bound& b, std::vector<Instr>& code, std::uint32_t& next_temp,
                           std::optional<std::uint32_t> dst, bool reuse_temporaries);
  bool varies(const Bound& b, const std::vector<bool>& varying_slot) const;
  std::vector<Instr> schedule_by_depth(const std::vector<std::vector<Instr>>& node_code, std::uint32_t& temps) const;
  void place_temporaries();
  void emit_rate(std::uint32_t rate, const StockDef& s, std::uint32_t zero);
  void emit_stock_layout(std::uint32_t zero);
};

std::uint32_t Emitter::constant_register(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  const auto [it, added] = constant_index_.emplace(bits, static_cast<std::uint32_t>(constants_.size()));
  if (added) constants_.push_back(value);
  return graph_.next_slot + it->second;
}

/// Instructions computing `b` into `dst`, or into a temporary (returned) if there is no `dst`. With
/// `reuse_temporaries`, an operation's result goes in the first temporary its operands used, so code
/// run in order needs only as many as the expression is deep; without, every operation has its own,
/// so the code can be reordered (schedule_by_depth). Operations are emitted after their operands, from
/// an explicit stack: a chain a + b + c + ... is as deep as it is long.
std::uint32_t Emitter::emit_bound(const Bound& b, std::vector<Instr>& code, std::uint32_t& next_temp,
                                  std::optional<std::uint32_t> dst, bool reuse_temporaries) {
  if (b.kind != Bound::Kind::op) {
    const std::uint32_t source = b.kind == Bound::Kind::constant ? constant_register(b.value) : b.slot;
    if (!dst) return source;
    code.push_back({OpCode::copy, *dst, source, 0, 0});
    return *dst;
  }
  struct Pending {
    std::uint32_t id;                        // the operation
    std::uint8_t done = 0;                   // operands emitted so far
    std::uint32_t mark = 0;                  // next_temp when its operands began
    std::uint32_t operands[3] = {0, 0, 0};   // their registers
  };
  std::vector<Pending> stack{{b.id, 0, next_temp}};
  std::uint32_t result = 0;
  while (!stack.empty()) {
    Pending& top = stack.back();
    const BoundOp& o = graph_.ops[top.id];
    if (top.done < o.arity) {
      const Bound& operand = o.args[top.done];
      if (operand.kind == Bound::Kind::op) {
        stack.push_back({operand.id, 0, next_temp});  // `top` is not used again before it returns
        continue;
      }
      top.operands[top.done++] = operand.kind == Bound::Kind::constant ? constant_register(operand.value) : operand.slot;
      continue;
    }
    if (reuse_temporaries) next_temp = top.mark;
    result = stack.size() == 1 && dst ? *dst : (temp_flag | next_temp++);
    max_temps_ = std::max(max_temps_, next_temp);
    const std::uint32_t c = operand_c_is_index(o.op) ? o.extra : top.operands[2];
    code.push_back({o.op, result, top.operands[0], top.operands[1], c});
    stack.pop_back();
    if (!stack.empty()) stack.back().operands[stack.back().done++] = result;
  }
  return result;
}

/// A node's value changes during the run if it reads time, state or a changing node.
bool Emitter::varies(const Bound& b, const std::vector<bool>& varying_slot) const {
  return graph_.any_of(b, [&](const Bound& x) {
    if (x.kind == Bound::Kind::slot) return static_cast<bool>(varying_slot[x.slot]);
    return x.kind == Bound::Kind::op && is_time_dependent(graph_.ops[x.id].op);
  });
}

void Emitter::emit(const std::vector<std::uint32_t>& init_order, const std::vector<std::uint32_t>& flow_order) {
  const auto& nodes = graph_.nodes;
  std::uint32_t temp = 0;
  for (std::uint32_t i : init_order) {
    temp = 0;
    emit_bound(nodes[i].init_expr, out_.init_code, temp, nodes[i].slot, /*reuse_temporaries=*/true);
  }
  std::vector<bool> varying(graph_.next_slot, false);
  varying[reg_time] = true;
  for (const StockDef& s : graph_.stocks) varying[s.slot] = true;
  for (std::uint32_t s : out_.input_slots) varying[s] = true;
  std::vector<std::vector<Instr>> node_code;
  for (std::uint32_t i : flow_order) {
    const Node& node = nodes[i];
    if (!varies(node.flow_expr, varying)) continue;  // computed once, by the init code
    varying[node.slot] = true;
    temp = 0;
    emit_bound(node.flow_expr, node_code.emplace_back(), temp, node.slot, /*reuse_temporaries=*/false);
  }
  std::uint32_t flow_temps = 0;
  out_.flow_code = schedule_by_depth(node_code, flow_temps);
  max_temps_ = std::max(max_temps_, flow_temps);
  const std::uint32_t zero = constant_register(0.0);  // rate of a stock with no flows
  place_temporaries();
  std::copy(constants_.begin(), constants_.end(), out_.initial_registers.begin() + graph_.next_slot);
  const SimSpecs& s = out_.specs;
  out_.initial_registers[reg_time] = s.start;
  out_.initial_registers[reg_dt] = s.dt;
  out_.initial_registers[reg_start] = s.start;
  out_.initial_registers[reg_stop] = s.stop;
  emit_stock_layout(zero);
}

/// Registers: [time | variables | hidden | constants | temporaries | stock rates].
void Emitter::place_temporaries() {
  const std::uint32_t temp_base = graph_.next_slot + static_cast<std::uint32_t>(constants_.size());
  for (auto* code : {&out_.init_code, &out_.flow_code}) {
    for (Instr& in : *code) {
      for (std::uint32_t* r : {&in.dst, &in.a, &in.b}) {
        if (*r & temp_flag) *r = temp_base + (*r & ~temp_flag);
      }
      if (!operand_c_is_index(in.op) && (in.c & temp_flag)) in.c = temp_base + (in.c & ~temp_flag);
    }
  }
  out_.rate_base = temp_base + max_temps_;
  out_.initial_registers.assign(out_.rate_base + graph_.stocks.size(), 0.0);
}

/// Flow code in single-assignment form (every operation's temporary is its own), ordered by depth
/// in the dependency graph and, within a depth, by operation. execute() then runs each stretch of
/// one operation as a tight loop with one dispatch: the 10,000-equation chain has 16,000
/// instructions a step but only a few dozen stretches.
std::vector<Instr> Emitter::schedule_by_depth(const std::vector<std::vector<Instr>>& node_code,
                                              std::uint32_t& temps) const {
  std::vector<std::pair<std::uint32_t, Instr>> ordered;       // (depth, instruction)
  std::unordered_map<std::uint32_t, std::uint32_t> depth_of;  // register -> depth of its writer
  std::uint32_t offset = 0;
  for (const auto& code : node_code) {
    std::uint32_t used = 0;
    for (Instr in : code) {
      std::uint32_t* reads[3] = {&in.a, &in.b, operand_c_is_index(in.op) ? nullptr : &in.c};
      std::uint32_t depth = 0;
      for (std::uint32_t* r : {&in.dst, reads[0], reads[1], reads[2]}) {
        if (!r || !(*r & temp_flag)) continue;
        used = std::max(used, (*r & ~temp_flag) + 1);
        *r += offset;
      }
      for (std::uint32_t* r : reads) {
        if (const auto w = r ? depth_of.find(*r) : depth_of.end(); w != depth_of.end()) {
          depth = std::max(depth, w->second + 1);
        }
      }
      depth_of[in.dst] = depth;
      ordered.emplace_back(depth, in);
    }
    offset += used;
  }
  temps = offset;
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second.op < y.second.op;
  });
  std::vector<Instr> out;
  out.reserve(ordered.size());
  for (const auto& [depth, in] : ordered) out.push_back(in);
  return out;
}

/// rate = inflows - outflows, in as few instructions as possible (one for the common in - out).
void Emitter::emit_rate(std::uint32_t rate, const StockDef& s, std::uint32_t zero) {
  auto& code = out_.rate_code;
  std::size_t in = 0, out = 0;
  if (!s.inflows.empty() && !s.outflows.empty()) {
    code.push_back({OpCode::sub, rate, s.inflows[in++], s.outflows[out++]});
  } else if (!s.inflows.empty()) {
    code.push_back({OpCode::copy, rate, s.inflows[in++]});
  } else if (!s.outflows.empty()) {
    code.push_back({OpCode::neg, rate, s.outflows[out++]});
  } else {
    code.push_back({OpCode::copy, rate, zero});
  }
  for (; in < s.inflows.size(); ++in) code.push_back({OpCode::add, rate, rate, s.inflows[in]});
  for (; out < s.outflows.size(); ++out) code.push_back({OpCode::sub, rate, rate, s.outflows[out]});
}

/// Where each stock lives, its flows, and the code that sums them into its rate of change.
void Emitter::emit_stock_layout(std::uint32_t zero) {
  std::unordered_map<std::uint32_t, int> sources;  // flow register -> stocks it drains
  for (const StockDef& s : graph_.stocks) {
    for (std::uint32_t f : s.outflows) ++sources[f];
  }
  for (std::uint32_t i = 0; i < graph_.stocks.size(); ++i) {
    const StockDef& s = graph_.stocks[i];
    StockLayout layout;
    layout.slot = s.slot;
    layout.non_negative = s.non_negative;
    out_.has_non_negative_stocks = out_.has_non_negative_stocks || s.non_negative;
    layout.inflow_begin = static_cast<std::uint32_t>(out_.flow_slots.size());
    out_.flow_slots.insert(out_.flow_slots.end(), s.inflows.begin(), s.inflows.end());
    layout.inflow_end = layout.outflow_begin = static_cast<std::uint32_t>(out_.flow_slots.size());
    out_.flow_slots.insert(out_.flow_slots.end(), s.outflows.begin(), s.outflows.end());
    out_.flow_has_one_source.resize(out_.flow_slots.size(), false);
    for (std::size_t k = layout.outflow_begin; k < out_.flow_slots.size(); ++k) {
      out_.flow_has_one_source[k] = sources[out_.flow_slots[k]] == 1;
    }
    layout.outflow_end = static_cast<std::uint32_t>(out_.flow_slots.size());
    out_.stocks.push_back(layout);

    emit_rate(out_.rate_base + i, s, zero);
  }
}

}  // namespace

void emit_program(const NodeGraph& graph, const std::vector<std::uint32_t>& init_order,
                  const std::vector<std::uint32_t>& flow_order, CompiledModel& out) {
  Emitter(graph, out).emit(init_order, flow_order);
}

}  // namespace revolve::sd

// Lowering of builtins with state: smooths and material delays become hidden stocks and flows, INIT a
// captured initial value, DELAY a recorded history; NORMAL, UNIFORM and POISSON get their own streams.
#include <cmath>

#include "sim/sd/compiler.hpp"
#include "sim/sd/lowering.hpp"

namespace revolve::sd {

/// The arguments shared by smooths and material delays: F1/F3/FN(input, time [, n] [, initial]).
struct Lowering::StagedArguments {
  int order = 1;
  Bound input;
  Bound stage_time;  // time / order
  Bound initial;     // the initial value given, or the input
  std::string label;
};

std::string Lowering::helper_label(Scope& scope, const std::string& what) {
  return what + " #" + std::to_string(++scope.helper_count) + " in '" + scope.label + "'";
}

/// A register holding `value`'s initial value, fixed after initialisation.
Bound Lowering::capture_initial(Bound value, const std::string& what, Scope& scope) {
  if (value.is_constant()) return value;
  const std::string label = helper_label(scope, what);
  const std::uint32_t slot = graph_.new_slot(label);
  Node& n = graph_.add_node(slot, label);
  n.init_expr = value;
  return Bound::reg(slot);
}

std::uint32_t Lowering::add_hidden_stock(const std::string& label, Bound initial) {
  const std::uint32_t slot = graph_.new_slot(label);
  graph_.add_node(slot, label).init_expr = initial;
  graph_.add_stock(slot, false);
  return slot;
}

std::uint32_t Lowering::add_hidden_flow(const std::string& label, Bound value) {
  const std::uint32_t slot = graph_.new_slot(label);
  Node& n = graph_.add_node(slot, label);
  n.init_expr = value;
  n.has_flow_expr = true;
  n.flow_expr = value;
  return slot;
}

int Lowering::order_argument(const Expr& e, Scope& scope, std::size_t index) {
  const double n = constant_argument(e.args[index], scope, "the order");
  if (n < 1 || n != std::floor(n) || n > 1000) {
    fail_at(scope, e.args[index].column, "the order must be a whole number from 1 to 1000");
  }
  return static_cast<int>(n);
}

Lowering::StagedArguments Lowering::staged_arguments(const Expr& e, Scope& scope) {
  const bool nth = e.name.back() == 'N';
  check_arity(e, scope, nth ? 3 : 2, nth ? 4 : 3);
  StagedArguments a;
  a.order = nth ? order_argument(e, scope, 2) : e.name.back() == '1' ? 1 : 3;
  a.input = lower(e.args[0], scope);
  a.stage_time = op(OpCode::div, {lower(e.args[1], scope), Bound::constant(a.order)});
  const std::size_t init_index = nth ? 3 : 2;
  a.initial = e.args.size() > init_index ? lower(e.args[init_index], scope) : a.input;
  a.label = helper_label(scope, e.name);
  return a;
}

// SMTH1/SMTH3/SMTHN: first-order exponential smoothing in `order` stages, each with time / order.
Bound Lowering::lower_smooth(const Expr& e, Scope& scope) {
  const StagedArguments a = staged_arguments(e, scope);
  Bound previous = a.input;
  std::uint32_t stage = 0;
  for (int k = 1; k <= a.order; ++k) {
    const std::string stage_label = a.label + " stage " + std::to_string(k);
    stage = add_hidden_stock(stage_label, a.initial);
    const std::uint32_t flow = add_hidden_flow(
        stage_label + " change", op(OpCode::div, {op(OpCode::sub, {previous, Bound::reg(stage)}), a.stage_time}));
    graph_.stock_at(stage).inflows.push_back(flow);
    previous = Bound::reg(stage);
  }
  return Bound::reg(stage);
}

// DELAY1/DELAY3/DELAYN: material delay in `order` stocks, each holding time / order of the transit;
// a stage starts holding (initial outflow x stage time).
Bound Lowering::lower_material_delay(const Expr& e, Scope& scope) {
  const StagedArguments a = staged_arguments(e, scope);
  std::uint32_t inflow = add_hidden_flow(a.label + " inflow", a.input);
  for (int k = 1; k <= a.order; ++k) {
    const std::string stage_label = a.label + " stage " + std::to_string(k);
    const std::uint32_t stage = add_hidden_stock(stage_label, op(OpCode::mul, {a.initial, a.stage_time}));
    const std::uint32_t outflow =
        add_hidden_flow(stage_label + " outflow", op(OpCode::div, {Bound::reg(stage), a.stage_time}));
    graph_.stock_at(stage).inflows.push_back(inflow);
    graph_.stock_at(stage).outflows.push_back(outflow);
    inflow = outflow;
  }
  return Bound::reg(inflow);
}

// DELAY(input, delay time [, initial]): the input's value delay-time ago, from a recorded history.
Bound Lowering::lower_pipeline_delay(const Expr& e, Scope& scope) {
  check_arity(e, scope, 2, 3);
  Bound input = lower(e.args[0], scope);
  Bound delay_time = lower(e.args[1], scope);
  const std::string label = helper_label(scope, "DELAY");
  Bound before = e.args.size() > 2 ? lower(e.args[2], scope) : capture_initial(input, "DELAY initial", scope);
  const std::uint32_t input_slot = add_hidden_flow(label + " input", input);
  const auto index = static_cast<std::uint32_t>(out_.delays.size());
  out_.delays.push_back({input_slot});
  return graph_.make(OpCode::delay, {delay_time, before}, index);
}

Bound Lowering::lower_random(const Expr& e, Scope& scope) {
  const bool poisson = e.name == "POISSON";
  const std::size_t params = poisson ? 1 : 2;
  check_arity(e, scope, params, params + 1);
  std::vector<Bound> args;
  for (std::size_t i = 0; i < params; ++i) args.push_back(lower(e.args[i], scope));
  if (poisson) args.push_back(Bound::constant(0.0));
  RandomSiteSpec site;
  site.stream_name = "sd:" + canonical_element_name(scope.label) + "#" + std::to_string(++scope.random_count);
  if (e.args.size() > params) {
    const double seed = constant_argument(e.args[params], scope, "the seed");
    site.fixed_seed = static_cast<std::uint64_t>(std::llround(std::abs(seed)));
  }
  const auto index = static_cast<std::uint32_t>(out_.random_sites.size());
  out_.random_sites.push_back(std::move(site));
  const OpCode code = poisson ? OpCode::poisson : e.name == "NORMAL" ? OpCode::normal : OpCode::uniform;
  return graph_.make(code, args, index);
}

}  // namespace revolve::sd

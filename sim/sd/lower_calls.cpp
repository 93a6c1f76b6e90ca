// Lowering of function calls: builtins without state, graphical functions, array functions and macros.
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <tuple>

#include "sim/sd/lowering.hpp"

namespace revolve::sd {

void Lowering::check_arity(const Expr& e, const Scope& scope, std::size_t min, std::size_t max) const {
  const std::size_t n = e.args.size();
  if (n >= min && n <= max) return;
  std::string expected = min == max ? std::to_string(min)
                                    : std::to_string(min) + (max == min + 1 ? " or " : " to ") + std::to_string(max);
  fail_at(scope, e.column, e.name + " takes " + expected + " argument" + (max == 1 ? "" : "s") + ", got " +
                               std::to_string(n));
}

double Lowering::constant_argument(const Expr& e, Scope& scope, const char* what) {
  const Bound b = lower(e, scope);
  if (!b.is_constant()) fail_at(scope, e.column, std::string(what) + " must be a constant");
  return b.value;
}

std::vector<Bound> Lowering::lower_args(const Expr& e, Scope& scope) {
  std::vector<Bound> args;
  for (const Expr& a : e.args) args.push_back(lower(a, scope));
  return args;
}

Bound Lowering::chain(OpCode code, const std::vector<Bound>& items) {
  Bound acc = items.front();
  for (std::size_t i = 1; i < items.size(); ++i) acc = op(code, {acc, items[i]});
  return acc;
}

Bound Lowering::lower_call(const Expr& e, Scope& scope) {
  const std::string& f = e.name;
  static const std::unordered_map<std::string, OpCode> unary = {
      {"ABS", OpCode::abs},     {"EXP", OpCode::exp},       {"LN", OpCode::ln},
      {"LOG10", OpCode::log10}, {"SQRT", OpCode::sqrt},     {"SIN", OpCode::sin},
      {"COS", OpCode::cos},     {"TAN", OpCode::tan},       {"ARCSIN", OpCode::arcsin},
      {"ARCCOS", OpCode::arccos}, {"ARCTAN", OpCode::arctan}, {"INT", OpCode::trunc}};
  if (const auto it = unary.find(f); it != unary.end()) {
    check_arity(e, scope, 1, 1);
    return op(it->second, lower_args(e, scope));
  }
  if (f == "MIN" || f == "MAX") {
    const OpCode code = f == "MIN" ? OpCode::min : OpCode::max;
    if (e.args.size() == 1) return chain(code, array_argument(e, scope));
    check_arity(e, scope, 1, 64);
    return chain(code, lower_args(e, scope));
  }
  if (f == "SUM" || f == "MEAN" || f == "PROD" || f == "SIZE" || f == "STDDEV") return lower_array_function(e, scope);
  if (f == "PI") {
    check_arity(e, scope, 0, 0);
    return Bound::constant(std::numbers::pi);
  }
  if (f == "MOD") {
    check_arity(e, scope, 2, 2);
    return op(OpCode::mod, lower_args(e, scope));
  }
  if (f == "SAFEDIV") {
    check_arity(e, scope, 2, 3);
    auto args = lower_args(e, scope);
    if (args.size() == 2) args.push_back(Bound::constant(0.0));
    return op(OpCode::safediv, args);
  }
  if (f == "IF_THEN_ELSE") {
    check_arity(e, scope, 3, 3);
    const auto args = lower_args(e, scope);
    return lower_select(args[0], args[1], args[2]);
  }
  if (f == "PULSE") {
    check_arity(e, scope, 2, 3);
    auto args = lower_args(e, scope);
    if (args.size() < 3) args.push_back(Bound::constant(0.0));
    return graph_.make(OpCode::pulse, args);
  }
  if (f == "STEP") {
    check_arity(e, scope, 2, 2);
    return graph_.make(OpCode::step, lower_args(e, scope));
  }
  if (f == "RAMP") {
    check_arity(e, scope, 2, 3);
    auto args = lower_args(e, scope);
    if (args.size() < 3) args.push_back(Bound::constant(std::numeric_limits<double>::infinity()));
    return graph_.make(OpCode::ramp, args);
  }
  if (f == "LOOKUP") {
    check_arity(e, scope, 2, 2);
    if (e.args[0].kind != Expr::Kind::name) fail_at(scope, e.args[0].column, "LOOKUP needs a graphical function name");
    return lower_graph_call(e.args[0], e.args[1], scope);
  }
  if (f == "INIT") {
    check_arity(e, scope, 1, 1);
    return capture_initial(lower(e.args[0], scope), "INIT", scope);
  }
  if (f == "SMTH1" || f == "SMTH3" || f == "SMTHN") return lower_smooth(e, scope);
  if (f == "DELAY1" || f == "DELAY3" || f == "DELAYN") return lower_material_delay(e, scope);
  if (f == "DELAY") return lower_pipeline_delay(e, scope);
  if (f == "NORMAL" || f == "UNIFORM" || f == "POISSON") return lower_random(e, scope);
  if (const MacroInfo* macro = index_.find_macro(f)) return lower_macro(e, *macro, scope);
  if (const VarInfo* v = index_.find_var(f); v && v->def->graph) {
    check_arity(e, scope, 1, 1);
    Expr name;
    name.kind = Expr::Kind::name;
    name.name = f;
    name.column = e.column;
    return lower_graph_call(name, e.args[0], scope);
  }
  fail_at(scope, e.column, "unknown function '" + f + "'");
}

bool MacroCall::operator<(const MacroCall& other) const {
  const auto key = [](const Bound& b) { return std::tuple(b.kind, b.slot, b.id, std::bit_cast<std::uint64_t>(b.value)); };
  if (macro != other.macro) return macro < other.macro;
  return std::lexicographical_compare(args.begin(), args.end(), other.args.begin(), other.args.end(),
                                      [&](const Bound& a, const Bound& b) { return key(a) < key(b); });
}

/// A macro call is its body with the parameters bound to the arguments (lowered here, in the
/// caller's scope), so stateful builtins in the body get their own hidden state per call site. The
/// same call again in the same equation is the same value (its smooths and delays would evolve
/// alike), so it is expanded once, unless it draws random numbers: every draw is its own. Without
/// that, a macro calling another twice, nested 30 deep, would take 2^30 expansions to compile.
Bound Lowering::lower_macro(const Expr& e, const MacroInfo& macro, Scope& scope) {
  const auto& params = macro.def->parameters;
  check_arity(e, scope, params.size(), params.size());
  if (scope.macro_depth > 32) fail_at(scope, e.column, "macro '" + macro.def->name + "' calls itself too deeply");
  MacroCall call{&macro, lower_args(e, scope)};
  if (const auto done = scope.macro_results.find(call); done != scope.macro_results.end()) return done->second;
  std::unordered_map<std::string, Bound> arguments;
  for (std::size_t i = 0; i < params.size(); ++i) arguments[canonical_name(params[i])] = call.args[i];
  const auto* saved = scope.macro_arguments;
  const int draws = scope.random_count;
  scope.macro_arguments = &arguments;
  ++scope.macro_depth;
  const Bound body = lower(macro.body, scope);
  --scope.macro_depth;
  scope.macro_arguments = saved;
  if (scope.random_count == draws) scope.macro_results.emplace(std::move(call), body);
  return body;
}

Bound Lowering::lower_graph_call(const Expr& name, const Expr& input, Scope& scope) {
  const VarInfo* v = index_.find_var(name.name);
  if (!v || !v->def->graph) fail_at(scope, name.column, "'" + name.name + "' is not a graphical function");
  const auto slots = resolve_elements(*v, name, scope, false);
  const std::uint32_t element = slots.front() - v->base;
  if (element >= v->tables.size() || v->tables[element] == no_node) {
    fail_at(scope, name.column,
            "element '" + index_.element_label(*v, index_.unflatten(*v, element)) + "' has no graphical function");
  }
  return op(OpCode::lookup, {lower(input, scope)}, v->tables[element]);
}

std::vector<Bound> Lowering::array_argument(const Expr& call, const Scope& scope) const {
  const Expr& a = call.args[0];
  if (a.kind != Expr::Kind::name) {
    fail_at(scope, a.column, call.name + " of one argument takes an array reference such as x[*]");
  }
  const VarInfo* v = index_.find_var(a.name);
  if (!v) fail_at(scope, a.column, "unknown name '" + a.name + "'" + index_.suggestion(a.name));
  std::vector<Bound> items;
  for (std::uint32_t s : resolve_elements(*v, a, scope, /*in_array_function=*/true)) items.push_back(Bound::reg(s));
  return items;
}

Bound Lowering::lower_array_function(const Expr& e, Scope& scope) {
  check_arity(e, scope, 1, 1);
  const std::vector<Bound> items = array_argument(e, scope);
  const double n = static_cast<double>(items.size());
  if (e.name == "SIZE") return Bound::constant(n);
  if (e.name == "PROD") return chain(OpCode::mul, items);
  if (e.name == "SUM") return chain(OpCode::add, items);
  if (e.name == "MEAN") return op(OpCode::div, {chain(OpCode::add, items), Bound::constant(n)});
  return standard_deviation(items, scope);
}

/// Population standard deviation, as XMILE's STDDEV. The mean goes in a register of its own: used in
/// every square, it would otherwise be computed n times, n x n operations in all.
Bound Lowering::standard_deviation(const std::vector<Bound>& items, Scope& scope) {
  const double n = static_cast<double>(items.size());
  const Bound sum = chain(OpCode::add, items);
  const Bound mean = Bound::reg(add_hidden_flow(helper_label(scope, "STDDEV mean"), op(OpCode::div, {sum, Bound::constant(n)})));
  std::vector<Bound> squares;
  for (const Bound& item : items) {
    const Bound d = op(OpCode::sub, {item, mean});
    squares.push_back(op(OpCode::mul, {d, d}));
  }
  return op(OpCode::sqrt, {op(OpCode::div, {chain(OpCode::add, squares), Bound::constant(n)})});
}

}  // namespace revolve::sd

#include "sim/sd/lowering.hpp"

#include <algorithm>
#include <numbers>
#include <sstream>

#include "sim/core/error.hpp"
#include "sim/sd/limits.hpp"

namespace revolve::sd {
namespace {

OpCode binary_code(Op o) {
  switch (o) {
    case Op::add: return OpCode::add;
    case Op::sub: return OpCode::sub;
    case Op::mul: return OpCode::mul;
    case Op::div: return OpCode::div;
    case Op::pow: return OpCode::pow;
    case Op::mod: return OpCode::mod;
    case Op::lt: return OpCode::lt;
    case Op::le: return OpCode::le;
    case Op::gt: return OpCode::gt;
    case Op::ge: return OpCode::ge;
    case Op::eq: return OpCode::eq;
    case Op::ne: return OpCode::ne;
    case Op::and_: return OpCode::and_;
    case Op::or_: return OpCode::or_;
    default: return OpCode::copy;
  }
}

/// The equation with a caret under `column` (1-based), indented; a long equation only around it.
std::string pointer_to(const std::string& equation, int column) {
  constexpr std::size_t before = 60, after = 40;
  const auto at = static_cast<std::size_t>(column - 1);
  const std::size_t begin = at > before ? at - before : 0;
  const std::string head = begin > 0 ? "... " : "";
  const std::string tail = at + after < equation.size() ? " ..." : "";
  return "    " + head + equation.substr(begin, at - begin + after) + tail + "\n    " +
         std::string(head.size() + at - begin, ' ') + '^';
}

}  // namespace

Node& NodeGraph::add_node(std::uint32_t slot, std::string label) {
  nodes.push_back({});
  Node& n = nodes.back();
  n.slot = slot;
  n.label = std::move(label);
  return n;
}

std::uint32_t NodeGraph::new_slot(const std::string& label) {
  if (next_slot - first_variable_register >= max_scalars) {
    throw ModelError("the model is too large: " + label + " takes it to more than " +
                     std::to_string(max_scalars / 1'000'000) +
                     " million scalars (variable elements, and a stock and a flow per smooth or delay stage); "
                     "use fewer array elements or lower delay orders");
  }
  return next_slot++;
}

void NodeGraph::add_stock(std::uint32_t slot, bool non_negative) {
  stock_of_slot.emplace(slot, static_cast<std::uint32_t>(stocks.size()));
  stocks.push_back({slot, {}, {}, non_negative});
}

StockDef& NodeGraph::stock_at(std::uint32_t slot) { return stocks[stock_of_slot.at(slot)]; }

void Lowering::fail_at(const Scope& scope, int column, const std::string& message) const {
  const Variable& v = *scope.var->def;
  std::ostringstream m;
  m << where(v.origin.file, v.origin.line) << "in the equation of '" << scope.label << "'";
  if (column > 0) m << ", column " << column;
  m << ": " << message;
  if (scope.equation && column > 0) m << "\n" << pointer_to(*scope.equation, column);
  throw ModelError(m.str());
}

Bound NodeGraph::make(OpCode code, const std::vector<Bound>& args, std::uint32_t extra) {
  BoundOp o;
  o.op = code;
  o.extra = extra;
  o.arity = static_cast<std::uint8_t>(std::min<std::size_t>(args.size(), 3));
  for (std::uint8_t i = 0; i < o.arity; ++i) {
    o.args[i] = args[i];
    if (args[i].kind == Bound::Kind::op) o.size = std::min(o.size + ops[args[i].id].size, max_operations + 1);
  }
  Bound b;
  b.kind = Bound::Kind::op;
  b.id = static_cast<std::uint32_t>(ops.size());
  ops.push_back(o);
  return b;
}

Bound Lowering::op(OpCode code, const std::vector<Bound>& args, std::uint32_t extra) {
  const bool constant = std::all_of(args.begin(), args.end(), [](const Bound& a) { return a.is_constant(); });
  if (!constant || is_time_dependent(code)) return graph_.make(code, args, extra);
  double r[5] = {0, 0, 0, 0, 0};
  for (std::size_t i = 0; i < args.size() && i < 3; ++i) r[i] = args[i].value;
  const Instr in{code, 4, 0, 1, operand_c_is_index(code) ? extra : 2};
  ExecutionContext ctx;
  ctx.registers = r;
  ctx.tables = out_.tables.data();
  execute(std::span<const Instr>(&in, 1), ctx);
  return Bound::constant(r[4]);
}

Bound Lowering::lower(const Expr& e, Scope& scope) {
  // Nesting is counted as the parser counts it, so what parses also lowers: operators are not a level
  // (a + b * c adds at most one call per level of precedence). The parser bounds the nesting of one
  // equation; macros expanded inside each other can go deeper.
  if (e.kind == Expr::Kind::binary) return lower_chain(e, scope);
  if (scope.depth == max_nesting) {
    fail_at(scope, e.column, "nested more than " + std::to_string(max_nesting) + " deep once macros are expanded");
  }
  if (graph_.ops.size() > max_operations) {
    fail_at(scope, e.column, "the model is too large: more than " + std::to_string(max_operations / 1'000'000) +
                                 " million operations once arrays and macros are expanded");
  }
  ++scope.depth;
  Bound b = lower_node(e, scope);
  --scope.depth;
  return b;
}

Bound Lowering::lower_node(const Expr& e, Scope& scope) {
  switch (e.kind) {
    case Expr::Kind::number:
      return Bound::constant(e.number);
    case Expr::Kind::name:
      return lower_name(e, scope);
    case Expr::Kind::unary: {
      const Bound a = lower(e.args[0], scope);
      if (e.op == Op::plus) return a;
      return op(e.op == Op::neg ? OpCode::neg : OpCode::not_, {a});
    }
    case Expr::Kind::binary:
      return lower_chain(e, scope);
    case Expr::Kind::if_then_else: {
      const auto args = lower_args(e, scope);
      return lower_select(args[0], args[1], args[2]);
    }
    case Expr::Kind::call:
      return lower_call(e, scope);
  }
  return {};
}

/// a + b - c * d ... is a tree as deep as the chain is long, leaning left. Its left edge is walked in a
/// loop and the operators applied from the bottom up, so no equation is too long to compile. Operands
/// are lowered in reading order (C++ leaves the order of a function's arguments open), because
/// lowering numbers random call sites and helpers as it meets them.
Bound Lowering::lower_chain(const Expr& e, Scope& scope) {
  std::vector<const Expr*> spine;
  const Expr* left = &e;
  for (; left->kind == Expr::Kind::binary; left = &left->args[0]) spine.push_back(left);
  Bound acc = lower(*left, scope);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    const Bound right = lower((*it)->args[1], scope);
    acc = (*it)->op == Op::pow ? lower_power(acc, right) : op(binary_code((*it)->op), {acc, right});
  }
  return acc;
}

/// x^2 and x^3 as multiplications, x^0.5 as a square root: std::pow costs ten times more.
Bound Lowering::lower_power(Bound base, Bound exponent) {
  if (exponent.is_constant() && !base.is_constant()) {
    if (exponent.value == 1.0) return base;
    if (exponent.value == 2.0) return op(OpCode::mul, {base, base});
    if (exponent.value == 3.0) return op(OpCode::mul, {op(OpCode::mul, {base, base}), base});
    if (exponent.value == 0.5) return op(OpCode::sqrt, {base});
  }
  return op(OpCode::pow, {base, exponent});
}

Bound Lowering::lower_select(Bound c, Bound t, Bound f) {
  if (c.is_constant()) return c.value != 0.0 ? t : f;
  return op(OpCode::select, {c, t, f});
}

Bound Lowering::lower_name(const Expr& e, Scope& scope) {
  if (scope.macro_arguments && !e.has_subscripts) {
    const auto it = scope.macro_arguments->find(canonical_name(e.name));
    if (it != scope.macro_arguments->end()) return it->second;
  }
  const VarInfo* v = index_.find_var(e.name);
  if (!v) {
    if (e.has_subscripts) fail_at(scope, e.column, "unknown name '" + e.name + "'" + index_.suggestion(e.name));
    const std::string key = canonical_name(e.name);
    if (key == "time") return Bound::reg(reg_time);
    if (key == "dt" || key == "time_step") return Bound::reg(reg_dt);
    if (key == "starttime" || key == "initial_time") return Bound::reg(reg_start);
    if (key == "stoptime" || key == "final_time") return Bound::reg(reg_stop);
    if (key == "pi") return Bound::constant(std::numbers::pi);
    fail_at(scope, e.column, "unknown name '" + e.name + "'" + index_.suggestion(e.name));
  }
  if (v->def->graph && v->def->equation.empty() && v->def->elements.empty()) {
    fail_at(scope, e.column, "'" + v->def->name + "' is a graphical function with no input; call it as " +
                                 v->def->name + "(x)");
  }
  const auto slots = resolve_elements(*v, e, scope, /*in_array_function=*/false);
  return Bound::reg(slots.front());
}

/// Registers a reference selects. Outside array functions it must select exactly one element.
std::vector<std::uint32_t> Lowering::resolve_elements(const VarInfo& v, const Expr& e, const Scope& scope,
                                                      bool in_array_function) const {
  const std::size_t n = v.dims.size();
  if (e.has_subscripts && e.subscripts.size() != n) {
    fail_at(scope, e.column, "'" + v.def->name + "' has " + std::to_string(n) + " dimension" +
                                 (n == 1 ? "" : "s") + " but is subscripted with " +
                                 std::to_string(e.subscripts.size()));
  }
  // Candidate element indices per dimension of v.
  std::vector<std::vector<std::uint32_t>> choices(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t dim = v.dims[k];
    const DimInfo& info = index_.dims()[dim];
    if (!e.has_subscripts) {
      if (in_array_function && !scope_has(scope, dim)) {
        choices[k] = all_elements(dim);
      } else {
        choices[k] = {element_from_scope(scope, dim, v, e.column)};
      }
      continue;
    }
    const Subscript& s = e.subscripts[k];
    switch (s.kind) {
      case Subscript::Kind::wildcard:
        if (!in_array_function) {
          fail_at(scope, s.column, "'*' selects a whole dimension; use it inside SUM, MEAN, MIN, MAX, PROD, "
                                   "STDDEV or SIZE");
        }
        choices[k] = all_elements(dim);
        break;
      case Subscript::Kind::index:
        if (s.index < 1 || static_cast<std::size_t>(s.index) > info.elements.size()) {
          fail_at(scope, s.column, "index " + std::to_string(s.index) + " is outside dimension '" + info.name +
                                       "' (1 to " + std::to_string(info.elements.size()) + ")");
        }
        choices[k] = {static_cast<std::uint32_t>(s.index - 1)};
        break;
      case Subscript::Kind::name:
        choices[k] = resolve_subscript_name(s, dim, v, scope, in_array_function);
        break;
    }
  }
  if (!in_array_function) {
    for (const auto& c : choices) {
      if (c.size() != 1) fail_at(scope, e.column, "reference selects more than one element");
    }
  }
  // Cartesian product in row-major order.
  std::vector<std::uint32_t> slots;
  std::vector<std::uint32_t> element(n, 0), cursor(n, 0);
  for (;;) {
    for (std::size_t k = 0; k < n; ++k) element[k] = choices[k][cursor[k]];
    slots.push_back(v.base + index_.flatten(v, element));
    std::size_t k = n;
    while (k > 0) {
      --k;
      if (++cursor[k] < choices[k].size()) break;
      cursor[k] = 0;
      if (k == 0) return slots;
    }
    if (n == 0) return slots;
  }
}

std::vector<std::uint32_t> Lowering::resolve_subscript_name(const Subscript& s, std::uint32_t dim, const VarInfo& v,
                                                            const Scope& scope, bool in_array_function) const {
  const DimInfo& info = index_.dims()[dim];
  std::string key = canonical_name(s.text);
  // "dimension.element" names an element explicitly.
  if (const auto dot = key.find('.'); dot != std::string::npos) {
    if (index_.find_dimension(key.substr(0, dot)) == dim) key = key.substr(dot + 1);
  }
  if (const std::uint32_t named = index_.find_dimension(key); named != no_node) {
    if (named != dim) {
      fail_at(scope, s.column, "dimension mismatch: position " + std::string("of '") + s.text + "' in '" +
                                   v.def->name + "' expects dimension '" + info.name + "'");
    }
    if (scope_has(scope, dim)) return {element_from_scope(scope, dim, v, s.column)};
    if (in_array_function) return all_elements(dim);
    fail_at(scope, s.column, "'" + scope.label + "' has no dimension '" + info.name + "' to take the element of '" +
                                 v.def->name + "' from");
  }
  const auto it = info.index.find(key);
  if (it == info.index.end()) {
    fail_at(scope, s.column, "'" + s.text + "' is not an element of dimension '" + info.name + "'");
  }
  return {it->second};
}

bool Lowering::scope_has(const Scope& scope, std::uint32_t dim) const {
  return std::find(scope.var->dims.begin(), scope.var->dims.end(), dim) != scope.var->dims.end();
}

std::vector<std::uint32_t> Lowering::all_elements(std::uint32_t dim) const {
  std::vector<std::uint32_t> all(index_.dims()[dim].elements.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

std::uint32_t Lowering::element_from_scope(const Scope& scope, std::uint32_t dim, const VarInfo& v,
                                           int column) const {
  const auto& sd = scope.var->dims;
  const auto pos = std::find(sd.begin(), sd.end(), dim);
  if (pos == sd.end()) {
    const DimInfo& info = index_.dims()[dim];
    fail_at(scope, column, "dimension mismatch: '" + v.def->name + "' is arrayed over '" + info.name + "' but '" +
                               scope.label + "' is not; subscript it, e.g. " + v.def->name + "[" +
                               info.elements.front() + "]");
  }
  return scope.element[static_cast<std::size_t>(pos - sd.begin())];
}

}  // namespace revolve::sd

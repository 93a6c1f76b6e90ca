#include "sim/sd/compiler.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>
#include <sstream>
#include <unordered_map>

#include "sim/core/error.hpp"
#include "sim/core/suggest.hpp"
#include "sim/sd/expression.hpp"

namespace revolve::sd {
namespace {

constexpr std::uint32_t no_node = 0xffffffffu;
constexpr std::uint32_t temp_flag = 0x80000000u;  // marks temporaries until their base is known

/// An expression with every name resolved to a register: what the compiler emits code from.
struct Bound {
  enum class Kind { constant, slot, op };
  Kind kind = Kind::constant;
  double value = 0.0;
  std::uint32_t slot = 0;
  OpCode op = OpCode::copy;
  std::uint32_t extra = 0;  // table, random site or delay index
  std::vector<Bound> args;

  static Bound constant(double v) {
    Bound b;
    b.value = v;
    return b;
  }
  static Bound reg(std::uint32_t s) {
    Bound b;
    b.kind = Kind::slot;
    b.slot = s;
    return b;
  }
  static Bound make(OpCode op, std::vector<Bound> args, std::uint32_t extra = 0) {
    Bound b;
    b.kind = Kind::op;
    b.op = op;
    b.args = std::move(args);
    b.extra = extra;
    return b;
  }
  bool is_constant() const { return kind == Kind::constant; }
};

/// One scalar computed by an equation: a variable element or a hidden helper.
struct Node {
  std::uint32_t slot = 0;
  std::string label;  // for loop reports: "x[a]" or "SMTH1 stage 1 in 'x[a]'"
  Bound init_expr;    // value at the start (stocks: initial value)
  bool has_flow_expr = false;
  Bound flow_expr;    // value during the run; absent for stocks, INIT captures and inputs
};

struct StockDef {
  std::uint32_t slot = 0;
  std::vector<std::uint32_t> inflows, outflows;
  bool non_negative = false;
};

struct VarInfo {
  const Variable* def = nullptr;
  std::vector<std::uint32_t> dims;  // indices into Compiler::dims_
  std::uint32_t base = 0;           // register of element 0
  std::uint32_t size = 1;
  Expr parsed;                      // apply-to-all equation (if any)
  bool has_parsed = false;
  std::vector<std::uint32_t> tables;  // per element, graphical variables only
};

struct DimInfo {
  std::string name;
  std::vector<std::string> elements;  // as written
  std::unordered_map<std::string, std::uint32_t> index;  // canonical element -> position
};

/// Where lowering happens: which variable element, for error messages and dimension binding.
struct Scope {
  const VarInfo* var = nullptr;
  std::vector<std::uint32_t> element;  // element index per dimension of var
  std::string label;                   // "x[a,b]"
  const std::string* equation = nullptr;
  int random_count = 0;                // call sites seen so far in this element's equation
  int helper_count = 0;
  /// Inside a macro body: its parameters, bound to the lowered arguments of the call.
  const std::unordered_map<std::string, Bound>* macro_arguments = nullptr;
  int macro_depth = 0;
};

std::string join_elements(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "," : "") + parts[i];
  return out;
}

class Compiler {
 public:
  Compiler(const Model& model, const CompileOptions& options) : model_(model), options_(options) {}

  CompiledModel run() {
    check_specs();
    index_macros();
    index_dimensions();
    index_variables();
    build_nodes();
    apply_overrides();
    // The flow phase first: a loop there is an algebraic loop, whatever the initial values do.
    const auto flow_order = order(/*init_phase=*/false);
    const auto init_order = order(/*init_phase=*/true);
    emit(init_order, flow_order);
    return std::move(out_);
  }

 private:
  const Model& model_;
  const CompileOptions& options_;
  CompiledModel out_;
  std::vector<DimInfo> dims_;
  std::unordered_map<std::string, std::uint32_t> dim_index_;
  std::vector<VarInfo> vars_;
  std::unordered_map<std::string, std::uint32_t> var_index_;
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> node_of_slot_;  // register -> node, no_node if none
  std::vector<StockDef> stocks_;
  std::vector<bool> is_stock_slot_;
  std::uint32_t next_slot_ = first_variable_register;
  std::vector<std::string> hidden_labels_;

  // ---------------------------------------------------------------- set-up

  [[noreturn]] void fail_model(const std::string& message) const {
    throw ModelError(where(model_.name.empty() ? "" : "model '" + model_.name + "'", 0) + message);
  }

  [[noreturn]] void fail_variable(const Variable& v, const std::string& message) const {
    throw ModelError(where(v.origin.file, v.origin.line) + "variable '" + v.name + "': " + message);
  }

  [[noreturn]] void fail_at(const Scope& scope, int column, const std::string& message) const {
    const Variable& v = *scope.var->def;
    std::ostringstream m;
    m << where(v.origin.file, v.origin.line) << "in the equation of '" << scope.label << "'";
    if (column > 0) m << ", column " << column;
    m << ": " << message;
    if (scope.equation && column > 0) {
      m << "\n    " << *scope.equation << "\n    " << std::string(column - 1, ' ') << '^';
    }
    throw ModelError(m.str());
  }

  void check_specs() {
    const SimSpecs& s = model_.specs;
    if (!(s.dt > 0.0)) fail_model("dt must be positive, got " + std::to_string(s.dt));
    if (!(s.stop >= s.start)) fail_model("stop time must not be before start time");
    if (s.save_step < 0.0) fail_model("save step must not be negative");
    if (s.save_step > 0.0) {
      const double ratio = s.save_step / s.dt;
      if (std::abs(ratio - std::round(ratio)) > 1e-9 * ratio || ratio < 1.0 - 1e-9) {
        fail_model("save step (" + std::to_string(s.save_step) + ") must be a whole multiple of dt (" +
                   std::to_string(s.dt) + ")");
      }
    }
    out_.name = model_.name;
    out_.specs = s;
  }

  struct MacroInfo {
    const Macro* def = nullptr;
    Expr body;
  };
  std::unordered_map<std::string, MacroInfo> macros_;

  void index_macros() {
    for (const Macro& m : model_.macros) {
      MacroInfo info{&m, {}};
      try {
        info.body = parse_expression(m.equation);
      } catch (const SyntaxError& e) {
        throw ModelError(where(m.origin.file, m.origin.line) + "in macro '" + m.name + "', column " +
                         std::to_string(e.column) + ": syntax error: " + e.message);
      }
      if (!macros_.emplace(canonical_name(m.name), std::move(info)).second) {
        fail_model("macro '" + m.name + "' is defined twice");
      }
    }
  }

  void index_dimensions() {
    for (const Dimension& d : model_.dimensions) {
      DimInfo info;
      info.name = d.name;
      info.elements = d.elements;
      if (d.elements.empty()) fail_model("dimension '" + d.name + "' has no elements");
      for (std::uint32_t i = 0; i < d.elements.size(); ++i) {
        if (!info.index.emplace(canonical_name(d.elements[i]), i).second) {
          fail_model("dimension '" + d.name + "' lists element '" + d.elements[i] + "' twice");
        }
      }
      if (!dim_index_.emplace(canonical_name(d.name), dims_.size()).second) {
        fail_model("dimension '" + d.name + "' is defined twice");
      }
      dims_.push_back(std::move(info));
    }
  }

  std::string element_label(const VarInfo& v, const std::vector<std::uint32_t>& element) const {
    if (v.dims.empty()) return v.def->name;
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < element.size(); ++k) parts.push_back(dims_[v.dims[k]].elements[element[k]]);
    return v.def->name + "[" + join_elements(parts) + "]";
  }

  std::vector<std::uint32_t> unflatten(const VarInfo& v, std::uint32_t flat) const {
    std::vector<std::uint32_t> element(v.dims.size());
    for (std::size_t k = v.dims.size(); k-- > 0;) {
      const auto n = static_cast<std::uint32_t>(dims_[v.dims[k]].elements.size());
      element[k] = flat % n;
      flat /= n;
    }
    return element;
  }

  std::uint32_t flatten(const VarInfo& v, const std::vector<std::uint32_t>& element) const {
    std::uint32_t flat = 0;
    for (std::size_t k = 0; k < v.dims.size(); ++k) {
      flat = flat * static_cast<std::uint32_t>(dims_[v.dims[k]].elements.size()) + element[k];
    }
    return flat;
  }

  void index_variables() {
    for (const Variable& v : model_.variables) {
      VarInfo info;
      info.def = &v;
      for (const auto& d : v.dimensions) {
        const auto it = dim_index_.find(canonical_name(d));
        if (it == dim_index_.end()) fail_variable(v, "unknown dimension '" + d + "'");
        info.dims.push_back(it->second);
        info.size *= static_cast<std::uint32_t>(dims_[it->second].elements.size());
      }
      info.base = next_slot_;
      next_slot_ += info.size;
      const std::string key = canonical_name(v.name);
      if (key.empty()) fail_variable(v, "a variable needs a name");
      if (!var_index_.emplace(key, vars_.size()).second) fail_variable(v, "is defined twice");
      vars_.push_back(std::move(info));
    }
    // Graphical functions get their table numbers first: they may be called before they are defined.
    for (VarInfo& v : vars_) {
      for (std::uint32_t e = 0; e < v.size; ++e) {
        const ElementDefinition* definition = nullptr;
        equation_of(v, unflatten(v, e), &definition);
        const auto& graph = definition && definition->graph ? definition->graph : v.def->graph;
        if (!graph) continue;
        if (const std::string problem = graph->problem(); !problem.empty()) {
          fail_variable(*v.def, "graphical function " + problem);
        }
        v.tables.resize(v.size, no_node);
        v.tables[e] = static_cast<std::uint32_t>(out_.tables.size());
        out_.tables.push_back(*graph);
      }
    }
    // Names and units of saved elements, and the look-up tables for find().
    for (const VarInfo& v : vars_) {
      std::vector<std::uint32_t>& all = out_.variable_index[canonical_name(v.def->name)];
      for (std::uint32_t e = 0; e < v.size; ++e) {
        const std::string label = element_label(v, unflatten(v, e));
        out_.variable_names.push_back(label);
        out_.variable_units.push_back(v.def->units);
        out_.element_index.emplace(canonical_element_name(label), v.base + e);
        all.push_back(v.base + e);
      }
    }
  }

  std::uint32_t new_hidden_slot(std::string label) {
    hidden_labels_.push_back(std::move(label));
    return next_slot_++;
  }

  Node& add_node(std::uint32_t slot, std::string label) {
    nodes_.push_back({});
    Node& n = nodes_.back();
    n.slot = slot;
    n.label = std::move(label);
    return n;
  }

  // ---------------------------------------------------------------- nodes

  const std::string& equation_of(const VarInfo& v, const std::vector<std::uint32_t>& element,
                                 const ElementDefinition** definition) const {
    *definition = nullptr;
    for (const ElementDefinition& d : v.def->elements) {
      if (d.elements.size() != v.dims.size()) {
        fail_variable(*v.def, "element definition has " + std::to_string(d.elements.size()) +
                                  " subscripts but the variable has " + std::to_string(v.dims.size()) +
                                  " dimensions");
      }
      bool match = true;
      for (std::size_t k = 0; k < element.size() && match; ++k) {
        const auto& dim = dims_[v.dims[k]];
        const auto it = dim.index.find(canonical_name(d.elements[k]));
        if (it == dim.index.end()) {
          fail_variable(*v.def, "'" + d.elements[k] + "' is not an element of dimension '" + dim.name + "'");
        }
        match = it->second == element[k];
      }
      if (match) {
        *definition = &d;
        return d.equation;
      }
    }
    return v.def->equation;
  }

  Expr parse(const VarInfo& v, const std::string& text, const std::string& label) const {
    try {
      return parse_expression(text);
    } catch (const SyntaxError& e) {
      Scope scope;
      scope.var = &v;
      scope.label = label;
      scope.equation = &text;
      fail_at(scope, e.column, "syntax error: " + e.message);
    }
  }

  void build_nodes() {
    for (VarInfo& v : vars_) {
      if (v.def->elements.empty() || v.def->dimensions.empty()) {
        const bool needs_equation = !v.def->graph && !v.def->input;
        if (needs_equation && v.def->equation.empty()) fail_variable(*v.def, "has no equation");
        if (!v.def->equation.empty()) {
          v.parsed = parse(v, v.def->equation, v.def->name);
          v.has_parsed = true;
        }
      }
      for (std::uint32_t e = 0; e < v.size; ++e) build_element(v, e);
    }
    for (const VarInfo& v : vars_) {
      if (v.def->kind != VariableKind::stock) continue;
      for (std::uint32_t e = 0; e < v.size; ++e) connect_stock(v, e);
    }
  }

  void build_element(VarInfo& v, std::uint32_t flat) {
    Scope scope;
    scope.var = &v;
    scope.element = unflatten(v, flat);
    scope.label = element_label(v, scope.element);
    const ElementDefinition* definition = nullptr;
    const std::string& text = equation_of(v, scope.element, &definition);
    scope.equation = &text;
    const std::optional<GraphicalFunction>& graph = definition && definition->graph ? definition->graph : v.def->graph;

    Bound value;
    if (!text.empty()) {
      Expr parsed_here;
      const Expr* expr = &v.parsed;
      if (definition || !v.has_parsed) {
        parsed_here = parse(v, text, scope.label);
        expr = &parsed_here;
      }
      value = lower(*expr, scope);
    } else if (graph) {
      value = Bound::reg(reg_time);  // a graphical function with no input reads TIME
    } else if (v.def->input) {
      value = Bound::constant(0.0);
    } else {
      fail_variable(*v.def, "element '" + scope.label + "' has no equation");
    }
    if (graph) value = fold(Bound::make(OpCode::lookup, {std::move(value)}, v.tables[flat]));
    if (v.def->kind == VariableKind::flow && v.def->non_negative) {
      value = fold(Bound::make(OpCode::max, {std::move(value), Bound::constant(0.0)}));
    }

    Node& node = add_node(v.base + flat, scope.label);
    node.init_expr = value;
    if (v.def->kind == VariableKind::stock) {
      stocks_.push_back({v.base + flat, {}, {}, v.def->non_negative});
    } else if (v.def->input) {
      out_.input_slots.push_back(v.base + flat);
    } else {
      node.has_flow_expr = true;
      node.flow_expr = std::move(value);
    }
  }

  // Flow elements feeding stock element `flat`, matched by dimension names.
  std::uint32_t flow_slot_for(const VarInfo& stock, std::uint32_t flat, const std::string& flow_name) {
    const auto it = var_index_.find(canonical_name(flow_name));
    if (it == var_index_.end()) fail_variable(*stock.def, "unknown flow '" + flow_name + "'");
    const VarInfo& flow = vars_[it->second];
    // An auxiliary may feed a stock directly (generated models do this); another stock may not.
    if (flow.def->kind == VariableKind::stock) {
      fail_variable(*stock.def, "'" + flow.def->name + "' is listed as a flow but is a stock");
    }
    const auto element = unflatten(stock, flat);
    std::vector<std::uint32_t> flow_element;
    for (std::uint32_t d : flow.dims) {
      const auto pos = std::find(stock.dims.begin(), stock.dims.end(), d);
      if (pos == stock.dims.end()) {
        fail_variable(*stock.def, "flow '" + flow.def->name + "' has dimension '" + dims_[d].name +
                                      "' that the stock does not have");
      }
      flow_element.push_back(element[static_cast<std::size_t>(pos - stock.dims.begin())]);
    }
    return flow.base + flatten(flow, flow_element);
  }

  void connect_stock(const VarInfo& v, std::uint32_t flat) {
    const std::uint32_t slot = v.base + flat;
    auto def = std::find_if(stocks_.begin(), stocks_.end(), [&](const StockDef& s) { return s.slot == slot; });
    for (const auto& f : v.def->inflows) def->inflows.push_back(flow_slot_for(v, flat, f));
    for (const auto& f : v.def->outflows) def->outflows.push_back(flow_slot_for(v, flat, f));
  }

  void apply_overrides() {
    std::unordered_map<std::uint32_t, std::uint32_t> node_at;
    for (std::uint32_t i = 0; i < nodes_.size(); ++i) node_at.emplace(nodes_[i].slot, i);
    for (const auto& [name, value] : options_.overrides) {
      std::vector<std::uint32_t> slots;
      if (auto it = out_.variable_index.find(canonical_name(name)); it != out_.variable_index.end()) {
        slots = it->second;
      } else if (auto e = out_.element_index.find(canonical_element_name(name)); e != out_.element_index.end()) {
        slots.push_back(e->second);
      } else {
        fail_model("cannot override unknown variable '" + name + "'");
      }
      for (std::uint32_t s : slots) {
        Node& n = nodes_[node_at.at(s)];
        n.init_expr = Bound::constant(value);
        if (n.has_flow_expr) n.flow_expr = Bound::constant(value);
      }
    }
  }

  // ---------------------------------------------------------------- lowering

  Bound fold(Bound b) const {
    if (b.kind != Bound::Kind::op || is_time_dependent(b.op)) return b;
    for (const Bound& a : b.args) {
      if (!a.is_constant()) return b;
    }
    double r[5] = {0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < b.args.size(); ++i) r[i] = b.args[i].value;
    const Instr in{b.op, 4, 0, 1, operand_c_is_index(b.op) ? b.extra : 2};
    ExecutionContext ctx;
    ctx.registers = r;
    ctx.tables = out_.tables.data();
    execute(std::span<const Instr>(&in, 1), ctx);
    return Bound::constant(r[4]);
  }

  Bound op(OpCode code, std::vector<Bound> args, std::uint32_t extra = 0) const {
    return fold(Bound::make(code, std::move(args), extra));
  }

  Bound lower(const Expr& e, Scope& scope) {
    switch (e.kind) {
      case Expr::Kind::number:
        return Bound::constant(e.number);
      case Expr::Kind::name:
        return lower_name(e, scope);
      case Expr::Kind::unary: {
        Bound a = lower(e.args[0], scope);
        if (e.op == Op::plus) return a;
        return op(e.op == Op::neg ? OpCode::neg : OpCode::not_, {std::move(a)});
      }
      case Expr::Kind::binary:
        if (e.op == Op::pow) return lower_power(lower(e.args[0], scope), lower(e.args[1], scope));
        return op(binary_code(e.op), {lower(e.args[0], scope), lower(e.args[1], scope)});
      case Expr::Kind::if_then_else:
        return lower_select(lower(e.args[0], scope), lower(e.args[1], scope), lower(e.args[2], scope));
      case Expr::Kind::call:
        return lower_call(e, scope);
    }
    return {};
  }

  /// x^2 and x^3 as multiplications, x^0.5 as a square root: std::pow costs ten times more.
  Bound lower_power(Bound base, Bound exponent) const {
    if (exponent.is_constant() && !base.is_constant()) {
      if (exponent.value == 1.0) return base;
      if (exponent.value == 2.0) return op(OpCode::mul, {base, base});
      if (exponent.value == 3.0) return op(OpCode::mul, {op(OpCode::mul, {base, base}), base});
      if (exponent.value == 0.5) return op(OpCode::sqrt, {std::move(base)});
    }
    return op(OpCode::pow, {std::move(base), std::move(exponent)});
  }

  Bound lower_select(Bound c, Bound t, Bound f) const {
    if (c.is_constant()) return c.value != 0.0 ? t : f;
    return op(OpCode::select, {std::move(c), std::move(t), std::move(f)});
  }

  static OpCode binary_code(Op o) {
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

  const VarInfo* find_var(const std::string& name) const {
    const auto it = var_index_.find(canonical_name(name));
    return it == var_index_.end() ? nullptr : &vars_[it->second];
  }

  /// " (did you mean 'x'?)" for an unknown name, compared in canonical form, shown as written.
  std::string suggestion(const std::string& name) const {
    std::vector<std::string> known;
    for (const auto& [key, index] : var_index_) known.push_back(key);
    std::vector<std::string> shown;
    for (const auto& key : closest_names(canonical_name(name), known)) shown.push_back(vars_[var_index_.at(key)].def->name);
    return did_you_mean(shown);
  }

  Bound lower_name(const Expr& e, Scope& scope) {
    if (scope.macro_arguments && !e.has_subscripts) {
      const auto it = scope.macro_arguments->find(canonical_name(e.name));
      if (it != scope.macro_arguments->end()) return it->second;
    }
    const VarInfo* v = find_var(e.name);
    if (!v) {
      if (e.has_subscripts) fail_at(scope, e.column, "unknown name '" + e.name + "'" + suggestion(e.name));
      const std::string key = canonical_name(e.name);
      if (key == "time") return Bound::reg(reg_time);
      if (key == "dt" || key == "time_step") return Bound::reg(reg_dt);
      if (key == "starttime" || key == "initial_time") return Bound::reg(reg_start);
      if (key == "stoptime" || key == "final_time") return Bound::reg(reg_stop);
      if (key == "pi") return Bound::constant(std::numbers::pi);
      fail_at(scope, e.column, "unknown name '" + e.name + "'" + suggestion(e.name));
    }
    if (v->def->graph && v->def->equation.empty() && v->def->elements.empty()) {
      fail_at(scope, e.column, "'" + v->def->name + "' is a graphical function with no input; call it as " +
                                   v->def->name + "(x)");
    }
    const auto slots = resolve_elements(*v, e, scope, /*in_array_function=*/false);
    return Bound::reg(slots.front());
  }

  /// Registers a reference selects. Outside array functions it must select exactly one element.
  std::vector<std::uint32_t> resolve_elements(const VarInfo& v, const Expr& e, const Scope& scope,
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
      const DimInfo& info = dims_[dim];
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
      slots.push_back(v.base + flatten(v, element));
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

  std::vector<std::uint32_t> resolve_subscript_name(const Subscript& s, std::uint32_t dim, const VarInfo& v,
                                                    const Scope& scope, bool in_array_function) const {
    const DimInfo& info = dims_[dim];
    std::string key = canonical_name(s.text);
    // "dimension.element" names an element explicitly.
    if (const auto dot = key.find('.'); dot != std::string::npos) {
      const auto d = dim_index_.find(key.substr(0, dot));
      if (d != dim_index_.end() && d->second == dim) key = key.substr(dot + 1);
    }
    if (const auto d = dim_index_.find(key); d != dim_index_.end()) {
      if (d->second != dim) {
        fail_at(scope, s.column, "dimension mismatch: position " + std::string("of '") + s.text +
                                     "' in '" + v.def->name + "' expects dimension '" + info.name + "'");
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

  bool scope_has(const Scope& scope, std::uint32_t dim) const {
    return std::find(scope.var->dims.begin(), scope.var->dims.end(), dim) != scope.var->dims.end();
  }

  std::vector<std::uint32_t> all_elements(std::uint32_t dim) const {
    std::vector<std::uint32_t> all(dims_[dim].elements.size());
    for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
  }

  std::uint32_t element_from_scope(const Scope& scope, std::uint32_t dim, const VarInfo& v, int column) const {
    const auto& sd = scope.var->dims;
    const auto pos = std::find(sd.begin(), sd.end(), dim);
    if (pos == sd.end()) {
      fail_at(scope, column, "dimension mismatch: '" + v.def->name + "' is arrayed over '" + dims_[dim].name +
                                 "' but '" + scope.label + "' is not; subscript it, e.g. " + v.def->name + "[" +
                                 dims_[dim].elements.front() + "]");
    }
    return scope.element[static_cast<std::size_t>(pos - sd.begin())];
  }

  void check_arity(const Expr& e, const Scope& scope, std::size_t min, std::size_t max) const {
    const std::size_t n = e.args.size();
    if (n >= min && n <= max) return;
    std::string expected = min == max ? std::to_string(min)
                                      : std::to_string(min) + (max == min + 1 ? " or " : " to ") + std::to_string(max);
    fail_at(scope, e.column, e.name + " takes " + expected + " argument" + (max == 1 ? "" : "s") + ", got " +
                                 std::to_string(n));
  }

  double constant_argument(const Expr& e, Scope& scope, const char* what) {
    const Bound b = lower(e, scope);
    if (!b.is_constant()) fail_at(scope, e.column, std::string(what) + " must be a constant");
    return b.value;
  }

  std::vector<Bound> lower_args(const Expr& e, Scope& scope) {
    std::vector<Bound> args;
    for (const Expr& a : e.args) args.push_back(lower(a, scope));
    return args;
  }

  Bound chain(OpCode code, std::vector<Bound> items) const {
    Bound acc = std::move(items.front());
    for (std::size_t i = 1; i < items.size(); ++i) acc = op(code, {std::move(acc), std::move(items[i])});
    return acc;
  }

  Bound lower_call(const Expr& e, Scope& scope) {
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
      return op(OpCode::safediv, std::move(args));
    }
    if (f == "IF_THEN_ELSE") {
      check_arity(e, scope, 3, 3);
      auto args = lower_args(e, scope);
      return lower_select(std::move(args[0]), std::move(args[1]), std::move(args[2]));
    }
    if (f == "PULSE") {
      check_arity(e, scope, 2, 3);
      auto args = lower_args(e, scope);
      if (args.size() < 3) args.push_back(Bound::constant(0.0));
      return Bound::make(OpCode::pulse, std::move(args));
    }
    if (f == "STEP") {
      check_arity(e, scope, 2, 2);
      return Bound::make(OpCode::step, lower_args(e, scope));
    }
    if (f == "RAMP") {
      check_arity(e, scope, 2, 3);
      auto args = lower_args(e, scope);
      if (args.size() < 3) args.push_back(Bound::constant(std::numeric_limits<double>::infinity()));
      return Bound::make(OpCode::ramp, std::move(args));
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
    if (const auto it = macros_.find(canonical_name(f)); it != macros_.end()) return lower_macro(e, it->second, scope);
    if (const VarInfo* v = find_var(f); v && v->def->graph) {
      check_arity(e, scope, 1, 1);
      Expr name;
      name.kind = Expr::Kind::name;
      name.name = f;
      name.column = e.column;
      return lower_graph_call(name, e.args[0], scope);
    }
    fail_at(scope, e.column, "unknown function '" + f + "'");
  }

  /// A macro call is its body with the parameters bound to the arguments (lowered here, in the
  /// caller's scope), so stateful builtins in the body get their own hidden state per call.
  Bound lower_macro(const Expr& e, const MacroInfo& macro, Scope& scope) {
    const auto& params = macro.def->parameters;
    check_arity(e, scope, params.size(), params.size());
    if (scope.macro_depth > 32) fail_at(scope, e.column, "macro '" + macro.def->name + "' calls itself too deeply");
    std::unordered_map<std::string, Bound> arguments;
    for (std::size_t i = 0; i < params.size(); ++i) arguments[canonical_name(params[i])] = lower(e.args[i], scope);
    const auto* saved = scope.macro_arguments;
    scope.macro_arguments = &arguments;
    ++scope.macro_depth;
    Bound body = lower(macro.body, scope);
    --scope.macro_depth;
    scope.macro_arguments = saved;
    return body;
  }

  Bound lower_graph_call(const Expr& name, const Expr& input, Scope& scope) {
    const VarInfo* v = find_var(name.name);
    if (!v || !v->def->graph) fail_at(scope, name.column, "'" + name.name + "' is not a graphical function");
    const auto slots = resolve_elements(*v, name, scope, false);
    const std::uint32_t element = slots.front() - v->base;
    if (element >= v->tables.size() || v->tables[element] == no_node) {
      fail_at(scope, name.column, "element '" + element_label(*v, unflatten(*v, element)) + "' has no graphical function");
    }
    return op(OpCode::lookup, {lower(input, scope)}, v->tables[element]);
  }

  std::vector<Bound> array_argument(const Expr& call, const Scope& scope) const {
    const Expr& a = call.args[0];
    if (a.kind != Expr::Kind::name) {
      fail_at(scope, a.column, call.name + " of one argument takes an array reference such as x[*]");
    }
    const VarInfo* v = find_var(a.name);
    if (!v) fail_at(scope, a.column, "unknown name '" + a.name + "'" + suggestion(a.name));
    std::vector<Bound> items;
    for (std::uint32_t s : resolve_elements(*v, a, scope, /*in_array_function=*/true)) items.push_back(Bound::reg(s));
    return items;
  }

  Bound lower_array_function(const Expr& e, Scope& scope) {
    check_arity(e, scope, 1, 1);
    std::vector<Bound> items = array_argument(e, scope);
    const double n = static_cast<double>(items.size());
    if (e.name == "SIZE") return Bound::constant(n);
    if (e.name == "PROD") return chain(OpCode::mul, std::move(items));
    if (e.name == "SUM") return chain(OpCode::add, std::move(items));
    Bound mean = op(OpCode::div, {chain(OpCode::add, items), Bound::constant(n)});
    if (e.name == "MEAN") return mean;
    // Population standard deviation, as XMILE's STDDEV.
    std::vector<Bound> squares;
    for (Bound& item : items) {
      Bound d = op(OpCode::sub, {std::move(item), mean});
      squares.push_back(op(OpCode::mul, {d, d}));
    }
    return op(OpCode::sqrt, {op(OpCode::div, {chain(OpCode::add, std::move(squares)), Bound::constant(n)})});
  }

  std::string helper_label(Scope& scope, const std::string& what) {
    return what + " #" + std::to_string(++scope.helper_count) + " in '" + scope.label + "'";
  }

  /// A register holding `value`'s initial value, fixed after initialisation.
  Bound capture_initial(Bound value, const std::string& what, Scope& scope) {
    if (value.is_constant()) return value;
    const std::uint32_t slot = new_hidden_slot(helper_label(scope, what));
    Node& n = add_node(slot, hidden_labels_.back());
    n.init_expr = std::move(value);
    return Bound::reg(slot);
  }

  std::uint32_t add_hidden_stock(const std::string& label, Bound initial) {
    const std::uint32_t slot = new_hidden_slot(label);
    add_node(slot, label).init_expr = std::move(initial);
    stocks_.push_back({slot, {}, {}, false});
    return slot;
  }

  std::uint32_t add_hidden_flow(const std::string& label, Bound value) {
    const std::uint32_t slot = new_hidden_slot(label);
    Node& n = add_node(slot, label);
    n.init_expr = value;
    n.has_flow_expr = true;
    n.flow_expr = std::move(value);
    return slot;
  }

  StockDef& stock_at(std::uint32_t slot) {
    return *std::find_if(stocks_.begin(), stocks_.end(), [&](const StockDef& s) { return s.slot == slot; });
  }

  int order_argument(const Expr& e, Scope& scope, std::size_t index) {
    const double n = constant_argument(e.args[index], scope, "the order");
    if (n < 1 || n != std::floor(n) || n > 1000) {
      fail_at(scope, e.args[index].column, "the order must be a whole number from 1 to 1000");
    }
    return static_cast<int>(n);
  }

  /// The arguments shared by smooths and material delays: F1/F3/FN(input, time [, n] [, initial]).
  struct StagedArguments {
    int order = 1;
    Bound input;
    Bound stage_time;  // time / order
    Bound initial;     // the initial value given, or the input
    std::string label;
  };

  StagedArguments staged_arguments(const Expr& e, Scope& scope) {
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
  Bound lower_smooth(const Expr& e, Scope& scope) {
    const StagedArguments a = staged_arguments(e, scope);
    Bound previous = a.input;
    std::uint32_t stage = 0;
    for (int k = 1; k <= a.order; ++k) {
      const std::string stage_label = a.label + " stage " + std::to_string(k);
      stage = add_hidden_stock(stage_label, a.initial);
      const std::uint32_t flow = add_hidden_flow(
          stage_label + " change", op(OpCode::div, {op(OpCode::sub, {previous, Bound::reg(stage)}), a.stage_time}));
      stock_at(stage).inflows.push_back(flow);
      previous = Bound::reg(stage);
    }
    return Bound::reg(stage);
  }

  // DELAY1/DELAY3/DELAYN: material delay in `order` stocks, each holding time / order of the transit;
  // a stage starts holding (initial outflow x stage time).
  Bound lower_material_delay(const Expr& e, Scope& scope) {
    const StagedArguments a = staged_arguments(e, scope);
    std::uint32_t inflow = add_hidden_flow(a.label + " inflow", a.input);
    for (int k = 1; k <= a.order; ++k) {
      const std::string stage_label = a.label + " stage " + std::to_string(k);
      const std::uint32_t stage = add_hidden_stock(stage_label, op(OpCode::mul, {a.initial, a.stage_time}));
      const std::uint32_t outflow =
          add_hidden_flow(stage_label + " outflow", op(OpCode::div, {Bound::reg(stage), a.stage_time}));
      stock_at(stage).inflows.push_back(inflow);
      stock_at(stage).outflows.push_back(outflow);
      inflow = outflow;
    }
    return Bound::reg(inflow);
  }

  // DELAY(input, delay time [, initial]): the input's value delay-time ago, from a recorded history.
  Bound lower_pipeline_delay(const Expr& e, Scope& scope) {
    check_arity(e, scope, 2, 3);
    Bound input = lower(e.args[0], scope);
    Bound delay_time = lower(e.args[1], scope);
    const std::string label = helper_label(scope, "DELAY");
    Bound before = e.args.size() > 2 ? lower(e.args[2], scope) : capture_initial(input, "DELAY initial", scope);
    const std::uint32_t input_slot = add_hidden_flow(label + " input", std::move(input));
    const auto index = static_cast<std::uint32_t>(out_.delays.size());
    out_.delays.push_back({input_slot});
    return Bound::make(OpCode::delay, {std::move(delay_time), std::move(before)}, index);
  }

  Bound lower_random(const Expr& e, Scope& scope) {
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
    return Bound::make(code, std::move(args), index);
  }

  // ---------------------------------------------------------------- ordering

  static void collect_slots(const Bound& b, std::vector<std::uint32_t>& out) {
    if (b.kind == Bound::Kind::slot) out.push_back(b.slot);
    for (const Bound& a : b.args) collect_slots(a, out);
  }

  /// Nodes in evaluation order. In the flow phase, stocks, INIT captures and inputs are sources.
  std::vector<std::uint32_t> order(bool init_phase) {
    node_of_slot_.assign(next_slot_, no_node);
    for (std::uint32_t i = 0; i < nodes_.size(); ++i) node_of_slot_[nodes_[i].slot] = i;
    const auto n = static_cast<std::uint32_t>(nodes_.size());
    std::vector<std::vector<std::uint32_t>> deps(n);
    std::vector<std::uint32_t> slots;
    for (std::uint32_t i = 0; i < n; ++i) {
      const Node& node = nodes_[i];
      if (!init_phase && !node.has_flow_expr) continue;
      slots.clear();
      collect_slots(init_phase ? node.init_expr : node.flow_expr, slots);
      for (std::uint32_t s : slots) {
        const std::uint32_t d = node_of_slot_[s];
        if (d == no_node) continue;  // time registers
        if (!init_phase && !nodes_[d].has_flow_expr) continue;
        deps[i].push_back(d);
      }
    }
    // Iterative depth-first search; a grey node met again closes a loop.
    enum : std::uint8_t { white, grey, black };
    std::vector<std::uint8_t> colour(n, white);
    std::vector<std::uint32_t> result;
    std::vector<std::pair<std::uint32_t, std::size_t>> stack;
    for (std::uint32_t root = 0; root < n; ++root) {
      if (colour[root] != white || (!init_phase && !nodes_[root].has_flow_expr)) continue;
      stack.push_back({root, 0});
      colour[root] = grey;
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next < deps[node].size()) {
          const std::uint32_t d = deps[node][next++];
          if (colour[d] == grey) report_loop(stack, d, init_phase);
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

  [[noreturn]] void report_loop(const std::vector<std::pair<std::uint32_t, std::size_t>>& stack,
                                std::uint32_t start, bool init_phase) const {
    std::string loop;
    bool in_loop = false;
    for (const auto& [node, ignored] : stack) {
      in_loop = in_loop || node == start;
      if (in_loop) loop += "'" + nodes_[node].label + "' -> ";
    }
    loop += "'" + nodes_[start].label + "'";
    fail_model(std::string(init_phase ? "circular initial values: " : "algebraic loop: ") + loop +
               (init_phase ? " (a stock's initial value depends on itself)"
                           : " (each depends on the next with no stock in between)"));
  }

  // ---------------------------------------------------------------- emission

  std::unordered_map<std::uint64_t, std::uint32_t> constant_index_;
  std::vector<double> constants_;
  std::uint32_t max_temps_ = 0;

  std::uint32_t constant_register(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    const auto [it, added] = constant_index_.emplace(bits, static_cast<std::uint32_t>(constants_.size()));
    if (added) constants_.push_back(value);
    return next_slot_ + it->second;
  }

  std::uint32_t emit_bound(const Bound& b, std::vector<Instr>& code, std::uint32_t& next_temp,
                           std::optional<std::uint32_t> dst) {
    std::uint32_t source;
    if (b.kind == Bound::Kind::constant) {
      source = constant_register(b.value);
    } else if (b.kind == Bound::Kind::slot) {
      source = b.slot;
    } else {
      const std::uint32_t mark = next_temp;
      std::uint32_t operands[3] = {0, 0, 0};
      for (std::size_t i = 0; i < b.args.size() && i < 3; ++i) {
        operands[i] = emit_bound(b.args[i], code, next_temp, std::nullopt);
      }
      next_temp = mark;
      std::uint32_t target = dst ? *dst : (temp_flag | next_temp++);
      max_temps_ = std::max(max_temps_, next_temp);
      const std::uint32_t c = operand_c_is_index(b.op) ? b.extra : operands[2];
      code.push_back({b.op, target, operands[0], operands[1], c});
      return target;
    }
    if (dst) {
      code.push_back({OpCode::copy, *dst, source, 0, 0});
      return *dst;
    }
    return source;
  }

  /// A node's value changes during the run if it reads time, state or a changing node.
  bool varies(const Bound& b, const std::vector<bool>& varying_slot) const {
    if (b.kind == Bound::Kind::slot) return varying_slot[b.slot];
    if (b.kind == Bound::Kind::op && is_time_dependent(b.op)) return true;
    for (const Bound& a : b.args) {
      if (varies(a, varying_slot)) return true;
    }
    return false;
  }

  void emit(const std::vector<std::uint32_t>& init_order, const std::vector<std::uint32_t>& flow_order) {
    std::uint32_t temp = 0;
    for (std::uint32_t i : init_order) {
      temp = 0;
      emit_bound(nodes_[i].init_expr, out_.init_code, temp, nodes_[i].slot);
    }
    std::vector<bool> varying(next_slot_, false);
    varying[reg_time] = true;
    for (const StockDef& s : stocks_) varying[s.slot] = true;
    for (std::uint32_t s : out_.input_slots) varying[s] = true;
    std::vector<std::vector<Instr>> node_code;
    for (std::uint32_t i : flow_order) {
      const Node& node = nodes_[i];
      if (!varies(node.flow_expr, varying)) continue;  // computed once, by the init code
      varying[node.slot] = true;
      temp = 0;
      emit_bound(node.flow_expr, node_code.emplace_back(), temp, node.slot);
    }
    std::uint32_t flow_temps = 0;
    out_.flow_code = schedule_by_depth(node_code, flow_temps);
    max_temps_ = std::max(max_temps_, flow_temps);
    const std::uint32_t zero = constant_register(0.0);  // rate of a stock with no flows
    // Registers: [time | variables | hidden | constants | temporaries | stock rates].
    const std::uint32_t temp_base = next_slot_ + static_cast<std::uint32_t>(constants_.size());
    for (auto* code : {&out_.init_code, &out_.flow_code}) {
      for (Instr& in : *code) {
        for (std::uint32_t* r : {&in.dst, &in.a, &in.b}) {
          if (*r & temp_flag) *r = temp_base + (*r & ~temp_flag);
        }
        if (!operand_c_is_index(in.op) && (in.c & temp_flag)) in.c = temp_base + (in.c & ~temp_flag);
      }
    }
    out_.rate_base = temp_base + max_temps_;
    out_.initial_registers.assign(out_.rate_base + stocks_.size(), 0.0);
    std::copy(constants_.begin(), constants_.end(), out_.initial_registers.begin() + next_slot_);
    const SimSpecs& s = model_.specs;
    out_.initial_registers[reg_time] = s.start;
    out_.initial_registers[reg_dt] = s.dt;
    out_.initial_registers[reg_start] = s.start;
    out_.initial_registers[reg_stop] = s.stop;
    emit_stock_layout(zero);
  }

  /// Flow code in single-assignment form (every node's temporaries are its own), ordered by depth
  /// in the dependency graph and, within a depth, by operation. execute() then runs each stretch of
  /// one operation as a tight loop with one dispatch: the 10,000-equation chain has 16,000
  /// instructions a step but only a few dozen stretches.
  std::vector<Instr> schedule_by_depth(const std::vector<std::vector<Instr>>& node_code, std::uint32_t& temps) const {
    std::vector<std::pair<std::uint32_t, Instr>> ordered;  // (depth, instruction)
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
  void emit_rate(std::uint32_t rate, const StockDef& s, std::uint32_t zero) {
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
  void emit_stock_layout(std::uint32_t zero) {
    std::unordered_map<std::uint32_t, int> sources;  // flow register -> stocks it drains
    for (const StockDef& s : stocks_) {
      for (std::uint32_t f : s.outflows) ++sources[f];
    }
    for (std::uint32_t i = 0; i < stocks_.size(); ++i) {
      const StockDef& s = stocks_[i];
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
};

}  // namespace

std::string canonical_element_name(std::string_view name) {
  const auto open = name.find('[');
  if (open == std::string_view::npos) return canonical_name(name);
  const auto close = name.rfind(']');
  std::string out = canonical_name(name.substr(0, open)) + "[";
  std::string_view inner = name.substr(open + 1, (close == std::string_view::npos ? name.size() : close) - open - 1);
  bool first = true;
  while (true) {
    const auto comma = inner.find(',');
    out += (first ? "" : ",") + canonical_name(inner.substr(0, comma));
    first = false;
    if (comma == std::string_view::npos) break;
    inner.remove_prefix(comma + 1);
  }
  return out + "]";
}

CompiledModel compile(const Model& model, const CompileOptions& options) {
  return Compiler(model, options).run();
}

}  // namespace revolve::sd

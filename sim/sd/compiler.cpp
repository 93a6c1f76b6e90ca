// The compiler's pipeline: check the specs; index the model (model_index.cpp); lower every variable
// element to a node (lowering.cpp and lower_*.cpp) and connect stocks to their flows; apply overrides;
// order by dependency (dependency_order.cpp); emit the flat program (emit_program.cpp).
#include "sim/sd/compiler.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <unordered_map>

#include "sim/core/error.hpp"
#include "sim/sd/dependency_order.hpp"
#include "sim/sd/emit_program.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/limits.hpp"
#include "sim/sd/lowering.hpp"
#include "sim/sd/model_index.hpp"

namespace revolve::sd {
namespace {

class Compiler {
 public:
  Compiler(const Model& model, const CompileOptions& options, CompiledModel& out)
      : model_(model), options_(options), out_(out), index_(model, out), lowering_(index_, graph_, out) {
    graph_.next_slot = index_.end_slot();
  }

  void run() {
    build_nodes();
    apply_overrides();
    check_parameters_set();
    check_size();
    // The flow phase first: a loop there is an algebraic loop, whatever the initial values do.
    const auto flow_order = dependency_order(graph_, /*init_phase=*/false, model_);
    const auto init_order = dependency_order(graph_, /*init_phase=*/true, model_);
    emit_program(graph_, init_order, flow_order, out_);
  }

 private:
  const Model& model_;
  const CompileOptions& options_;
  CompiledModel& out_;
  ModelIndex index_;
  NodeGraph graph_;
  Lowering lowering_;
  /// Elements of parameters without a default, until an override sets them: slot -> its label.
  std::map<std::uint32_t, std::pair<const Variable*, std::string>> unset_parameters_;

  Expr parse(const VarInfo& v, const std::string& text, const std::string& label) const;
  void build_nodes();
  void build_element(VarInfo& v, std::uint32_t flat);
  std::uint32_t flow_slot_for(const VarInfo& stock, std::uint32_t flat, const std::string& flow_name) const;
  void connect_stock(const VarInfo& v, std::uint32_t flat);
  void apply_overrides();
  void check_parameters_set() const;
  void check_size() const;
};

Expr Compiler::parse(const VarInfo& v, const std::string& text, const std::string& label) const {
  try {
    return parse_expression(text);
  } catch (const SyntaxError& e) {
    Scope scope;
    scope.var = &v;
    scope.label = label;
    scope.equation = &text;
    lowering_.fail_at(scope, e.column, "syntax error: " + e.message);
  }
}

void Compiler::build_nodes() {
  for (VarInfo& v : index_.vars()) {
    if (v.def->elements.empty() || v.def->dimensions.empty()) {
      const bool needs_equation = !v.def->graph && !v.def->input && !v.def->parameter;
      if (needs_equation && v.def->equation.empty()) fail_variable(*v.def, "has no equation");
      if (!v.def->equation.empty()) {
        v.parsed = parse(v, v.def->equation, v.def->name);
        v.has_parsed = true;
      }
    }
    for (std::uint32_t e = 0; e < v.size; ++e) build_element(v, e);
  }
  for (const VarInfo& v : index_.vars()) {
    if (v.def->kind != VariableKind::stock) continue;
    for (std::uint32_t e = 0; e < v.size; ++e) connect_stock(v, e);
  }
}

void Compiler::build_element(VarInfo& v, std::uint32_t flat) {
  Scope scope;
  scope.var = &v;
  scope.element = index_.unflatten(v, flat);
  scope.label = index_.element_label(v, scope.element);
  const ElementDefinition* definition = nullptr;
  const std::string& text = index_.equation_of(v, scope.element, &definition);
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
    value = lowering_.lower(*expr, scope);
  } else if (graph) {
    value = Bound::reg(reg_time);  // a graphical function with no input reads TIME
  } else if (v.def->input) {
    value = Bound::constant(0.0);  // until it is set
  } else if (v.def->parameter) {
    value = Bound::constant(0.0);  // replaced by its override, or check_parameters_set fails
    unset_parameters_.emplace(v.base + flat, std::pair{v.def, scope.label});
  } else {
    fail_variable(*v.def, "element '" + scope.label + "' has no equation");
  }
  if (graph) value = lowering_.op(OpCode::lookup, {value}, v.tables[flat]);
  if (v.def->kind == VariableKind::flow && v.def->non_negative) {
    value = lowering_.op(OpCode::max, {value, Bound::constant(0.0)});
  }

  Node& node = graph_.add_node(v.base + flat, scope.label);
  node.init_expr = value;
  if (v.def->kind == VariableKind::stock) {
    graph_.add_stock(v.base + flat, v.def->non_negative);
  } else if (v.def->input) {
    out_.input_slots.push_back(v.base + flat);
  } else {
    node.has_flow_expr = true;
    node.flow_expr = value;
  }
}

// Flow elements feeding stock element `flat`, matched by dimension names.
std::uint32_t Compiler::flow_slot_for(const VarInfo& stock, std::uint32_t flat, const std::string& flow_name) const {
  const VarInfo* flow = index_.find_var(flow_name);
  if (!flow) fail_variable(*stock.def, "unknown flow '" + flow_name + "'");
  // An auxiliary may feed a stock directly (generated models do this); another stock may not.
  if (flow->def->kind == VariableKind::stock) {
    fail_variable(*stock.def, "'" + flow->def->name + "' is listed as a flow but is a stock");
  }
  const auto element = index_.unflatten(stock, flat);
  std::vector<std::uint32_t> flow_element;
  for (std::uint32_t d : flow->dims) {
    const auto pos = std::find(stock.dims.begin(), stock.dims.end(), d);
    if (pos == stock.dims.end()) {
      fail_variable(*stock.def, "flow '" + flow->def->name + "' has dimension '" + index_.dims()[d].name +
                                    "' that the stock does not have");
    }
    flow_element.push_back(element[static_cast<std::size_t>(pos - stock.dims.begin())]);
  }
  return flow->base + index_.flatten(*flow, flow_element);
}

void Compiler::connect_stock(const VarInfo& v, std::uint32_t flat) {
  StockDef& def = graph_.stock_at(v.base + flat);
  for (const auto& f : v.def->inflows) def.inflows.push_back(flow_slot_for(v, flat, f));
  for (const auto& f : v.def->outflows) def.outflows.push_back(flow_slot_for(v, flat, f));
}

void Compiler::apply_overrides() {
  std::unordered_map<std::uint32_t, std::uint32_t> node_at;
  for (std::uint32_t i = 0; i < graph_.nodes.size(); ++i) node_at.emplace(graph_.nodes[i].slot, i);
  for (const auto& [name, value] : options_.overrides) {
    std::vector<std::uint32_t> slots;
    if (auto it = out_.variable_index.find(canonical_name(name)); it != out_.variable_index.end()) {
      slots = it->second;
    } else if (auto e = out_.element_index.find(canonical_element_name(name)); e != out_.element_index.end()) {
      slots.push_back(e->second);
    } else {
      fail_model(model_, "cannot override unknown variable '" + name + "'");
    }
    for (std::uint32_t s : slots) {
      unset_parameters_.erase(s);
      Node& n = graph_.nodes[node_at.at(s)];
      n.init_expr = Bound::constant(value);
      if (n.has_flow_expr) n.flow_expr = Bound::constant(value);
    }
  }
}

void Compiler::check_parameters_set() const {
  if (unset_parameters_.empty()) return;
  const auto& [def, label] = unset_parameters_.begin()->second;
  const std::string what = label == def->name ? "it" : "'" + label + "'";
  fail_variable(*def, "a parameter without a default needs a value for the run: set " + what +
                          " (an override; --set in revolve sd run) or give it a default");
}

/// The operations the program will have, before anything walks the expressions: one used in several
/// places (x^2 is x * x) is emitted in each, so a short equation can expand exponentially.
void Compiler::check_size() const {
  std::uint64_t total = 0;
  for (const Node& node : graph_.nodes) {
    total += graph_.size(node.init_expr) + (node.has_flow_expr ? graph_.size(node.flow_expr) : 0);
    if (total > max_operations) {
      fail_model(model_, "the model is too large: compiling '" + node.label + "' takes it to more than " +
                             std::to_string(max_operations / 1'000'000) +
                             " million operations; give a subexpression used several times a variable of its own, "
                             "or use fewer array elements");
    }
  }
}

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
  if (const auto problem = specs_problem(model.specs, model.specs.method); !problem.empty()) fail_model(model, problem);
  CompiledModel out;
  out.name = model.name;
  out.specs = model.specs;
  Compiler(model, options, out).run();
  return out;
}

}  // namespace revolve::sd

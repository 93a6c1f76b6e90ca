#pragma once
// Compiler stage 2 (internal to compile()): lower each equation to bound operations on registers.
// Names are resolved to registers (arrays to one register per element), builtins to operations, and
// stateful builtins (SMTH1, DELAY3, INIT, ...) to hidden stocks and flows added to the node graph.
// lowering.cpp has expressions, names and subscripts; lower_calls.cpp the functions and macros;
// lower_builtins.cpp the stateful and random builtins.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/sd/compiled_model.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/model_index.hpp"

namespace revolve::sd {

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

/// Every scalar of the model once lowered: the nodes, which of them are stocks, and the registers
/// handed out so far (variable elements first, then hidden helpers).
struct NodeGraph {
  std::vector<Node> nodes;
  std::vector<StockDef> stocks;
  std::uint32_t next_slot = first_variable_register;

  Node& add_node(std::uint32_t slot, std::string label);
  StockDef& stock_at(std::uint32_t slot);
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

class Lowering {
 public:
  /// Hidden helpers go into `graph`; tables, random sites and delays into `out`.
  Lowering(const ModelIndex& index, NodeGraph& graph, CompiledModel& out) : index_(index), graph_(graph), out_(out) {}

  Bound lower(const Expr& e, Scope& scope);
  /// The operation, computed now if every argument is a constant.
  Bound op(OpCode code, std::vector<Bound> args, std::uint32_t extra = 0) const;
  Bound fold(Bound b) const;
  /// Throws ModelError naming the variable element and column, with the equation and a caret under it.
  [[noreturn]] void fail_at(const Scope& scope, int column, const std::string& message) const;

 private:
  const ModelIndex& index_;
  NodeGraph& graph_;
  CompiledModel& out_;

  // lowering.cpp: operators, names and subscripts.
  Bound lower_power(Bound base, Bound exponent) const;
  Bound lower_select(Bound c, Bound t, Bound f) const;
  Bound lower_name(const Expr& e, Scope& scope);
  std::vector<std::uint32_t> resolve_elements(const VarInfo& v, const Expr& e, const Scope& scope,
                                              bool in_array_function) const;
  std::vector<std::uint32_t> resolve_subscript_name(const Subscript& s, std::uint32_t dim, const VarInfo& v,
                                                    const Scope& scope, bool in_array_function) const;
  bool scope_has(const Scope& scope, std::uint32_t dim) const;
  std::vector<std::uint32_t> all_elements(std::uint32_t dim) const;
  std::uint32_t element_from_scope(const Scope& scope, std::uint32_t dim, const VarInfo& v, int column) const;

  // lower_calls.cpp: functions, graphical functions, array functions and macros.
  Bound lower_call(const Expr& e, Scope& scope);
  void check_arity(const Expr& e, const Scope& scope, std::size_t min, std::size_t max) const;
  double constant_argument(const Expr& e, Scope& scope, const char* what);
  std::vector<Bound> lower_args(const Expr& e, Scope& scope);
  Bound chain(OpCode code, std::vector<Bound> items) const;
  Bound lower_macro(const Expr& e, const MacroInfo& macro, Scope& scope);
  Bound lower_graph_call(const Expr& name, const Expr& input, Scope& scope);
  std::vector<Bound> array_argument(const Expr& call, const Scope& scope) const;
  Bound lower_array_function(const Expr& e, Scope& scope);

  // lower_builtins.cpp: builtins with state (hidden stocks, flows and captures) and random draws.
  struct StagedArguments;
  std::string helper_label(Scope& scope, const std::string& what);
  Bound capture_initial(Bound value, const std::string& what, Scope& scope);
  std::uint32_t add_hidden_stock(const std::string& label, Bound initial);
  std::uint32_t add_hidden_flow(const std::string& label, Bound value);
  int order_argument(const Expr& e, Scope& scope, std::size_t index);
  StagedArguments staged_arguments(const Expr& e, Scope& scope);
  Bound lower_smooth(const Expr& e, Scope& scope);
  Bound lower_material_delay(const Expr& e, Scope& scope);
  Bound lower_pipeline_delay(const Expr& e, Scope& scope);
  Bound lower_random(const Expr& e, Scope& scope);
};

}  // namespace revolve::sd

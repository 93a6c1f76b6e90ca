#pragma once
// Compiler stage 2 (internal to compile()): lower each equation to bound operations on registers.
// Names are resolved to registers (arrays to one register per element), builtins to operations, and
// stateful builtins (SMTH1, DELAY3, INIT, ...) to hidden stocks and flows added to the node graph.
// lowering.cpp has expressions, names and subscripts; lower_calls.cpp the functions and macros;
// lower_builtins.cpp the stateful and random builtins.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/sd/compiled_model.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/model_index.hpp"

namespace revolve::sd {

/// An expression with every name resolved: a constant, a register, or an operation held in the node
/// graph's arena (NodeGraph::ops). Small and copied freely, so sharing a subexpression (x^2 as x * x,
/// a macro argument used twice) copies nothing, and no tree is ever copied or destroyed recursively.
struct Bound {
  enum class Kind : std::uint8_t { constant, slot, op };
  Kind kind = Kind::constant;
  std::uint32_t slot = 0;  // Kind::slot: the register
  std::uint32_t id = 0;    // Kind::op: index into NodeGraph::ops
  double value = 0.0;      // Kind::constant

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
  bool is_constant() const { return kind == Kind::constant; }
};

/// One operation on up to three operands.
struct BoundOp {
  OpCode op = OpCode::copy;
  std::uint8_t arity = 0;
  std::uint32_t extra = 0;  // table, random site or delay index
  Bound args[3];
  /// Instructions it emits with its operands, counting a shared operand each time it is used
  /// (saturates just above max_operations).
  std::uint64_t size = 1;
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
  std::unordered_map<std::uint32_t, std::uint32_t> stock_of_slot;  // register -> index in stocks
  std::vector<BoundOp> ops;  // every operation the nodes' expressions use
  std::uint32_t next_slot = first_variable_register;

  Node& add_node(std::uint32_t slot, std::string label);
  void add_stock(std::uint32_t slot, bool non_negative);
  /// A register for a hidden helper; throws ModelError naming it beyond max_scalars.
  std::uint32_t new_slot(const std::string& label);
  StockDef& stock_at(std::uint32_t slot);
  /// A new operation (never folded: see Lowering::op).
  Bound make(OpCode op, const std::vector<Bound>& args, std::uint32_t extra = 0);
  const BoundOp& op(const Bound& b) const { return ops[b.id]; }
  /// Instructions emitting `b` takes, shared operands counted each time.
  std::uint64_t size(const Bound& b) const { return b.kind == Bound::Kind::op ? ops[b.id].size : 1; }

  /// True if `visit` is true for `b` or anything it reads, visited in reading order (operation before
  /// operands, operands left to right; a shared operand once per use). With an explicit stack: chains
  /// are as deep as they are long.
  template <class Visit>
  bool any_of(const Bound& b, Visit visit) const {
    std::vector<Bound> pending{b};
    while (!pending.empty()) {
      const Bound next = pending.back();
      pending.pop_back();
      if (visit(next)) return true;
      if (next.kind != Bound::Kind::op) continue;
      const BoundOp& o = ops[next.id];
      for (int i = o.arity; i-- > 0;) pending.push_back(o.args[i]);
    }
    return false;
  }
};

/// A macro called with these arguments.
struct MacroCall {
  const MacroInfo* macro = nullptr;
  std::vector<Bound> args;
  bool operator<(const MacroCall& other) const;
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
  std::map<MacroCall, Bound> macro_results;  // calls expanded so far that draw no random numbers
  int depth = 0;  // nesting of lower() calls; the parser bounds it except through macros
};

class Lowering {
 public:
  /// Hidden helpers go into `graph`; tables, random sites and delays into `out`.
  Lowering(const ModelIndex& index, NodeGraph& graph, CompiledModel& out) : index_(index), graph_(graph), out_(out) {}

  Bound lower(const Expr& e, Scope& scope);
  /// The operation, computed now if every argument is a constant and it does not depend on time.
  Bound op(OpCode code, const std::vector<Bound>& args, std::uint32_t extra = 0);
  /// Throws ModelError naming the variable element and column, with the equation and a caret under it.
  [[noreturn]] void fail_at(const Scope& scope, int column, const std::string& message) const;

 private:
  const ModelIndex& index_;
  NodeGraph& graph_;
  CompiledModel& out_;

  // lowering.cpp: operators, names and subscripts.
  Bound lower_node(const Expr& e, Scope& scope);
  Bound lower_chain(const Expr& e, Scope& scope);
  Bound lower_power(Bound base, Bound exponent);
  Bound lower_select(Bound c, Bound t, Bound f);
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
  Bound chain(OpCode code, const std::vector<Bound>& items);
  Bound lower_macro(const Expr& e, const MacroInfo& macro, Scope& scope);
  Bound lower_graph_call(const Expr& name, const Expr& input, Scope& scope);
  std::vector<Bound> array_argument(const Expr& call, const Scope& scope) const;
  Bound standard_deviation(const std::vector<Bound>& items, Scope& scope);
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

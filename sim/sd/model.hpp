#pragma once
// A stock-flow model as the modeller describes it: dimensions, variables with equation text, and
// simulation specs. Built with the C++ builder below, or loaded from a model file (model_file.hpp)
// or XMILE. Nothing here is evaluated; compile() in compiler.hpp turns it into a program.
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "sim/sd/graphical_function.hpp"

namespace revolve::sd {

enum class Method { euler, rk4, dopri5 };

Method parse_method(const std::string& text);  // throws std::invalid_argument
const char* to_string(Method method);

struct SimSpecs {
  double start = 0.0;
  double stop = 10.0;
  double dt = 1.0;
  double save_step = 0.0;  ///< interval between saved rows [time units]; 0 means every dt
  Method method = Method::euler;
  std::string time_units;
  double abs_tol = 1e-6;  ///< dopri5 only
  double rel_tol = 1e-6;  ///< dopri5 only
};

/// Empty if the specs can be run with `method`, otherwise what is wrong, naming the field: a start,
/// stop or dt that is not finite, stop before start, more than max_steps steps, a save_step (0 means
/// every dt) that is negative or, for a fixed-step method, not a whole multiple of dt, a tolerance
/// that is not positive.
std::string specs_problem(const SimSpecs& specs, Method method);

/// A number as short as it reads back exactly ("0.1", "1e-300", "inf"), for messages.
std::string number_text(double value);

struct Dimension {
  std::string name;
  std::vector<std::string> elements;
};

enum class VariableKind { stock, flow, aux };

/// Where a variable was defined, for error messages (empty file and line 0 when built in code).
struct Origin {
  std::string file;
  int line = 0;
};

/// The definition of one element of an arrayed variable that is not apply-to-all.
struct ElementDefinition {
  std::vector<std::string> elements;  // one element name per dimension of the variable
  std::string equation;
  std::optional<GraphicalFunction> graph;
};

struct Variable {
  std::string name;
  VariableKind kind = VariableKind::aux;
  /// Aux and flow: the value. Stock: the initial value. With a graph: the graph's input (x).
  std::string equation;
  std::vector<std::string> dimensions;        ///< empty for a scalar
  std::vector<ElementDefinition> elements;    ///< per-element definitions (instead of equation)
  std::vector<std::string> inflows;           ///< stocks only
  std::vector<std::string> outflows;          ///< stocks only
  bool non_negative = false;  ///< stock: outflows are cut so it never goes below 0; flow: one-way
  bool input = false;         ///< value set from outside the model at run time (e.g. by coupling); 0 until set
  /// An auxiliary set from outside before the run (CompileOptions::overrides). `equation` is its default
  /// (a number), empty if it has none: compiling it without an override is then an error naming it.
  bool parameter = false;
  std::optional<GraphicalFunction> graph;
  std::string units;
  std::string doc;
  Origin origin;
};

/// An expression macro: NAME(parameters) stands for `equation` with the arguments in place.
struct Macro {
  std::string name;
  std::vector<std::string> parameters;
  std::string equation;
  Origin origin;
};

class Model {
 public:
  std::string name;
  SimSpecs specs;
  std::vector<Dimension> dimensions;
  std::vector<Macro> macros;
  std::deque<Variable> variables;  // deque: references from the builder stay valid

  Dimension& dimension(std::string dim_name, std::vector<std::string> elements);
  Variable& stock(std::string var_name, std::string initial, std::vector<std::string> inflows = {},
                  std::vector<std::string> outflows = {});
  Variable& flow(std::string var_name, std::string equation);
  Variable& aux(std::string var_name, std::string equation);
  Variable& constant(std::string var_name, double value);
  /// A parameter: set by CompileOptions::overrides for a run, else `default_value`, else an error.
  Variable& parameter(std::string var_name, std::optional<double> default_value = std::nullopt);
  /// A graphical function of `input` (an equation); called by name as f(x) if input is empty.
  Variable& graphical(std::string var_name, GraphicalFunction graph, std::string input = "");

  const Variable* find(const std::string& var_name) const;  ///< by canonical name
  Variable* find(const std::string& var_name);

 private:
  Variable& add(std::string var_name, VariableKind kind, std::string equation);
};

}  // namespace revolve::sd

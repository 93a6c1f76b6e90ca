#pragma once
// Compiles a Model into a flat program.
//
// Pipeline, one stage per file: index the model's dimensions, macros and variables, giving each
// element its register (model_index); parse every equation and lower it to bound operations on
// registers, folding constants (lowering, lower_calls; stateful builtins such as SMTH1 and DELAY3
// become hidden stocks and flows in lower_builtins); order by dependency, where a cycle among
// auxiliaries and flows is an algebraic loop reported with every variable in it
// (dependency_order); emit the flat program (emit_program). compiler.cpp runs the stages.
#include <cstdint>
#include <map>
#include <string>

#include "sim/sd/compiled_model.hpp"
#include "sim/sd/model.hpp"

namespace revolve::sd {

struct CompileOptions {
  /// Replace the equation of a variable (or one element, "x[a]") by a constant. For stocks this
  /// sets the initial value. Unknown names are an error.
  std::map<std::string, double> overrides;
};

/// Throws ModelError naming the variable, its origin and the column in its equation.
CompiledModel compile(const Model& model, const CompileOptions& options = {});

/// "x [ A , b ]" -> "x[a,b]": the look-up key for an element name.
std::string canonical_element_name(std::string_view name);

}  // namespace revolve::sd

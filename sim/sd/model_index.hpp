#pragma once
// Compiler stage 1 (internal to compile()): index the model. Every dimension, macro and variable is
// looked up by canonical name; every variable element gets its register and every graphical function
// its table number, before any equation is read, so equations may refer to variables defined later.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/sd/compiled_model.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/model.hpp"

namespace revolve::sd {

inline constexpr std::uint32_t no_node = 0xffffffffu;

struct DimInfo {
  std::string name;
  std::vector<std::string> elements;                     // as written
  std::unordered_map<std::string, std::uint32_t> index;  // canonical element -> position
};

struct VarInfo {
  const Variable* def = nullptr;
  std::vector<std::uint32_t> dims;    // indices into ModelIndex::dims()
  std::uint32_t base = 0;             // register of element 0
  std::uint32_t size = 1;
  Expr parsed;                        // apply-to-all equation (if any)
  bool has_parsed = false;
  std::vector<std::uint32_t> tables;  // per element, graphical variables only
};

struct MacroInfo {
  const Macro* def = nullptr;
  Expr body;
};

[[noreturn]] void fail_model(const Model& model, const std::string& message);
[[noreturn]] void fail_variable(const Variable& v, const std::string& message);

class ModelIndex {
 public:
  /// Throws ModelError for duplicate or unknown names and unusable graphical functions. Fills
  /// `out`'s tables, variable names and units, and its look-ups by name.
  ModelIndex(const Model& model, CompiledModel& out);

  const Model& model() const { return model_; }
  const std::vector<DimInfo>& dims() const { return dims_; }
  std::vector<VarInfo>& vars() { return vars_; }
  const std::vector<VarInfo>& vars() const { return vars_; }
  /// The first register after every variable element.
  std::uint32_t end_slot() const { return end_slot_; }

  const VarInfo* find_var(const std::string& name) const;
  const MacroInfo* find_macro(const std::string& name) const;
  /// The dimension a canonical name denotes, or no_node.
  std::uint32_t find_dimension(const std::string& key) const;
  /// " (did you mean 'x'?)" for an unknown name, compared in canonical form, shown as written.
  std::string suggestion(const std::string& name) const;

  /// "x" or "x[a,b]" for an element given as one index per dimension.
  std::string element_label(const VarInfo& v, const std::vector<std::uint32_t>& element) const;
  std::vector<std::uint32_t> unflatten(const VarInfo& v, std::uint32_t flat) const;
  std::uint32_t flatten(const VarInfo& v, const std::vector<std::uint32_t>& element) const;
  /// The equation text of one element, and its per-element definition if it has one.
  const std::string& equation_of(const VarInfo& v, const std::vector<std::uint32_t>& element,
                                 const ElementDefinition** definition) const;

 private:
  const Model& model_;
  std::vector<DimInfo> dims_;
  std::unordered_map<std::string, std::uint32_t> dim_index_;
  std::vector<VarInfo> vars_;
  std::unordered_map<std::string, std::uint32_t> var_index_;
  std::unordered_map<std::string, MacroInfo> macros_;
  std::uint32_t end_slot_ = first_variable_register;

  void index_macros();
  void index_dimensions();
  void index_variables();
  void index_tables(CompiledModel& out);
  void index_names(CompiledModel& out) const;
};

}  // namespace revolve::sd

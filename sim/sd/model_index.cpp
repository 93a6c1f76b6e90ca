#include "sim/sd/model_index.hpp"

#include "sim/core/error.hpp"
#include "sim/core/suggest.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/limits.hpp"

namespace revolve::sd {
namespace {

std::string join_elements(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "," : "") + parts[i];
  return out;
}

}  // namespace

void fail_model(const Model& model, const std::string& message) {
  throw ModelError(where(model.name.empty() ? "" : "model '" + model.name + "'", 0) + message);
}

void fail_variable(const Variable& v, const std::string& message) {
  throw ModelError(where(v.origin.file, v.origin.line) + "variable '" + v.name + "': " + message);
}

ModelIndex::ModelIndex(const Model& model, CompiledModel& out) : model_(model) {
  index_macros();
  index_dimensions();
  index_variables();
  index_tables(out);
  index_names(out);
}

void ModelIndex::index_macros() {
  for (const Macro& m : model_.macros) {
    MacroInfo info{&m, {}};
    try {
      info.body = parse_expression(m.equation);
    } catch (const SyntaxError& e) {
      throw ModelError(where(m.origin.file, m.origin.line) + "in macro '" + m.name + "', column " +
                       std::to_string(e.column) + ": syntax error: " + e.message);
    }
    if (!macros_.emplace(canonical_name(m.name), std::move(info)).second) {
      fail_model(model_, "macro '" + m.name + "' is defined twice");
    }
  }
}

void ModelIndex::index_dimensions() {
  for (const Dimension& d : model_.dimensions) {
    DimInfo info;
    info.name = d.name;
    info.elements = d.elements;
    if (d.elements.empty()) fail_model(model_, "dimension '" + d.name + "' has no elements");
    if (d.elements.size() > max_scalars) {
      fail_model(model_, "dimension '" + d.name + "' has " + std::to_string(d.elements.size()) +
                             " elements, more than the limit of " + std::to_string(max_scalars));
    }
    for (std::uint32_t i = 0; i < d.elements.size(); ++i) {
      if (!info.index.emplace(canonical_name(d.elements[i]), i).second) {
        fail_model(model_, "dimension '" + d.name + "' lists element '" + d.elements[i] + "' twice");
      }
    }
    if (!dim_index_.emplace(canonical_name(d.name), dims_.size()).second) {
      fail_model(model_, "dimension '" + d.name + "' is defined twice");
    }
    dims_.push_back(std::move(info));
  }
}

void ModelIndex::index_variables() {
  for (const Variable& v : model_.variables) {
    VarInfo info;
    info.def = &v;
    std::uint64_t size = 1;  // each factor is at most max_scalars, so this cannot overflow before the check
    for (const auto& d : v.dimensions) {
      const auto it = dim_index_.find(canonical_name(d));
      if (it == dim_index_.end()) fail_variable(v, "unknown dimension '" + d + "'");
      info.dims.push_back(it->second);
      size *= dims_[it->second].elements.size();
      if (end_slot_ - first_variable_register + size > max_scalars) {
        fail_variable(v, "its dimensions take the model to more than " + std::to_string(max_scalars) +
                             " elements in all; use smaller dimensions");
      }
    }
    info.size = static_cast<std::uint32_t>(size);
    info.base = end_slot_;
    end_slot_ += info.size;
    const std::string key = canonical_name(v.name);
    if (key.empty()) fail_variable(v, "a variable needs a name");
    if (!var_index_.emplace(key, vars_.size()).second) fail_variable(v, "is defined twice");
    vars_.push_back(std::move(info));
  }
}

// Graphical functions get their table numbers first: they may be called before they are defined.
void ModelIndex::index_tables(CompiledModel& out) {
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
      v.tables[e] = static_cast<std::uint32_t>(out.tables.size());
      out.tables.push_back(*graph);
    }
  }
}

// Names and units of saved elements, and the look-up tables for find().
void ModelIndex::index_names(CompiledModel& out) const {
  for (const VarInfo& v : vars_) {
    std::vector<std::uint32_t>& all = out.variable_index[canonical_name(v.def->name)];
    for (std::uint32_t e = 0; e < v.size; ++e) {
      const std::string label = element_label(v, unflatten(v, e));
      out.variable_names.push_back(label);
      out.variable_units.push_back(v.def->units);
      out.element_index.emplace(canonical_element_name(label), v.base + e);
      all.push_back(v.base + e);
    }
  }
}

const VarInfo* ModelIndex::find_var(const std::string& name) const {
  const auto it = var_index_.find(canonical_name(name));
  return it == var_index_.end() ? nullptr : &vars_[it->second];
}

const MacroInfo* ModelIndex::find_macro(const std::string& name) const {
  const auto it = macros_.find(canonical_name(name));
  return it == macros_.end() ? nullptr : &it->second;
}

std::uint32_t ModelIndex::find_dimension(const std::string& key) const {
  const auto it = dim_index_.find(key);
  return it == dim_index_.end() ? no_node : it->second;
}

std::string ModelIndex::suggestion(const std::string& name) const {
  std::vector<std::string> known;
  for (const auto& [key, index] : var_index_) known.push_back(key);
  std::vector<std::string> shown;
  for (const auto& key : closest_names(canonical_name(name), known)) shown.push_back(vars_[var_index_.at(key)].def->name);
  return did_you_mean(shown);
}

std::string ModelIndex::element_label(const VarInfo& v, const std::vector<std::uint32_t>& element) const {
  if (v.dims.empty()) return v.def->name;
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < element.size(); ++k) parts.push_back(dims_[v.dims[k]].elements[element[k]]);
  return v.def->name + "[" + join_elements(parts) + "]";
}

std::vector<std::uint32_t> ModelIndex::unflatten(const VarInfo& v, std::uint32_t flat) const {
  std::vector<std::uint32_t> element(v.dims.size());
  for (std::size_t k = v.dims.size(); k-- > 0;) {
    const auto n = static_cast<std::uint32_t>(dims_[v.dims[k]].elements.size());
    element[k] = flat % n;
    flat /= n;
  }
  return element;
}

std::uint32_t ModelIndex::flatten(const VarInfo& v, const std::vector<std::uint32_t>& element) const {
  std::uint32_t flat = 0;
  for (std::size_t k = 0; k < v.dims.size(); ++k) {
    flat = flat * static_cast<std::uint32_t>(dims_[v.dims[k]].elements.size()) + element[k];
  }
  return flat;
}

const std::string& ModelIndex::equation_of(const VarInfo& v, const std::vector<std::uint32_t>& element,
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

}  // namespace revolve::sd

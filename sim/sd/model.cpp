#include "sim/sd/model.hpp"

#include <sstream>
#include <stdexcept>

#include "sim/sd/expression.hpp"

namespace revolve::sd {

Method parse_method(const std::string& text) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "euler") return Method::euler;
  if (t == "rk4") return Method::rk4;
  if (t == "dopri5" || t == "rk45") return Method::dopri5;
  throw std::invalid_argument("unknown integration method '" + text +
                              "' (expected euler, rk4 or dopri5)");
}

const char* to_string(Method method) {
  switch (method) {
    case Method::euler: return "euler";
    case Method::rk4: return "rk4";
    case Method::dopri5: return "dopri5";
  }
  return "?";
}

Dimension& Model::dimension(std::string dim_name, std::vector<std::string> elements) {
  dimensions.push_back({std::move(dim_name), std::move(elements)});
  return dimensions.back();
}

Variable& Model::add(std::string var_name, VariableKind kind, std::string equation) {
  Variable v;
  v.name = std::move(var_name);
  v.kind = kind;
  v.equation = std::move(equation);
  variables.push_back(std::move(v));
  return variables.back();
}

Variable& Model::stock(std::string var_name, std::string initial, std::vector<std::string> inflows,
                      std::vector<std::string> outflows) {
  Variable& v = add(std::move(var_name), VariableKind::stock, std::move(initial));
  v.inflows = std::move(inflows);
  v.outflows = std::move(outflows);
  return v;
}

Variable& Model::flow(std::string var_name, std::string equation) {
  return add(std::move(var_name), VariableKind::flow, std::move(equation));
}

Variable& Model::aux(std::string var_name, std::string equation) {
  return add(std::move(var_name), VariableKind::aux, std::move(equation));
}

Variable& Model::constant(std::string var_name, double value) {
  std::ostringstream text;
  text.precision(17);
  text << value;
  return add(std::move(var_name), VariableKind::aux, text.str());
}

Variable& Model::graphical(std::string var_name, GraphicalFunction graph, std::string input) {
  Variable& v = add(std::move(var_name), VariableKind::aux, std::move(input));
  v.graph = std::move(graph);
  return v;
}

const Variable* Model::find(const std::string& var_name) const {
  const std::string key = canonical_name(var_name);
  for (const auto& v : variables) {
    if (canonical_name(v.name) == key) return &v;
  }
  return nullptr;
}

Variable* Model::find(const std::string& var_name) {
  return const_cast<Variable*>(static_cast<const Model*>(this)->find(var_name));
}

}  // namespace revolve::sd

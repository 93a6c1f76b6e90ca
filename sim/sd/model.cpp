#include "sim/sd/model.hpp"

#include <charconv>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "sim/sd/expression.hpp"
#include "sim/sd/limits.hpp"

namespace revolve::sd {

std::string number_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

namespace {

std::string three_figures(double value) {
  std::ostringstream out;
  out << std::setprecision(3) << value;
  return out.str();
}

std::string not_positive(const char* field, double value) {
  if (std::isfinite(value) && value > 0.0) return {};
  return std::string("'") + field + "' must be a positive finite number, got " + number_text(value);
}

std::string save_step_problem(const SimSpecs& s, Method method) {
  if (s.save_step == 0.0) return {};
  if (const auto problem = not_positive("save_step", s.save_step); !problem.empty()) {
    return problem + " (or 0 to save every dt)";
  }
  if (method == Method::dopri5) return {};  // dense output: any interval
  const double ratio = s.save_step / s.dt;
  if (std::abs(ratio - std::round(ratio)) > 1e-9 * ratio || ratio < 1.0 - 1e-9) {
    return "'save_step' (" + number_text(s.save_step) + ") must be a whole multiple of 'dt' (" + number_text(s.dt) +
           ") for " + to_string(method);
  }
  return {};
}

}  // namespace

std::string specs_problem(const SimSpecs& s, Method method) {
  for (const auto& [field, value] : {std::pair{"start", s.start}, std::pair{"stop", s.stop}}) {
    if (!std::isfinite(value)) return std::string("'") + field + "' must be a finite number, got " + number_text(value);
  }
  if (auto problem = not_positive("dt", s.dt); !problem.empty()) return problem;
  if (s.stop < s.start) return "'stop' (" + number_text(s.stop) + ") is before 'start' (" + number_text(s.start) + ")";
  const double steps = (s.stop - s.start) / s.dt;
  if (!(steps <= static_cast<double>(max_steps))) {
    return "'dt' of " + number_text(s.dt) + " from " + number_text(s.start) + " to " + number_text(s.stop) + " makes " +
           three_figures(steps) + " steps, more than the limit of " + std::to_string(max_steps) +
           "; use a larger dt or a shorter run";
  }
  if (auto problem = save_step_problem(s, method); !problem.empty()) return problem;
  if (auto problem = not_positive("abs_tol", s.abs_tol); !problem.empty()) return problem;
  return not_positive("rel_tol", s.rel_tol);
}

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

Variable& Model::parameter(std::string var_name, std::optional<double> default_value) {
  Variable& v = add(std::move(var_name), VariableKind::aux, default_value ? number_text(*default_value) : "");
  v.parameter = true;
  return v;
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

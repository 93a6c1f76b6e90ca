#include "sim/params/parameter_struct.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "sim/core/error.hpp"

namespace revolve::params {
namespace {

/// "mental_health" -> "MentalHealth".
std::string pascal_case(const std::string& snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

/// The field of a parameter in its section's struct: the name after the section, dots as underscores.
std::string field_name(const Parameter& p, const Section& section) {
  std::string field = p.name.substr(section.name.size() + 1);
  std::replace(field.begin(), field.end(), '.', '_');
  return field;
}

/// A description on one line, for a comment.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

void write_header(std::ostringstream& h, const ParameterSet& set, const StructOptions& o) {
  const TimeUnit model = set.conventions().time_unit;
  h << "#pragma once\n// Generated from " << o.yaml_path
    << " at build time (sim/params/parameter_struct.hpp): edit the YAML, not this\n"
    << "// file. Every value is in model units (" << to_string(model) << "s, GBP at " << set.conventions().price_year
    << " prices); values marked 'scaled' are\n// multiplied by the scenario's population_scale.\n"
    << "#include \"sim/params/parameter_set.hpp\"\n\nnamespace " << o.name_space << " {\n";
  for (const Section& section : set.sections()) {
    h << "\n/// " << one_line(section.title) << "\nstruct " << pascal_case(section.name) << "Parameters {\n";
    for (std::size_t i : section.members) {
      const Parameter& p = set.parameters()[i];
      h << "  double " << field_name(p, section) << " = 0;  ///< " << one_line(p.description) << " ["
        << model_unit(p, model) << (p.scales_with_population ? "; scaled" : "") << "]\n";
    }
    h << "};\n";
  }
  h << "\n/// Every parameter of the model.\nstruct Parameters {\n";
  for (const Section& section : set.sections()) h << "  " << pascal_case(section.name) << "Parameters " << section.name << ";\n";
  h << "};\n\n/// Every parameter of `set` in model units, counts scaled by `population_scale`. Throws ModelError if\n"
    << "/// `set` holds a parameter this build does not know.\n"
    << "Parameters read_parameters(const params::ParameterSet& set, double population_scale);\n\n}  // namespace "
    << o.name_space << "\n";
}

void write_source(std::ostringstream& c, const ParameterSet& set, const StructOptions& o) {
  c << "// Generated from " << o.yaml_path << " at build time: edit the YAML, not this file.\n#include \""
    << o.header_include << "\"\n\n#include <array>\n#include <string_view>\n\n#include \"sim/params/parameter_struct.hpp\"\n\n"
    << "namespace " << o.name_space << " {\n\nnamespace {\nconstexpr std::array<std::string_view, " << set.size()
    << "> compiled_names = {\n";
  for (const Parameter& p : set.parameters()) c << "    \"" << p.name << "\",\n";
  c << "};\n}  // namespace\n\nParameters read_parameters(const params::ParameterSet& set, double population_scale) {\n"
    << "  params::check_compiled_names(set, compiled_names);\n"
    << "  const auto value = [&](std::string_view name) { return params::scaled_value(set, name, population_scale); };\n"
    << "  Parameters p;\n";
  for (const Section& section : set.sections()) {
    for (std::size_t i : section.members) {
      const Parameter& p = set.parameters()[i];
      c << "  p." << section.name << "." << field_name(p, section) << " = value(\"" << p.name << "\");\n";
    }
  }
  c << "  return p;\n}\n\n}  // namespace " << o.name_space << "\n";
}

}  // namespace

std::string model_unit(const Parameter& p, TimeUnit model) {
  const std::string step = to_string(model);
  switch (p.kind()) {
    case Kind::rate:
      return "per " + step;
    case Kind::duration:
      return step + "s";
    case Kind::money:
      return p.unit.time ? "GBP per " + step : "GBP";
    case Kind::probability:
      return p.unit.time ? "probability per " + step : "probability";
    case Kind::growth:
      return "per " + step + ", compounding";
    case Kind::fraction:
      return "fraction";
    case Kind::count:
    case Kind::ratio:
      return p.unit.text;
  }
  return p.unit.text;
}

GeneratedStruct generate_parameter_struct(const ParameterSet& set, const StructOptions& options) {
  std::ostringstream header, source;
  write_header(header, set, options);
  write_source(source, set, options);
  return {header.str(), source.str()};
}

double scaled_value(const ParameterSet& set, std::string_view name, double population_scale) {
  const ParamId id = set.id(name);
  return set[id] * (set.spec(id).scales_with_population ? population_scale : 1.0);
}

void check_compiled_names(const ParameterSet& set, std::span<const std::string_view> compiled) {
  const std::set<std::string_view> known(compiled.begin(), compiled.end());
  std::string unknown;
  for (const Parameter& p : set.parameters()) {
    if (!known.count(p.name)) unknown += (unknown.empty() ? "" : ", ") + p.name;
  }
  if (!unknown.empty()) {
    throw ModelError(set.model() + ": parameters this build of the model does not know (rebuild it): " + unknown);
  }
}

}  // namespace revolve::params

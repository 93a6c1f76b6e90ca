#include "sim/params/parameter_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/core/error.hpp"

namespace revolve::params {
namespace {

using Keys = std::vector<std::string>;

const Keys file_keys = {"model", "description", "conventions", "sections"};
const Keys convention_keys = {"time_unit", "price_year", "uprating"};
const Keys uprating_keys = {"index", "source", "status", "derivation", "rationale", "factors"};
const Keys section_keys = {"title", "description", "parameters"};
const Keys source_keys = {"citation", "where"};
const Keys parameter_keys = {"value",  "unit",   "kind",      "description",  "source",     "derivation", "uncertainty",
                             "bounds", "status", "rationale", "calibrate_to", "price_year", "scale"};

std::string join(const Keys& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out;
}

// Reads one parameters file; every failure names the file, the line and the key.
class FileReader {
 public:
  explicit FileReader(std::string file) : file_(std::move(file)) {}

  ParameterSet read(const YAML::Node& root) const {
    const std::string what = "the parameters file";
    if (!root.IsMap()) fail(root, what + " must be a mapping with 'model', 'conventions' and 'sections'");
    expect_keys(root, file_keys, what);
    Header header;
    header.model = text(required(root, "model", what), "model");
    if (root["description"]) header.description = text(root["description"], "description");
    header.conventions = read_conventions(required(root, "conventions", what));
    const auto sections_node = required(root, "sections", what);
    expect_keys(sections_node, {}, "sections");
    std::vector<Section> sections;
    std::vector<Parameter> parameters;
    for (const auto& kv : sections_node) sections.push_back(read_section(kv.first, kv.second, parameters));
    return ParameterSet(std::move(header), std::move(sections), std::move(parameters));
  }

 private:
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
    const int line = at.IsDefined() ? at.Mark().line + 1 : 0;  // yaml-cpp lines are 0-based
    throw ParameterError(where(file_, line) + message);
  }

  YAML::Node required(const YAML::Node& map, const std::string& key, const std::string& what) const {
    const YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull()) fail(map, what + " needs '" + key + "'");
    return node;
  }

  // A mapping with no duplicate keys and, unless `allowed` is empty, only the allowed ones.
  void expect_keys(const YAML::Node& map, const Keys& allowed, const std::string& what) const {
    if (!map.IsMap()) fail(map, what + " must be a mapping of keys to values");
    std::set<std::string> seen;
    for (const auto& kv : map) {
      const auto key = kv.first.as<std::string>();
      if (!seen.insert(key).second) fail(kv.first, "duplicate key '" + key + "' in " + what);
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail(kv.first, "unknown key '" + key + "' in " + what + " (allowed: " + join(allowed) + ")");
      }
    }
  }

  std::string text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, "'" + key + "' must be a single value");
    return node.Scalar();
  }

  double number(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, "'" + key + "' must be a number");
    try {
      return node.as<double>();
    } catch (const YAML::Exception&) {
      fail(node, "'" + key + "' must be a number, got '" + node.Scalar() + "'");
    }
  }

  Conventions read_conventions(const YAML::Node& node) const {
    expect_keys(node, convention_keys, "conventions");
    Conventions c;
    const auto unit_node = required(node, "time_unit", "conventions");
    const auto unit = parse_time_unit(text(unit_node, "time_unit"));
    if (!unit) fail(unit_node, "unknown time unit '" + unit_node.Scalar() + "' (use: day, week, month, year)");
    c.time_unit = *unit;
    if (node["price_year"]) c.price_year = text(node["price_year"], "price_year");
    if (node["uprating"]) c.uprating = read_uprating(node["uprating"]);
    return c;
  }

  Uprating read_uprating(const YAML::Node& node) const {
    const std::string what = "conventions: uprating";
    expect_keys(node, uprating_keys, what);
    Uprating u;
    u.index = text(required(node, "index", what), "index");
    u.provenance = read_provenance(node, what);
    if (const auto missing = missing_provenance(u.provenance); !missing.empty()) fail(node, what + ": " + missing);
    const auto factors = required(node, "factors", what);
    expect_keys(factors, {}, what + ": factors");
    for (const auto& kv : factors) {
      const double factor = number(kv.second, kv.first.Scalar());
      if (!(factor > 0)) fail(kv.second, "uprating factor for " + kv.first.Scalar() + " must be positive");
      u.factors[kv.first.Scalar()] = factor;
    }
    return u;
  }

  Provenance read_provenance(const YAML::Node& node, const std::string& what) const {
    Provenance p;
    const auto status_node = required(node, "status", what);
    const auto status = parse_status(text(status_node, "status"));
    if (!status) {
      fail(status_node,
           "unknown status '" + status_node.Scalar() + "' (use: sourced, derived, calibrated, assumption)");
    }
    p.status = *status;
    if (node["source"]) p.source = read_source(node["source"], what);
    if (node["derivation"]) p.derivation = text(node["derivation"], "derivation");
    if (node["rationale"]) p.rationale = text(node["rationale"], "rationale");
    if (node["calibrate_to"]) p.calibrate_to = text(node["calibrate_to"], "calibrate_to");
    return p;
  }

  Source read_source(const YAML::Node& node, const std::string& what) const {
    const std::string source_of = "the source of " + what;
    expect_keys(node, source_keys, source_of);
    return Source{text(required(node, "citation", source_of), "citation"),
                  text(required(node, "where", source_of), "where")};
  }

  Section read_section(const YAML::Node& key, const YAML::Node& node, std::vector<Parameter>& out) const {
    Section s;
    s.name = key.Scalar();
    const std::string what = "section '" + s.name + "'";
    expect_keys(node, section_keys, what);
    s.title = text(required(node, "title", what), "title");
    if (node["description"]) s.description = text(node["description"], "description");
    const auto parameters = required(node, "parameters", what);
    expect_keys(parameters, {}, what + ": parameters");
    for (const auto& kv : parameters) {
      s.members.push_back(out.size());
      out.push_back(read_parameter(s.name + "." + kv.first.Scalar(), kv.first, kv.second));
    }
    return s;
  }

  Parameter read_parameter(const std::string& name, const YAML::Node& key, const YAML::Node& node) const {
    const std::string what = "parameter '" + name + "'";
    expect_keys(node, parameter_keys, what);
    Parameter p;
    p.name = name;
    p.origin = {file_, key.Mark().line + 1};
    p.value = number(required(node, "value", what), "value");
    p.unit = read_unit(node, name);
    p.description = text(required(node, "description", what), "description");
    p.provenance = read_provenance(node, what);
    p.uncertainty = read_uncertainty(required(node, "uncertainty", what), p.value, name);
    p.bounds = node["bounds"] ? read_bounds(node["bounds"]) : natural_bounds(p.unit);
    if (node["price_year"]) p.price_year = text(node["price_year"], "price_year");
    if (node["scale"]) p.scales_with_population = read_scale(node["scale"], p);
    return p;
  }

  /// `scale: population`: a count (people, places, posts) or a rate of people (arrivals) that grows
  /// with the area.
  bool read_scale(const YAML::Node& node, const Parameter& p) const {
    if (text(node, "scale") != "population") fail(node, "unknown scale '" + node.Scalar() + "' (use: population)");
    if (p.unit.kind != Kind::count && p.unit.kind != Kind::rate) {
      fail(node, "'" + p.name + "' scales with the population but is a " + to_string(p.unit.kind) +
                     ", not a count or a rate");
    }
    return true;
  }

  Unit read_unit(const YAML::Node& node, const std::string& name) const {
    const std::string what = "parameter '" + name + "'";
    const auto kind_node = required(node, "kind", what);
    const auto kind = parse_kind(text(kind_node, "kind"));
    if (!kind) {
      fail(kind_node, "unknown kind '" + kind_node.Scalar() +
                          "' (use: rate, probability, duration, money, count, fraction, ratio, growth)");
    }
    const auto unit_node = required(node, "unit", what);
    const auto unit = parse_unit(text(unit_node, "unit"));
    if (!unit) {
      fail(unit_node, "unknown unit '" + unit_node.Scalar() + "' for '" + name + "' (a " + to_string(*kind) +
                          " is written in: " + units_for(*kind) + ")");
    }
    if (unit->kind != *kind) {
      fail(unit_node, "unit mismatch: '" + unit->text + "' is a " + to_string(unit->kind) + " unit but '" + name +
                          "' has kind " + to_string(*kind) + " (use: " + units_for(*kind) + ")");
    }
    return *unit;
  }

  // The value is the centre of the distributions that are written around it (normal mean, lognormal median);
  // a triangular writes its mode, which validation checks against the value.
  Uncertainty read_uncertainty(const YAML::Node& node, double value, const std::string& name) const {
    const std::string what = "the uncertainty of '" + name + "'";
    if (node.IsScalar() && node.Scalar() == "none") return Fixed{};
    if (!node.IsMap()) fail(node, what + " must be 'none' or a mapping with 'distribution'");
    const auto kind_node = required(node, "distribution", what);
    const auto distribution = text(kind_node, "distribution");
    const auto arg = [&](const std::string& key) { return number(required(node, key, what), key); };
    const auto args = [&](const Keys& keys) {
      Keys allowed = {"distribution"};
      allowed.insert(allowed.end(), keys.begin(), keys.end());
      expect_keys(node, allowed, what + " (" + distribution + ")");
    };
    if (distribution == "uniform") {
      args({"low", "high"});
      return Uniform{arg("low"), arg("high")};
    }
    if (distribution == "triangular") {
      args({"low", "mode", "high"});
      return Triangular{arg("low"), arg("mode"), arg("high")};
    }
    if (distribution == "normal") {
      args({"sd"});
      return Normal{value, arg("sd")};
    }
    if (distribution == "lognormal") {
      args({"sdlog"});
      return LogNormal{value, arg("sdlog")};
    }
    if (distribution == "beta") {
      args({"alpha", "beta"});
      return Beta{arg("alpha"), arg("beta")};
    }
    if (distribution == "gamma") {
      args({"shape", "scale"});
      return Gamma{arg("shape"), arg("scale")};
    }
    fail(kind_node, "unknown distribution '" + distribution + "' in " + what +
                        " (use: uniform, triangular, normal, lognormal, beta, gamma; or write 'uncertainty: none')");
  }

  Bounds read_bounds(const YAML::Node& node) const {
    if (!node.IsSequence() || node.size() != 2) fail(node, "'bounds' must be [low, high] (use .inf for no limit)");
    return Bounds{number(node[0], "bounds"), number(node[1], "bounds")};
  }

  std::string file_;
};

}  // namespace

ParameterSet parse_parameter_file(const std::string& text, const std::string& file_name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(where(file_name, e.mark.line + 1) + "malformed YAML: " + e.msg);
  }
  return FileReader(file_name).read(root);
}

ParameterSet load_parameter_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open parameters file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_parameter_file(buffer.str(), path.string());
}

}  // namespace revolve::params

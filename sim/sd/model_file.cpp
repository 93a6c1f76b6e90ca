#include "sim/sd/model_file.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "sim/core/error.hpp"
#include "sim/core/files.hpp"
#include "sim/sd/limits.hpp"
#include "sim/sd/xmile.hpp"

namespace revolve::sd {
namespace {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const int line = node.IsDefined() ? node.Mark().line + 1 : 0;
    throw InputError(where(file_, line) + message);
  }

  void only_keys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& what) const {
    if (!map.IsMap()) fail(map, what + " must be a mapping of keys to values");
    for (const auto& kv : map) {
      const auto key = name(kv.first, "a key of " + what);
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(kv.first, "unknown key '" + key + "' in " + what + " (allowed: " + list + ")");
      }
    }
  }

  /// A key of a mapping (YAML allows lists and mappings as keys).
  std::string name(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + " must be a single value");
    return node.as<std::string>();
  }

  std::string text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, "'" + key + "' must be a single value");
    return node.as<std::string>();
  }

  double number(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, "'" + key + "' must be a number");
    try {
      return node.as<double>();
    } catch (const YAML::Exception&) {
      fail(node, "'" + key + "' must be a number, got '" + node.as<std::string>() + "'");
    }
  }

  bool boolean(const YAML::Node& node, const std::string& key) const {
    try {
      return node.as<bool>();
    } catch (const YAML::Exception&) {
      fail(node, "'" + key + "' must be true or false");
    }
  }

  std::vector<std::string> list(const YAML::Node& node, const std::string& key) const {
    if (node.IsScalar()) return {node.as<std::string>()};
    if (!node.IsSequence()) fail(node, "'" + key + "' must be a list");
    std::vector<std::string> out;
    for (const auto& item : node) out.push_back(text(item, key));
    return out;
  }

  std::vector<double> numbers(const YAML::Node& node, const std::string& key) const {
    if (!node.IsSequence()) fail(node, "'" + key + "' must be a list of numbers");
    std::vector<double> out;
    for (const auto& item : node) out.push_back(number(item, key));
    return out;
  }

  SimSpecs specs(const YAML::Node& node) const {
    only_keys(node, {"start", "stop", "dt", "save_step", "method", "time_units", "abs_tol", "rel_tol"}, "specs");
    SimSpecs s;
    if (node["start"]) s.start = number(node["start"], "start");
    if (node["stop"]) s.stop = number(node["stop"], "stop");
    if (node["dt"]) s.dt = number(node["dt"], "dt");
    if (node["save_step"]) s.save_step = number(node["save_step"], "save_step");
    if (node["time_units"]) s.time_units = text(node["time_units"], "time_units");
    if (node["abs_tol"]) s.abs_tol = number(node["abs_tol"], "abs_tol");
    if (node["rel_tol"]) s.rel_tol = number(node["rel_tol"], "rel_tol");
    if (node["save_step"] && !(s.save_step > 0.0)) {
      fail(node["save_step"], "'save_step' must be positive; leave it out to save every dt");
    }
    if (node["method"]) {
      try {
        s.method = parse_method(text(node["method"], "method"));
      } catch (const std::invalid_argument& e) {
        fail(node["method"], e.what());
      }
    }
    if (const auto problem = specs_problem(s, s.method); !problem.empty()) fail(node, problem);
    return s;
  }

  GraphicalFunction graph(const YAML::Node& node) const {
    only_keys(node, {"x", "y", "x_min", "x_max", "type"}, "graph");
    if (!node["y"]) fail(node, "graph needs 'y' values");
    GraphicalFunction g;
    const auto y = numbers(node["y"], "y");
    if (node["x"]) {
      g.x = numbers(node["x"], "x");
      g.y = y;
    } else if (node["x_min"] && node["x_max"]) {
      g = GraphicalFunction::from_scale(number(node["x_min"], "x_min"), number(node["x_max"], "x_max"), y);
    } else {
      fail(node, "graph needs 'x' values, or 'x_min' and 'x_max'");
    }
    if (node["type"]) {
      try {
        g.interpolation = parse_interpolation(text(node["type"], "type"));
      } catch (const std::invalid_argument& e) {
        fail(node["type"], e.what());
      }
    }
    if (const auto problem = g.problem(); !problem.empty()) fail(node, "graph " + problem);
    return g;
  }

  /// The kind key ("stock", "flow", "aux", "input" or "parameter") and the name it gives.
  void kind_and_name(const YAML::Node& node, Variable& v) const {
    int kind_count = 0;
    for (const char* k : {"stock", "flow", "aux", "input", "parameter"}) {
      if (!node[k]) continue;
      ++kind_count;
      v.name = text(node[k], k);
      const std::string key = k;
      v.kind = key == "stock" ? VariableKind::stock : key == "flow" ? VariableKind::flow : VariableKind::aux;
      v.input = key == "input";
      v.parameter = key == "parameter";
    }
    if (kind_count != 1) {
      fail(node, "a variable needs exactly one of 'stock:', 'flow:', 'aux:', 'input:' or 'parameter:' with its name");
    }
  }

  /// A parameter has a name, an optional default (a number), dimensions, units and doc; nothing else.
  void parameter_keys(const YAML::Node& node, Variable& v) const {
    for (const auto& kv : node) {
      const auto key = kv.first.as<std::string>();
      if (key == "equation") fail(kv.first, "a parameter has no 'equation'; give its value as 'default:' (a number)");
      if (key != "parameter" && key != "default" && key != "dimensions" && key != "units" && key != "doc") {
        fail(kv.first, "'" + key + "' does not apply to a parameter (allowed: default, dimensions, doc, units)");
      }
    }
    if (!node["default"]) return;
    const double value = number(node["default"], "default");
    if (!std::isfinite(value)) fail(node["default"], "'default' must be a finite number");
    v.equation = number_text(value);
  }

  void element_definitions(const YAML::Node& elements, Variable& v) const {
    if (!elements.IsMap()) fail(elements, "'elements' must map element names (\"a, b\") to equations");
    for (const auto& kv : elements) {
      ElementDefinition d;
      std::stringstream names(name(kv.first, "an element name"));
      for (std::string part; std::getline(names, part, ',');) {
        const auto b = part.find_first_not_of(' ');
        const auto e = part.find_last_not_of(' ');
        d.elements.push_back(b == std::string::npos ? "" : part.substr(b, e - b + 1));
      }
      d.equation = text(kv.second, "elements");
      v.elements.push_back(std::move(d));
    }
  }

  /// The value keys of a stock, flow, auxiliary or input: 'initial' or 'equation', flows, graph, elements.
  void value_keys(const YAML::Node& node, Variable& v) const {
    if (node["default"]) fail(node["default"], "'default' applies to parameters only");
    const bool stock = v.kind == VariableKind::stock;
    const char* value_key = stock ? "initial" : "equation";
    const char* wrong_key = stock ? "equation" : "initial";
    if (node[wrong_key]) {
      fail(node[wrong_key], std::string("'") + wrong_key + "' does not apply to " + (stock ? "a stock" : "this variable") +
                                "; use '" + value_key + "'");
    }
    if (node[value_key]) v.equation = text(node[value_key], value_key);
    if (!stock) {
      for (const char* k : {"inflows", "outflows"}) {
        if (node[k]) fail(node[k], std::string("'") + k + "' applies to stocks only");
      }
    }
    if (node["inflows"]) v.inflows = list(node["inflows"], "inflows");
    if (node["outflows"]) v.outflows = list(node["outflows"], "outflows");
    if (node["non_negative"]) v.non_negative = boolean(node["non_negative"], "non_negative");
    if (node["graph"]) v.graph = graph(node["graph"]);
    if (node["elements"]) element_definitions(node["elements"], v);
    if (v.equation.empty() && v.elements.empty() && !v.graph && !v.input) {
      fail(node, "'" + v.name + "' needs '" + value_key + "'");
    }
  }

  Variable variable(const YAML::Node& node) const {
    only_keys(node,
              {"stock", "flow", "aux", "input", "parameter", "default", "equation", "initial", "inflows", "outflows",
               "non_negative", "dimensions", "elements", "graph", "units", "doc"},
              "a variable");
    Variable v;
    v.origin = {file_, node.Mark().line + 1};
    kind_and_name(node, v);
    if (v.parameter) {
      parameter_keys(node, v);
    } else {
      value_keys(node, v);
    }
    if (node["dimensions"]) v.dimensions = list(node["dimensions"], "dimensions");
    if (node["units"]) v.units = text(node["units"], "units");
    if (node["doc"]) v.doc = text(node["doc"], "doc");
    return v;
  }

  Model model(const YAML::Node& root) const {
    only_keys(root, {"model", "specs", "dimensions", "variables", "doc"}, "the model file");
    Model m;
    if (root["model"]) m.name = text(root["model"], "model");
    if (root["specs"]) m.specs = specs(root["specs"]);
    if (root["dimensions"]) {
      const auto& dims = root["dimensions"];
      if (!dims.IsMap()) fail(dims, "'dimensions' must map each dimension name to its list of elements");
      for (const auto& kv : dims) {
        const std::string dim = name(kv.first, "a dimension's name");
        m.dimension(dim, list(kv.second, dim));
      }
    }
    if (!root["variables"] || !root["variables"].IsSequence()) {
      fail(root, "the model file needs a 'variables:' list");
    }
    for (const auto& node : root["variables"]) m.variables.push_back(variable(node));
    return m;
  }

 private:
  std::string file_;
};

}  // namespace

Model parse_model_file(const std::string& text, const std::string& file_name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(where(file_name, e.mark.line + 1) + "malformed YAML: " + e.msg);
  }
  if (!root.IsMap()) throw InputError(where(file_name, 0) + "a model file is a YAML mapping with 'variables:'");
  Model m;
  try {
    m = Reader(file_name).model(root);
  } catch (const YAML::Exception& e) {
    // Each value is checked before it is converted; this is the net for what slipped through.
    throw InputError(where(file_name, e.mark.is_null() ? 0 : e.mark.line + 1) + e.msg);
  }
  for (auto& v : m.variables) {
    if (v.origin.file.empty()) v.origin.file = file_name;
  }
  return m;
}

Model load_model_file(const std::filesystem::path& path) {
  return parse_model_file(read_text_file(path, max_model_file_bytes), path.string());
}

Model load_model(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".yaml" || ext == ".yml") return load_model_file(path);
  if (ext == ".xmile" || ext == ".stmx" || ext == ".xml") return load_xmile(path);
  throw InputError(path.string() + ": unknown model file type '" + ext +
                   "' (expected .yaml or .yml, or XMILE: .xmile, .stmx, .xml)");
}

}  // namespace revolve::sd

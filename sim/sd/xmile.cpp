#include "sim/sd/xmile.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include <pugixml.hpp>

#include "sim/core/error.hpp"
#include "sim/core/files.hpp"
#include "sim/sd/limits.hpp"

namespace revolve::sd {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

/// Element names without the namespace prefix XMILE files may carry ("isee:..." is kept).
std::string tag(const pugi::xml_node& node) { return node.name(); }

class XmileReader {
 public:
  XmileReader(const std::string& text, std::string file) : text_(text), file_(std::move(file)) {
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  Model read() {
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(text_.data(), text_.size());
    if (!parsed) {
      throw InputError(where(file_, line_of(static_cast<std::size_t>(parsed.offset))) +
                       "invalid XML: " + parsed.description());
    }
    const pugi::xml_node root = doc.child("xmile");
    if (!root) throw InputError(where(file_, 1) + "not an XMILE file: the root element must be <xmile>");
    Model model;
    if (const auto name = root.child("header").child("name")) model.name = trim(name.text().get());
    const auto specs = root.child("sim_specs");
    if (!specs) fail(root, "missing required element <sim_specs>");
    model.specs = sim_specs(specs);
    read_behavior(root.child("behavior"));
    for (const auto& dim : root.child("dimensions").children("dim")) model.dimensions.push_back(dimension(dim));
    for (const auto& macro : root.children("macro")) model.macros.push_back(read_macro(macro));
    int models = 0;
    for (const auto& m : root.children("model")) {
      if (++models > 1) fail(m, "a second <model> (a module definition) is not supported");
      // Drafts of XMILE before 1.0 (Stella's legacy .stmx) put the variables in <model> itself.
      const pugi::xml_node variables = m.child("variables");
      read_variables(variables ? variables : m, model);
    }
    if (models == 0) fail(root, "missing required element <model>");
    return model;
  }

 private:
  const std::string& text_;
  std::string file_;
  std::vector<std::size_t> line_starts_ = {0};  // offset of each line's first character
  bool stocks_non_negative_ = false;
  bool flows_non_negative_ = false;

  int line_of(std::size_t offset) const {
    return static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
  }
  int line_of(const pugi::xml_node& node) const { return line_of(static_cast<std::size_t>(node.offset_debug())); }

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) const {
    throw InputError(where(file_, line_of(node)) + message);
  }

  double number(const pugi::xml_node& node, const char* what) const {
    return number_in(node, trim(node.text().get()), std::string("<") + what + ">");
  }

  double attribute_number(const pugi::xml_node& node, const pugi::xml_attribute& attribute) const {
    return number_in(node, trim(attribute.as_string()), std::string("attribute ") + attribute.name());
  }

  /// `text`, found in `what` of `node`, as a finite number.
  double number_in(const pugi::xml_node& node, const std::string& text, const std::string& what) const {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) fail(node, what + " must be a number, got '" + text + "'");
    if (!std::isfinite(value)) fail(node, what + " must be a finite number, got '" + text + "'");
    return value;
  }

  SimSpecs sim_specs(const pugi::xml_node& specs) const {
    SimSpecs s;
    if (!specs.child("start")) fail(specs, "<sim_specs> needs <start>");
    if (!specs.child("stop")) fail(specs, "<sim_specs> needs <stop>");
    s.start = number(specs.child("start"), "start");
    s.stop = number(specs.child("stop"), "stop");
    if (const auto dt = specs.child("dt")) {
      s.dt = number(dt, "dt");
      if (dt.attribute("reciprocal").as_bool()) {
        if (!(s.dt > 0.0)) fail(dt, "<dt reciprocal=\"true\"> must be positive, got '" + trim(dt.text().get()) + "'");
        s.dt = 1.0 / s.dt;
      }
    }
    const auto save = specs.child("save_step");
    if (save) s.save_step = number(save, "save_step");
    if (const auto interval = specs.attribute("isee:save_interval")) s.save_step = attribute_number(specs, interval);
    if ((save || specs.attribute("isee:save_interval")) && !(s.save_step > 0.0)) {
      fail(specs, "'save_step' must be positive; leave it out to save every dt");
    }
    s.time_units = specs.attribute("time_units").as_string();
    // revolve's own attributes (urn:revolve:xmile), written by xmile_export: dopri5's tolerances.
    if (const auto tol = specs.attribute("revolve:abs_tol")) s.abs_tol = attribute_number(specs, tol);
    if (const auto tol = specs.attribute("revolve:rel_tol")) s.rel_tol = attribute_number(specs, tol);
    const std::string method = specs.attribute("method").as_string("euler");
    try {
      s.method = parse_method(method == "RK45" || method == "rk45" ? "dopri5" : method);
    } catch (const std::invalid_argument&) {
      fail(specs, "integration method '" + method + "' is not supported (Euler, RK4 or RK45)");
    }
    if (const auto problem = specs_problem(s, s.method); !problem.empty()) fail(specs, problem);
    return s;
  }

  static bool flag(const pugi::xml_node& node) {
    // <non_negative/> means true; <non_negative>false</non_negative> means false.
    const std::string text = trim(node.text().get());
    return text.empty() || text == "true";
  }

  void read_behavior(const pugi::xml_node& behavior) {
    if (!behavior) return;
    if (const auto nn = behavior.child("non_negative")) stocks_non_negative_ = flows_non_negative_ = flag(nn);
    if (const auto nn = behavior.child("stock").child("non_negative")) stocks_non_negative_ = flag(nn);
    if (const auto nn = behavior.child("flow").child("non_negative")) flows_non_negative_ = flag(nn);
  }

  Dimension dimension(const pugi::xml_node& dim) const {
    Dimension d;
    d.name = dim.attribute("name").as_string();
    if (d.name.empty()) fail(dim, "<dim> needs a name");
    for (const auto& elem : dim.children("elem")) d.elements.push_back(elem.attribute("name").as_string());
    if (d.elements.empty()) {
      const std::string text = trim(dim.attribute("size").as_string());
      const bool whole = !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
      const std::uint64_t size = whole ? std::stoull(text) : 0;
      if (size == 0) fail(dim, "dimension '" + d.name + "' needs <elem> children or a whole positive size, got '" + text + "'");
      if (size > max_scalars) {
        fail(dim, "dimension '" + d.name + "' has size " + text + ", more than the limit of " + std::to_string(max_scalars));
      }
      for (std::uint64_t i = 1; i <= size; ++i) d.elements.push_back(std::to_string(i));
    }
    if (d.elements.size() > max_scalars) {
      fail(dim, "dimension '" + d.name + "' has " + std::to_string(d.elements.size()) + " elements, more than the limit of " +
                    std::to_string(max_scalars));
    }
    return d;
  }

  Macro read_macro(const pugi::xml_node& node) const {
    Macro m;
    m.name = node.attribute("name").as_string();
    if (m.name.empty()) fail(node, "<macro> needs a name");
    for (const auto& parm : node.children("parm")) m.parameters.push_back(trim(parm.text().get()));
    if (!node.child("eqn")) fail(node, "macro '" + m.name + "' has no <eqn>");
    if (node.child("variables")) fail(node, "macro '" + m.name + "' has its own variables: only expression macros are supported");
    m.equation = trim(node.child("eqn").text().get());
    m.origin = {file_, line_of(node)};
    return m;
  }

  std::vector<double> points(const pugi::xml_node& node) const {
    std::string sep = node.attribute("sep").as_string(",");
    if (sep.empty()) sep = ",";
    std::vector<double> out;
    std::string text = node.text().get();
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto end = text.find(sep, start);
      const std::string item = trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
      char* stop = nullptr;
      const double v = std::strtod(item.c_str(), &stop);
      if (item.empty() || stop != item.c_str() + item.size()) fail(node, "'" + item + "' in <" + tag(node) + "> is not a number");
      out.push_back(v);
      if (end == std::string::npos) break;
      start = end + sep.size();
    }
    return out;
  }

  GraphicalFunction graph(const pugi::xml_node& gf) const {
    GraphicalFunction g;
    if (!gf.child("ypts")) fail(gf, "graphical function needs <ypts>");
    g.y = points(gf.child("ypts"));
    if (const auto xpts = gf.child("xpts")) {
      g.x = points(xpts);
    } else if (const auto xscale = gf.child("xscale")) {
      g = GraphicalFunction::from_scale(attribute_number(xscale, xscale.attribute("min")),
                                        attribute_number(xscale, xscale.attribute("max")), g.y);
    } else {
      fail(gf, "graphical function needs <xpts> or <xscale>");
    }
    std::string type = gf.attribute("type").as_string("continuous");
    if (gf.attribute("discrete").as_bool()) type = "discrete";
    try {
      g.interpolation = parse_interpolation(type);
    } catch (const std::invalid_argument& e) {
      fail(gf, e.what());
    }
    if (const std::string problem = g.problem(); !problem.empty()) fail(gf, "graphical function " + problem);
    return g;
  }

  static std::vector<std::string> split_subscript(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) parts.push_back(trim(part));
    return parts;
  }

  /// "1, 2, 3" as the equation of an array: one constant per element, in order.
  static std::vector<std::string> top_level_items(const std::string& equation) {
    std::vector<std::string> items;
    int depth = 0;
    std::string current;
    for (char c : equation) {
      if (c == '(' || c == '[') ++depth;
      if (c == ')' || c == ']') --depth;
      if (c == ',' && depth == 0) {
        items.push_back(trim(current));
        current.clear();
      } else {
        current += c;
      }
    }
    items.push_back(trim(current));
    return items;
  }

  void reject_unsupported(const pugi::xml_node& node) const {
    static const char* unsupported[] = {"conveyor", "queue", "event_poster"};
    for (const char* name : unsupported) {
      if (node.child(name)) {
        fail(node.child(name), std::string("<") + name + "> in '" + node.attribute("name").as_string() +
                                   "' is not supported");
      }
    }
  }

  Variable variable(const pugi::xml_node& node, VariableKind kind, const Model& model) const {
    Variable v;
    v.kind = kind;
    v.name = node.attribute("name").as_string();
    if (v.name.empty()) fail(node, "<" + tag(node) + "> needs a name");
    v.origin = {file_, line_of(node)};
    v.input = node.attribute("revolve:input").as_bool();  // set from outside at run time (xmile_export)
    reject_unsupported(node);
    v.equation = trim(node.child("eqn").text().get());
    v.units = trim(node.child("units").text().get());
    v.doc = trim(node.child("doc").text().get());
    for (const auto& dim : node.child("dimensions").children("dim")) v.dimensions.push_back(dim.attribute("name").as_string());
    if (const auto gf = node.child("gf")) v.graph = graph(gf);
    for (const auto& element : node.children("element")) {
      ElementDefinition d;
      d.elements = split_subscript(element.attribute("subscript").as_string());
      d.equation = trim(element.child("eqn").text().get());
      if (const auto gf = element.child("gf")) d.graph = graph(gf);
      v.elements.push_back(std::move(d));
    }
    if (!v.dimensions.empty() && v.elements.empty()) expand_listed_constants(v, node, model);
    if (kind == VariableKind::stock) {
      for (const auto& f : node.children("inflow")) v.inflows.push_back(trim(f.text().get()));
      for (const auto& f : node.children("outflow")) v.outflows.push_back(trim(f.text().get()));
      v.non_negative = stocks_non_negative_;
    } else if (kind == VariableKind::flow) {
      v.non_negative = flows_non_negative_;
    }
    if (const auto nn = node.child("non_negative")) v.non_negative = flag(nn);
    if (node.attribute("revolve:parameter").as_bool()) read_parameter(node, v);
    if (v.equation.empty() && v.elements.empty() && !v.graph && !v.input && !v.parameter) {
      fail(node, "'" + v.name + "' has no <eqn>");
    }
    return v;
  }

  /// An <aux revolve:parameter="true"> (xmile_export): set from outside, its <eqn>, if any, a number.
  void read_parameter(const pugi::xml_node& node, Variable& v) const {
    if (v.kind != VariableKind::aux || v.input || v.graph || !v.elements.empty()) {
      fail(node, "'" + v.name + "' is marked revolve:parameter but is not an <aux> holding one number");
    }
    v.parameter = true;
    if (!v.equation.empty()) v.equation = number_text(number(node.child("eqn"), "eqn"));
  }

  void expand_listed_constants(Variable& v, const pugi::xml_node& node, const Model& model) const {
    const auto items = top_level_items(v.equation);
    if (items.size() == 1) return;
    std::vector<const Dimension*> dims;
    std::size_t count = 1;
    for (const auto& name : v.dimensions) {
      const auto it = std::find_if(model.dimensions.begin(), model.dimensions.end(),
                                   [&](const Dimension& d) { return d.name == name; });
      if (it == model.dimensions.end()) fail(node, "'" + v.name + "' uses unknown dimension '" + name + "'");
      dims.push_back(&*it);
      count *= it->elements.size();
    }
    if (items.size() != count) {
      fail(node, "'" + v.name + "' lists " + std::to_string(items.size()) + " values for " + std::to_string(count) +
                     " elements");
    }
    for (std::size_t flat = 0; flat < count; ++flat) {
      ElementDefinition d;
      std::size_t rest = flat;
      d.elements.resize(dims.size());
      for (std::size_t k = dims.size(); k-- > 0;) {
        d.elements[k] = dims[k]->elements[rest % dims[k]->elements.size()];
        rest /= dims[k]->elements.size();
      }
      d.equation = items[flat];
      v.elements.push_back(std::move(d));
    }
    v.equation.clear();
  }

  void read_variables(const pugi::xml_node& variables, Model& model) const {
    for (const auto& node : variables.children()) {
      const std::string t = tag(node);
      if (t == "stock") {
        model.variables.push_back(variable(node, VariableKind::stock, model));
      } else if (t == "flow") {
        model.variables.push_back(variable(node, VariableKind::flow, model));
      } else if (t == "aux") {
        model.variables.push_back(variable(node, VariableKind::aux, model));
      } else if (t == "gf") {
        Variable v;
        v.name = node.attribute("name").as_string();
        if (v.name.empty()) fail(node, "a named <gf> needs a name");
        v.graph = graph(node);
        v.origin = {file_, line_of(node)};
        model.variables.push_back(std::move(v));
      } else if (t == "module") {
        fail(node, "<module> '" + std::string(node.attribute("name").as_string()) + "' is not supported");
      } else if (t == "group" || t == "display" || t == "interface" || t == "views" || t == "isee:dependencies") {
        continue;  // the diagram and control panel, and Stella's own record of which variable uses which
      } else {
        fail(node, "<" + t + "> is not supported");
      }
    }
  }
};

}  // namespace

Model parse_xmile(const std::string& text, const std::string& file_name) {
  return XmileReader(text, file_name).read();
}

Model load_xmile(const std::filesystem::path& path) {
  return parse_xmile(read_text_file(path, max_model_file_bytes), path.string());
}

}  // namespace revolve::sd

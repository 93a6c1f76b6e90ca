#include "sim/sd/xmile_export.hpp"

#include <algorithm>
#include <sstream>

#include <pugixml.hpp>

#include "sim/core/atomic_file.hpp"
#include "sim/core/error.hpp"
#include "sim/core/version.hpp"
#include "sim/sd/expression.hpp"

namespace revolve::sd {
namespace {

const char* method_name(Method method) {
  switch (method) {
    case Method::euler: return "Euler";
    case Method::rk4: return "RK4";
    case Method::dopri5: return "RK45";  // read back as dopri5
  }
  return "Euler";
}

std::string underscored(std::string name) {
  std::replace(name.begin(), name.end(), ' ', '_');
  return name;
}

std::string joined(const std::vector<double>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + number_text(values[i]);
  return out;
}

class XmileWriter {
 public:
  explicit XmileWriter(const Model& model) : model_(model) {}

  std::string write() {
    pugi::xml_document doc;
    pugi::xml_node root = doc.append_child("xmile");
    root.append_attribute("version") = "1.0";
    root.append_attribute("xmlns") = "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0";
    root.append_attribute("xmlns:revolve") = revolve_xmile_namespace;
    header(root);
    sim_specs(root);
    dimensions(root);
    for (const Macro& m : model_.macros) macro(root, m);
    pugi::xml_node variables = root.append_child("model").append_child("variables");
    for (const Variable& v : model_.variables) variable(variables, v);
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
  }

 private:
  const Model& model_;

  [[noreturn]] void fail(const std::string& message) const {
    throw ModelError(where(model_.name.empty() ? "" : "model '" + model_.name + "'", 0) +
                     "cannot be written as XMILE: " + message);
  }

  /// `text` as it goes into the file: XML 1.0 cannot hold control characters other than tab and newlines.
  const std::string& checked(const std::string& text, const std::string& what) const {
    const auto bad = std::find_if(text.begin(), text.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
    if (bad != text.end()) {
      fail(what + " holds the control character " + std::to_string(static_cast<int>(*bad)) + ", which XML cannot hold");
    }
    return text;
  }

  const std::string& name(const std::string& text, const std::string& what) const {
    if (text.empty()) fail(what + " has no name");
    return checked(text, what);
  }

  void text_child(pugi::xml_node parent, const char* tag, const std::string& text, const std::string& what) const {
    parent.append_child(tag).text().set(checked(text, what).c_str());
  }

  void header(pugi::xml_node root) const {
    pugi::xml_node header = root.append_child("header");
    if (!model_.name.empty()) text_child(header, "name", model_.name, "the model's name");
    header.append_child("vendor").text().set("revolve");
    pugi::xml_node product = header.append_child("product");
    product.append_attribute("version") = version;
    product.append_attribute("lang") = "en";
    product.text().set("revolve");
  }

  void sim_specs(pugi::xml_node root) const {
    const SimSpecs& s = model_.specs;
    pugi::xml_node specs = root.append_child("sim_specs");
    specs.append_attribute("method") = method_name(s.method);
    if (!s.time_units.empty()) specs.append_attribute("time_units") = checked(s.time_units, "time_units").c_str();
    specs.append_attribute("revolve:abs_tol") = number_text(s.abs_tol).c_str();
    specs.append_attribute("revolve:rel_tol") = number_text(s.rel_tol).c_str();
    specs.append_child("start").text().set(number_text(s.start).c_str());
    specs.append_child("stop").text().set(number_text(s.stop).c_str());
    specs.append_child("dt").text().set(number_text(s.dt).c_str());
    if (s.save_step > 0.0) specs.append_child("save_step").text().set(number_text(s.save_step).c_str());
  }

  void dimensions(pugi::xml_node root) const {
    if (model_.dimensions.empty()) return;
    pugi::xml_node dims = root.append_child("dimensions");
    for (const Dimension& d : model_.dimensions) {
      pugi::xml_node dim = dims.append_child("dim");
      dim.append_attribute("name") = name(d.name, "a dimension").c_str();
      for (const std::string& element : d.elements) {
        const std::string what = "element '" + element + "' of dimension '" + d.name + "'";
        if (element.find(',') != std::string::npos) fail(what + " has a comma, and XMILE lists subscripts with commas");
        dim.append_child("elem").append_attribute("name") = name(element, what).c_str();
      }
    }
  }

  void macro(pugi::xml_node root, const Macro& m) const {
    pugi::xml_node node = root.append_child("macro");
    node.append_attribute("name") = name(m.name, "a macro").c_str();
    for (const std::string& p : m.parameters) text_child(node, "parm", p, "a parameter of macro '" + m.name + "'");
    text_child(node, "eqn", with_underscored_names(m.equation), "the equation of macro '" + m.name + "'");
  }

  static pugi::xml_node graph(pugi::xml_node parent, const GraphicalFunction& g) {
    pugi::xml_node gf = parent.append_child("gf");
    gf.append_attribute("type") = to_string(g.interpolation);
    gf.append_child("xpts").text().set(joined(g.x).c_str());  // exact points, not a scale
    gf.append_child("ypts").text().set(joined(g.y).c_str());
    return gf;
  }

  /// A graphical function with nothing else to it is XMILE's named <gf>, called as name(x).
  static bool is_named_graph(const Variable& v) {
    return v.graph && v.kind == VariableKind::aux && !v.input && !v.parameter && v.equation.empty() && v.dimensions.empty() &&
           v.elements.empty() && v.units.empty() && v.doc.empty();
  }

  void variable(pugi::xml_node parent, const Variable& v) const {
    const std::string what = "variable '" + v.name + "'";
    if (is_named_graph(v)) {
      graph(parent, *v.graph).prepend_attribute("name") = name(v.name, "a variable").c_str();
      return;
    }
    const char* tag = v.kind == VariableKind::stock ? "stock" : v.kind == VariableKind::flow ? "flow" : "aux";
    pugi::xml_node node = parent.append_child(tag);
    node.append_attribute("name") = name(v.name, "a variable").c_str();
    if (v.input) node.append_attribute("revolve:input") = "true";
    if (v.parameter) node.append_attribute("revolve:parameter") = "true";
    if (!v.dimensions.empty()) {
      pugi::xml_node dims = node.append_child("dimensions");
      for (const auto& d : v.dimensions) dims.append_child("dim").append_attribute("name") = checked(d, what).c_str();
    }
    if (!v.equation.empty()) text_child(node, "eqn", with_underscored_names(v.equation), "the equation of " + what);
    // An input without an equation is 0 until set: other tools need that value to run the model alone.
    if (v.input && v.equation.empty() && v.elements.empty() && !v.graph) text_child(node, "eqn", "0", what);
    // A reference to a flow, like a name in an equation, has underscores for spaces.
    for (const auto& f : v.inflows) text_child(node, "inflow", underscored(f), "an inflow of " + what);
    for (const auto& f : v.outflows) text_child(node, "outflow", underscored(f), "an outflow of " + what);
    if (v.non_negative && v.kind != VariableKind::aux) node.append_child("non_negative");
    if (v.graph) graph(node, *v.graph);
    for (const ElementDefinition& e : v.elements) element(node, e, what);
    if (!v.units.empty()) text_child(node, "units", v.units, "the units of " + what);
    if (!v.doc.empty()) text_child(node, "doc", v.doc, "the doc of " + what);
  }

  void element(pugi::xml_node parent, const ElementDefinition& e, const std::string& what) const {
    std::string subscript;
    for (const auto& part : e.elements) {
      if (part.find(',') != std::string::npos) {
        fail("element '" + part + "' of " + what + " has a comma, and XMILE lists subscripts with commas");
      }
      subscript += (subscript.empty() ? "" : ", ") + part;
    }
    pugi::xml_node node = parent.append_child("element");
    node.append_attribute("subscript") = checked(subscript, what).c_str();
    if (!e.equation.empty()) text_child(node, "eqn", with_underscored_names(e.equation), "an element of " + what);
    if (e.graph) graph(node, *e.graph);
  }
};

}  // namespace

std::string to_xmile(const Model& model) { return XmileWriter(model).write(); }

void save_xmile(const Model& model, const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext != ".xmile" && ext != ".xml" && ext != ".stmx") {
    throw InputError(path.string() + ": an XMILE file's name ends in .xmile (or .xml, .stmx)");
  }
  write_file_atomically(path, to_xmile(model));
}

}  // namespace revolve::sd

// The stock-flow engine from Python: the model as the modeller describes it (specs, dimensions, variables),
// loading model files, and runs. revolve/sd.py wraps these with docstrings and returns pandas DataFrames.
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings/bindings.hpp"
#include "bindings/interruptible.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/model_file.hpp"
#include "sim/sd/simulation.hpp"
#include "sim/sd/xmile_export.hpp"

namespace py = pybind11;

namespace revolve::bindings {
namespace {

const char* to_string(sd::VariableKind kind) {
  switch (kind) {
    case sd::VariableKind::stock: return "stock";
    case sd::VariableKind::flow: return "flow";
    case sd::VariableKind::aux: return "aux";
  }
  return "?";
}

/// "stock", "flow" or "aux"; for variables set from outside "parameter" or "input", as in a model file.
const char* kind_of(const sd::Variable& v) {
  if (v.parameter) return "parameter";
  if (v.input) return "input";
  return to_string(v.kind);
}

/// A NumPy array that takes over `values`: results can be hundreds of megabytes, so they are not copied.
py::array_t<double> to_numpy(std::vector<double>&& values, std::vector<py::ssize_t> shape) {
  auto* owner = new std::vector<double>(std::move(values));
  py::capsule release(owner, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>(std::move(shape), owner->data(), release);
}

/// Compile and run the model as `revolve sd run` does; returns (times, values[row, column], names, units,
/// the first non-finite value described or None).
py::tuple run_model(const sd::Model& model, const std::optional<std::string>& method,
                    std::vector<std::string> save, std::uint64_t seed, std::map<std::string, double> overrides,
                    bool strict) {
  // A copy, because another Python thread may change the model while this one runs without the GIL.
  const sd::Model snapshot = model;
  sd::RunOptions options;
  options.seed = seed;
  options.save = std::move(save);
  options.strict = strict;
  if (method) options.method = sd::parse_method(*method);
  sd::Results results;
  run_interruptible([&](const std::atomic<bool>& cancel) {
    options.cancel = &cancel;
    auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(snapshot, {std::move(overrides)}));
    results = sd::Simulation(std::move(compiled), seed).run(options);
  });
  const auto rows = static_cast<py::ssize_t>(results.rows());
  const auto columns = static_cast<py::ssize_t>(results.columns());
  const std::optional<std::string> non_finite =
      results.non_finite ? std::optional(sd::describe(*results.non_finite)) : std::nullopt;
  return py::make_tuple(to_numpy(std::move(results.times), {rows}),
                        to_numpy(std::move(results.values), {rows, columns}), results.names, results.units, non_finite);
}

std::string describe(const sd::SimSpecs& s) {
  std::ostringstream out;
  out << "SimSpecs(start=" << s.start << ", stop=" << s.stop << ", dt=" << s.dt << ", save_step=" << s.save_step
      << ", method='" << sd::to_string(s.method) << "', time_units='" << s.time_units << "')";
  return out.str();
}

std::string describe(const sd::Variable& v) {
  std::string text = std::string("Variable(") + kind_of(v) + " '" + v.name + "'";
  if (!v.equation.empty()) text += " = " + v.equation;
  return text + ")";
}

void bind_specs(py::module_& m) {
  py::class_<sd::SimSpecs>(m, "SimSpecs", "Simulation specs: horizon, step, saving and integration method.")
      .def(py::init<>())
      .def_readwrite("start", &sd::SimSpecs::start)
      .def_readwrite("stop", &sd::SimSpecs::stop)
      .def_readwrite("dt", &sd::SimSpecs::dt)
      .def_readwrite("save_step", &sd::SimSpecs::save_step)
      .def_property(
          "method", [](const sd::SimSpecs& s) { return sd::to_string(s.method); },
          [](sd::SimSpecs& s, const std::string& text) { s.method = sd::parse_method(text); })
      .def_readwrite("time_units", &sd::SimSpecs::time_units)
      .def_readwrite("abs_tol", &sd::SimSpecs::abs_tol)
      .def_readwrite("rel_tol", &sd::SimSpecs::rel_tol)
      .def("__repr__", [](const sd::SimSpecs& s) { return describe(s); });
}

void bind_graphical_function(py::module_& m) {
  py::class_<sd::GraphicalFunction>(m, "GraphicalFunction", "A lookup table: y as a piecewise function of x.")
      .def_readonly("x", &sd::GraphicalFunction::x)
      .def_readonly("y", &sd::GraphicalFunction::y)
      .def_property_readonly("interpolation",
                             [](const sd::GraphicalFunction& g) { return sd::to_string(g.interpolation); })
      .def("__call__", &sd::GraphicalFunction::operator(), py::arg("x"));
}

void bind_variable(py::module_& m) {
  py::class_<sd::Variable>(m, "Variable", "One stock, flow or auxiliary of a model, with its equation text.")
      .def_readwrite("name", &sd::Variable::name)
      .def_property_readonly("kind", [](const sd::Variable& v) { return kind_of(v); })
      .def_readwrite("equation", &sd::Variable::equation)
      .def_readwrite("dimensions", &sd::Variable::dimensions)
      .def_readwrite("inflows", &sd::Variable::inflows)
      .def_readwrite("outflows", &sd::Variable::outflows)
      .def_readwrite("non_negative", &sd::Variable::non_negative)
      .def_readwrite("units", &sd::Variable::units)
      .def_readwrite("doc", &sd::Variable::doc)
      .def_property_readonly("graph", [](const sd::Variable& v) { return v.graph; })
      .def_property_readonly("elements",
                             [](const sd::Variable& v) {
                               std::vector<std::pair<std::vector<std::string>, std::string>> out;
                               for (const auto& e : v.elements) out.emplace_back(e.elements, e.equation);
                               return out;
                             })
      .def(
          "add_element",
          [](sd::Variable& v, std::vector<std::string> elements, std::string equation) {
            v.elements.push_back({std::move(elements), std::move(equation), std::nullopt});
          },
          py::arg("elements"), py::arg("equation"))
      .def_property_readonly("file", [](const sd::Variable& v) { return v.origin.file; })
      .def_property_readonly("line", [](const sd::Variable& v) { return v.origin.line; })
      .def("__repr__", [](const sd::Variable& v) { return describe(v); });
}

void bind_model(py::module_& m) {
  using Strings = std::vector<std::string>;
  constexpr auto internal = py::return_value_policy::reference_internal;  // a variable lives in its model
  py::class_<sd::Model>(m, "Model", "A stock-flow model as the modeller describes it; nothing is evaluated.")
      .def(py::init<>())
      .def_readwrite("name", &sd::Model::name)
      .def_property_readonly("specs", [](sd::Model& model) -> sd::SimSpecs& { return model.specs; })
      .def_property_readonly("dimensions",
                             [](const sd::Model& model) {
                               std::vector<std::pair<std::string, Strings>> out;
                               for (const auto& d : model.dimensions) out.emplace_back(d.name, d.elements);
                               return out;
                             })
      .def_property_readonly("variables",
                             [](sd::Model& model) {
                               std::vector<sd::Variable*> out;
                               for (auto& v : model.variables) out.push_back(&v);
                               return out;
                             })
      .def(
          "dimension", [](sd::Model& model, std::string name, Strings elements) {
            model.dimension(std::move(name), std::move(elements));
          },
          py::arg("name"), py::arg("elements"))
      .def("stock", &sd::Model::stock, internal, py::arg("name"), py::arg("initial"), py::arg("inflows") = Strings{},
           py::arg("outflows") = Strings{})
      .def("flow", &sd::Model::flow, internal, py::arg("name"), py::arg("equation"))
      .def("aux", &sd::Model::aux, internal, py::arg("name"), py::arg("equation"))
      .def("parameter", &sd::Model::parameter, internal, py::arg("name"), py::arg("default") = std::nullopt)
      .def(
          "graphical",
          [](sd::Model& model, std::string name, std::vector<double> x, std::vector<double> y,
             const std::string& interpolation, std::string input) -> sd::Variable& {
            sd::GraphicalFunction graph{std::move(x), std::move(y), sd::parse_interpolation(interpolation)};
            return model.graphical(std::move(name), std::move(graph), std::move(input));
          },
          internal, py::arg("name"), py::arg("x"), py::arg("y"), py::arg("interpolation") = "continuous",
          py::arg("input") = "")
      .def("find", py::overload_cast<const std::string&>(&sd::Model::find), internal, py::arg("name"),
           "The variable called `name` (case, spaces and underscores ignored), or None.");
}

}  // namespace

void register_sd(py::module_& m) {
  bind_specs(m);
  bind_graphical_function(m);
  bind_variable(m);
  bind_model(m);
  m.def("load_model", &sd::load_model, py::arg("path"), py::call_guard<py::gil_scoped_release>(),
        "Load a model file: .yaml/.yml (revolve's model file) or .xmile/.stmx/.xml (XMILE).");
  m.def("save_xmile", &sd::save_xmile, py::arg("model"), py::arg("path"),
        "Write the model as XMILE 1.0 (atomically); ModelError names what XMILE cannot hold.");
  m.def("run_model", run_model, py::arg("model"), py::arg("method") = std::nullopt,
        py::arg("save") = std::vector<std::string>{}, py::arg("seed") = 1,
        py::arg("overrides") = std::map<std::string, double>{}, py::arg("strict") = false,
        "Compile and run a model; returns (times, values[row, column], names, units, the first non-finite value "
        "described or None). strict: raise ModelError at it instead. GIL released; Ctrl-C stops it.");
}

}  // namespace revolve::bindings

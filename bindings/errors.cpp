// C++ errors (sim/core/error.hpp) become the Python classes of the same name in revolve.errors, with the same
// message, so "model.yaml:7: in the equation of 'x', column 13: ..." reads the same from the CLI and Python.
#include <string>

#include "bindings/bindings.hpp"
#include "sim/core/error.hpp"

namespace py = pybind11;

namespace revolve::bindings {
namespace {

void raise_python(const char* class_name, const std::exception& error) {
  // Looked up at each error rather than held in a static: nothing to release when Python shuts down.
  const py::object python_class = py::module_::import("revolve.errors").attr(class_name);
  PyErr_SetString(python_class.ptr(), error.what());
}

void translate(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ModelError& e) {
    raise_python("ModelError", e);
  } catch (const InputError& e) {
    raise_python("InputError", e);
  } catch (const ParameterError& e) {
    raise_python("ParameterError", e);
  } catch (const ScenarioError& e) {
    raise_python("ScenarioError", e);
  } catch (const OutputError& e) {
    raise_python("OutputError", e);
  } catch (const Cancelled& e) {
    raise_python("Cancelled", e);
  } catch (const Error& e) {
    raise_python("Error", e);
  }
}

/// Throws the C++ error class named `class_name`, so tests can check the translation of every class,
/// including those no binding raises yet.
void raise_error(const std::string& class_name, const std::string& message) {
  if (class_name == "ModelError") throw ModelError(message);
  if (class_name == "InputError") throw InputError(message);
  if (class_name == "ParameterError") throw ParameterError(message);
  if (class_name == "ScenarioError") throw ScenarioError(message);
  if (class_name == "OutputError") throw OutputError(message);
  if (class_name == "Cancelled") throw Cancelled(message);
  if (class_name == "Error") throw Error(message);
  throw std::invalid_argument("no error class '" + class_name + "'");
}

}  // namespace

void register_errors(py::module_& m) {
  py::register_exception_translator(translate);
  m.def("_raise_error", raise_error, py::arg("class_name"), py::arg("message"),
        "Raise the C++ error class `class_name` with `message` (for tests of the translation).");
}

}  // namespace revolve::bindings

// revolve._core: the compiled half of the Python package `revolve`, which re-exports it with docstrings and
// pandas results. Names are flat (one module, no submodules) so the type stub is one file: _core.pyi.
#include "bindings/bindings.hpp"
#include "sim/core/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "The compiled engine behind the revolve package (private: use `import revolve`).";
  m.attr("__version__") = revolve::version;
  m.attr("git_version") = revolve::git_version;
  revolve::bindings::register_errors(m);
  revolve::bindings::register_sd(m);
  revolve::bindings::register_params(m);
  revolve::bindings::register_scenarios(m);
  revolve::bindings::register_psa(m);
  revolve::bindings::register_sensitivity(m);
  revolve::bindings::register_calibration(m);
}

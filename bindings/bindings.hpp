#pragma once
// The parts of revolve._core, one registration function per area; core_module.cpp calls each once.
// A new area adds a file with its register_ function here.
#include <pybind11/pybind11.h>

namespace revolve::bindings {

void register_errors(pybind11::module_& m);
void register_sd(pybind11::module_& m);
void register_params(pybind11::module_& m);
void register_scenarios(pybind11::module_& m);
void register_psa(pybind11::module_& m);
void register_sensitivity(pybind11::module_& m);
void register_calibration(pybind11::module_& m);

}  // namespace revolve::bindings

// Calibration from Python, exactly as `revolve calibrate` runs it (GIL released, Ctrl-C stops it, progress
// reported): the plan, the fit and its files' tables. revolve/calibration.py wraps them with docstrings and pandas.
#include <tbb/global_control.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings/bindings.hpp"
#include "bindings/interruptible.hpp"
#include "bindings/progress.hpp"
#include "bindings/table.hpp"
#include "models/scenario_models.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/calibration_files.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace revolve::bindings {
namespace {

using Calibration = std::shared_ptr<ensemble::CalibrationRecord>;

/// The fit of `revolve calibrate`: `parameters` of `scenario` to the model's targets numbered `targets` (empty:
/// all). `settings` holds runs, seed, max_evaluations and algorithm.
Calibration run_calibration(const io::Scenario& scenario, const std::vector<std::string>& parameters,
                            const std::vector<int>& targets, const py::dict& settings, const std::string& command,
                            int threads, std::optional<py::function> progress) {
  const auto algorithm = ensemble::parse_fit_algorithm(settings["algorithm"].cast<std::string>());
  if (!algorithm)
    throw InputError("calibrate: algorithm must be 'bobyqa' or 'nelder-mead', not '" +
                     settings["algorithm"].cast<std::string>() + "'");
  ensemble::FitOptions options;
  options.algorithm = *algorithm;
  options.max_evaluations = settings["max_evaluations"].cast<int>();
  const auto runs = settings["runs"].cast<std::uint32_t>();
  const auto seed = settings["seed"].cast<std::uint64_t>();
  std::optional<ensemble::CalibrationPlan> plan;
  std::uint64_t steps = 0;
  {
    const py::gil_scoped_release release;
    const auto model = models::scenario_model(scenario.model);
    model->prepare(scenario);  // the scenario itself is valid before the search starts
    plan = ensemble::plan_calibration(model, scenario, parameters, targets, runs, seed);
    steps = ensemble::calibration_steps(*plan, options);
  }
  Progress counter(std::move(progress), steps);
  auto out = std::make_shared<ensemble::CalibrationRecord>(ensemble::CalibrationRecord{
      *plan, options.algorithm, options.max_evaluations, {}, {{"command", command}, {"threads", threads}}});
  run_interruptible(
      [&](const std::atomic<bool>& cancel) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        out->fit = ensemble::run_calibration(out->plan, options, [&cancel, &counter] {
          if (cancel.load(std::memory_order_relaxed)) throw Cancelled("interrupted: stopped, and nothing was returned");
          counter.step();
        });
        counter.finish();
      },
      counter.poll());
  return out;
}

}  // namespace

void register_calibration(py::module_& m) {
  py::class_<ensemble::CalibrationRecord, Calibration>(m, "CalibrationRecord", "A calibration's plan and fit.")
      .def_property_readonly("fitted",
                             [](const Calibration& c) {
                               py::dict out;
                               for (std::size_t i = 0; i < c->plan.parameters.size(); ++i)
                                 out[c->plan.parameters[i].name.c_str()] = c->fit.best.values[i];
                               return out;
                             })
      .def("fit", [](const Calibration& c) { return table_of([&](auto& t) { ensemble::write_fit(t, *c); }); })
      .def("parameters", [](const Calibration& c) { return table_of([&](auto& t) { ensemble::write_parameters(t, *c); }); })
      .def("evaluations",
           [](const Calibration& c) { return table_of([&](auto& t) { ensemble::write_evaluations(t, *c); }); })
      .def("manifest", [](const Calibration& c) { return ensemble::calibration_manifest(*c).dump(); })
      .def("calibrated_scenario", [](const Calibration& c, const fs::path& dir) {
             return ensemble::calibrated_scenario(*c, dir);
           }, py::arg("dir"))
      .def("save", [](const Calibration& c, const fs::path& dir, bool force) { ensemble::save_calibration(dir, *c, force); },
           py::arg("dir"), py::arg("force") = false, py::call_guard<py::gil_scoped_release>());
  m.def("run_calibration", run_calibration, py::arg("scenario"), py::arg("parameters"), py::arg("targets"),
        py::arg("settings"), py::arg("command"), py::arg("threads"), py::arg("progress") = py::none(),
        "Fit parameters as `revolve calibrate` does. GIL released; Ctrl-C stops it; progress(done, total) every 50 ms.");
}

}  // namespace revolve::bindings

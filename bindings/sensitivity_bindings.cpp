// Global sensitivity from Python, exactly as `revolve sensitivity` runs it (GIL released, Ctrl-C stops it,
// progress reported): the plan, every design row's output and the indices, as the files' tables.
// revolve/sensitivity_analysis.py wraps them with docstrings and pandas.
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
#include "sim/ensemble/sensitivity_files.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace revolve::bindings {
namespace {

struct SensitivityRun {
  ensemble::SensitivityPlan plan;
  ensemble::SensitivityResults results;
};
using Sensitivity = std::shared_ptr<SensitivityRun>;

ensemble::SensitivitySettings settings_of(const py::dict& s) {
  ensemble::SensitivitySettings out;
  const auto method = s["method"].cast<std::string>();
  if (method != "morris" && method != "sobol")
    throw InputError("sensitivity: method must be 'morris' or 'sobol', not '" + method + "'");
  out.method = method == "morris" ? ensemble::SensitivityMethod::morris : ensemble::SensitivityMethod::sobol;
  out.measure = s["measure"].cast<std::string>();
  out.samples = s["samples"].cast<std::uint32_t>();
  out.runs = s["runs"].cast<std::uint32_t>();
  out.seed = s["seed"].cast<std::uint64_t>();
  out.levels = s["levels"].cast<int>();
  out.resamples = s["resamples"].cast<int>();
  out.parameters = s["parameters"].cast<std::vector<std::string>>();
  return out;
}

/// The analysis of `revolve sensitivity` of `scenario` (minus `baseline`, if any). `settings` holds method,
/// measure, samples, runs, seed, levels, resamples and parameters (empty: every uncertain one left free).
Sensitivity run_sensitivity(const io::Scenario& scenario, const std::optional<io::Scenario>& baseline,
                            const py::dict& settings, int threads, std::optional<py::function> progress) {
  const ensemble::SensitivitySettings s = settings_of(settings);
  auto out = std::make_shared<SensitivityRun>();
  std::uint64_t steps = 0;
  {
    const py::gil_scoped_release release;
    out->plan = ensemble::plan_sensitivity(models::scenario_model(scenario.model), scenario, baseline, s);
    steps = ensemble::sensitivity_steps(out->plan);
  }
  Progress counter(std::move(progress), steps);
  run_interruptible(
      [&](const std::atomic<bool>& cancel) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        out->results = ensemble::run_sensitivity(out->plan, [&cancel, &counter] {
          if (cancel.load(std::memory_order_relaxed)) throw Cancelled("interrupted: stopped, and nothing was returned");
          counter.step();
        });
      },
      counter.poll());
  return out;
}

std::vector<py::tuple> parameters(const Sensitivity& s) {
  std::vector<py::tuple> out;
  for (const auto& p : s->plan.parameters) out.push_back(py::make_tuple(p.name, p.unit, p.distribution));
  return out;
}

/// The manifest of `revolve sensitivity`, as JSON text, for one process.
std::string manifest(const Sensitivity& s, const std::string& command, int threads) {
  nlohmann::json m = ensemble::sensitivity_manifest(s->plan);
  m["command"] = command;
  m["processes"] = 1;
  m["threads"] = threads;
  return m.dump();
}

}  // namespace

void register_sensitivity(py::module_& m) {
  py::class_<SensitivityRun, Sensitivity>(m, "SensitivityRun", "A sensitivity analysis's plan, outputs and indices.")
      .def_property_readonly("parameters", parameters)
      .def_property_readonly("method", [](const Sensitivity& s) { return ensemble::to_string(s->plan.settings.method); })
      .def("indices", [](const Sensitivity& s) { return table_of([&](auto& t) { ensemble::write_indices(t, s->results); }); })
      .def("design",
           [](const Sensitivity& s) { return table_of([&](auto& t) { ensemble::write_design(t, s->plan, s->results); }); })
      .def("manifest", manifest, py::arg("command"), py::arg("threads"))
      .def("save",
           [](const Sensitivity& s, const fs::path& dir, const std::string& manifest, bool force) {
             ensemble::save_sensitivity(dir, s->plan, s->results, nlohmann::json::parse(manifest), force);
           },
           py::arg("dir"), py::arg("manifest"), py::arg("force") = false, py::call_guard<py::gil_scoped_release>());
  m.def("run_sensitivity", run_sensitivity, py::arg("scenario"), py::arg("baseline"), py::arg("settings"),
        py::arg("threads"), py::arg("progress") = py::none(),
        "Run a sensitivity analysis as `revolve sensitivity` does. GIL released; Ctrl-C stops it; progress(done, "
        "total) every 50 ms.");
}

}  // namespace revolve::bindings

// Probabilistic sensitivity analysis from Python, exactly as `revolve psa` runs it (GIL released, Ctrl-C stops
// it, progress reported): the draws, every run's totals under every draw and the cost-effectiveness results as
// NumPy arrays and records. revolve/psa.py wraps them with docstrings and pandas.
#include <tbb/global_control.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings/bindings.hpp"
#include "bindings/interruptible.hpp"
#include "bindings/progress.hpp"
#include "bindings/table.hpp"
#include "models/scenario_models.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/psa_files.hpp"
#include "sim/ensemble/results_files.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace revolve::bindings {
namespace {

using Psa = std::shared_ptr<ensemble::PsaComparison>;
using Prepared = std::vector<std::shared_ptr<const ensemble::PreparedScenario>>;

ensemble::PsaSettings settings_of(const py::dict& s) {
  ensemble::PsaSettings out;
  out.draws = s["draws"].cast<std::uint32_t>();
  out.runs = s["runs"].cast<std::uint32_t>();
  out.point_runs = s["point_runs"].cast<std::uint32_t>();
  out.seed = s["seed"].cast<std::uint64_t>();
  const auto design = ensemble::parse_design_kind(s["design"].cast<std::string>());
  if (!design) throw InputError("psa: design must be 'lhs' or 'sobol', not '" + s["design"].cast<std::string>() + "'");
  out.design = *design;
  out.cost = s["cost"].cast<std::string>();
  out.outcome = s["outcome"].cast<std::string>();
  out.wtp_max = s["wtp_max"].cast<double>();
  out.match_entrants = s["match_entrants"].cast<bool>();
  return out;
}

/// The PSA of `revolve psa`: the scenarios at their point values, then under every draw. `settings` holds draws,
/// runs, point_runs, seed, design, cost, outcome, wtp_max and match_entrants.
Psa run_psa(const std::vector<io::Scenario>& scenarios, const py::dict& settings, int threads,
            std::optional<py::function> progress) {
  const ensemble::PsaSettings s = settings_of(settings);
  if (scenarios.empty()) throw InputError("psa needs at least a baseline");
  Prepared prepared;
  {
    const py::gil_scoped_release release;
    for (const auto& scenario : scenarios) prepared.push_back(models::scenario_model(scenario.model)->prepare(scenario));
  }
  const auto model = models::scenario_model(scenarios.front().model);
  Progress counter(std::move(progress), ensemble::psa_steps(model, prepared, s));
  Psa out;
  run_interruptible(
      [&](const std::atomic<bool>& cancel) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        out = std::make_shared<ensemble::PsaComparison>(ensemble::run_psa_comparison(
            model, prepared, s, [&cancel, &counter] {
              if (cancel.load(std::memory_order_relaxed)) throw Cancelled("interrupted: stopped, and nothing was returned");
              counter.step();
            }));
      },
      counter.poll());
  return out;
}

/// The runs at the point values, as the results of a comparison (sharing the PSA's memory).
std::vector<std::shared_ptr<ensemble::ScenarioResults>> point_results(const Psa& psa) {
  std::vector<std::shared_ptr<ensemble::ScenarioResults>> out;
  for (auto& r : psa->point) out.emplace_back(psa, &r);
  return out;
}

/// Every draw's values: [draw, parameter], each in the parameter's own unit.
py::array_t<double> draws(const Psa& psa) {
  const auto& design = psa->plan.design;
  const std::size_t count = design.parameters().size();
  std::vector<double> values(design.draws() * count);
  for (std::uint32_t d = 0; d < design.draws(); ++d) {
    for (std::size_t p = 0; p < count; ++p) values[d * count + p] = design.value(d, p);
  }
  return owned_array(std::move(values), {design.draws(), static_cast<py::ssize_t>(count)});
}

/// Totals of every run of every draw in `t`'s layout, [draw, run, period, column], column c taken from column
/// `column(c).second` of totals `column(c).first`.
template <class Source>
py::array_t<double> draw_array(const Psa& psa, const ensemble::ScenarioTotals& t, Source&& column) {
  const std::size_t periods = t.periods().size(), columns = t.measures().size();
  std::vector<double> values(static_cast<std::size_t>(t.runs()) * periods * columns);
  for (std::size_t c = 0; c < columns; ++c) {
    const auto [source, at] = column(c);
    for (std::uint32_t r = 0; r < t.runs(); ++r) {
      for (std::size_t p = 0; p < periods; ++p) values[(r * periods + p) * columns + c] = source->value(r, p, at);
    }
  }
  const py::ssize_t runs = psa->psa.runs_per_draw;
  return owned_array(std::move(values), {psa->settings.draws, runs, static_cast<py::ssize_t>(periods),
                                         static_cast<py::ssize_t>(columns)});
}

/// One scenario's totals of every run of every draw: [draw, run, period, column].
py::array_t<double> totals(const Psa& psa, std::size_t scenario) {
  const auto& t = psa->psa.totals.at(scenario);
  return draw_array(psa, t, [&](std::size_t c) { return std::pair{&t, c}; });
}

/// The baseline's totals that scenario `scenario`'s are paired with, as totals() gives them: for an entry-cohort
/// column, the baseline following its entrants in the same draw and run (PsaResults::matched) if it did; otherwise
/// the baseline's own.
py::array_t<double> paired_baseline_totals(const Psa& psa, std::size_t scenario) {
  const auto& t = psa->psa.totals.at(scenario);
  const auto& base = psa->psa.totals.front();
  const auto& matched = psa->psa.matched.at(scenario);
  return draw_array(psa, t, [&](std::size_t c) {
    const ensemble::MeasureInfo& m = t.measures()[c];
    if (!matched || !m.follows_entries) return std::pair{&base, c};
    const std::size_t at = matched->column(m.measure, m.group);
    if (at == static_cast<std::size_t>(-1)) {
      throw std::runtime_error("the PSA's matched runs have no column " + m.column);
    }
    return std::pair{&*matched, at};
  });
}

/// One record per alternative: its cost-effectiveness against the baseline over draws x runs.
py::list cost_effectiveness(const Psa& psa) {
  py::list out;
  const auto samples = ensemble::psa_samples(*psa);
  for (std::size_t a = 0; a < samples.size(); ++a) {
    const auto ce = ensemble::cost_effectiveness(samples[a]);
    py::dict r;
    r["scenario"] = psa->plan.scenarios[a + 1].label;
    r["cost_change"] = ce.cost_change;
    r["gain"] = ce.gain;
    r["p_better_cheaper"] = ce.better_cheaper;
    r["p_better_costlier"] = ce.better_costlier;
    r["p_not_better_cheaper"] = ce.not_better_cheaper;
    r["p_not_better_costlier"] = ce.not_better_costlier;
    r["verdict"] = ensemble::to_string(ce.verdict);
    r["ratio"] = ce.ratio;
    r["ratio_unit"] = ensemble::ratio_unit(ce.verdict, ensemble::outcome_unit(*psa));
    out.append(r);
  }
  return out;
}

/// (wtp, beats_baseline[alternative, wtp], best[option, wtp]) of the acceptability curves.
py::tuple ceac(const Psa& psa) {
  const auto samples = ensemble::psa_samples(*psa);
  const auto curves = ensemble::acceptability(samples, ensemble::willingness_to_pay(samples, psa->settings.wtp_max));
  return py::make_tuple(curves.wtp, curves.beats_baseline, curves.best);
}

std::vector<std::vector<std::string>> held(const Psa& psa) {
  std::vector<std::vector<std::string>> out;
  for (const auto& h : psa->psa.held) out.emplace_back(h.begin(), h.end());
  return out;
}

std::vector<py::tuple> parameters(const Psa& psa) {
  std::vector<py::tuple> out;
  for (const auto& p : psa->plan.design.parameters()) out.push_back(py::make_tuple(p.name, p.unit, p.distribution));
  return out;
}

/// comparison.csv, with both kinds of interval, as columns.
py::dict comparison_table(const Psa& psa) {
  std::vector<const ensemble::ScenarioResults*> point;
  std::vector<const ensemble::ScenarioTotals*> with_parameters, matched;
  for (const auto& r : psa->point) point.push_back(&r);
  for (const auto& t : psa->psa.totals) with_parameters.push_back(&t);
  for (const auto& t : psa->psa.matched) matched.push_back(t ? &*t : nullptr);
  return table_of([&](ensemble::RowSink& t) { ensemble::write_comparison(t, point, with_parameters, matched); });
}

}  // namespace

void register_psa(py::module_& m) {
  py::class_<ensemble::PsaComparison, Psa>(m, "PsaComparison",
                                           "A comparison run at the point values and under every draw of a design.")
      .def_property_readonly("point", point_results)
      .def_property_readonly("parameters", parameters)
      .def_property_readonly("held", held)
      .def_property_readonly("runs_per_draw", [](const Psa& p) { return p->psa.runs_per_draw; })
      .def_property_readonly("outcome_unit", [](const Psa& p) { return ensemble::outcome_unit(*p); })
      .def("draws", draws)
      .def("totals", totals, py::arg("scenario"))
      .def("paired_baseline_totals", paired_baseline_totals, py::arg("scenario"))
      .def("cost_effectiveness", cost_effectiveness)
      .def("ceac", ceac)
      .def("comparison_table", comparison_table)
      .def("manifest",
           [](const Psa& p, const std::string& command, int threads) {
             return ensemble::psa_manifest(*p, command, threads).dump();
           },
           py::arg("command"), py::arg("threads"))
      .def("save",
           [](const Psa& p, const fs::path& dir, const std::string& manifest, bool force) {
             ensemble::save_psa(dir, *p, nlohmann::json::parse(manifest), force);
           },
           py::arg("dir"), py::arg("manifest"), py::arg("force") = false, py::call_guard<py::gil_scoped_release>());
  m.def("run_psa", run_psa, py::arg("scenarios"), py::arg("settings"), py::arg("threads"),
        py::arg("progress") = py::none(),
        "Run a PSA as `revolve psa` does. GIL released; Ctrl-C stops it; progress(done, total) every 50 ms.");
}

}  // namespace revolve::bindings

// Scenarios from Python: load and change them, run them as ensembles exactly as `revolve run` and
// `revolve compare` do (GIL released, Ctrl-C stops them), and hand the results over as NumPy arrays and
// the CLI's own files, written with the CLI's rules for output folders. revolve/scenarios.py and
// revolve/output.py wrap these with docstrings and pandas.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings/bindings.hpp"
#include "bindings/interruptible.hpp"
#include "bindings/progress.hpp"
#include "bindings/table.hpp"
#include "models/scenario_models.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/atomic_folder.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/results_files.hpp"
#include "sim/ensemble/trajectories.hpp"
#include "sim/io/scenario.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace revolve::bindings {
namespace {

using Results = std::shared_ptr<ensemble::ScenarioResults>;  // pybind11 holders are not const
using ParameterChange = std::tuple<std::string, double, std::string>;  // name, value, unit ("": its own)
using WindowTuple = std::tuple<double, double, double, double>;         // start, scale_up, stop, level [years]

/// Where changes made from Python come from, in error messages ("with_changes: 'x': value ...").
const params::Origin python_origin{"with_changes", 0};

/// The scenario checked against its model, as `revolve run` checks it before running anything.
void validate(const io::Scenario& scenario) {
  io::validate_scenario(scenario, models::scenario_model(scenario.model)->schema());
}

io::Scenario load_scenario(const fs::path& path) {
  io::Scenario scenario = io::parse_scenario(path);
  validate(scenario);
  return scenario;
}

io::Scenario with_parameters(const io::Scenario& scenario, const std::vector<ParameterChange>& changes,
                             const std::string& label) {
  std::vector<params::Override> overrides;
  for (const auto& [name, value, unit] : changes) overrides.push_back({name, value, unit, python_origin});
  return scenario.with_parameters(overrides, label);
}

void set_intervention(io::Scenario& scenario, const std::string& name, const std::vector<WindowTuple>& windows) {
  io::InterventionSetting setting{name, {}, python_origin};
  for (const auto& [start, scale_up, stop, level] : windows) {
    setting.windows.push_back({start, scale_up, stop, level, python_origin});
  }
  scenario.interventions[name] = std::move(setting);
}

py::dict interventions_of(const io::Scenario& scenario) {
  py::dict out;
  for (const auto& [name, setting] : scenario.interventions) {
    std::vector<WindowTuple> windows;
    for (const auto& w : setting.windows) windows.emplace_back(w.start, w.scale_up, w.stop, w.level);
    out[py::str(name)] = windows;
  }
  return out;
}

std::vector<ParameterChange> parameters_of(const io::Scenario& scenario) {
  std::vector<ParameterChange> out;
  for (const auto& o : scenario.parameters) out.emplace_back(o.name, o.value, o.unit);
  return out;
}

std::vector<std::string> paths(const std::vector<fs::path>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.string());
  return out;
}

void bind_scenario(py::module_& m) {
  py::class_<io::Scenario>(m, "Scenario", "A scenario: a model, its horizon, and the parameters and interventions it changes.")
      .def(py::init<const io::Scenario&>(), py::arg("other"), "A copy of `other`.")
      .def_readwrite("label", &io::Scenario::label)
      .def_readwrite("description", &io::Scenario::description)
      .def_property_readonly("file", [](const io::Scenario& s) { return s.file.string(); })
      .def_property_readonly("chain", [](const io::Scenario& s) { return paths(s.chain); })
      .def_readonly("model", &io::Scenario::model)
      .def_readwrite("horizon_years", &io::Scenario::horizon_years)
      .def_readwrite("population_scale", &io::Scenario::population_scale)
      .def_readwrite("seed", &io::Scenario::seed)
      .def_readwrite("runs", &io::Scenario::runs)
      .def_readonly("outputs", &io::Scenario::outputs)
      .def_property_readonly("parameters", parameters_of)
      .def_property_readonly("interventions", interventions_of)
      .def("hash", &io::Scenario::hash)
      .def("with_parameters", with_parameters, py::arg("changes"), py::arg("label"))
      .def("set_intervention", set_intervention, py::arg("name"), py::arg("windows"))
      .def("remove_intervention", [](io::Scenario& s, const std::string& name) { s.interventions.erase(name); },
           py::arg("name"));
}

/// Run every scenario with the same runs and seed, one after the other, as `revolve compare` does: run r of
/// each uses seed and run number r, so scenarios share their random numbers (common random numbers). Keeps the
/// per-run trajectories of the columns named in `trajectories`: one array [run, step, column] per scenario.
py::tuple run_scenarios(const std::vector<io::Scenario>& scenarios, std::uint32_t runs, std::uint64_t seed,
                        int threads, const std::vector<std::string>& trajectories,
                        std::optional<py::function> progress, bool match_entrants) {
  std::vector<Results> results;
  std::vector<ensemble::Trajectories> kept;
  std::vector<std::shared_ptr<const ensemble::PreparedScenario>> prepared;
  {
    const py::gil_scoped_release release;  // preparing reads model files
    for (const auto& s : scenarios) prepared.push_back(models::scenario_model(s.model)->prepare(s));
  }
  for (const auto& p : prepared) kept.emplace_back(p->measures(), trajectories);  // checks names before any run
  Progress counter(std::move(progress), ensemble::comparison_steps(prepared, runs, match_entrants));
  std::vector<ensemble::ScenarioResults> ran;
  run_interruptible(
      [&](const std::atomic<bool>& cancel) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        ensemble::ScenarioRunOptions options;
        options.runs = runs;
        options.seed = seed;
        options.on_step = [&cancel, &counter] {
          if (cancel.load(std::memory_order_relaxed)) throw Cancelled("interrupted: stopped, and nothing was returned");
          counter.step();
        };
        ensemble::ComparisonRunConsumer keep;
        if (!trajectories.empty()) keep = [&](std::size_t i, std::uint32_t, const abm::Outputs& run) { kept[i].add(run); };
        ran = ensemble::run_comparison(prepared, options, keep, match_entrants);
      },
      counter.poll());
  for (auto& r : ran) results.push_back(std::make_shared<ensemble::ScenarioResults>(std::move(r)));
  py::list arrays;
  for (auto& k : kept) {
    const std::vector<py::ssize_t> shape = {k.runs(), static_cast<py::ssize_t>(k.steps()),
                                            static_cast<py::ssize_t>(k.columns().size())};
    arrays.append(owned_array(k.take_values(), shape));
  }
  return py::make_tuple(results, arrays);
}

/// A NumPy array of `shape` filled by `value(index...)` in C order.
py::array_t<double> array_of(std::vector<py::ssize_t> shape, const std::function<double(std::size_t)>& value) {
  py::array_t<double> out(std::move(shape));
  double* data = out.mutable_data();
  for (py::ssize_t i = 0; i < out.size(); ++i) data[i] = value(static_cast<std::size_t>(i));
  return out;
}

/// (mean[step, measure], sd[step, measure], quantiles[q, step, measure]) of the whole-cohort measures.
py::tuple per_step(const ensemble::ScenarioResults& r) {
  const auto& s = r.per_step;
  const auto rows = static_cast<py::ssize_t>(s.rows());
  const auto k = static_cast<py::ssize_t>(r.per_step_columns.size());
  const std::size_t per_row = r.per_step_columns.size(), per_q = s.rows() * per_row;
  auto mean = array_of({rows, k}, [&](std::size_t i) { return s.mean(i / per_row, i % per_row); });
  auto sd = array_of({rows, k}, [&](std::size_t i) { return s.sd(i / per_row, i % per_row); });
  auto quantiles = array_of({static_cast<py::ssize_t>(s.quantiles().size()), rows, k}, [&](std::size_t i) {
    return s.quantile(i / per_q, i % per_q / per_row, i % per_row);
  });
  return py::make_tuple(mean, sd, quantiles);
}

/// Every run's totals: values[run, period, column].
py::array_t<double> totals_array(const ensemble::ScenarioTotals& t) {
  const std::size_t columns = t.measures().size(), periods = t.periods().size();
  return array_of({t.runs(), static_cast<py::ssize_t>(periods), static_cast<py::ssize_t>(columns)},
                  [&](std::size_t i) {
                    return t.value(static_cast<std::uint32_t>(i / (periods * columns)), i / columns % periods,
                                   i % columns);
                  });
}

const char* to_string(ensemble::Aggregation aggregation) {
  return aggregation == ensemble::Aggregation::level ? "level" : "flow";
}

/// One record per output column: what it measures, for whom, in what unit, and how it is totalled.
py::list measures(const ensemble::ScenarioResults& r) {
  py::list out;
  for (const auto& m : r.totals.measures()) {
    out.append(py::make_tuple(m.column, m.measure, m.group, m.unit, to_string(m.aggregation), m.payer, m.better, m.label));
  }
  return out;
}

py::dict label_record(const ensemble::Label& l) {
  py::dict d;
  d["name"] = l.name;
  d["label"] = l.label;
  d["short_label"] = l.short_label.empty() ? l.label : l.short_label;
  return d;
}

py::list label_records(const std::vector<ensemble::Label>& labels) {
  py::list out;
  for (const auto& l : labels) out.append(label_record(l));
  return out;
}

py::list domain_records(const std::vector<ensemble::StateDomain>& domains) {
  py::list out;
  for (const auto& domain : domains) {
    py::dict r;
    r["title"] = domain.title;
    r["column"] = domain.column;
    r["states"] = label_records(domain.states);
    out.append(r);
  }
  return out;
}

/// A model's output dictionary as plain Python data (lists of dicts), for revolve.model_dictionary.
py::dict model_dictionary(const std::string& model) {
  const ensemble::ModelDictionary d = models::scenario_model(model)->dictionary();
  py::list measures;
  for (const auto& m : d.measures) {
    py::dict r;
    r["name"] = m.measure;
    r["label"] = m.label;
    r["unit"] = m.unit;
    r["aggregation"] = to_string(m.aggregation);
    r["payer"] = m.payer;
    r["better"] = m.better;
    measures.append(r);
  }
  py::dict out;
  out["measures"] = measures;
  out["groups"] = label_records(d.groups);
  out["payers"] = label_records(d.payers);
  out["interventions"] = label_records(d.interventions);
  out["trajectories"] = label_records(d.trajectories);
  out["state_domains"] = domain_records(d.state_domains);
  out["life_columns"] = domain_records(d.life_columns);
  out["limitations"] = d.limitations;
  return out;
}

std::vector<std::string> period_labels(const ensemble::ScenarioTotals& t) {
  std::vector<std::string> out;
  for (const auto& p : t.periods()) out.push_back(p.label);
  return out;
}

/// Each period's start and end [years from the start of the run], in the order of period_labels.
std::vector<std::pair<double, double>> period_years(const ensemble::ScenarioTotals& t, double step_years) {
  std::vector<std::pair<double, double>> out;
  for (const auto& p : t.periods()) out.emplace_back(p.first_row * step_years, p.last_row * step_years);
  return out;
}

std::vector<const ensemble::ScenarioResults*> raw(const std::vector<Results>& results) {
  std::vector<const ensemble::ScenarioResults*> out;
  for (const auto& r : results) out.push_back(r.get());
  return out;
}

/// The manifest of a run or comparison, as JSON text (the CLI's, from the same code).
std::string run_manifest(const std::vector<Results>& results, const std::string& command, std::uint32_t runs,
                         std::uint64_t seed, int threads) {
  return ensemble::run_manifest(raw(results), command, runs, seed, threads).dump();
}

/// The files `revolve run` (one result, not a comparison) or `revolve compare` writes, atomically.
void save_results(const fs::path& dir, const std::vector<Results>& results, const std::string& manifest_text,
                  bool comparison, bool force) {
  ensemble::save_results(dir, raw(results), nlohmann::json::parse(manifest_text), comparison, force);
}

void check_distinct_labels(const std::vector<io::Scenario>& scenarios) {
  std::vector<const io::Scenario*> pointers;
  for (const auto& s : scenarios) pointers.push_back(&s);
  ensemble::check_distinct_labels(pointers);
}

/// The limits scenario files are checked against (sim/io/scenario.hpp), for the same checks in Python.
py::dict scenario_limits() {
  py::dict out;
  out["horizon_years"] = io::limits::horizon_years;
  out["runs"] = io::limits::runs;
  out["people"] = io::limits::people;
  out["file_bytes"] = io::limits::file_bytes;
  return out;
}

/// Output folders and files with the CLI's rules (sim/core/atomic_folder.hpp, atomic_file.hpp), for viz.
void bind_output(py::module_& m) {
  py::class_<AtomicFolder>(m, "AtomicFolder", "An output folder written in full or not at all (revolve.output).")
      .def(py::init<fs::path, bool>(), py::arg("target"), py::arg("force"))
      .def_property_readonly("path", [](const AtomicFolder& f) { return f.path(); })
      .def_property_readonly("target", [](const AtomicFolder& f) { return f.target(); })
      .def("commit", &AtomicFolder::commit, py::call_guard<py::gil_scoped_release>())
      .def("discard", &AtomicFolder::discard);
  m.def("write_text_file",
        [](const fs::path& path, const std::string& text, const std::string& signature, bool force) {
          write_file_atomically(path, text, {signature, force});
        },
        py::arg("path"), py::arg("text"), py::arg("signature"), py::arg("force"), py::call_guard<py::gil_scoped_release>(),
        "Write a file atomically, replacing only a regular file that carries `signature` (or any, with `force`).");
  m.def("check_output_folder", check_output_folder, py::arg("target"), py::arg("force"),
        "Raise OutputError unless an AtomicFolder may replace `target`.");
  m.def("check_output_file",
        [](const fs::path& path, const std::string& signature, bool force) { check_output_file(path, {signature, force}); },
        py::arg("path"), py::arg("signature"), py::arg("force"),
        "Raise OutputError unless write_text_file may replace `path`.");
}

void bind_results(py::module_& m) {
  py::class_<ensemble::ScenarioResults, Results>(m, "ScenarioResults",
                                                 "One scenario's ensemble: per-step statistics and every run's totals.")
      .def_property_readonly("scenario", [](const ensemble::ScenarioResults& r) { return r.scenario->scenario(); })
      .def_property_readonly("steps", [](const ensemble::ScenarioResults& r) { return r.scenario->steps(); })
      .def_property_readonly("step_years", [](const ensemble::ScenarioResults& r) { return r.scenario->step_years(); })
      .def_property_readonly("runs", [](const ensemble::ScenarioResults& r) { return r.totals.runs(); })
      .def_property_readonly("measures", measures)
      .def_property_readonly("periods", [](const ensemble::ScenarioResults& r) { return period_labels(r.totals); })
      .def_property_readonly("period_years",
                             [](const ensemble::ScenarioResults& r) {
                               return period_years(r.totals, r.scenario->step_years());
                             })
      .def_property_readonly("quarter_periods",
                             [](const ensemble::ScenarioResults& r) { return period_labels(r.quarters); })
      .def_property_readonly("quarter_years",
                             [](const ensemble::ScenarioResults& r) {
                               return period_years(r.quarters, r.scenario->step_years());
                             })
      .def_readonly("per_step_columns", &ensemble::ScenarioResults::per_step_columns)
      .def_property_readonly("quantiles", [](const ensemble::ScenarioResults& r) { return r.per_step.quantiles(); })
      .def("per_step", per_step)
      .def("totals", [](const ensemble::ScenarioResults& r) { return totals_array(r.totals); },
           "Every run's yearly and horizon totals: values[run, period, column].")
      .def("quarter_totals", [](const ensemble::ScenarioResults& r) { return totals_array(r.quarters); },
           "Every run's quarterly totals of the whole-cohort columns: values[run, quarter, i] of column "
           "per_step_columns[i].")
      .def_property_readonly("entry_match",
                             [](const ensemble::ScenarioResults& r) { return ensemble::entry_match_name(r.entry_match); },
                             "What a comparison set this scenario's entry cohorts against: 'same_people' (the baseline "
                             "following its entrants, matched_baseline), 'nobody' (it had none) or 'baseline_own'.")
      .def_property_readonly("entry_match_note",
                             [](const ensemble::ScenarioResults& r) { return r.entry_match_note; },
                             "Why an alternative's entry cohorts were set against the baseline's own entrants, or ''.")
      .def_property_readonly("matched_baseline",
                             [](const ensemble::ScenarioResults& r) -> Results {
                               return std::const_pointer_cast<ensemble::ScenarioResults>(r.matched_baseline);
                             },
                             "The baseline's runs following this scenario's entrants (totals and quarter totals, no "
                             "per-step statistics), or None.");
}

}  // namespace

void register_scenarios(py::module_& m) {
  bind_scenario(m);
  bind_results(m);
  m.def("load_scenario", load_scenario, py::arg("path"), py::call_guard<py::gil_scoped_release>(),
        "Read a scenario file and what it extends, and check it against its model.");
  m.def("validate_scenario", validate, py::arg("scenario"), py::call_guard<py::gil_scoped_release>(),
        "Check a scenario against its model: parameter names, units and bounds, interventions, outputs.");
  m.def("run_scenarios", run_scenarios, py::arg("scenarios"), py::arg("runs"), py::arg("seed"), py::arg("threads"),
        py::arg("trajectories") = std::vector<std::string>{}, py::arg("progress") = py::none(),
        py::arg("match_entrants") = true,
        "Run each scenario with the same runs and seed (common random numbers), and with match_entrants the baseline\n"
        "following each alternative's entrants (ensemble::run_comparison). GIL released; Ctrl-C stops it.\n"
        "Returns (results, trajectories): one array [run, step, column] per scenario of the columns asked for;\n"
        "progress(done, total) is called with the run-steps done every 50 ms.");
  m.def("default_threads", [] { return tbb::info::default_concurrency(); }, "Worker threads when none are asked for.");
  m.def("run_manifest", run_manifest, py::arg("results"), py::arg("command"), py::arg("runs"), py::arg("seed"),
        py::arg("threads"), "The manifest of a run or comparison, as JSON text (the CLI's manifest.json).");
  m.def("save_results", save_results, py::arg("dir"), py::arg("results"), py::arg("manifest"), py::arg("comparison"),
        py::arg("force"), py::call_guard<py::gil_scoped_release>(),
        "Write the files of `revolve run` or `revolve compare`, atomically.");
  m.def("check_distinct_labels", check_distinct_labels, py::arg("scenarios"),
        "Raise ScenarioError if two scenarios of a comparison would share a results folder.");
  m.def("model_dictionary", model_dictionary, py::arg("model"),
        "Labels, units, better directions, payers and limitations of a model's outputs.");
  m.def("scenario_limits", scenario_limits, "The limits scenarios are checked against.");
  m.def("slug", ensemble::slug, py::arg("label"), "The folder name of a scenario's results: 'A/B' -> 'a_b'.");
  bind_output(m);
  m.def("summary_table",
        [](const Results& results) { return table_of([&](ensemble::RowSink& t) { ensemble::write_summary(t, *results); }); },
        py::arg("results"), "One scenario's summary.csv, as columns.");
  m.def("comparison_table",
        [](const std::vector<Results>& results) {
          return table_of([&](ensemble::RowSink& t) { ensemble::write_comparison(t, raw(results)); });
        },
        py::arg("results"), "comparison.csv, as columns; the first results are the baseline.");
}

}  // namespace revolve::bindings

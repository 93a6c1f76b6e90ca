#include "sim/ensemble/sensitivity_files.hpp"

#include <fstream>

#include "sim/core/atomic_folder.hpp"
#include "sim/core/error.hpp"
#include "sim/core/version.hpp"
#include "sim/ensemble/csv_writer.hpp"
#include "sim/ensemble/results_files.hpp"

namespace revolve::ensemble {
namespace {

namespace fs = std::filesystem;

}  // namespace

void write_indices(RowSink& csv, const SensitivityResults& results) {
  for (const char* name : {"parameter", "index", "estimate", "low", "high"}) csv.text(name);
  csv.end_row();
  for (const IndexRow& row : results.indices) {
    csv.text(row.parameter).text(row.index).number(row.value.estimate).number(row.value.low).number(row.value.high);
    csv.end_row();
  }
}

void write_design(RowSink& csv, const SensitivityPlan& plan, const SensitivityResults& results) {
  csv.text("row");
  for (const auto& p : plan.parameters) csv.text(p.name);
  csv.text("output");
  csv.end_row();
  for (std::size_t r = 0; r < results.outputs.size(); ++r) {
    csv.number(static_cast<double>(r));
    for (double v : row_values(plan, r)) csv.number(v);
    csv.number(results.outputs[r]);
    csv.end_row();
  }
}

nlohmann::json sensitivity_manifest(const SensitivityPlan& plan) {
  const SensitivitySettings& s = plan.settings;
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& p : plan.parameters)
    parameters.push_back({{"name", p.name}, {"unit", p.unit}, {"distribution", p.distribution}});
  nlohmann::json scenarios = nlohmann::json::array();
  for (const io::Scenario* scenario : {plan.baseline ? &*plan.baseline : nullptr, &plan.scenario}) {
    if (scenario) scenarios.push_back(scenario_manifest(*plan.model->prepare(*scenario)));
  }
  nlohmann::json out = {{"revolve_version", revolve::version},
                        {"code_version", revolve::git_version},
                        {"method", to_string(s.method)},
                        {"measure", s.measure},
                        {"output", plan.baseline ? "mean over runs of the horizon total of the measure, scenario "
                                                   "minus baseline (paired: same parameter values, seed and runs)"
                                                 : "mean over runs of the horizon total of the measure"},
                        {"samples", s.samples},
                        {"design_rows", plan.design().rows()},
                        {"runs_per_row", s.runs},
                        {"seed", s.seed},
                        {"common_random_numbers", "every design row runs run numbers 0 to runs - 1 under the seed"},
                        {"bootstrap", {{"resamples", s.resamples}, {"coverage", 0.95}}},
                        {"parameters", parameters},
                        {"scenarios", scenarios}};
  if (s.method == SensitivityMethod::morris) out["levels"] = s.levels;
  return out;
}

void save_sensitivity(const fs::path& dir, const SensitivityPlan& plan, const SensitivityResults& results,
                      const nlohmann::json& manifest, bool force) {
  AtomicFolder out(dir, force);
  {
    CsvWriter indices(out.path() / "sensitivity.csv"), design(out.path() / "design.csv");
    write_indices(indices, results);
    write_design(design, plan, results);
  }  // closed (and checked) before the folder is committed
  std::ofstream json(out.path() / "manifest.json");
  json << manifest.dump(2) << '\n';
  if (!json) throw InputError((out.path() / "manifest.json").string() + ": write failed");
  json.close();
  out.commit();
}

}  // namespace revolve::ensemble

#include "sim/ensemble/scenario_runner.hpp"

#include "sim/ensemble/ensemble.hpp"

namespace revolve::ensemble {
namespace {

std::vector<std::size_t> whole_cohort_columns(const std::vector<MeasureInfo>& measures) {
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c < measures.size(); ++c) {
    if (measures[c].group.empty()) columns.push_back(c);
  }
  return columns;
}

/// The whole-cohort columns of a run, as a table of their own for the per-step Summary.
abm::Outputs select_columns(const abm::Outputs& run, const std::vector<MeasureInfo>& measures,
                            const std::vector<std::size_t>& columns) {
  abm::Outputs selected;
  std::vector<abm::Output> handles;
  for (std::size_t c : columns) handles.push_back(selected.add(measures[c].column));
  selected.freeze();
  selected.reserve_rows(run.rows());
  for (std::size_t r = 0; r < run.rows(); ++r) {
    const auto row = run.row(r);
    for (std::size_t i = 0; i < columns.size(); ++i) selected.set(handles[i], row[columns[i]]);
    selected.commit_row();
  }
  return selected;
}

std::vector<MeasureInfo> pick(const std::vector<MeasureInfo>& measures, const std::vector<std::size_t>& columns) {
  std::vector<MeasureInfo> out;
  for (std::size_t c : columns) out.push_back(measures[c]);
  return out;
}

}  // namespace

ScenarioResults run_scenario(std::shared_ptr<const PreparedScenario> scenario, const ScenarioRunOptions& options) {
  const auto& measures = scenario->measures();
  const auto whole_cohort = whole_cohort_columns(measures);
  ScenarioResults results{scenario,
                          options.seed,
                          whole_cohort,
                          Summary(options.quantiles),
                          ScenarioTotals(measures, yearly_periods(scenario->steps(), scenario->step_years())),
                          ScenarioTotals(pick(measures, whole_cohort),
                                         quarterly_periods(scenario->steps(), scenario->step_years()))};
  EnsembleOptions ensemble;
  ensemble.runs = options.runs;
  ensemble.steps = scenario->steps();
  ensemble.seed = options.seed;
  ensemble.dt = 1.0;
  ensemble.quantiles = options.quantiles;
  ensemble.on_step = options.on_step;
  for_each_run([&](abm::Run& run) { scenario->build(run); }, ensemble,
               [&](std::uint32_t number, const abm::Outputs& run) {
                 const abm::Outputs whole = select_columns(run, measures, results.per_step_columns);
                 results.per_step.add(whole);
                 results.quarters.add(period_totals(whole, results.quarters.measures(), results.quarters.periods()));
                 results.totals.add(period_totals(run, measures, results.totals.periods()));
                 if (number == 0) results.tables = run.tables();
                 if (options.on_run) options.on_run(number, run);
               });
  return results;
}

}  // namespace revolve::ensemble

#include "sim/ensemble/scenario_runner.hpp"

#include "sim/core/error.hpp"
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

/// The baseline following an alternative's entrants, or nullptr with the reason in `note` ("" when the model
/// records no entries).
std::shared_ptr<const PreparedScenario> matched_baseline(const PreparedScenario& baseline,
                                                         const PreparedScenario& alternative,
                                                         std::shared_ptr<const RunEntries> entries, std::string& note) {
  try {
    return baseline.following(alternative, std::move(entries));
  } catch (const ScenarioError& e) {
    note = std::string(e.what()) + ": its entry cohorts are compared with the baseline's own entrants";
    return nullptr;
  }
}

bool has_entries(const RunEntries& runs) {
  for (const auto& run : runs) {
    if (!run.empty()) return true;
  }
  return false;
}

}  // namespace

const char* entry_match_name(ScenarioResults::EntryMatch match) {
  switch (match) {
    case ScenarioResults::EntryMatch::matched:
      return "same_people";
    case ScenarioResults::EntryMatch::nobody:
      return "nobody";
    default:
      return "baseline_own";
  }
}

std::uint64_t comparison_steps(const std::vector<std::shared_ptr<const PreparedScenario>>& scenarios,
                               std::uint32_t runs, bool match_entrants) {
  std::uint64_t steps = 0;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    steps += static_cast<std::uint64_t>(scenarios[i]->steps()) * runs;
    std::string note;
    if (i > 0 && match_entrants &&
        matched_baseline(*scenarios[0], *scenarios[i], std::make_shared<RunEntries>(), note)) {
      steps += static_cast<std::uint64_t>(scenarios[0]->steps()) * runs;
    }
  }
  return steps;
}

std::vector<ScenarioResults> run_comparison(const std::vector<std::shared_ptr<const PreparedScenario>>& scenarios,
                                            const ScenarioRunOptions& options, const ComparisonRunConsumer& on_run,
                                            bool match_entrants) {
  if (scenarios.empty()) throw Error("a comparison needs at least a baseline");
  std::vector<ScenarioResults> results;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    auto entries = std::make_shared<RunEntries>(options.runs);
    ScenarioRunOptions own = options;
    own.on_run = [&, i](std::uint32_t run, const abm::Outputs& outputs) {
      (*entries)[run] = outputs.entries();
      if (on_run) on_run(i, run, outputs);
    };
    results.push_back(run_scenario(scenarios[i], own));
    if (i == 0) continue;
    ScenarioResults& alternative = results.back();
    if (!match_entrants) {
      alternative.entry_match_note = entrants_not_matched;
      continue;
    }
    const auto matched = matched_baseline(*scenarios[0], *scenarios[i], entries, alternative.entry_match_note);
    if (!matched) continue;
    if (!has_entries(*entries)) {
      alternative.entry_match = ScenarioResults::EntryMatch::nobody;
      const std::uint64_t skipped = static_cast<std::uint64_t>(scenarios[0]->steps()) * options.runs;
      for (std::uint64_t s = 0; s < skipped && options.on_step; ++s) options.on_step();
      continue;
    }
    ScenarioRunOptions follow = options;
    follow.on_run = {};
    follow.quantiles = {};  // only its totals are read: no fan-chart estimators (tens of MB a scenario)
    alternative.matched_baseline = std::make_shared<const ScenarioResults>(run_scenario(matched, follow));
    alternative.entry_match = ScenarioResults::EntryMatch::matched;
  }
  return results;
}

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

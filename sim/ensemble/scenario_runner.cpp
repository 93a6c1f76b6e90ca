#include "sim/ensemble/scenario_runner.hpp"

#include <map>
#include <tuple>

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

/// The baseline following every alternative in `followed` in one ensemble (its runs do not depend on whom it
/// follows), split into each one's matched arm.
std::vector<std::shared_ptr<const ScenarioResults>> run_matched(const PreparedScenario& baseline,
                                                                const std::vector<PreparedScenario::Followed>& followed,
                                                                const ScenarioRunOptions& options) {
  ScenarioRunOptions follow = options;
  follow.on_run = {};
  follow.quantiles = {};  // only its totals are read: no fan-chart estimators (tens of MB a scenario)
  const ScenarioResults all = run_scenario(baseline.following(followed), follow);
  const auto& measures = baseline.measures();
  const auto quarters = pick(measures, whole_cohort_columns(measures));
  std::vector<std::shared_ptr<const ScenarioResults>> arms;
  for (std::uint32_t k = 0; k < followed.size(); ++k) {
    arms.push_back(std::make_shared<const ScenarioResults>(ScenarioResults{
        all.scenario, all.seed, {}, Summary(), matched_arm(all.totals, k, measures),
        matched_arm(all.quarters, k, quarters)}));
  }
  return arms;
}

bool has_entries(const RunEntries& runs) {
  for (const auto& run : runs) {
    if (!run.empty()) return true;
  }
  return false;
}

}  // namespace

bool can_follow(const PreparedScenario& baseline, const PreparedScenario& alternative, std::string& note) {
  try {
    return baseline.following(alternative, std::make_shared<RunEntries>()) != nullptr;
  } catch (const ScenarioError& e) {
    note = std::string(e.what()) + ": its entry cohorts are compared with the baseline's own entrants";
    return false;
  }
}

ScenarioTotals matched_arm(const ScenarioTotals& all, std::uint32_t k, const std::vector<MeasureInfo>& measures) {
  std::map<std::tuple<std::string, std::string, std::uint32_t>, std::size_t> column_of;
  for (std::size_t c = 0; c < all.measures().size(); ++c) {
    const MeasureInfo& m = all.measures()[c];
    column_of[{m.measure, m.group, m.entrants_of}] = c;
  }
  std::vector<std::size_t> source;
  for (const MeasureInfo& m : measures) {
    const auto it = column_of.find({m.measure, m.group, m.follows_entries ? k : 0});
    if (it == column_of.end()) {
      throw Error("the matched runs have no column " + m.column + " for the entrants of scenario " + std::to_string(k));
    }
    source.push_back(it->second);
  }
  ScenarioTotals out(measures, all.periods());
  for (std::uint32_t run = 0; run < all.runs(); ++run) {
    std::vector<double> values;
    values.reserve(all.periods().size() * source.size());
    for (std::size_t p = 0; p < all.periods().size(); ++p) {
      for (std::size_t c : source) values.push_back(all.value(run, p, c));
    }
    out.add(std::move(values));
  }
  return out;
}

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
  bool matched = false;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    steps += static_cast<std::uint64_t>(scenarios[i]->steps()) * runs;
    std::string note;
    matched = matched || (i > 0 && match_entrants && can_follow(*scenarios[0], *scenarios[i], note));
  }
  return matched ? steps + static_cast<std::uint64_t>(scenarios[0]->steps()) * runs : steps;
}

std::vector<ScenarioResults> run_comparison(const std::vector<std::shared_ptr<const PreparedScenario>>& scenarios,
                                            const ScenarioRunOptions& options, const ComparisonRunConsumer& on_run,
                                            bool match_entrants) {
  if (scenarios.empty()) throw Error("a comparison needs at least a baseline");
  std::vector<ScenarioResults> results;
  std::vector<PreparedScenario::Followed> followed;  // the alternatives whose entrants the baseline follows
  std::vector<std::size_t> followed_index;           // their places in `scenarios`
  bool any_followable = false;
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
    if (!can_follow(*scenarios[0], *scenarios[i], alternative.entry_match_note)) continue;
    any_followable = true;
    if (!has_entries(*entries)) {
      alternative.entry_match = ScenarioResults::EntryMatch::nobody;
      continue;
    }
    followed.push_back({scenarios[i].get(), entries});
    followed_index.push_back(i);
  }
  if (followed.empty()) {  // comparison_steps counted a matched pass: report its steps as done
    const std::uint64_t skipped = any_followable ? static_cast<std::uint64_t>(scenarios[0]->steps()) * options.runs : 0;
    for (std::uint64_t s = 0; s < skipped && options.on_step; ++s) options.on_step();
    return results;
  }
  const auto arms = run_matched(*scenarios[0], followed, options);
  for (std::size_t k = 0; k < arms.size(); ++k) {
    results[followed_index[k]].matched_baseline = arms[k];
    results[followed_index[k]].entry_match = ScenarioResults::EntryMatch::matched;
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

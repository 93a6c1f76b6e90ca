#pragma once
// Running a prepared scenario as an ensemble and keeping what reports need: per-step statistics of
// the whole-cohort outputs (fan charts), every run's yearly and horizon totals of every output
// (intervals, groups, paired comparisons) and every run's quarterly totals of the whole-cohort outputs.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/ensemble/comparison.hpp"
#include "sim/ensemble/scenario_model.hpp"
#include "sim/ensemble/summary.hpp"

namespace revolve::ensemble {

struct ScenarioRunOptions {
  std::uint32_t runs = 1;
  std::uint64_t seed = 1;
  std::vector<double> quantiles = {0.05, 0.25, 0.5, 0.75, 0.95};  ///< fan charts: 50% and 90% bands
  /// Called after every step of every run from the thread that ran it (progress); may throw
  /// (e.g. Cancelled) to stop the ensemble.
  std::function<void()> on_step;
  /// Called with every finished run's outputs, in run order, one run at a time (e.g. to keep trajectories).
  std::function<void(std::uint32_t run, const abm::Outputs& outputs)> on_run;
};

struct ScenarioResults {
  std::shared_ptr<const PreparedScenario> scenario;
  std::uint64_t seed = 0;                     ///< the seed the runs used
  std::vector<std::size_t> per_step_columns;  ///< whole-cohort columns, in per_step's output order
  Summary per_step;                           ///< per-step statistics of those columns
  ScenarioTotals totals;                      ///< every run's period totals of every column
  /// Every run's quarterly totals (no "total" period) of the whole-cohort columns, per_step_columns in order: a
  /// fifth of the columns, so that 40 quarters cost about as much memory as the 11 yearly periods.
  ScenarioTotals quarters;
  /// The tables the first run's analyzers handed over (a few people's lives), by name; the results folder writes
  /// each as <name>.csv.
  std::map<std::string, abm::Table> tables;

  /// How a comparison sets this scenario's entry cohorts (MeasureInfo::follows_entries) against the baseline.
  enum class EntryMatch {
    baseline_own,  ///< against the baseline's own entrants: the baseline itself, a model that records no entries,
                   ///< or scenarios whose people differ (entry_match_note says why)
    matched,       ///< against the same people in the baseline (matched_baseline), run by run
    nobody,        ///< this scenario had no entrants, so the same people in the baseline are nobody: zero
  };
  EntryMatch entry_match = EntryMatch::baseline_own;
  /// The baseline's totals and quarters run by run when it follows this scenario's entrants (EntryMatch::matched),
  /// in the baseline's own layout; no per-step statistics.
  std::shared_ptr<const ScenarioResults> matched_baseline;
  std::string entry_match_note;  ///< why an alternative is compared with the baseline's own entrants, or ""
};

/// The name files and Python give an EntryMatch: "baseline_own", "same_people" or "nobody".
const char* entry_match_name(ScenarioResults::EntryMatch match);

/// Runs `options.runs` runs of the scenario keyed by `options.seed` (run r of any scenario with the
/// same seed uses the same random numbers for the same decisions).
ScenarioResults run_scenario(std::shared_ptr<const PreparedScenario> scenario, const ScenarioRunOptions& options);

/// Runs of a comparison (`revolve compare`, revolve.compare): the baseline (scenarios[0]), each alternative, then,
/// when `match_entrants` and any alternative has entrants, the baseline once more following all of their entrants
/// (PreparedScenario::following), so each one's entry cohorts are compared person by person. options.on_step is
/// called for every step of every run, and once for each step of the matched pass when it was not needed
/// (comparison_steps counts them all); `on_run` sees each scenario's own runs (by index in `scenarios`), in run
/// order; options.on_run is not used.
using ComparisonRunConsumer = std::function<void(std::size_t scenario, std::uint32_t run, const abm::Outputs&)>;
std::vector<ScenarioResults> run_comparison(const std::vector<std::shared_ptr<const PreparedScenario>>& scenarios,
                                            const ScenarioRunOptions& options, const ComparisonRunConsumer& on_run = {},
                                            bool match_entrants = true);

/// Whether the baseline can follow an alternative's entrants (PreparedScenario::following); if not, the reason is in
/// `note` ("" when the model records no entries).
bool can_follow(const PreparedScenario& baseline, const PreparedScenario& alternative, std::string& note);

/// From the totals of the baseline following several scenarios' entrants, the k-th scenario's matched arm in the
/// layout of `measures` (the baseline's own): that scenario's entrants in each entry-cohort column
/// (MeasureInfo::entrants_of), every other column as it is.
ScenarioTotals matched_arm(const ScenarioTotals& all, std::uint32_t k, const std::vector<MeasureInfo>& measures);

/// The note of an alternative whose entrants were not matched because the comparison was not asked to.
inline constexpr const char* entrants_not_matched = "matching entry cohorts by person was not asked for";

/// The steps run_comparison reports to on_step: every run of every scenario, and of the matched pass if an alternative
/// can be matched.
std::uint64_t comparison_steps(const std::vector<std::shared_ptr<const PreparedScenario>>& scenarios,
                               std::uint32_t runs, bool match_entrants = true);

}  // namespace revolve::ensemble

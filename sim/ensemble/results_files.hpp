#pragma once
// The files a scenario run or comparison writes (see docs/scenarios.md for their columns):
//   results.csv     per-step ensemble statistics of every whole-cohort measure (fan charts:
//                   mean, sd and the 5th, 25th, 50th, 75th and 95th percentiles)
//   summary.csv     per-year and horizon totals of every measure and group, then per-quarter totals of every
//                   whole-cohort measure: mean and 90% interval, and whether the weekly values were summed
//                   (flows) or averaged (levels)
//   comparison.csv  the same for every scenario, with paired differences from the baseline and
//                   net cost per outcome (a verdict, and a ratio only where it means something); the
//                   quarterly rows of every scenario come last
//   <name>.csv      each table the first run's analyzers handed over (lives.csv: a few people's lives)
// Numbers are printed in their shortest exact form, so equal results give identical files. The
// caller makes the set of files atomic (it writes into a temporary folder and renames it).
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/ensemble/scenario_runner.hpp"
#include "sim/ensemble/table.hpp"

namespace revolve::ensemble {

void write_results_csv(const std::filesystem::path& path, const ScenarioResults& results);
void write_summary_csv(const std::filesystem::path& path, const ScenarioResults& results);
/// summary.csv's rows, to a CSV file or a Table (for Python).
void write_summary(RowSink& out, const ScenarioResults& results);

/// `scenarios[0]` is the baseline; all were run with the same seed and number of runs. With `with_parameters`
/// (a PSA's totals over draws x runs, one per scenario in the same order), seven more columns give the intervals
/// with parameter uncertainty beside those of chance alone: psa_mean, psa_low, psa_high, psa_verdict,
/// psa_diff_mean, psa_diff_low, psa_diff_high. Their entry-cohort rows (MeasureInfo::follows_entries) are paired
/// with `matched_with_parameters[s]`, the baseline following scenario s's entrants over the same draws x runs
/// (PsaResults::matched, columns found by measure and group), where it is given and not null.
void write_comparison_csv(const std::filesystem::path& path, const std::vector<const ScenarioResults*>& scenarios,
                          const std::vector<const ScenarioTotals*>& with_parameters = {},
                          const std::vector<const ScenarioTotals*>& matched_with_parameters = {});
/// comparison.csv's rows, to a CSV file or a Table (for Python).
void write_comparison(RowSink& out, const std::vector<const ScenarioResults*>& scenarios,
                      const std::vector<const ScenarioTotals*>& with_parameters = {},
                      const std::vector<const ScenarioTotals*>& matched_with_parameters = {});

/// What a manifest records for one scenario: its files, extends chain, hash and resolved model.
nlohmann::json scenario_manifest(const PreparedScenario& prepared);

/// The manifest of a run or comparison: code version, command, time, seed, runs, threads, scenarios.
nlohmann::json run_manifest(const std::vector<const ScenarioResults*>& results, const std::string& command,
                            std::uint32_t runs, std::uint64_t seed, int threads);

/// What a PSA adds to the files of a comparison.
struct ExtraResults {
  std::vector<const ScenarioTotals*> with_parameters;          ///< for write_comparison_csv
  std::vector<const ScenarioTotals*> matched_with_parameters;  ///< for write_comparison_csv
  /// Writes more files into the folder before it is committed (draws.csv, ceac.csv, ...).
  std::function<void(const std::filesystem::path& folder)> write_more;
};

/// Write the files of `revolve run` (`comparison` false: one scenario's files in `dir`) or of
/// `revolve compare` (comparison.csv, manifest.json and one folder per scenario, and `extra`), all or
/// nothing: into a temporary folder that replaces `dir` at the end (AtomicFolder: only a folder revolve
/// wrote, or any folder with `force`; throws OutputError otherwise, before writing anything).
void save_results(const std::filesystem::path& dir, const std::vector<const ScenarioResults*>& results,
                  const nlohmann::json& manifest, bool comparison, bool force = false, const ExtraResults& extra = {});

/// Throws ScenarioError naming both scenarios' files and labels if two of a comparison would share a
/// folder and comparison.csv rows: equal labels, or labels with one slug ("A/B" and "a_b").
void check_distinct_labels(const std::vector<const io::Scenario*>& scenarios);

/// A slug for file and folder names: "Housing First x2" -> "housing_first_x2".
std::string slug(const std::string& label);

}  // namespace revolve::ensemble

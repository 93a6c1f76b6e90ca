#pragma once
// The files `revolve sensitivity` writes into its folder, all or nothing (docs/uncertainty.md lists their
// columns):
//   sensitivity.csv  per parameter and index: estimate and 95% bootstrap interval (tidy: parameter, index,
//                    estimate, low, high); Morris mu_star, mu, sigma or Sobol first, total
//   design.csv       every design row: its parameter values (written units) and the output
//   manifest.json    code version, command, settings, the parameters and their distributions, the scenarios
// The CSV files are the same byte for byte whatever the number of processes or threads.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "sim/ensemble/sensitivity_run.hpp"
#include "sim/ensemble/table.hpp"

namespace revolve::ensemble {

/// sensitivity.csv's rows, to a CSV file or a Table (for Python).
void write_indices(RowSink& out, const SensitivityResults& results);
/// design.csv's rows.
void write_design(RowSink& out, const SensitivityPlan& plan, const SensitivityResults& results);

/// What manifest.json records about the analysis; the caller adds the command, timing and processes.
nlohmann::json sensitivity_manifest(const SensitivityPlan& plan);

/// Write the files above into `dir`, replacing it only when all are written (and only an empty folder or one
/// revolve wrote, unless `force`).
/// `force`: also replace a folder revolve did not write.
void save_sensitivity(const std::filesystem::path& dir, const SensitivityPlan& plan, const SensitivityResults& results,
                      const nlohmann::json& manifest, bool force = false);

}  // namespace revolve::ensemble

#pragma once
// The files `revolve calibrate` writes into its folder, all or nothing (docs/uncertainty.md lists their
// columns):
//   fit.csv          per target: value, range and sd, the model's mean and z-score before and after
//   parameters.csv   per parameter: unit, search box, starting and fitted value
//   evaluations.csv  every evaluation of the objective: its parameter values and objective
//   calibrated.yaml  a scenario that extends the input with the fitted values and the fit's runs and seed,
//                    so `revolve run` of it reproduces the fitted means
//   manifest.json    code version, command, settings, why the search stopped, the input scenario
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/ensemble/calibration_run.hpp"
#include "sim/ensemble/table.hpp"

namespace revolve::ensemble {

/// Everything a calibration did, for its files.
struct CalibrationRecord {
  CalibrationPlan plan;
  FitAlgorithm algorithm = FitAlgorithm::bobyqa;
  int max_evaluations = 0;
  FitResult fit;
  nlohmann::json manifest;  ///< what the caller adds: the command, threads, time
};

/// fit.csv's rows, to a CSV file or a Table (for Python).
void write_fit(RowSink& out, const CalibrationRecord& record);
/// parameters.csv's rows.
void write_parameters(RowSink& out, const CalibrationRecord& record);
/// evaluations.csv's rows.
void write_evaluations(RowSink& out, const CalibrationRecord& record);

/// manifest.json: the record's `manifest` with the versions, algorithm, runs, seed, evaluations, why the search
/// stopped, the objective before and after, and the input scenario.
nlohmann::json calibration_manifest(const CalibrationRecord& record);

/// The text of calibrated.yaml, for a folder at `dir` (its `extends:` is relative to `dir`).
std::string calibrated_scenario(const CalibrationRecord& record, const std::filesystem::path& dir);

/// Write the files above into `dir`, replacing it only when all are written (and only an empty folder or one
/// revolve wrote, unless `force`).
void save_calibration(const std::filesystem::path& dir, const CalibrationRecord& record, bool force = false);

}  // namespace revolve::ensemble

#pragma once
// The files `revolve calibrate` writes into its folder, all or nothing (docs/uncertainty.md lists their
// columns):
//   fit.csv          per target: value, range and sd, the model's mean and z-score before and after
//   parameters.csv   per parameter: unit, search box, starting and fitted value
//   evaluations.csv  every evaluation of the objective: its parameter values and objective
//   calibrated.yaml  a scenario that extends the input with the fitted values and the fit's runs and seed,
//                    so `revolve run` of it reproduces the fitted means
//   manifest.json    code version, command, settings, why the search stopped, the input scenario
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/ensemble/calibration.hpp"
#include "sim/io/scenario.hpp"

namespace revolve::ensemble {

/// Everything a calibration did, for its files.
struct CalibrationRecord {
  io::Scenario scenario;  ///< the input, as read
  std::vector<FitParameter> parameters;
  std::vector<std::string> units;            ///< per parameter: the unit its values are written in
  std::vector<FitTarget> targets;            ///< the targets fitted to
  std::vector<std::size_t> target_numbers;   ///< per target: its 1-based number in the model's list
  FitResult fit;
  std::uint32_t runs = 0;
  std::uint64_t seed = 0;
  nlohmann::json manifest;  ///< what the command records (version, command, settings); files add the fit
};

/// The text of calibrated.yaml, for a folder at `dir` (its `extends:` is relative to `dir`).
std::string calibrated_scenario(const CalibrationRecord& record, const std::filesystem::path& dir);

/// Write the files above into `dir`, replacing it only when all are written (and only an empty folder or one
/// revolve wrote, unless `force`).
void save_calibration(const std::filesystem::path& dir, const CalibrationRecord& record, bool force = false);

}  // namespace revolve::ensemble

#pragma once
// Calibration of a scenario model: which of its parameters to fit to which of its calibration targets,
// checked before anything runs, and the fit itself (sim/ensemble/calibration.hpp), with the model run the
// same runs under the same seed at every evaluation (common random numbers). `revolve calibrate` and the
// Python package share it.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/ensemble/calibration.hpp"
#include "sim/ensemble/scenario_model.hpp"

namespace revolve::ensemble {

/// What a calibration fits and to what.
struct CalibrationPlan {
  std::shared_ptr<const ScenarioModel> model;
  io::Scenario scenario;                  ///< the starting point
  std::vector<FitParameter> parameters;   ///< starting values and search boxes, in their written units
  std::vector<std::string> units;         ///< per parameter: its written unit
  std::vector<FitTarget> targets;         ///< the targets fitted to
  std::vector<std::size_t> target_numbers;  ///< per target: its 1-based number in the model's list
  std::uint32_t runs = 1;                 ///< of every evaluation
  std::uint64_t seed = 1;                 ///< of every evaluation
};

/// The plan for fitting `parameters` (names) of `scenario` to the model's targets numbered `target_numbers`
/// (1-based; empty: all), each evaluation `runs` runs under `seed`. A parameter starts at the scenario's value
/// (its last override, or the parameters file's value). Throws Error naming the problem: no targets, a target
/// number out of range, an unknown parameter or one named twice, a scenario override written in another unit.
CalibrationPlan plan_calibration(std::shared_ptr<const ScenarioModel> model, const io::Scenario& scenario,
                                 const std::vector<std::string>& parameters, const std::vector<int>& target_numbers,
                                 std::uint32_t runs, std::uint64_t seed);

/// The scenario with the parameters at `values` (in plan order, written units).
io::Scenario with_values(const CalibrationPlan& plan, std::span<const double> values, const std::string& label);

/// Fits the plan: fit_parameters with the model's means at each evaluation. `on_step` is called after every
/// step of every run (progress; it may throw Cancelled to stop).
FitResult run_calibration(const CalibrationPlan& plan, const FitOptions& options,
                          const std::function<void()>& on_step = {});

/// The steps run_calibration runs at most (for a progress bar): max_evaluations x runs x the scenario's steps.
std::uint64_t calibration_steps(const CalibrationPlan& plan, const FitOptions& options);

}  // namespace revolve::ensemble

#pragma once
// Global sensitivity of a scenario's outcome to the model's uncertain parameters: a Morris or Sobol design
// (sim/ensemble/sensitivity.hpp) whose rows are run as scenarios and summarised by one number each.
//
// Row r sets every chosen parameter to the quantile of its stated uncertainty at the row's coordinate, as
// scenario overrides (in the parameter's own unit) on top of the scenario, and runs it `runs` times. Every row
// uses the same seed and run numbers 0..runs-1 (common random numbers), so two rows differ only by their
// parameter values: a Morris elementary effect is the parameters' effect, not fresh noise. The row's output
// is the mean over runs of the measure's total over the horizon (a level averaged, a flow summed), or, with
// a baseline, its difference from the baseline run with the same parameter values and runs.
//
// Rows are independent: they are spread over MPI processes (sim/ensemble/distributed.hpp) and their
// outputs gathered on rank 0 in row order, so the indices are the same whatever the number of processes.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/ensemble/scenario_model.hpp"
#include "sim/ensemble/sensitivity.hpp"

namespace revolve::ensemble {

enum class SensitivityMethod {
  morris,  ///< elementary effects: mu*, mu, sigma
  sobol,   ///< variance shares: first and total order
};

/// "morris" or "sobol".
std::string to_string(SensitivityMethod method);

struct SensitivitySettings {
  SensitivityMethod method = SensitivityMethod::morris;
  std::string measure;        ///< an output column: "person_weeks.rough_sleeping" or "...[chronic_homeless]"
  std::uint32_t samples = 10;  ///< Morris trajectories, or Sobol base rows N
  std::uint32_t runs = 1;      ///< runs of each design row
  std::uint64_t seed = 1;      ///< of the design, the runs and the bootstrap
  int levels = 4;              ///< Morris grid levels
  int resamples = 1000;        ///< bootstrap resamples for the intervals
  /// Parameters to vary; empty: every parameter with a stated uncertainty that the scenarios do not set.
  std::vector<std::string> parameters;
};

/// A parameter the design varies.
struct SensitivityParameter {
  std::string name;
  std::string unit;          ///< its written unit
  std::string distribution;  ///< as the parameter tables describe it
};

/// What a sensitivity analysis runs, checked before anything runs.
struct SensitivityPlan {
  std::shared_ptr<const ScenarioModel> model;
  io::Scenario scenario;
  std::optional<io::Scenario> baseline;  ///< with a baseline the output is the paired difference from it
  SensitivitySettings settings;
  std::vector<SensitivityParameter> parameters;
  MorrisDesign morris;  ///< the design of settings.method (the other is empty)
  SobolDesign sobol;

  const UnitDesign& design() const {
    return settings.method == SensitivityMethod::morris ? morris.design : sobol.design;
  }
};

/// The plan for `scenario` (and `baseline`, if any). Throws Error naming the problem: an unknown measure or
/// parameter, a parameter without a stated uncertainty or set by a scenario (a decision, held at its value),
/// too few samples, scenarios of different models or horizons.
SensitivityPlan plan_sensitivity(std::shared_ptr<const ScenarioModel> model, const io::Scenario& scenario,
                                 const std::optional<io::Scenario>& baseline, const SensitivitySettings& settings);

/// Design row `row` as parameter values, each in its written unit.
std::vector<double> row_values(const SensitivityPlan& plan, std::size_t row);

/// The output of design row `row`. `on_step` is called after every step of every run.
double row_output(const SensitivityPlan& plan, std::size_t row, const std::function<void()>& on_step = {});

/// One index of one parameter, as sensitivity.csv holds it.
struct IndexRow {
  std::string parameter;
  std::string index;  ///< "mu_star", "mu", "sigma"; or "first", "total"
  IndexEstimate value;
};

struct SensitivityResults {
  std::vector<double> outputs;  ///< per design row
  std::vector<IndexRow> indices;
};

/// Runs every row (over the MPI processes, if any) and computes the indices. The results are complete on
/// rank 0; the other ranks return empty results. `on_row` is called on rank 0 after each row's output
/// arrives; `on_step` as for row_output, on every rank.
SensitivityResults run_sensitivity(const SensitivityPlan& plan, const std::function<void()>& on_step = {},
                                   const std::function<void(std::size_t row)>& on_row = {});

/// The steps run_sensitivity runs (for a progress bar): rows x runs x the scenario's steps, twice with a baseline.
std::uint64_t sensitivity_steps(const SensitivityPlan& plan);

/// The indices of a plan's design from its outputs (one per design row).
std::vector<IndexRow> sensitivity_indices(const SensitivityPlan& plan, const std::vector<double>& outputs);

}  // namespace revolve::ensemble

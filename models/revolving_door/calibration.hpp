#pragma once
// The calibration targets of docs/model/design.md, 'Calibration targets': figures from the evidence that describe a
// Bristol-like area, how each is measured in the model, and the table of docs/model/calibration.md.
//
// A target holds when the model's 90% interval over runs, widened by the target's own stated range,
// contains the target's value; that is, when the model's interval and the target's range overlap.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/ensemble/comparison.hpp"
#include "sim/ensemble/scenario_model.hpp"
#include "sim/io/scenario.hpp"

namespace revolve::revolving_door {

/// Which scenario a target is measured on.
enum class CalibrationScenario : std::uint8_t {
  baseline,       ///< the Bristol-like baseline as it is
  interventions,  ///< the baseline with Housing First scaled up and MTAM from the start (targets that need them)
};

/// One run's totals per period (years 1..N, then the whole horizon), by output column.
class RunTotals {
 public:
  RunTotals(const ensemble::ScenarioTotals& totals, std::uint32_t run) : totals_(totals), run_(run) {}
  /// The total of a whole-cohort measure over the horizon.
  double total(const std::string& measure) const;
  /// The total of a measure over years first..last (1-based, inclusive).
  double years(const std::string& measure, std::size_t first, std::size_t last) const;
  std::size_t year_count() const { return totals_.periods().size() - 1; }

 private:
  const ensemble::ScenarioTotals& totals_;
  std::uint32_t run_;
  std::size_t column(const std::string& measure) const;
};

struct Target {
  int number = 0;
  std::string name;
  double value = 0, low = 0, high = 0;  ///< the target and its stated range
  std::string unit;
  std::string source;
  std::string measured_as;
  CalibrationScenario scenario = CalibrationScenario::baseline;
  std::string note;                                 ///< what to keep in mind, in plain words
  std::function<double(const RunTotals&)> measure;  ///< per run; NaN where a run has nothing to measure
};

/// The targets, in the order of docs/model/design.md, 'Calibration targets'
std::vector<Target> calibration_targets(double starting_cohort);

struct TargetResult {
  Target target;
  ensemble::Interval model;  ///< mean and 90% interval over the runs where it is defined
  std::size_t runs = 0;      ///< runs where it is defined
  bool holds = false;
};

/// A parameter tuned to meet targets.
struct CalibratedParameter {
  std::string name, calibrate_to;
};

/// A stock of the baseline year by year (mean over runs and over the weeks of each year): is the baseline steady?
struct BaselineDrift {
  std::string measure;
  std::vector<double> years;
  /// The largest distance of a yearly mean from the mean of the years, as a share of that mean.
  double largest_deviation() const;
};

/// The band a steady baseline holds people sleeping rough in: every yearly mean within this share of the ten-year
/// mean (the acceptance test of issue 14, and of docs/model/calibration.md).
inline constexpr double steady_band = 0.15;

struct CalibrationReport {
  std::uint32_t runs = 0;
  std::uint64_t seed = 0;
  std::size_t years = 0;  ///< of the horizon
  std::vector<TargetResult> results;
  std::vector<BaselineDrift> drift;
  std::vector<CalibratedParameter> calibrated;
};

/// The runs and seed of the committed docs/model/calibration.md (its test re-runs with them).
inline constexpr std::uint32_t calibration_runs = 30;
inline constexpr std::uint64_t calibration_seed = 1;

/// The scenario the targets marked `interventions` are measured on: the baseline with
/// housing_first and mtam on from the start at level 1.
io::Scenario interventions_scenario(const io::Scenario& baseline);

/// Runs the baseline and the interventions scenario (`runs` runs each, seed `seed`) and measures
/// every target.
CalibrationReport run_calibration(const ensemble::ScenarioModel& model, const io::Scenario& baseline,
                                  std::uint32_t runs, std::uint64_t seed);

/// The targets for the engine's calibration (ScenarioModel::calibration_targets), in the same order.
std::vector<ensemble::FitTarget> fit_targets();

/// Mean over `runs` runs (seed `seed`) of the measure of each target in `targets` (indices into
/// calibration_targets), with `scenario` as the baseline; NaN where no run measures it. The
/// interventions scenario is run only when a chosen target needs it. (ScenarioModel::calibration_means.)
std::vector<double> target_means(const ensemble::ScenarioModel& model, const io::Scenario& scenario,
                                 const std::vector<std::size_t>& targets, std::uint32_t runs, std::uint64_t seed,
                                 const std::function<void()>& on_step);

/// docs/model/calibration.md.
std::string calibration_markdown(const CalibrationReport& report);

}  // namespace revolve::revolving_door

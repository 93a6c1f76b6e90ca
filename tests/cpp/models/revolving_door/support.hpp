#pragma once
// Helpers for the revolving-door tests: scenarios built in code, and ensemble means of measures
// over the horizon or a year. Every comparison runs both scenarios with the same seed, so they
// share their random numbers wherever they do not differ (common random numbers) and a few runs of
// a small area show a mechanism's direction.
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "models/revolving_door/model.hpp"
#include "sim/ensemble/scenario_runner.hpp"
#include "sim/io/scenario.hpp"

namespace revolve::test {

/// The model, loaded once from the source tree.
inline const ensemble::ScenarioModel& revolving_door() {
  static const auto model = revolving_door::make_revolving_door_model(REVOLVE_SOURCE_DIR "/models/revolving_door");
  return *model;
}

/// A scenario of the model in code: a small area (population_scale) over a few years.
class ScenarioBuilder {
 public:
  ScenarioBuilder(double population_scale, double years) {
    scenario_.label = "test";
    scenario_.model = "revolving_door";
    scenario_.population_scale = population_scale;
    scenario_.horizon_years = years;
  }
  /// A parameter override in the parameter's own unit.
  ScenarioBuilder& set(const std::string& name, double value) {
    scenario_.parameters.push_back({name, value, "", {}});
    return *this;
  }
  /// An intervention from `start` [years] at `level`, ramping up over `scale_up` [years], until `stop` [years].
  ScenarioBuilder& with(const std::string& intervention, double level = 1.0, double start = 0.0,
                        double scale_up = 0.0, double stop = std::numeric_limits<double>::infinity()) {
    io::InterventionSetting setting;
    setting.name = intervention;
    setting.windows.push_back({start, scale_up, stop, level, {}});
    scenario_.interventions[intervention] = setting;
    return *this;
  }
  /// Every intervention on, MTAM from half a year, ramping up over a year.
  ScenarioBuilder& with_every_intervention() {
    return with("housing_first").with("mtam", 1.0, 0.5, 1.0).with("navigators").with("release_accommodation").with(
        "contracts");
  }
  const io::Scenario& scenario() const { return scenario_; }

 private:
  io::Scenario scenario_;
};

/// A small area where deaths, moves and sustained exits come far more often than in the baseline: exits of every
/// kind, and many rows of the dead, for the tests of the exits' marking and of compaction.
inline ScenarioBuilder frequent_exits(double population_scale, double years) {
  ScenarioBuilder builder(population_scale, years);
  builder.set("mortality.base_rate", 0.5)
      .set("mortality.release_window", 12.5)
      .set("flows.moving_away", 0.1)
      .set("flows.sustained_exit", 0.5)
      .set("flows.sustained_exit_qualifying", 10);
  return builder;
}

/// An ensemble's per-run totals of a scenario.
class Ensemble {
 public:
  Ensemble(const io::Scenario& scenario, std::uint32_t runs, std::uint64_t seed = 7) {
    ensemble::ScenarioRunOptions options;
    options.runs = runs;
    options.seed = seed;
    results_ = std::make_unique<ensemble::ScenarioResults>(
        ensemble::run_scenario(revolving_door().prepare(scenario), options));
  }
  /// Mean over runs of a measure over the horizon (flows summed, levels averaged).
  double total(const std::string& measure, const std::string& group = "") const {
    return mean(results_->totals.periods().size() - 1, measure, group);
  }
  /// Mean over runs of a measure in year `year` (1-based).
  double year(std::size_t year, const std::string& measure, const std::string& group = "") const {
    return mean(year - 1, measure, group);
  }
  const ensemble::ScenarioTotals& totals() const { return results_->totals; }

 private:
  std::unique_ptr<ensemble::ScenarioResults> results_;

  double mean(std::size_t period, const std::string& measure, const std::string& group) const {
    const std::size_t column = results_->totals.column(measure, group);
    if (column == static_cast<std::size_t>(-1)) throw std::runtime_error("no measure " + measure + "[" + group + "]");
    double sum = 0;
    const auto values = results_->totals.over_runs(period, column);
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
  }
};

}  // namespace revolve::test

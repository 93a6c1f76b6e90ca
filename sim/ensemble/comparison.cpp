#include "sim/ensemble/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/core/error.hpp"
#include "sim/random/stream.hpp"

namespace revolve::ensemble {
namespace {

double quantile_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

double mean_of(const std::vector<double>& values) {
  return values.empty() ? std::numeric_limits<double>::quiet_NaN()
                        : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace

Interval interval(std::vector<double> values, double coverage) {
  Interval result;
  result.mean = mean_of(values);
  std::sort(values.begin(), values.end());
  const double tail = (1.0 - coverage) / 2.0;
  result.low = quantile_sorted(values, tail);
  result.high = quantile_sorted(values, 1.0 - tail);
  return result;
}

ScenarioTotals::ScenarioTotals(std::vector<MeasureInfo> measures, std::vector<Period> periods)
    : measures_(std::move(measures)), periods_(std::move(periods)) {}

void ScenarioTotals::add(std::vector<double> run_totals) {
  if (run_totals.size() != periods_.size() * measures_.size()) {
    throw Error("run totals have " + std::to_string(run_totals.size()) + " values, expected " +
                std::to_string(periods_.size() * measures_.size()));
  }
  runs_.push_back(std::move(run_totals));
}

void ScenarioTotals::append(const ScenarioTotals& more) {
  if (more.measures_.size() != measures_.size() || more.periods_.size() != periods_.size()) {
    throw Error("cannot gather run totals of another layout: " + std::to_string(more.measures_.size()) +
                " measures in " + std::to_string(more.periods_.size()) + " periods, expected " +
                std::to_string(measures_.size()) + " in " + std::to_string(periods_.size()));
  }
  runs_.insert(runs_.end(), more.runs_.begin(), more.runs_.end());
}

std::vector<double> ScenarioTotals::over_runs(std::size_t period, std::size_t column) const {
  std::vector<double> out(runs_.size());
  for (std::size_t r = 0; r < runs_.size(); ++r) out[r] = runs_[r][period * measures_.size() + column];
  return out;
}

std::vector<double> ScenarioTotals::sum_over_runs(std::size_t period, std::span<const std::size_t> columns) const {
  std::vector<double> out(runs_.size(), 0.0);
  for (std::size_t r = 0; r < runs_.size(); ++r) {
    for (std::size_t c : columns) out[r] += runs_[r][period * measures_.size() + c];
  }
  return out;
}

std::size_t ScenarioTotals::column(const std::string& measure, const std::string& group) const {
  for (std::size_t c = 0; c < measures_.size(); ++c) {
    if (measures_[c].measure == measure && measures_[c].group == group) return c;
  }
  return static_cast<std::size_t>(-1);
}

std::vector<double> paired_differences(const std::vector<double>& scenario, const std::vector<double>& baseline) {
  if (scenario.size() != baseline.size()) {
    throw Error("paired comparison needs the same runs: " + std::to_string(scenario.size()) + " against " +
                std::to_string(baseline.size()));
  }
  std::vector<double> out(scenario.size());
  for (std::size_t r = 0; r < scenario.size(); ++r) out[r] = scenario[r] - baseline[r];
  return out;
}

Interval ratio_of_mean_differences(const std::vector<double>& cost_differences,
                                   const std::vector<double>& outcome_differences, std::uint64_t seed,
                                   int resamples) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Interval result{mean_of(cost_differences) / mean_of(outcome_differences), nan, nan};
  const Interval outcome = interval(outcome_differences);
  const std::size_t n = outcome_differences.size();
  if (n < 2 || !(outcome.low > 0.0 || outcome.high < 0.0)) return result;
  const random::Stream stream(seed, "comparison.bootstrap");
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(resamples));
  for (int b = 0; b < resamples; ++b) {
    double cost = 0.0, change = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = stream.uniform(0, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i));
      const auto pick = std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
      cost += cost_differences[pick];
      change += outcome_differences[pick];
    }
    ratios.push_back(cost / change);
  }
  const Interval spread = interval(std::move(ratios));
  result.low = spread.low;
  result.high = spread.high;
  return result;
}

}  // namespace revolve::ensemble

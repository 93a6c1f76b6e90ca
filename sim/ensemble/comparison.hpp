#pragma once
// Scenario comparisons over runs: per-run totals kept in run order, so that run r of every
// scenario shares its random numbers (common random numbers) and differences are paired by run.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/ensemble/period_totals.hpp"

namespace revolve::ensemble {

/// Mean and a central interval over runs.
struct Interval {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};

/// Mean and the central `coverage` interval of `values` (quantiles by linear interpolation between
/// order statistics, Hyndman and Fan type 7, as numpy and R default to).
Interval interval(std::vector<double> values, double coverage = 0.9);

/// The per-run period totals of one scenario.
class ScenarioTotals {
 public:
  ScenarioTotals(std::vector<MeasureInfo> measures, std::vector<Period> periods);

  /// Add the next run's totals (period-major, as period_totals returns them).
  void add(std::vector<double> run_totals);
  /// Add every run of `more`, in its order; it must have the same measures and periods.
  void append(const ScenarioTotals& more);

  std::uint32_t runs() const { return static_cast<std::uint32_t>(runs_.size()); }
  const std::vector<MeasureInfo>& measures() const { return measures_; }
  const std::vector<Period>& periods() const { return periods_; }
  double value(std::uint32_t run, std::size_t period, std::size_t column) const {
    return runs_[run][period * measures_.size() + column];
  }
  /// One column in one period, over runs.
  std::vector<double> over_runs(std::size_t period, std::size_t column) const;
  /// Sum of the columns in `columns`, in one period, over runs.
  std::vector<double> sum_over_runs(std::size_t period, std::span<const std::size_t> columns) const;
  /// The column of `measure` for `group` (""), or npos.
  std::size_t column(const std::string& measure, const std::string& group) const;

 private:
  std::vector<MeasureInfo> measures_;
  std::vector<Period> periods_;
  std::vector<std::vector<double>> runs_;
};

/// Differences scenario - baseline, run by run. Both must have the same runs and layout.
std::vector<double> paired_differences(const std::vector<double>& scenario, const std::vector<double>& baseline);

/// A ratio of mean differences (net cost / outcome change) with a percentile-bootstrap interval over
/// runs (pairs resampled together, `resamples` times, from a fixed stream so it is reproducible).
/// The interval is NaN when the outcome's change is not clearly away from zero (its 90% interval
/// holds zero): a ratio would then be meaningless.
Interval ratio_of_mean_differences(const std::vector<double>& cost_differences,
                                   const std::vector<double>& outcome_differences, std::uint64_t seed,
                                   int resamples = 2000);

}  // namespace revolve::ensemble

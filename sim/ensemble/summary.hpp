#pragma once
// Per-step statistics of every output over the runs of an ensemble, accumulated one run at a time
// in run order: mean and standard deviation by Welford's update, quantiles by P-squared
// estimators. Memory is fixed per (step, output) whatever the number of runs, and the result is
// the same for any number of threads because runs are always added in the same order.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/abm/outputs.hpp"
#include "sim/ensemble/p2_quantile.hpp"

namespace revolve::ensemble {

class Summary {
 public:
  /// `quantiles`: the probabilities to estimate, e.g. {0.05, 0.5, 0.95}.
  explicit Summary(std::vector<double> quantiles = {});

  /// Add the outputs of the next run. The first run fixes the names and the number of steps;
  /// throws revolve::Error if a later run differs.
  void add(const abm::Outputs& run);

  std::uint32_t runs() const { return runs_; }
  const std::vector<std::string>& names() const { return names_; }
  std::size_t rows() const { return rows_; }  ///< row r holds step r + 1
  const std::vector<double>& quantiles() const { return quantiles_; }

  double mean(std::size_t row, std::size_t output) const { return cells_[cell(row, output)].mean; }
  /// Sample standard deviation over runs (n - 1 in the denominator); 0 for a single run.
  double sd(std::size_t row, std::size_t output) const;
  /// Estimate of quantiles()[q]; NaN before the first run.
  double quantile(std::size_t q, std::size_t row, std::size_t output) const;

 private:
  struct Moments {
    double mean = 0.0;
    double sum_of_squares = 0.0;  // of deviations from the mean (Welford's M2)
  };
  std::vector<double> quantiles_;
  std::vector<std::string> names_;
  std::size_t rows_ = 0;
  std::uint32_t runs_ = 0;
  std::vector<Moments> cells_;             // row-major (row, output)
  // One schedule per quantile and, per cell, one set of markers per quantile; made at the second run (one run's
  // quantiles are its values, kept exactly as the means), so a single run, such as a workshop chunk, does not build
  // about 60 MB of them (the Bristol model: 367 outputs x 522 weeks x 5 quantiles x 64 bytes).
  std::vector<P2Schedule> schedules_;
  std::vector<P2Markers> estimators_;

  std::size_t cell(std::size_t row, std::size_t output) const { return row * names_.size() + output; }
  void shape_like(const abm::Outputs& run);
  void start_quantiles();
};

}  // namespace revolve::ensemble

#include "sim/ensemble/summary.hpp"

#include <cmath>
#include <limits>

#include "sim/core/error.hpp"

namespace revolve::ensemble {

Summary::Summary(std::vector<double> quantiles) : quantiles_(std::move(quantiles)) {
  for (double q : quantiles_) {
    if (!(q >= 0.0 && q <= 1.0)) throw Error("ensemble summary: quantile " + std::to_string(q) + " is outside [0, 1]");
  }
}

void Summary::shape_like(const abm::Outputs& run) {
  names_ = run.names();
  rows_ = run.rows();
  cells_.assign(rows_ * names_.size(), {});
  estimators_.clear();
}

void Summary::start_quantiles() {
  estimators_.reserve(cells_.size() * quantiles_.size());
  for (const Moments& first_run : cells_) {
    for (double q : quantiles_) estimators_.emplace_back(q).add(first_run.mean);
  }
}

void Summary::add(const abm::Outputs& run) {
  if (runs_ == 0) shape_like(run);
  if (run.names() != names_ || run.rows() != rows_) {
    throw Error("ensemble summary: run " + std::to_string(runs_) + " has other outputs or steps than run 0");
  }
  if (runs_ == 1) start_quantiles();
  ++runs_;
  const std::span<const double> values = run.values();
  const std::size_t quantiles = runs_ > 1 ? quantiles_.size() : 0;
  for (std::size_t c = 0; c < cells_.size(); ++c) {
    Moments& m = cells_[c];
    const double x = values[c];
    const double delta = x - m.mean;
    m.mean += delta / runs_;  // x itself after the first run (but -0 becomes 0)
    m.sum_of_squares += delta * (x - m.mean);
    for (std::size_t q = 0; q < quantiles; ++q) estimators_[c * quantiles_.size() + q].add(x);
  }
}

double Summary::quantile(std::size_t q, std::size_t row, std::size_t output) const {
  if (runs_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (runs_ == 1) return mean(row, output);
  return estimators_[cell(row, output) * quantiles_.size() + q].value();
}

double Summary::sd(std::size_t row, std::size_t output) const {
  if (runs_ < 2) return 0.0;
  return std::sqrt(cells_[cell(row, output)].sum_of_squares / (runs_ - 1));
}

}  // namespace revolve::ensemble

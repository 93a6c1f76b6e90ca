#include "sim/ensemble/summary.hpp"

#include <cmath>
#include <limits>

#include "sim/core/error.hpp"

namespace revolve::ensemble {
namespace {

/// How many cells ahead Summary::add asks for the quantile markers (with 5 quantiles, 8 x 5 x 64 bytes ahead).
constexpr std::size_t prefetch_cells = 8;

}  // namespace

Summary::Summary(std::vector<double> quantiles) : quantiles_(std::move(quantiles)) {
  for (double q : quantiles_) {
    if (!(q >= 0.0 && q <= 1.0)) throw Error("ensemble summary: quantile " + std::to_string(q) + " is outside [0, 1]");
  }
}

void Summary::shape_like(const abm::Outputs& run) {
  names_ = run.names();
  rows_ = run.rows();
  cells_.assign(rows_ * names_.size(), {});
  schedules_.clear();
  estimators_.clear();
}

void Summary::start_quantiles() {
  schedules_.clear();
  for (double q : quantiles_) schedules_.emplace_back(q).advance();
  estimators_.assign(cells_.size() * quantiles_.size(), {});
  for (std::size_t c = 0; c < cells_.size(); ++c) {
    const double first_run = cells_[c].mean;
    P2Markers* markers = &estimators_[c * quantiles_.size()];
    for (std::size_t q = 0; q < quantiles_.size(); ++q) markers[q].add(first_run, schedules_[q]);
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
  for (std::size_t q = 0; q < quantiles; ++q) schedules_[q].advance();
  for (std::size_t c = 0; c < cells_.size(); ++c) {
    Moments& m = cells_[c];
    const double x = values[c];
    const double delta = x - m.mean;
    m.mean += delta / runs_;  // x itself after the first run (but -0 becomes 0)
    m.sum_of_squares += delta * (x - m.mean);
    if (quantiles == 0) continue;
    // The markers are read and written once a run, 60 MB of them for a model's few hundred outputs over ten
    // years of weeks: asked for ahead, they are in the cache when their turn comes.
    if (c + prefetch_cells < cells_.size()) {
      const P2Markers* ahead = &estimators_[(c + prefetch_cells) * quantiles];
      for (std::size_t q = 0; q < quantiles; ++q) __builtin_prefetch(ahead + q, 1);
    }
    for (std::size_t q = 0; q < quantiles; ++q) estimators_[c * quantiles + q].add(x, schedules_[q]);
  }
}

double Summary::quantile(std::size_t q, std::size_t row, std::size_t output) const {
  if (runs_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (runs_ == 1) return mean(row, output);
  return estimators_[cell(row, output) * quantiles_.size() + q].value(schedules_[q]);
}

double Summary::sd(std::size_t row, std::size_t output) const {
  if (runs_ < 2) return 0.0;
  return std::sqrt(cells_[cell(row, output)].sum_of_squares / (runs_ - 1));
}

}  // namespace revolve::ensemble

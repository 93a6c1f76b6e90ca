#pragma once
// Distributions precomputed once (at init) so that drawing in a hot loop is a few comparisons
// against a cumulative table: no exp, no log, no allocation.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace revolve::random {

/// Poisson variates of one fixed mean by inversion, from a cumulative table built once.
/// draw(u) equals poisson(mean, u, ·) of distributions.cpp for every u that to_unit can return.
class PoissonTable {
 public:
  PoissonTable() : PoissonTable(0.0) {}
  /// Throws std::invalid_argument for a negative mean or one above 500 (where poisson() switches
  /// to a normal approximation that needs a second uniform).
  explicit PoissonTable(double mean);

  std::uint32_t draw(double u) const {
    // Small means draw mostly 0 or 1: decide those from values held inline, without a branch;
    // walk the table beyond.
    std::uint32_t k = u > zero_or_one_[0];
    if (u > zero_or_one_[1]) {
      for (k = 2; k < last_ && u > cumulative_[k]; ++k) {
      }
    }
    return k;
  }
  double mean() const { return mean_; }

 private:
  double mean_ = 0.0;
  std::vector<double> cumulative_;         // P(X <= k), k = 0 .. last_
  std::array<double, 2> zero_or_one_{};    // P(X <= 0), P(X <= 1); 1.0 beyond last_
  std::uint32_t last_ = 0;                 // the largest value drawn
};

/// A category drawn by inversion from fixed probabilities: the first i with u < P(X <= i).
class Categorical {
 public:
  /// Probabilities need not sum to one (they are normalised); throws std::invalid_argument if any
  /// is negative or all are zero.
  explicit Categorical(std::span<const double> probabilities);

  std::size_t draw(double u) const {
    std::size_t i = 0;
    while (i + 1 < cumulative_.size() && u >= cumulative_[i]) ++i;
    return i;
  }
  std::size_t size() const { return cumulative_.size(); }
  /// Normalised probability of category i.
  double probability(std::size_t i) const { return i == 0 ? cumulative_[0] : cumulative_[i] - cumulative_[i - 1]; }

 private:
  std::vector<double> cumulative_;
};

}  // namespace revolve::random

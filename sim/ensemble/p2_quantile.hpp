#pragma once
// Streaming quantile estimate in constant memory: the P-squared algorithm of Jain and Chlamtac
// (1985, Communications of the ACM 28(10)). Five markers track the minimum, the p/2, p and
// (1+p)/2 quantiles and the maximum; each new value moves them by a piecewise-parabolic
// interpolation. Deterministic for a given order of values; exact for up to five values.
#include <array>
#include <cstddef>

namespace revolve::ensemble {

class P2Quantile {
 public:
  /// Estimates the p-quantile, 0 <= p <= 1.
  explicit P2Quantile(double p = 0.5);

  void add(double x);
  /// The estimate; with five values or fewer, the sample quantile interpolated linearly between
  /// order statistics (type 7 of Hyndman and Fan). NaN before the first value.
  double value() const;
  std::size_t count() const { return count_; }

 private:
  double p_;
  std::size_t count_ = 0;
  std::array<double, 5> height_{};    // marker heights
  std::array<double, 5> position_{};  // actual marker positions (1-based)
  std::array<double, 5> desired_{};   // desired marker positions
  std::array<double, 5> increment_{};

  void adjust(std::size_t i);
  double parabolic(std::size_t i, double d) const;
  double linear(std::size_t i, double d) const;
};

}  // namespace revolve::ensemble

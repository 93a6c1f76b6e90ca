#pragma once
// Streaming quantile estimate in constant memory: the P-squared algorithm of Jain and Chlamtac
// (1985, Communications of the ACM 28(10)). Five markers track the minimum, the p/2, p and
// (1+p)/2 quantiles and the maximum; each new value moves them by a piecewise-parabolic
// interpolation. Deterministic for a given order of values; exact for up to five values.
//
// An ensemble estimates the same p for hundreds of thousands of series (every output at every step) that
// receive their values together, one a run. What depends only on p and the count of values (the desired marker
// positions, and the outer markers' positions) is then the same for all of them: P2Schedule keeps it once, and each
// series keeps only its P2Markers, one cache line.
#include <array>
#include <cstddef>

namespace revolve::ensemble {

/// What every series of a p-quantile estimate shares while they receive their values together.
class P2Schedule {
 public:
  /// Estimates the p-quantile, 0 <= p <= 1.
  explicit P2Schedule(double p = 0.5);
  /// Counts the next value, before it is added to each series (P2Markers::add).
  void advance();

  double p() const { return p_; }
  std::size_t count() const { return count_; }
  /// Desired position of marker i (after the fifth value).
  double desired(std::size_t i) const { return desired_[i]; }

 private:
  double p_;
  std::size_t count_ = 0;
  std::array<double, 5> desired_{};
  std::array<double, 5> increment_{};
};

/// One series' markers: their heights, and the positions of the three inner ones (the outer ones are at 1 and at
/// the count).
class alignas(64) P2Markers {
 public:
  /// Adds the value counted by the schedule's last advance().
  void add(double x, const P2Schedule& schedule);
  /// The estimate; with five values or fewer, the sample quantile interpolated linearly between
  /// order statistics (type 7 of Hyndman and Fan). NaN before the first value.
  double value(const P2Schedule& schedule) const;

 private:
  std::array<double, 5> height_{};
  std::array<double, 3> inner_position_{};  // markers 1 to 3 (1-based positions)

  /// The positions of all five markers (1-based).
  std::array<double, 5> positions(const P2Schedule& schedule) const;
};

/// One series on its own.
class P2Quantile {
 public:
  /// Estimates the p-quantile, 0 <= p <= 1.
  explicit P2Quantile(double p = 0.5) : schedule_(p) {}
  void add(double x) {
    schedule_.advance();
    markers_.add(x, schedule_);
  }
  /// As P2Markers::value.
  double value() const { return markers_.value(schedule_); }
  std::size_t count() const { return schedule_.count(); }

 private:
  P2Schedule schedule_;
  P2Markers markers_;
};

}  // namespace revolve::ensemble

#include "sim/ensemble/p2_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace revolve::ensemble {
namespace {

/// Marker heights and positions while one value moves them.
struct Markers {
  std::array<double, 5>& height;
  std::array<double, 5> position;

  double parabolic(std::size_t i, double d) const {
    const double below = position[i] - position[i - 1], above = position[i + 1] - position[i];
    return height[i] + d / (position[i + 1] - position[i - 1]) *
                           ((below + d) * (height[i + 1] - height[i]) / above +
                            (above - d) * (height[i] - height[i - 1]) / below);
  }

  double linear(std::size_t i, double d) const {
    const std::size_t j = d > 0.0 ? i + 1 : i - 1;
    return height[i] + d * (height[j] - height[i]) / (position[j] - position[i]);
  }

  /// Moves inner marker i one position towards its desired position, if it is a position or more away and the
  /// neighbour on that side is not next to it.
  void adjust(std::size_t i, double desired) {
    const double d = desired - position[i];
    const bool room_above = position[i + 1] - position[i] > 1.0;
    const bool room_below = position[i - 1] - position[i] < -1.0;
    if (!((d >= 1.0 && room_above) || (d <= -1.0 && room_below))) return;
    const double step = d > 0.0 ? 1.0 : -1.0;
    const double candidate = parabolic(i, step);
    height[i] = height[i - 1] < candidate && candidate < height[i + 1] ? candidate : linear(i, step);
    position[i] += step;
  }
};

}  // namespace

P2Schedule::P2Schedule(double p) : p_(p), increment_{0.0, p / 2.0, p, (1.0 + p) / 2.0, 1.0} {}

void P2Schedule::advance() {
  ++count_;
  if (count_ == 5) desired_ = {1.0, 1.0 + 2.0 * p_, 1.0 + 4.0 * p_, 3.0 + 2.0 * p_, 5.0};
  if (count_ > 5) {
    for (std::size_t i = 0; i < 5; ++i) desired_[i] += increment_[i];
  }
}

std::array<double, 5> P2Markers::positions(const P2Schedule& schedule) const {
  return {1.0, inner_position_[0], inner_position_[1], inner_position_[2], static_cast<double>(schedule.count())};
}

void P2Markers::add(double x, const P2Schedule& schedule) {
  const std::size_t count = schedule.count();
  if (count <= 5) {
    height_[count - 1] = x;
    if (count == 5) {
      std::sort(height_.begin(), height_.end());
      inner_position_ = {2.0, 3.0, 4.0};
    }
    return;
  }
  // The cell k with height_[k] <= x < height_[k + 1], widening the extremes if x is outside. The last marker's
  // position, the count, has moved on already.
  std::size_t k = 0;
  if (x < height_[0]) {
    height_[0] = x;
  } else if (x >= height_[4]) {
    height_[4] = x;
    k = 3;
  } else {
    while (x >= height_[k + 1]) ++k;
  }
  for (std::size_t i = k + 1; i < 4; ++i) inner_position_[i - 1] += 1.0;
  Markers markers{height_, positions(schedule)};
  for (std::size_t i = 1; i < 4; ++i) markers.adjust(i, schedule.desired(i));
  inner_position_ = {markers.position[1], markers.position[2], markers.position[3]};
}

double P2Markers::value(const P2Schedule& schedule) const {
  const std::size_t count = schedule.count();
  if (count == 0) return std::numeric_limits<double>::quiet_NaN();
  if (count > 5) return height_[2];
  std::array<double, 5> sorted = height_;
  std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(count));
  const double h = schedule.p() * static_cast<double>(count - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, count - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace revolve::ensemble

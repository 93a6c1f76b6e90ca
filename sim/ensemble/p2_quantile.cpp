#include "sim/ensemble/p2_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace revolve::ensemble {

P2Quantile::P2Quantile(double p) : p_(p), increment_{0.0, p / 2.0, p, (1.0 + p) / 2.0, 1.0} {}

void P2Quantile::add(double x) {
  if (count_ < 5) {
    height_[count_++] = x;
    if (count_ == 5) {
      std::sort(height_.begin(), height_.end());
      position_ = {1.0, 2.0, 3.0, 4.0, 5.0};
      desired_ = {1.0, 1.0 + 2.0 * p_, 1.0 + 4.0 * p_, 3.0 + 2.0 * p_, 5.0};
    }
    return;
  }
  ++count_;
  // The cell k with height_[k] <= x < height_[k + 1], widening the extremes if x is outside.
  std::size_t k = 0;
  if (x < height_[0]) {
    height_[0] = x;
  } else if (x >= height_[4]) {
    height_[4] = x;
    k = 3;
  } else {
    while (x >= height_[k + 1]) ++k;
  }
  for (std::size_t i = k + 1; i < 5; ++i) position_[i] += 1.0;
  for (std::size_t i = 0; i < 5; ++i) desired_[i] += increment_[i];
  for (std::size_t i = 1; i < 4; ++i) adjust(i);
}

void P2Quantile::adjust(std::size_t i) {
  const double d = desired_[i] - position_[i];
  const bool room_above = position_[i + 1] - position_[i] > 1.0;
  const bool room_below = position_[i - 1] - position_[i] < -1.0;
  if (!((d >= 1.0 && room_above) || (d <= -1.0 && room_below))) return;
  const double step = d > 0.0 ? 1.0 : -1.0;
  const double candidate = parabolic(i, step);
  height_[i] = height_[i - 1] < candidate && candidate < height_[i + 1] ? candidate : linear(i, step);
  position_[i] += step;
}

double P2Quantile::parabolic(std::size_t i, double d) const {
  const double below = position_[i] - position_[i - 1], above = position_[i + 1] - position_[i];
  return height_[i] + d / (position_[i + 1] - position_[i - 1]) *
                          ((below + d) * (height_[i + 1] - height_[i]) / above +
                           (above - d) * (height_[i] - height_[i - 1]) / below);
}

double P2Quantile::linear(std::size_t i, double d) const {
  const std::size_t j = d > 0.0 ? i + 1 : i - 1;
  return height_[i] + d * (height_[j] - height_[i]) / (position_[j] - position_[i]);
}

double P2Quantile::value() const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (count_ > 5) return height_[2];
  std::array<double, 5> sorted = height_;
  std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(count_));
  const double h = p_ * static_cast<double>(count_ - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, count_ - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace revolve::ensemble

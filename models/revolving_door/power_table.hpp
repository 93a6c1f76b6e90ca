#pragma once
// x^e for a fixed base x and an engagement e in [0, 1], read from a table instead of calling pow
// for every person and hazard every week. 256 intervals with linear interpolation: the relative
// error is below (ln x)^2 / 2^19, under 1e-6 for the multipliers of the model (0.4 to 2).
#include <array>
#include <cmath>

namespace revolve::revolving_door {

class PowerTable {
 public:
  static constexpr int intervals = 256;

  PowerTable() : PowerTable(1.0) {}
  explicit PowerTable(double base) {
    for (int i = 0; i <= intervals; ++i) values_[i] = std::pow(base, static_cast<double>(i) / intervals);
  }

  /// base^e for e in [0, 1] (clamped).
  double operator()(double e) const {
    const double x = (e <= 0.0 ? 0.0 : e >= 1.0 ? 1.0 : e) * intervals;
    const int i = x >= intervals ? intervals - 1 : static_cast<int>(x);
    const double f = x - i;
    return values_[i] + (values_[i + 1] - values_[i]) * f;
  }

 private:
  std::array<double, intervals + 1> values_{};
};

}  // namespace revolve::revolving_door

#pragma once
// x^e for a fixed base x and an engagement e in [0, 1], read from a table instead of calling pow
// for every person and hazard every week. 256 intervals with linear interpolation: the relative
// error is below (ln x)^2 / 2^19, under 2e-6 for the multipliers of the model (0.4 to 2).
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

  /// Where an engagement e in [0, 1] (clamped) falls: its interval and the fraction of the way through it. The
  /// same in every table, so a person's is found once for all the effects of their engagement.
  struct At {
    int interval = 0;
    double fraction = 0;
  };
  static At at(double e) {
    const double x = (e <= 0.0 ? 0.0 : e >= 1.0 ? 1.0 : e) * intervals;
    const int i = x >= intervals ? intervals - 1 : static_cast<int>(x);
    return {i, x - i};
  }

  /// base^e for e in [0, 1] (clamped).
  double operator()(double e) const { return (*this)(at(e)); }
  double operator()(At e) const {
    return values_[e.interval] + (values_[e.interval + 1] - values_[e.interval]) * e.fraction;
  }

 private:
  std::array<double, intervals + 1> values_{};
};

}  // namespace revolve::revolving_door

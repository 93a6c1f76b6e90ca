#pragma once
// Graphical functions (lookup tables): y as a piecewise function of x.
#include <string>
#include <vector>

namespace revolve::sd {

enum class Interpolation {
  continuous,   ///< linear between points; clamped to the end values outside the x range
  discrete,     ///< y[i] holds from x[i] up to x[i+1]; the last y beyond
  extrapolate,  ///< linear between points; outside the range, the end segments' slopes continue
};

struct GraphicalFunction {
  std::vector<double> x;  // strictly increasing
  std::vector<double> y;  // same length as x
  Interpolation interpolation = Interpolation::continuous;

  /// Evenly spaced x from x_min to x_max, one point per y (XMILE's xscale form).
  static GraphicalFunction from_scale(double x_min, double x_max, std::vector<double> y,
                                      Interpolation interpolation = Interpolation::continuous);

  double operator()(double at) const;

  /// Empty string if usable, otherwise what is wrong ("x must increase: x[3] = 2 <= x[2] = 2").
  std::string problem() const;
};

Interpolation parse_interpolation(const std::string& text);  // throws std::invalid_argument
const char* to_string(Interpolation interpolation);          // "continuous", "discrete" or "extrapolate"

}  // namespace revolve::sd

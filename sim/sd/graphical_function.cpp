#include "sim/sd/graphical_function.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace revolve::sd {

GraphicalFunction GraphicalFunction::from_scale(double x_min, double x_max, std::vector<double> y,
                                                Interpolation interpolation) {
  GraphicalFunction g;
  const std::size_t n = y.size();
  g.x.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    g.x[i] = n == 1 ? x_min : x_min + (x_max - x_min) * static_cast<double>(i) / (n - 1);
  }
  g.y = std::move(y);
  g.interpolation = interpolation;
  return g;
}

double GraphicalFunction::operator()(double at) const {
  const std::size_t n = x.size();
  if (n == 1) return y[0];
  if (interpolation == Interpolation::discrete) {
    if (at < x[0]) return y[0];
    // Last x[i] <= at.
    const auto it = std::upper_bound(x.begin(), x.end(), at);
    return y[static_cast<std::size_t>(it - x.begin()) - 1];
  }
  std::size_t hi;
  if (at <= x[0]) {
    if (interpolation != Interpolation::extrapolate) return y[0];
    hi = 1;
  } else if (at >= x[n - 1]) {
    if (interpolation != Interpolation::extrapolate) return y[n - 1];
    hi = n - 1;
  } else {
    hi = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), at) - x.begin());
  }
  const std::size_t lo = hi - 1;
  const double span = x[hi] - x[lo];
  return y[lo] + (y[hi] - y[lo]) * (at - x[lo]) / span;
}

std::string GraphicalFunction::problem() const {
  if (x.empty()) return "has no points";
  if (x.size() != y.size()) {
    return "has " + std::to_string(x.size()) + " x values but " + std::to_string(y.size()) +
           " y values";
  }
  for (const auto* values : {&x, &y}) {
    for (std::size_t i = 0; i < values->size(); ++i) {
      if (!std::isfinite((*values)[i])) {
        return std::string(values == &x ? "x" : "y") + "[" + std::to_string(i + 1) + "] is " +
               std::to_string((*values)[i]) + ": every point must be a finite number";
      }
    }
  }
  for (std::size_t i = 1; i < x.size(); ++i) {
    if (!(x[i] > x[i - 1])) {
      return "x values must increase, but x[" + std::to_string(i + 1) + "] = " +
             std::to_string(x[i]) + " follows " + std::to_string(x[i - 1]);
    }
  }
  return {};
}

const char* to_string(Interpolation interpolation) {
  switch (interpolation) {
    case Interpolation::continuous: return "continuous";
    case Interpolation::discrete: return "discrete";
    case Interpolation::extrapolate: return "extrapolate";
  }
  return "continuous";
}

Interpolation parse_interpolation(const std::string& text) {
  if (text == "continuous" || text.empty()) return Interpolation::continuous;
  if (text == "discrete") return Interpolation::discrete;
  if (text == "extrapolate") return Interpolation::extrapolate;
  throw std::invalid_argument("unknown graphical function type '" + text +
                              "' (expected continuous, discrete or extrapolate)");
}

}  // namespace revolve::sd

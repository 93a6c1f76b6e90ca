#include <cmath>
#include <numbers>

#include "sim/random/stream.hpp"

namespace revolve::random {

double standard_normal(double u1, double u2) {
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::uint32_t poisson(double mean, double u1, double u2) {
  if (!(mean > 0.0)) return 0;
  if (mean > 500.0) {
    const double x = mean + std::sqrt(mean) * standard_normal(u1, u2);
    return x <= 0.0 ? 0u : static_cast<std::uint32_t>(std::lround(x));
  }
  // Inversion: smallest k with F(k) >= u1.
  double p = std::exp(-mean);
  double cumulative = p;
  std::uint32_t k = 0;
  while (u1 > cumulative && k < 10000) {
    ++k;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

}  // namespace revolve::random

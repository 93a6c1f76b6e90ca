#include "sim/params/uncertainty.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace revolve::params {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// "0.129 to 0.134": the central 90% of a distribution that has no written range.
std::string interval90(const Uncertainty& uncertainty) {
  return "90% " + format_number(quantile(uncertainty, 0, 0.05), 3) + " to " +
         format_number(quantile(uncertainty, 0, 0.95), 3);
}

}  // namespace

double quantile(const Uncertainty& uncertainty, double value, double u) {
  namespace bm = boost::math;
  return std::visit(
      Overloaded{
          [&](const Fixed&) { return value; },
          [&](const Uniform& d) { return d.low + u * (d.high - d.low); },
          [&](const Triangular& d) { return bm::quantile(bm::triangular_distribution<>(d.low, d.mode, d.high), u); },
          [&](const Normal& d) { return bm::quantile(bm::normal_distribution<>(d.mean, d.sd), u); },
          [&](const LogNormal& d) {
            return bm::quantile(bm::lognormal_distribution<>(std::log(d.median), d.sdlog), u);
          },
          [&](const Beta& d) { return bm::quantile(bm::beta_distribution<>(d.alpha, d.beta), u); },
      },
      uncertainty);
}

std::string distribution_name(const Uncertainty& uncertainty) {
  return std::visit(Overloaded{
                        [](const Fixed&) { return "fixed"; },
                        [](const Uniform&) { return "uniform"; },
                        [](const Triangular&) { return "triangular"; },
                        [](const Normal&) { return "normal"; },
                        [](const LogNormal&) { return "lognormal"; },
                        [](const Beta&) { return "beta"; },
                    },
                    uncertainty);
}

std::string describe(const Uncertainty& uncertainty) {
  return std::visit(
      Overloaded{
          [](const Fixed&) { return std::string("none (fixed)"); },
          [](const Uniform& d) { return "uniform " + format_number(d.low) + " to " + format_number(d.high); },
          [](const Triangular& d) { return "triangular " + format_number(d.low) + " to " + format_number(d.high); },
          [&](const Normal& d) { return "normal, sd " + format_number(d.sd) + ": " + interval90(uncertainty); },
          [&](const LogNormal& d) {
            return "lognormal, sdlog " + format_number(d.sdlog) + ": " + interval90(uncertainty);
          },
          [&](const Beta& d) {
            return "beta(" + format_number(d.alpha) + ", " + format_number(d.beta) + "): " + interval90(uncertainty);
          },
      },
      uncertainty);
}

std::string format_number(double x, int significant) {
  if (significant > 0) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*g", significant, x);
    return buffer;
  }
  // Plain digits in the range people write by hand (100000, not 1e+05), scientific outside it.
  const double size = std::fabs(x);
  const bool plain = x == 0 || (size >= 1e-6 && size < 1e15);
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, x, plain ? std::chars_format::fixed : std::chars_format::general);
  return std::string(buffer, result.ptr);
}

}  // namespace revolve::params

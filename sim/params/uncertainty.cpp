#include "sim/params/uncertainty.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace revolve::params {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

constexpr double infinity = std::numeric_limits<double>::infinity();

// "0.129 to 0.134": the central 90% of a distribution that has no written range.
std::string interval90(const Uncertainty& uncertainty) {
  return "90% " + format_number(quantile(uncertainty, 0, 0.05), 3) + " to " +
         format_number(quantile(uncertainty, 0, 0.95), 3);
}

bool finite(std::initializer_list<double> values) {
  return std::all_of(values.begin(), values.end(), [](double x) { return std::isfinite(x); });
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
          [&](const Gamma& d) { return bm::quantile(bm::gamma_distribution<>(d.shape, d.scale), u); },
      },
      uncertainty);
}

double draw(const Uncertainty& uncertainty, double value, double u) {
  return quantile(uncertainty, value, std::clamp(u, draw_tail, 1.0 - draw_tail));
}

std::pair<double, double> draw_range(const Uncertainty& uncertainty, double value) {
  return {draw(uncertainty, value, 0.0), draw(uncertainty, value, 1.0)};
}

std::pair<double, double> support(const Uncertainty& uncertainty, double value) {
  using Range = std::pair<double, double>;
  return std::visit(Overloaded{
                        [&](const Fixed&) { return Range{value, value}; },
                        [](const Uniform& d) { return Range{d.low, d.high}; },
                        [](const Triangular& d) { return Range{d.low, d.high}; },
                        [](const Normal&) { return Range{-infinity, infinity}; },
                        [](const LogNormal&) { return Range{0, infinity}; },
                        [](const Beta&) { return Range{0, 1}; },
                        [](const Gamma&) { return Range{0, infinity}; },
                    },
                    uncertainty);
}

std::string argument_problem(const Uncertainty& uncertainty) {
  return std::visit(
      Overloaded{
          [](const Fixed&) { return std::string(); },
          [](const Uniform& d) { return finite({d.low, d.high}) && d.low < d.high ? "" : std::string("needs low < high"); },
          [](const Triangular& d) {
            const bool ok = finite({d.low, d.mode, d.high}) && d.low < d.high && d.low <= d.mode && d.mode <= d.high;
            return ok ? std::string() : "needs low <= mode <= high and low < high";
          },
          [](const Normal& d) { return finite({d.sd}) && d.sd > 0 ? std::string() : "needs sd > 0"; },
          [](const LogNormal& d) {
            return finite({d.sdlog, d.median}) && d.sdlog > 0 && d.median > 0 ? std::string()
                                                                                : "needs sdlog > 0 and a positive value";
          },
          [](const Beta& d) {
            return finite({d.alpha, d.beta}) && d.alpha > 0 && d.beta > 0 ? std::string()
                                                                            : "needs alpha > 0 and beta > 0";
          },
          [](const Gamma& d) {
            return finite({d.shape, d.scale}) && d.shape > 0 && d.scale > 0 ? std::string()
                                                                              : "needs shape > 0 and scale > 0";
          },
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
                        [](const Gamma&) { return "gamma"; },
                    },
                    uncertainty);
}

std::string describe(const Uncertainty& uncertainty) {
  return std::visit(
      Overloaded{
          [](const Fixed&) { return std::string("none (fixed)"); },
          [](const Uniform& d) { return "uniform " + format_number(d.low) + " to " + format_number(d.high); },
          [](const Triangular& d) {
            return "triangular " + format_number(d.low) + " to " + format_number(d.high) + ", mode " +
                   format_number(d.mode);
          },
          [&](const Normal& d) { return "normal, sd " + format_number(d.sd) + ": " + interval90(uncertainty); },
          [&](const LogNormal& d) {
            return "lognormal, sdlog " + format_number(d.sdlog) + ": " + interval90(uncertainty);
          },
          [&](const Beta& d) {
            return "beta(" + format_number(d.alpha) + ", " + format_number(d.beta) + "): " + interval90(uncertainty);
          },
          [&](const Gamma& d) {
            return "gamma(shape " + format_number(d.shape) + ", scale " + format_number(d.scale) +
                   "): " + interval90(uncertainty);
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

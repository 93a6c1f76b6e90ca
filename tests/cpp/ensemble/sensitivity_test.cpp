// Global sensitivity: Sobol indices of the Ishigami function against their exact values, and Morris
// screening of a function whose elementary effects are known exactly.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/ensemble/sensitivity.hpp"

using namespace revolve::ensemble;

namespace {

constexpr double pi = std::numbers::pi;

/// Ishigami (1990) with a = 7, b = 0.1, each x uniform on (-pi, pi), written from unit coordinates.
double ishigami(std::span<const double> u) {
  constexpr double a = 7, b = 0.1;
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
}

/// The exact indices (Sobol & Levitan 1999): S1, S2, S3, then ST1, ST2, ST3.
std::vector<double> ishigami_exact() {
  constexpr double a = 7, b = 0.1;
  const double pi4 = std::pow(pi, 4), pi8 = std::pow(pi, 8);
  const double v1 = 0.5 * std::pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = 8 * b * b * pi8 / 225;
  const double v = v1 + v2 + v13;
  return {v1 / v, v2 / v, 0, (v1 + v13) / v, v2 / v, v13 / v};
}

std::vector<double> outputs_of(const UnitDesign& design, double (*f)(std::span<const double>)) {
  std::vector<double> y(design.rows());
  for (std::size_t r = 0; r < y.size(); ++r) y[r] = f(design.row(r));
  return y;
}

/// 8 x1 + 2 x2 + 0 x3 + 24 (x4 - 1/2)^2 + 4 x2 x5: linear effects are their coefficients exactly; x4's
/// effect is +-6 at every level pair (24 * (0.375^2 - 0.125^2) / 0.5); x2 and x5 interact.
double screened(std::span<const double> u) {
  return 8 * u[0] + 2 * u[1] + 24 * (u[3] - 0.5) * (u[3] - 0.5) + 4 * u[1] * u[4];
}

}  // namespace

TEST_CASE("the exact Ishigami indices are the published ones") {
  const auto exact = ishigami_exact();
  const std::vector<double> published = {0.3139, 0.4424, 0, 0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < exact.size(); ++i) CHECK(exact[i] == Approx(published[i]).margin(5e-5));
}

TEST_CASE("Sobol indices of the Ishigami function are within 0.02 of the exact ones, which the intervals hold") {
  const SobolDesign design = sobol_design(3, 1 << 15, 7);
  REQUIRE(design.design.rows() == (std::size_t{1} << 15) * 5);
  const auto y = outputs_of(design.design, ishigami);
  const SobolIndices s = sobol_indices(design, y, {500, 0.95, 3});
  const auto exact = ishigami_exact();
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("parameter " << i + 1);
    for (const auto& [index, truth] : {std::pair{s.first[i], exact[i]}, std::pair{s.total[i], exact[3 + i]}}) {
      CHECK(index.estimate == Approx(truth).margin(0.02));
      CHECK(index.low <= truth);
      CHECK(index.high >= truth);
      CHECK(index.high - index.low < 0.06);
    }
  }
}

TEST_CASE("Sobol designs: AB_i is A with coordinate i from B, and the same seed gives the same indices") {
  const std::vector<double> a = {0.1, 0.2, 0.3, 0.4}, b = {0.5, 0.6, 0.7, 0.8};
  const SobolDesign d = sobol_design(a, b, 2);
  REQUIRE(d.design.rows() == 8);
  const std::vector<double> block = {0.1, 0.2, 0.5, 0.6, 0.5, 0.2, 0.1, 0.6};
  CHECK(std::vector<double>(d.design.points.begin(), d.design.points.begin() + 8) == block);
  const SobolDesign random = sobol_design(3, 64, 11);
  const auto y = outputs_of(random.design, ishigami);
  const SobolIndices first = sobol_indices(random, y, {200, 0.9, 5}), again = sobol_indices(random, y, {200, 0.9, 5});
  CHECK(first.total[2].low == again.total[2].low);
  CHECK(first.total[2].high == again.total[2].high);
  CHECK(sobol_design(3, 64, 11).design.points == random.design.points);
  CHECK(sobol_design(3, 64, 12).design.points != random.design.points);
}

TEST_CASE("Sobol indices refuse outputs that do not fit the design or do not vary") {
  const SobolDesign d = sobol_design(2, 8, 1);
  std::vector<double> y(d.design.rows(), 1.0);
  CHECK_THROWS_WITH(sobol_indices(d, y), Catch::Contains("the same at every design row"));
  y.pop_back();
  CHECK_THROWS_WITH(sobol_indices(d, y), Catch::Contains("31 outputs for a design of 32 rows"));
  y.push_back(std::nan(""));
  CHECK_THROWS_WITH(sobol_indices(d, y), Catch::Contains("design row 31 is not a finite number"));
}

TEST_CASE("Morris screening ranks parameters by their known elementary effects") {
  const MorrisDesign design = morris_design(5, 40, 3);
  REQUIRE(design.design.rows() == 40 * 6);
  const auto y = outputs_of(design.design, screened);
  const MorrisIndices m = morris_indices(design, y, {300, 0.95, 1});
  CHECK(m.mu_star[0].estimate == Approx(8));
  CHECK(m.sigma[0].estimate == Approx(0).margin(1e-9));  // linear: the same effect everywhere
  CHECK(m.mu_star[2].estimate == Approx(0).margin(1e-12));
  CHECK(m.mu_star[3].estimate == Approx(6));  // the square's effect is +-6 ...
  CHECK(std::abs(m.mu[3].estimate) < 3);      // ... of both signs, so mu is small and sigma large
  CHECK(m.sigma[3].estimate > 4);
  CHECK(m.sigma[1].estimate > 0.5);  // x2's effect depends on x5
  // The ranking by mu*: x1, x4, then x2 (2 + 4 x5, about 4) and x5 (4 x2, about 2), then x3.
  CHECK(m.mu_star[0].estimate > m.mu_star[3].estimate);
  CHECK(m.mu_star[3].estimate > m.mu_star[1].estimate);
  CHECK(m.mu_star[1].estimate > m.mu_star[4].estimate);
  CHECK(m.mu_star[4].estimate > m.mu_star[2].estimate);
  CHECK(m.mu_star[1].low <= 4);
  CHECK(m.mu_star[1].high >= 4);
}

TEST_CASE("Morris trajectories move one parameter at a time by delta on the grid, each parameter once") {
  const MorrisDesign m = morris_design(4, 10, 9, 6);
  const std::size_t k = 4;
  for (std::size_t t = 0; t < m.trajectories; ++t) {
    std::vector<int> moves(k, 0);
    for (std::size_t s = 0; s < k; ++s) {
      const auto before = m.design.row(t * (k + 1) + s), after = m.design.row(t * (k + 1) + s + 1);
      for (std::size_t i = 0; i < k; ++i) {
        const double step = std::abs(after[i] - before[i]);
        CHECK(step == Approx(i == m.moved[t * k + s] ? MorrisDesign::delta : 0).margin(1e-12));
        CHECK(after[i] * 6 - 0.5 == Approx(std::round(after[i] * 6 - 0.5)).margin(1e-12));  // a level midpoint
      }
      ++moves[m.moved[t * k + s]];
    }
    CHECK(moves == std::vector<int>(k, 1));
  }
  CHECK_THROWS_WITH(morris_design(3, 1, 1), Catch::Contains("at least 2 trajectories"));
  CHECK_THROWS_WITH(morris_design(3, 4, 1, 5), Catch::Contains("even"));
}

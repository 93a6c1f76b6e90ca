// Precomputed distributions: the same draws as the direct functions, without exp in the hot loop.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "sim/random/stream.hpp"
#include "sim/random/tables.hpp"

using revolve::random::Categorical;
using revolve::random::PoissonTable;

TEST_CASE("PoissonTable draws what poisson() draws for the same uniform") {
  for (double mean : {0.0, 0.02, 0.3, 1.0, 7.5, 60.0, 499.0}) {
    const PoissonTable table(mean);
    CHECK(table.mean() == mean);
    for (std::uint32_t i = 0; i < 20000; ++i) {
      // A grid over every to_unit value range, including both extremes.
      const std::uint32_t bits = i == 0 ? 0u : i == 1 ? 0xFFFFFFFFu : i * 214'748u;
      const double u = revolve::random::to_unit(bits);
      INFO("mean " << mean << ", u " << u);
      REQUIRE(table.draw(u) == revolve::random::poisson(mean, u, 0.5));
    }
  }
}

TEST_CASE("PoissonTable refuses means poisson() does not invert") {
  CHECK_THROWS_AS(PoissonTable(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(PoissonTable(501.0), std::invalid_argument);
}

TEST_CASE("Categorical picks category i for uniforms in its share of (0,1)") {
  const std::vector<double> p = {0.3, 0.0, 0.5, 0.2};
  const Categorical c(p);
  REQUIRE(c.size() == 4);
  CHECK(c.probability(0) == Approx(0.3));
  CHECK(c.probability(1) == 0.0);
  CHECK(c.probability(2) == Approx(0.5));
  CHECK(c.probability(3) == Approx(0.2));
  // A fine deterministic grid of uniforms lands in each category in proportion to its probability.
  constexpr int n = 100'000;
  std::vector<int> count(4, 0);
  for (int i = 0; i < n; ++i) ++count[c.draw((i + 0.5) / n)];
  for (std::size_t k = 0; k < 4; ++k) CHECK(count[k] == Approx(n * p[k]).margin(1));
}

TEST_CASE("Categorical normalises, and refuses negative or all-zero probabilities") {
  const std::vector<double> weights = {2.0, 6.0};
  CHECK(Categorical(weights).probability(1) == Approx(0.75));
  const std::vector<double> negative = {0.5, -0.1}, zero = {0.0, 0.0};
  CHECK_THROWS_AS(Categorical(negative), std::invalid_argument);
  CHECK_THROWS_AS(Categorical(zero), std::invalid_argument);
}

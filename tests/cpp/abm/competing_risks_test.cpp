// Competing risks: leave with probability 1 - exp(-H), go to k with probability (1 - exp(-H)) h_k / H.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/abm/competing_risks.hpp"
#include "sim/core/error.hpp"

using revolve::abm::CompetingRisks;
using revolve::abm::Risk;

TEST_CASE("probabilities follow the competing-risks formula") {
  const std::vector<Risk> risks = {{1, 0.05}, {2, 0.01}, {3, 0.0}};
  const CompetingRisks c(risks);
  const double h = 0.06, leave = 1.0 - std::exp(-h);
  CHECK(c.leave_probability() == Approx(leave).epsilon(1e-14));
  CHECK(c.probability(1) == Approx(leave * 0.05 / h).epsilon(1e-14));
  CHECK(c.probability(2) == Approx(leave * 0.01 / h).epsilon(1e-14));
  CHECK(c.probability(3) == 0.0);
  CHECK(c.transition_probability(0, 0) == Approx(std::exp(-h)).epsilon(1e-14));
  CHECK(c.transition_probability(0, 2) == c.probability(2));
}

TEST_CASE("choose() sends each share of the uniforms to its destination") {
  const std::vector<Risk> risks = {{4, 0.3}, {1, 0.1}, {2, 0.6}};
  const CompetingRisks c(risks);
  // A fine deterministic grid of uniforms: each destination gets its probability's share.
  constexpr int n = 200'000;
  std::vector<int> count(6, 0);
  for (int i = 0; i < n; ++i) ++count[c.choose((i + 0.5) / n, 5)];
  CHECK(count[5] == Approx(n * (1.0 - c.leave_probability())).margin(1));
  for (std::uint8_t to : {1, 2, 4}) CHECK(count[to] == Approx(n * c.probability(to)).margin(1));
  CHECK(count[0] + count[3] == 0);
}

TEST_CASE("no hazard, no move") {
  const CompetingRisks none;
  CHECK(none.choose(1e-12, 3) == 3);
  CHECK(none.leave_probability() == 0.0);
}

TEST_CASE("hazards must be finite and non-negative") {
  const std::vector<Risk> negative = {{1, -0.1}}, infinite = {{1, INFINITY}};
  CHECK_THROWS_AS(CompetingRisks(negative), revolve::ModelError);
  CHECK_THROWS_AS(CompetingRisks(infinite), revolve::ModelError);
}

TEST_CASE("per-person competing risks pick the same destination as the precomputed table") {
  const std::vector<double> hazards = {0.3, 0.0, 0.1, 0.6};
  const std::vector<Risk> risks = {{0, 0.3}, {1, 0.0}, {2, 0.1}, {3, 0.6}};
  const CompetingRisks table(risks);
  constexpr int n = 200'000;
  int differ = 0;
  for (int i = 0; i < n; ++i) {
    const double u = (i + 0.5) / n;
    const std::size_t k = revolve::abm::choose_destination(u, hazards);
    const std::uint8_t expected = table.choose(u, 9);
    differ += (k == hazards.size() ? 9 : static_cast<int>(k)) != expected;
  }
  CHECK(differ <= 2);  // only uniforms within rounding of a threshold may differ
  CHECK(revolve::abm::choose_destination(0.5, std::vector<double>{0.0, 0.0}) == 2);
}

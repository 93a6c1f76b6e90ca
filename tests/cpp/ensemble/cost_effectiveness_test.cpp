// Cost-effectiveness with the conventions of health economics: quadrants, verdicts, never a negative ratio,
// acceptability curves.
#include "sim/ensemble/cost_effectiveness.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace revolve::ensemble;

namespace {

PairedSamples samples(std::vector<double> costs, std::vector<double> gains) { return {std::move(costs), std::move(gains)}; }

}  // namespace

TEST_CASE("quadrants: better means a gain above zero, cheaper a cost below zero") {
  const auto ce = cost_effectiveness(samples({-10, 5, -3, 2, 0, 4, 1, -1}, {2, 3, -1, -4, 1, 0, 2, 1}));
  CHECK(ce.better_cheaper == 0.25);       // (-10, 2), (-1, 1)
  CHECK(ce.better_costlier == 0.375);     // (5, 3), (0, 1): no change in cost is not cheaper, (1, 2)
  CHECK(ce.not_better_cheaper == 0.125);  // (-3, -1)
  CHECK(ce.not_better_costlier == 0.25);  // (2, -4), (4, 0): no gain is not better
  CHECK(ce.cost_change == Approx(-0.25));
  CHECK(ce.gain == Approx(0.5));
}

TEST_CASE("verdicts: dominance, or a positive ratio with its meaning") {
  const auto dominates = cost_effectiveness(samples({-100, -50}, {2, 4}));
  CHECK(dominates.verdict == Verdict::dominates);
  CHECK(std::isnan(dominates.ratio));  // a cost-saving gain has no ratio to report: -25 per unit would mislead
  const auto dominated = cost_effectiveness(samples({100, 50}, {-2, -4}));
  CHECK(dominated.verdict == Verdict::dominated);
  CHECK(std::isnan(dominated.ratio));
  const auto trade = cost_effectiveness(samples({100, 200}, {2, 4}));
  CHECK(trade.verdict == Verdict::costs_more_gains);
  CHECK(trade.ratio == Approx(50));
  const auto saves = cost_effectiveness(samples({-100, -200}, {-2, -4}));
  CHECK(saves.verdict == Verdict::saves_loses);
  CHECK(saves.ratio == Approx(50));  // 50 saved per unit forgone: positive, never -50
  CHECK(cost_effectiveness(samples({0, 0}, {0, 0})).verdict == Verdict::no_difference);
  CHECK(cost_effectiveness(samples({-5, -5}, {0, 0})).verdict == Verdict::dominates);  // the same outcome for less
  CHECK(to_string(Verdict::costs_more_gains) == "costs more, gains");
}

TEST_CASE("acceptability: at no willingness to pay only cost counts, at a high one only the outcome") {
  // One alternative: always better; cheaper in one sample of four.
  const std::vector<PairedSamples> one = {samples({-10, 10, 20, 30}, {1, 1, 1, 1})};
  const auto curves = acceptability(one, {0, 15, 25, 1000});
  CHECK(curves.beats_baseline[0] == std::vector<double>{0.25, 0.5, 0.75, 1.0});
  CHECK(curves.best[0] == std::vector<double>{0.75, 0.5, 0.25, 0.0});  // the baseline: the rest
  CHECK(curves.best[1] == curves.beats_baseline[0]);
}

TEST_CASE("acceptability with several alternatives: the best option's shares add to one") {
  const std::vector<PairedSamples> two = {samples({10, 10, 10}, {1, 1, 1}), samples({40, 0, 40}, {3, 0, 3})};
  const auto curves = acceptability(two, {0, 5, 20, 100});
  for (std::size_t w = 0; w < 4; ++w) {
    CHECK(curves.best[0][w] + curves.best[1][w] + curves.best[2][w] == Approx(1));
  }
  // At 100 per unit the second alternative nets 260 in samples 1 and 3 (the first 90), nothing in sample 2.
  CHECK(curves.best[2][3] == Approx(2.0 / 3));
  CHECK(curves.best[1][3] == Approx(1.0 / 3));
}

TEST_CASE("willingness to pay runs to a round number twice the largest ratio") {
  const std::vector<PairedSamples> alternatives = {samples({150, 150}, {1, 1}), samples({-40, -40}, {2, 2})};
  const auto wtp = willingness_to_pay(alternatives);
  REQUIRE(wtp.size() == 51);
  CHECK(wtp.front() == 0);
  CHECK(wtp.back() == 500);  // 2 x 150 = 300, rounded up to 500
  CHECK(wtp[1] == 10);
  CHECK(willingness_to_pay(alternatives, 2000, 4) == std::vector<double>{0, 500, 1000, 1500, 2000});
  CHECK(willingness_to_pay({samples({5}, {0})}).back() == 1000);  // no change in the outcome: a default scale
}

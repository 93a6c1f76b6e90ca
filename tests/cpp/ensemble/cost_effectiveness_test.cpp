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

TEST_CASE("net cost rows: the verdict, and a ratio with an interval only inside the verdict's quadrant") {
  // Saves money and avoids weeks of rough sleeping: it dominates, and no ratio is given (it once showed as +560).
  const auto saves = net_cost(samples({-900, -1100, -1000, -1050, -950}, {2, 2.2, 1.8, 2.1, 1.9}), 1);
  CHECK(saves.verdict == Verdict::dominates);
  CHECK((std::isnan(saves.ratio.mean) && std::isnan(saves.ratio.low) && std::isnan(saves.ratio.high)));
  // Costs more and gains, clearly: the cost per unit gained, positive, with its bootstrap interval around it.
  const auto costs = net_cost(samples({900, 1100, 1000, 1050, 950}, {2, 2.2, 1.8, 2.1, 1.9}), 1);
  CHECK(costs.verdict == Verdict::costs_more_gains);
  CHECK(costs.ratio.mean == Approx(500));
  CHECK((costs.ratio.low > 0 && costs.ratio.low <= 500 && costs.ratio.high >= 500));
  // Costs more on average but not in every run: the ratio stands, its interval (which would change sign) does not.
  const auto unsure = net_cost(samples({3000, -1000, 2000, -500, 1500}, {2, 2.2, 1.8, 2.1, 1.9}), 1);
  CHECK(unsure.verdict == Verdict::costs_more_gains);
  CHECK(unsure.ratio.mean == Approx(500));
  CHECK((std::isnan(unsure.ratio.low) && std::isnan(unsure.ratio.high)));
  // The same seed gives the same interval.
  const auto again = net_cost(samples({900, 1100, 1000, 1050, 950}, {2, 2.2, 1.8, 2.1, 1.9}), 1);
  CHECK((again.ratio.low == costs.ratio.low && again.ratio.high == costs.ratio.high));
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

#include "sim/params/uncertainty.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace revolve::params;
using Catch::Detail::Approx;

TEST_CASE("quantiles of each distribution") {
  CHECK(quantile(Fixed{}, 3.5, 0.9) == 3.5);
  CHECK(quantile(Uniform{10, 20}, 0, 0.25) == Approx(12.5));
  CHECK(quantile(Triangular{0, 1, 2}, 1, 0.5) == Approx(1));
  CHECK(quantile(Normal{5, 2}, 5, 0.975) == Approx(5 + 1.959964 * 2));
  CHECK(quantile(LogNormal{2, 0.5}, 2, 0.5) == Approx(2));
  CHECK(quantile(LogNormal{2, 0.5}, 2, 0.95) == Approx(2 * std::exp(1.644854 * 0.5)));
  // Beta from counts: 9,210 prison leavers released homeless of 70,040.
  CHECK(quantile(Beta{9210, 60830}, 0.131, 0.5) == Approx(0.1315).epsilon(0.001));
  // Gamma(2, 3) has mean 6; its median is 5.0350 (qgamma(0.5, shape = 2, scale = 3) in R).
  CHECK(quantile(Gamma{2, 3}, 6, 0.5) == Approx(5.0350).epsilon(1e-4));
}

TEST_CASE("draws stay inside the one-in-a-million tails") {
  const Normal normal{0, 1};
  CHECK(draw(normal, 0, 0.0) == Approx(-4.753424));  // qnorm(1e-6)
  CHECK(draw(normal, 0, 1.0) == Approx(4.753424));
  CHECK(draw(normal, 0, 0.3) == quantile(normal, 0, 0.3));
  const auto [low, high] = draw_range(Uniform{2, 4}, 3);
  CHECK(low == Approx(2).margin(1e-5));
  CHECK(high == Approx(4).margin(1e-5));
  CHECK(draw(Fixed{}, 7, 0.9) == 7);
}

TEST_CASE("the support of each distribution") {
  CHECK(support(Uniform{1, 2}, 1.5) == std::pair{1.0, 2.0});
  CHECK(support(Triangular{1, 1.2, 2}, 1.2) == std::pair{1.0, 2.0});
  CHECK(support(Beta{2, 3}, 0.4) == std::pair{0.0, 1.0});
  CHECK(support(Gamma{2, 3}, 6).first == 0);
  CHECK(std::isinf(support(Normal{0, 1}, 0).first));
}

TEST_CASE("arguments that make no sense are named") {
  CHECK(argument_problem(Uniform{2, 1}) == "needs low < high");
  CHECK(argument_problem(Triangular{0, 3, 2}) == "needs low <= mode <= high and low < high");
  CHECK(argument_problem(Normal{0, 0}) == "needs sd > 0");
  CHECK(argument_problem(LogNormal{-1, 1}) == "needs sdlog > 0 and a positive value");
  CHECK(argument_problem(Beta{0, 1}) == "needs alpha > 0 and beta > 0");
  CHECK(argument_problem(Gamma{1, -2}) == "needs shape > 0 and scale > 0");
  CHECK(argument_problem(Gamma{2, 3}).empty());
}

TEST_CASE("descriptions for the documentation") {
  CHECK(describe(Fixed{}) == "none (fixed)");
  CHECK(describe(Uniform{0.1, 0.3}) == "uniform 0.1 to 0.3");
  CHECK(describe(Triangular{1, 2, 4}) == "triangular 1 to 4, mode 2");
  CHECK(describe(Gamma{2, 3}) == "gamma(shape 2, scale 3): 90% 1.07 to 14.2");
  CHECK(describe(Normal{10, 1}) == "normal, sd 1: 90% 8.36 to 11.6");
  CHECK(describe(Beta{1, 1}) == "beta(1, 1): 90% 0.05 to 0.95");
  CHECK(distribution_name(LogNormal{1, 1}) == "lognormal");
  CHECK(distribution_name(Gamma{1, 1}) == "gamma");
}

TEST_CASE("numbers print as people write them") {
  CHECK(format_number(5750) == "5750");
  CHECK(format_number(100000) == "100000");
  CHECK(format_number(0.131) == "0.131");
  CHECK(format_number(-0.5) == "-0.5");
  CHECK(format_number(0.12934, 3) == "0.129");
  CHECK(format_number(1e20) == "1e+20");
}

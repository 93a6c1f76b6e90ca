#include "sim/params/uncertainty.hpp"

#include <catch2/catch.hpp>

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
}

TEST_CASE("descriptions for the documentation") {
  CHECK(describe(Fixed{}) == "none (fixed)");
  CHECK(describe(Uniform{0.1, 0.3}) == "uniform 0.1 to 0.3");
  CHECK(describe(Triangular{1, 2, 4}) == "triangular 1 to 4");
  CHECK(describe(Normal{10, 1}) == "normal, sd 1: 90% 8.36 to 11.6");
  CHECK(describe(Beta{1, 1}) == "beta(1, 1): 90% 0.05 to 0.95");
  CHECK(distribution_name(LogNormal{1, 1}) == "lognormal");
}

TEST_CASE("numbers print as people write them") {
  CHECK(format_number(5750) == "5750");
  CHECK(format_number(100000) == "100000");
  CHECK(format_number(0.131) == "0.131");
  CHECK(format_number(-0.5) == "-0.5");
  CHECK(format_number(0.12934, 3) == "0.129");
  CHECK(format_number(1e20) == "1e+20");
}

// P-squared quantile estimates: exact for a handful of values, close for many, in fixed memory.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "sim/ensemble/p2_quantile.hpp"
#include "sim/random/stream.hpp"

using revolve::ensemble::P2Quantile;

TEST_CASE("with five values or fewer the estimate is the interpolated sample quantile") {
  P2Quantile median(0.5), upper(0.9);
  CHECK(std::isnan(median.value()));
  for (double x : {4.0, 1.0, 3.0}) {
    median.add(x);
    upper.add(x);
  }
  CHECK(median.value() == 3.0);
  CHECK(upper.value() == Approx(3.8));  // position 0.9 x (3 - 1) = 1.8 in {1, 3, 4}: 3 + 0.8 x (4 - 3)
}

TEST_CASE("with many values the estimates are close to the true quantiles") {
  const revolve::random::Stream stream(1, "p2");
  std::vector<P2Quantile> estimators = {P2Quantile(0.05), P2Quantile(0.5), P2Quantile(0.95)};
  std::vector<double> values;
  for (std::uint32_t i = 0; i < 20'000; ++i) {
    const auto u = stream.uniforms4(0, i, 0);
    const double x = revolve::random::standard_normal(u[0], u[1]);
    values.push_back(x);
    for (auto& e : estimators) e.add(x);
  }
  std::sort(values.begin(), values.end());
  const auto sample_quantile = [&](double p) { return values[static_cast<std::size_t>(p * (values.size() - 1))]; };
  CHECK(estimators[0].value() == Approx(sample_quantile(0.05)).margin(0.03));
  CHECK(estimators[1].value() == Approx(sample_quantile(0.5)).margin(0.03));
  CHECK(estimators[2].value() == Approx(sample_quantile(0.95)).margin(0.03));
  CHECK(estimators[1].count() == 20'000);
}

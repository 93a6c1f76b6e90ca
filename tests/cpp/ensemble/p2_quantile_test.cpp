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

TEST_CASE("the estimates are pinned bit for bit: sharing the schedule between series changed no arithmetic") {
  // Values with ties and a drift; the expected bits are those of the estimator before P2Schedule (commit ef7e0ca).
  std::vector<P2Quantile> estimators = {P2Quantile(0.05), P2Quantile(0.5), P2Quantile(0.95)};
  std::vector<std::vector<double>> seen;
  for (int i = 0; i < 2000; ++i) {
    const double x = (i * 7919 % 1000) / 10.0 + (i % 3 == 0 ? i / 100.0 : 0.0);
    for (auto& e : estimators) e.add(x);
    if (i == 6 || i == 99 || i == 1999) {
      seen.push_back({estimators[0].value(), estimators[1].value(), estimators[2].value()});
    }
  }
  const std::vector<std::vector<double>> expected = {
      {0x1.9b7633d5046ccp+5, 0x1.04e0b60b60b61p+6, 0x1.2eeb851eb851fp+6},   // 7 values
      {0x1.043f03869f35ap+2, 0x1.75dd08d7a2df6p+5, 0x1.79497680bcda3p+6},   // 100
      {0x1.c876cd1221566p+2, 0x1.aa7ec8c97758dp+5, 0x1.8b6707e316bdep+6}};  // 2,000
  CHECK(seen == expected);
}

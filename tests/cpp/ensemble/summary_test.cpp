// Run-by-run summaries: the same mean and sd as computing them from all runs at once.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/core/error.hpp"
#include "sim/ensemble/summary.hpp"

using revolve::abm::Outputs;
using revolve::ensemble::Summary;

namespace {

Outputs two_steps(double a1, double b1, double a2, double b2) {
  Outputs o;
  const auto a = o.add("a"), b = o.add("b");
  o.set(a, a1);
  o.set(b, b1);
  o.commit_row();
  o.set(a, a2);
  o.set(b, b2);
  o.commit_row();
  return o;
}

}  // namespace

TEST_CASE("mean and standard deviation per step and output match the two-pass formulas") {
  Summary s({0.5});
  s.add(two_steps(1, 10, 2, 1e9));
  s.add(two_steps(2, 20, 4, 1e9 + 1));
  s.add(two_steps(6, 30, 9, 1e9 + 2));
  REQUIRE(s.runs() == 3);
  REQUIRE(s.rows() == 2);
  CHECK(s.names() == std::vector<std::string>{"a", "b"});
  CHECK(s.mean(0, 0) == Approx(3.0));
  CHECK(s.sd(0, 0) == Approx(std::sqrt((4.0 + 1.0 + 9.0) / 2)));
  CHECK(s.mean(0, 1) == Approx(20.0));
  CHECK(s.sd(0, 1) == Approx(10.0));
  CHECK(s.mean(1, 0) == Approx(5.0));
  CHECK(s.sd(1, 1) == Approx(1.0));  // large values with a small spread stay accurate (Welford)
  CHECK(s.quantile(0, 0, 0) == 2.0);
}

TEST_CASE("one run has sd 0; runs of another shape are refused") {
  Summary s;
  s.add(two_steps(1, 2, 3, 4));
  CHECK(s.sd(1, 1) == 0.0);
  Outputs other;
  other.add("a");
  other.commit_row();
  CHECK_THROWS_AS(s.add(other), revolve::Error);
  CHECK_THROWS_AS(Summary({1.5}), revolve::Error);
}

TEST_CASE("quantiles are one run's values, then exactly those of P-squared estimators fed every run") {
  const std::vector<double> probabilities = {0.05, 0.5, 0.95};
  Summary s(probabilities);
  CHECK(std::isnan(s.quantile(0, 0, 0)));
  const std::vector<double> a1 = {3.5, -2.0, 7.25, 0.1, 9.0, 4.0, 4.0, 11.0, -5.5};
  std::vector<revolve::ensemble::P2Quantile> direct;
  for (double p : probabilities) direct.emplace_back(p);
  for (std::size_t r = 0; r < a1.size(); ++r) {
    s.add(two_steps(a1[r], 1.0, 2.0, 3.0));
    for (auto& e : direct) e.add(a1[r]);
    for (std::size_t q = 0; q < probabilities.size(); ++q) {
      INFO("run " << r << ", quantile " << probabilities[q]);
      CHECK(s.quantile(q, 0, 0) == direct[q].value());  // bit for bit
      CHECK(s.quantile(q, 1, 1) == 3.0);
    }
  }
}

// Integration accuracy against closed-form solutions.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using revolve::test::run_model;

namespace {

sd::Model exponential_decay(double dt, sd::Method method) {
  sd::Model m;
  m.specs = {0.0, 10.0, dt, 0.0, method};
  m.stock("S", "100", {}, {"decay"});
  m.flow("decay", "k * S");
  m.constant("k", 0.3);
  return m;
}

double decay_error(double dt, sd::Method method) {
  const auto r = run_model(exponential_decay(dt, method));
  const auto s = r.column("S");
  double worst = 0.0;
  for (std::size_t i = 0; i < r.rows(); ++i) {
    worst = std::max(worst, std::abs(s[i] - 100.0 * std::exp(-0.3 * r.times[i])));
  }
  return worst;
}

}  // namespace

TEST_CASE("exponential decay follows S0 exp(-kt) with each method") {
  CHECK(decay_error(0.01, sd::Method::euler) < 0.1);
  CHECK(decay_error(0.1, sd::Method::rk4) < 1e-5);
  CHECK(decay_error(0.5, sd::Method::dopri5) < 1e-4);
}

TEST_CASE("RK4 error falls about 16x when dt halves (fourth order)") {
  const double coarse = decay_error(0.5, sd::Method::rk4);
  const double fine = decay_error(0.25, sd::Method::rk4);
  const double ratio = coarse / fine;
  CHECK(ratio > 14.0);
  CHECK(ratio < 18.0);
}

TEST_CASE("Euler error halves when dt halves (first order)") {
  const double ratio = decay_error(0.1, sd::Method::euler) / decay_error(0.05, sd::Method::euler);
  CHECK(ratio == Approx(2.0).epsilon(0.05));
}

TEST_CASE("Dormand-Prince meets its tolerance") {
  for (const double tol : {1e-4, 1e-6, 1e-8}) {
    auto m = exponential_decay(1.0, sd::Method::dopri5);
    m.specs.abs_tol = tol;
    m.specs.rel_tol = tol;
    const auto r = run_model(m);
    const auto s = r.column("S");
    for (std::size_t i = 0; i < r.rows(); ++i) {
      const double exact = 100.0 * std::exp(-0.3 * r.times[i]);
      // Local error control bounds the global error to a small multiple of the tolerance.
      CHECK(std::abs(s[i] - exact) <= 10.0 * tol * (1.0 + exact));
    }
  }
}

TEST_CASE("logistic growth follows K / (1 + ((K - P0) / P0) exp(-rt))") {
  sd::Model m;
  m.specs = {0.0, 20.0, 0.05, 0.5, sd::Method::rk4};
  m.stock("P", "10", {"growth"});
  m.flow("growth", "r * P * (1 - P / K)");
  m.constant("r", 0.5);
  m.constant("K", 1000);
  const auto r = run_model(m);
  const auto p = r.column("P");
  for (std::size_t i = 0; i < r.rows(); ++i) {
    const double exact = 1000.0 / (1.0 + 99.0 * std::exp(-0.5 * r.times[i]));
    CHECK(p[i] == Approx(exact).epsilon(1e-7));
  }
}

TEST_CASE("two stocks in series follow the closed form") {
  // A -> B -> out: A = A0 exp(-k1 t); B = k1 A0 (exp(-k1 t) - exp(-k2 t)) / (k2 - k1).
  sd::Model m;
  m.specs = {0.0, 10.0, 0.01, 0.5, sd::Method::rk4};
  m.stock("A", "50", {}, {"transfer"});
  m.stock("B", "0", {"transfer"}, {"loss"});
  m.flow("transfer", "k1 * A");
  m.flow("loss", "k2 * B");
  m.constant("k1", 0.7);
  m.constant("k2", 0.2);
  const auto r = run_model(m);
  const auto a = r.column("A"), b = r.column("B");
  for (std::size_t i = 0; i < r.rows(); ++i) {
    const double t = r.times[i];
    CHECK(a[i] == Approx(50.0 * std::exp(-0.7 * t)).epsilon(1e-9));
    CHECK(b[i] == Approx(0.7 * 50.0 * (std::exp(-0.7 * t) - std::exp(-0.2 * t)) / (0.2 - 0.7)).epsilon(1e-8));
  }
}

TEST_CASE("Euler follows the fixed-step semantics: flows from current stocks, then stocks update") {
  // With dt = 1, S(n+1) = S(n) - k S(n) exactly, and the saved flow is the one computed at n.
  sd::Model m;
  m.specs = {0.0, 5.0, 1.0, 0.0, sd::Method::euler};
  m.stock("S", "100", {}, {"out"});
  m.flow("out", "0.5 * S");
  const auto r = run_model(m);
  const std::vector<double> s = {100, 50, 25, 12.5, 6.25, 3.125};
  const std::vector<double> out = {50, 25, 12.5, 6.25, 3.125, 1.5625};
  CHECK(r.column("S") == s);
  CHECK(r.column("out") == out);
  CHECK(r.times == std::vector<double>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("save step keeps every n-th row") {
  auto m = exponential_decay(0.25, sd::Method::euler);
  m.specs.save_step = 1.0;
  const auto r = run_model(m);
  REQUIRE(r.rows() == 11);
  CHECK(r.times[3] == 3.0);
}

TEST_CASE("an input set between steps reaches the flows at once after refresh()") {
  sd::Model m;
  m.specs = {0.0, 10.0, 1.0, 0.0, sd::Method::euler};
  m.stock("queue", "0", {"arriving"});
  m.flow("arriving", "arrivals");
  m.aux("arrivals", "0").input = true;
  auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(m));
  sd::Simulation sim(compiled);
  const auto arrivals = compiled->slot("arrivals"), queue = compiled->slot("queue");
  sim.set_value(arrivals, 5);
  sim.step();
  CHECK(sim.value(queue) == 0);  // without refresh, the step used the flow computed before the input
  sim.set_value(arrivals, 7);
  sim.refresh();
  CHECK(sim.value(compiled->slot("arriving")) == 7);
  sim.step();
  CHECK(sim.value(queue) == 7);  // the step used the refreshed flow
}

// Delays and smooths: step responses against their analytic forms, exact pipeline shifts, and
// conservation through material delays.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using revolve::test::run_model;

namespace {

// Response of an order-n exponential delay (or smooth) to a unit step at t = 0 from an initial
// output of 0: the Erlang-n distribution function with mean tau.
double erlang_cdf(int n, double tau, double t) {
  const double x = n * t / tau;
  double term = 1.0, sum = 1.0;
  for (int k = 1; k < n; ++k) {
    term *= x / k;
    sum += term;
  }
  return 1.0 - std::exp(-x) * sum;
}

sd::Model step_response_model(const std::string& equation) {
  sd::Model m;
  m.specs = {0.0, 30.0, 0.01, 0.5, sd::Method::rk4};
  m.aux("out", equation);
  m.constant("tau", 6);
  return m;
}

void check_erlang(const std::string& equation, int order) {
  const auto r = run_model(step_response_model(equation));
  const auto out = r.column("out");
  for (std::size_t i = 0; i < r.rows(); ++i) {
    CHECK(out[i] == Approx(erlang_cdf(order, 6.0, r.times[i])).margin(1e-9));
  }
}

}  // namespace

TEST_CASE("SMTH1 and DELAY1 step responses are 1 - exp(-t/tau)") {
  check_erlang("SMTH1(1, tau, 0)", 1);
  check_erlang("DELAY1(1, tau, 0)", 1);
}

TEST_CASE("SMTH3 and DELAY3 step responses are the Erlang-3 distribution function") {
  check_erlang("SMTH3(1, tau, 0)", 3);
  check_erlang("DELAY3(1, tau, 0)", 3);
}

TEST_CASE("DELAYN and SMTHN of order n follow Erlang-n") {
  check_erlang("DELAYN(1, tau, 5, 0)", 5);
  check_erlang("SMTHN(1, tau, 7, 0)", 7);
}

TEST_CASE("smooths and delays start at their input when no initial value is given") {
  const auto r = run_model(step_response_model("SMTH3(5, tau) + DELAY1(2, tau) + DELAY3(1, tau)"));
  for (double v : r.column("out")) CHECK(v == Approx(8.0));
}

TEST_CASE("fixed DELAY shifts its input exactly by the delay time") {
  sd::Model m;
  m.specs = {0.0, 20.0, 0.25, 0.0, sd::Method::euler};
  m.aux("input", "SIN(TIME) + TIME");
  m.aux("shifted", "DELAY(input, 3, -1)");
  m.aux("from_start", "DELAY(input, 2)");
  const auto r = run_model(m);
  const auto input = r.column("input"), shifted = r.column("shifted"), from_start = r.column("from_start");
  for (std::size_t i = 0; i < r.rows(); ++i) {
    const double t = r.times[i];
    CHECK(shifted[i] == (t < 3.0 ? -1.0 : input[i - 12]));  // 3 / 0.25 = 12 steps back
    CHECK(from_start[i] == (t < 2.0 ? input[0] : input[i - 8]));
  }
}

TEST_CASE("material delays conserve what flows through them") {
  // A pulse of 100 passes through each delay into a stock; stock + in transit = 100.
  for (const std::string delay : {"DELAY1(released, 4)", "DELAY3(released, 4)", "DELAYN(released, 4, 12)"}) {
    sd::Model m;
    m.specs = {0.0, 200.0, 0.25, 0.0, sd::Method::euler};
    m.stock("source", "100", {}, {"released"});
    m.flow("released", "PULSE(100, 1)");
    m.stock("arrived", "0", {"arriving"});
    m.flow("arriving", delay);
    const auto r = run_model(m);
    INFO(delay);
    CHECK(r.column("source").back() == Approx(0.0).margin(1e-12));
    CHECK(r.column("arrived").back() == Approx(100.0).epsilon(1e-9));
    // Nothing arrives before it was sent, and nothing is created on the way.
    for (double a : r.column("arrived")) CHECK(a <= 100.0 + 1e-9);
  }
}

// The coupler: what it reads and feeds, when, and the errors that name the problem.
#include <catch2/catch.hpp>

#include "sim/coupling/system_coupling.hpp"
#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "tests/cpp/abm/toy_model.hpp"

using namespace revolve;

namespace {

/// A stock that accumulates an input flow; dt 0.5, so two stock-flow steps per people step.
std::shared_ptr<const sd::CompiledModel> accumulator(double dt = 0.5) {
  sd::Model m;
  m.specs = {0.0, 10.0, dt, 0.0, sd::Method::euler};
  m.aux("ill_people", "0").input = true;
  m.aux("deaths_per_week", "0").input = true;
  m.flow("filling", "ill_people");
  m.stock("total", "0", {"filling"});
  m.aux("echo", "ill_people");
  m.constant("not_input", 1);
  return std::make_shared<const sd::CompiledModel>(sd::compile(m));
}

}  // namespace

TEST_CASE("reads happen before the people act, feeds after them, then the system steps dt by dt") {
  abm::Run run({1, 0});
  test::add_illness_model(run, 2'000);
  auto& system = run.add<coupling::SystemCoupling>(accumulator());
  const coupling::SystemValue total = system.read("total");
  system.feed_count("ill_people", "health", "ill");
  system.feed_events("deaths_per_week", "died");
  run.start();
  const auto& model = system.system().model();
  double expected_total = 0.0, ill = 0.0;
  for (int week = 1; week <= 5; ++week) {
    run.step();
    ill = system.system().value(model.slot("echo"));
    // The rules of this week saw the stock as it was at the end of last week.
    CHECK(system.value(total) == Approx(expected_total));
    // Two half-week Euler steps, both with this week's count: the coupler refreshes the flows
    // after feeding the inputs, so there is no lag.
    expected_total += 0.5 * ill + 0.5 * ill;
    CHECK(system.system().value(model.slot("total")) == Approx(expected_total));
    CHECK(system.system().value(model.slot("deaths_per_week")) == run.counters().total(run.counters().find("died")));
    CHECK(system.system().time() == Approx(week * 1.0));
  }
  CHECK(ill > 0);
}

TEST_CASE("feeding a variable that is not an input is an error that says how to declare it") {
  abm::Run run({1, 0});
  test::add_illness_model(run, 10);
  run.add<coupling::SystemCoupling>(accumulator()).feed_count("not_input", "health", "ill");
  CHECK_THROWS_WITH(run.start(), Catch::Contains("'not_input'") && Catch::Contains("input: true"));
}

TEST_CASE("a people step that is not a whole number of stock-flow steps is an error") {
  abm::Run run({1, 0});
  test::add_illness_model(run, 10);
  run.add<coupling::SystemCoupling>(accumulator(0.3));
  CHECK_THROWS_AS(run.start(), ModelError);
}

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

/// Reads a signal each step in Phase::interventions, as a rule would.
class Probe : public abm::Module {
 public:
  explicit Probe(std::string signal) : name_(std::move(signal)) {}
  PhaseSet phases() const override { return {Phase::interventions}; }
  void declare(abm::Run& run) override { signal_ = run.signals().read(name_, Phase::interventions); }
  void step(Phase, abm::Run& run) override { value = run.signals().value(signal_); }
  double value = -1;

 private:
  std::string name_;
  Signal signal_;
};

/// Writes a signal each step in Phase::advance_clock: the week number times 10.
class Writer : public abm::Module {
 public:
  explicit Writer(std::string signal) : name_(std::move(signal)) {}
  PhaseSet phases() const override { return {Phase::advance_clock}; }
  void declare(abm::Run& run) override { signal_ = run.signals().write(name_, Phase::advance_clock); }
  void step(Phase, abm::Run& run) override { run.signals().set(signal_, 10.0 * run.clock().step()); }

 private:
  std::string name_;
  Signal signal_;
};

}  // namespace

TEST_CASE("reads happen before the people act, feeds after them, then the system steps dt by dt") {
  abm::Run run({1, 0});
  test::add_illness_model(run, 2'000);
  auto& system = run.add<coupling::SystemCoupling>(accumulator());
  const auto& total = run.add<Probe>("system.total");
  system.feed_count("ill_people", "health", "ill");
  system.feed_events("deaths_per_week", "died");
  run.start();
  const auto& model = system.system().model();
  double expected_total = 0.0, ill = 0.0;
  for (int week = 1; week <= 5; ++week) {
    run.step();
    ill = system.system().value(model.slot("echo"));
    // The rules of this week saw the stock as it was at the end of last week.
    CHECK(total.value == Approx(expected_total));
    // Two half-week Euler steps, both with this week's count: the coupler refreshes the flows
    // after feeding the inputs, so there is no lag.
    expected_total += 0.5 * ill + 0.5 * ill;
    CHECK(system.system().value(model.slot("total")) == Approx(expected_total));
    CHECK(system.system().value(model.slot("deaths_per_week")) == run.counters().total(run.counters().find("died")));
    CHECK(system.system().time() == Approx(week * 1.0));
  }
  CHECK(ill > 0);
}

TEST_CASE("a module writing system.<input> sets the input before the people act; others keep their equation") {
  abm::Run run({1, 0});
  test::add_illness_model(run, 10);
  run.add<coupling::SystemCoupling>(accumulator());
  const auto& echo = run.add<Probe>("system.echo");
  const auto& deaths = run.add<Probe>("system.deaths_per_week");
  run.add<Writer>("system.ill_people");  // added last: the coupler still sees this week's value
  run.start();
  for (int week = 1; week <= 3; ++week) {
    run.step();
    CHECK(echo.value == 10.0 * week);
    CHECK(deaths.value == 0.0);  // nobody writes or feeds it: its equation, 0
  }
}

TEST_CASE("reading a variable the system lacks names it and suggests the closest") {
  abm::Run run({1, 0});
  test::add_illness_model(run, 10);
  run.add<coupling::SystemCoupling>(accumulator());
  run.add<Probe>("system.totl");
  CHECK_THROWS_WITH(run.start(), Catch::Contains("system.totl") && Catch::Contains("total"));
}

TEST_CASE("writing an input the system lacks is an error: nobody reads the signal") {
  abm::Run run({1, 0});
  test::add_illness_model(run, 10);
  run.add<coupling::SystemCoupling>(accumulator());
  run.add<Writer>("system.ill_peple");
  CHECK_THROWS_WITH(run.start(), Catch::Contains("system.ill_peple") && Catch::Contains("no module reads it"));
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

// Scheduled events fire in the step they are due, once, for people still present.
#include <catch2/catch.hpp>

#include "sim/abm/analyzers.hpp"
#include "sim/abm/scheduled_event.hpp"
#include "tests/cpp/abm/toy_model.hpp"

using namespace revolve;
using revolve::test::People;

namespace {

/// Everyone in custody; person i is due for release in step i % 7 (0: never), person 3 has died.
class Prisoners : public abm::Module {
 public:
  void declare(abm::Run& run) override {
    run.population().add_state("justice", {"community", "custody", "licence"});
    run.population().add_event_time("ti_release");
  }
  void init(abm::Run& run) override {
    auto& p = run.population();
    p.add_people(700);
    auto justice = p.states(p.state("justice"));
    auto release = p.event_times(p.event_time("ti_release"));
    for (std::size_t i = 0; i < p.size(); ++i) {
      justice[i] = 1;
      release[i] = i % 7 == 0 ? abm::no_event : static_cast<std::int32_t>(i % 7);
    }
    p.alive()[3] = 0;
  }
};

}  // namespace

TEST_CASE("a scheduled event fires in its step, once, and clears its time") {
  abm::Run run({1, 0});
  run.add<Prisoners>();
  run.add<abm::ScheduledEvent>(
      abm::ScheduledEventSpec{.name = "releases", .time = "ti_release", .column = "justice", .to = "licence"});
  run.add<abm::EventCounts>(std::vector<std::string>{"releases"});
  run.start();
  const auto& p = run.population();
  const auto justice = p.states(p.state("justice"));
  const auto release = p.event_times(p.event_time("ti_release"));

  for (std::int32_t step = 1; step <= 8; ++step) {
    run.step();
    std::int64_t released_now = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const auto due = static_cast<std::int32_t>(i % 7);
      const bool fired = i != 3 && due != 0 && due <= step;
      INFO("person " << i << " after step " << step);
      REQUIRE(justice[i] == (fired ? 2 : 1));
      REQUIRE(release[i] == (fired || due == 0 ? abm::no_event : due));
      released_now += i != 3 && due == step;
    }
    CHECK(run.outputs().at(static_cast<std::size_t>(step - 1), run.outputs().find("releases")) == released_now);
  }
}

TEST_CASE("an event set for a step already past fires the next time, and an exit event removes the person") {
  abm::Run run({1, 0});
  run.add<People>(3, People::States{{"stay", {"placed"}}});
  run.add<abm::ScheduledEvent>(abm::ScheduledEventSpec{.name = "moved_on", .time = "ti_move_on", .exits = true});
  struct Schedule : abm::Module {
    void declare(abm::Run& run) override { run.population().add_event_time("ti_move_on"); }
  };
  run.add<Schedule>();
  run.start();
  auto& p = run.population();
  auto move_on = p.event_times(p.event_time("ti_move_on"));
  move_on[0] = -5;  // in the past
  move_on[1] = 2;
  run.step();
  CHECK(p.alive()[0] == 0);
  CHECK(p.alive()[1] == 1);
  CHECK(run.counters().total(run.counters().find("moved_on")) == 1);
  run.step();
  CHECK(p.alive()[1] == 0);
  CHECK(p.alive()[2] == 1);
}

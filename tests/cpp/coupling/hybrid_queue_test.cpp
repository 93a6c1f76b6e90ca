// People queue for a capacity held as a stock; the queue never exceeds
// what the rules allow, and people are conserved every step.
#include <catch2/catch.hpp>

#include "tests/cpp/coupling/housing_first_queue.hpp"

using namespace revolve;

TEST_CASE("the hybrid queue keeps its limits and conserves people every step") {
  abm::Run run({8, 0});
  coupling::SystemCoupling& system = example::add_housing_first_queue(run);
  run.start();
  const Signal places = *run.signals().find("system.places");  // what the placement rule reads
  const abm::Population& p = run.population();
  const abm::StateColumn hf = p.state("hf");
  const auto total = [&](const char* counter) { return run.counters().total(run.counters().find(counter)); };

  std::int64_t entries = 0, exits = 0, turned_away = 0, full_weeks = 0, capacity_bound_weeks = 0;
  for (int week = 1; week <= 104; ++week) {
    run.step();
    const auto waiting = static_cast<std::int64_t>(p.count_alive(hf, 0));
    const auto placed = static_cast<std::int64_t>(p.count_alive(hf, 1));
    const double capacity = std::floor(run.signals().value(places));  // what this week's placements saw
    entries += total("arrivals");
    exits += total("moved_on") + total("dropped_out");
    turned_away += total("turned_away");
    full_weeks += waiting == example::max_waiting;
    capacity_bound_weeks += placed == capacity;

    INFO("week " << week << ": " << waiting << " waiting, " << placed << " placed of " << capacity);
    REQUIRE(placed <= capacity);
    REQUIRE(waiting <= example::max_waiting);
    REQUIRE(waiting + placed + exits == example::initial_waiting + entries);
    // The system received this week's counts.
    REQUIRE(system.system().value(system.system().model().slot("waiting_list")) == waiting);
    REQUIRE(system.system().value(system.system().model().slot("vacancies")) ==
            std::max(0.0, system.system().value(system.system().model().slot("places")) - placed));
  }
  // Both limits bound at some point, and the system responded to the queue by adding places.
  CHECK(full_weeks > 0);
  CHECK(turned_away > 0);
  CHECK(capacity_bound_weeks > 0);
  CHECK(system.system().value(system.system().model().slot("places")) > 40);
}

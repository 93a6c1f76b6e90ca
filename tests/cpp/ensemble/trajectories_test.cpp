// Per-run trajectories: chosen columns of every run, step by step, in run order.
#include "sim/ensemble/trajectories.hpp"

#include <catch2/catch.hpp>

#include "sim/ensemble/scenario_runner.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"

using namespace revolve;

TEST_CASE("trajectories keep chosen columns of every run, in run order") {
  test::ToyModel model;
  io::Scenario s;
  s.label = "Toy";
  s.model = "toy";
  s.horizon_years = 0.5;
  s.population_scale = 0.05;
  const auto prepared = model.prepare(s);
  ensemble::Trajectories kept(prepared->measures(), {"people.rough_sleeping[b]", "cost.la_housing"});
  std::vector<std::uint32_t> order;
  ensemble::ScenarioRunOptions options;
  options.runs = 3;
  options.on_run = [&](std::uint32_t run, const abm::Outputs& outputs) {
    order.push_back(run);
    kept.add(outputs);
  };
  const auto results = ensemble::run_scenario(prepared, options);
  CHECK(order == std::vector<std::uint32_t>{0, 1, 2});
  REQUIRE(kept.runs() == 3);
  REQUIRE(kept.steps() == prepared->steps());
  CHECK(kept.values().size() == 3 * kept.steps() * 2);
  // The flow's steps add up to the run's total over the horizon.
  const std::size_t horizon = results.totals.periods().size() - 1;
  const std::size_t cost = results.totals.column("cost.la_housing", "");
  for (std::uint32_t run = 0; run < 3; ++run) {
    double sum = 0;
    for (std::size_t step = 0; step < kept.steps(); ++step) sum += kept.values()[(run * kept.steps() + step) * 2 + 1];
    CHECK(sum == Approx(results.totals.value(run, horizon, cost)));
  }
  CHECK_THROWS_WITH(ensemble::Trajectories(prepared->measures(), {"people.rough_sleepin"}),
                    Catch::Matchers::Contains("no measure 'people.rough_sleepin'") &&
                        Catch::Matchers::Contains("did you mean"));
}

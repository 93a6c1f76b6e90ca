// docs/model/calibration.md is current: re-running the calibration with the same runs and seed
// gives the committed file, and at least 8 targets hold.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <fstream>
#include <sstream>

#include "models/revolving_door/calibration.hpp"
#include "sim/io/scenario.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;

TEST_CASE("docs/model/calibration.md is current and at least 8 calibration targets hold") {
  const auto report = revolving_door::run_calibration(
      test::revolving_door(), io::parse_scenario(REVOLVE_SOURCE_DIR "/scenarios/bristol/baseline.yaml"),
      revolving_door::calibration_runs, revolving_door::calibration_seed);
  std::size_t held = 0;
  for (const auto& r : report.results) {
    INFO("target " << r.target.number << ": " << r.target.name << ", model " << r.model.low << " to " << r.model.high);
    CHECK(r.runs > 0);
    held += r.holds;
  }
  CHECK(held >= 8);

  std::ifstream in(REVOLVE_SOURCE_DIR "/docs/model/calibration.md", std::ios::binary);
  std::stringstream committed;
  committed << in.rdbuf();
  INFO("regenerate: build-model/models/revolving_door/revolving_door_calibration --out docs/model/calibration.md");
  CHECK(committed.str() == revolving_door::calibration_markdown(report));
}

TEST_CASE("the engine sees the targets, and their means are the calibration report's, run only where needed") {
  const auto& model = test::revolving_door();
  const auto targets = model.calibration_targets();
  REQUIRE(targets.size() == 18);
  CHECK(targets[0].name == "revolving between the street and hostels");
  CHECK(targets[0].value == 70);
  CHECK(targets[0].low == 60);
  const io::Scenario small = test::ScenarioBuilder(0.1, 4).scenario();
  const auto report = revolving_door::run_calibration(model, small, 3, 5);
  std::vector<std::size_t> all(18);
  for (std::size_t t = 0; t < all.size(); ++t) all[t] = t;
  std::atomic<int> steps = 0;  // the callback runs on the ensemble's worker threads
  const auto means = model.calibration_means(small, all, 3, 5, [&steps] { ++steps; });
  REQUIRE(means.size() == 18);
  for (std::size_t t = 0; t < 18; ++t) {
    INFO("target " << t + 1);
    if (report.results[t].runs == 0) {
      CHECK(std::isnan(means[t]));
    } else {
      CHECK(means[t] == report.results[t].model.mean);
    }
  }
  const int weeks = static_cast<int>(std::lround(4 * 52.1786));
  CHECK(steps == 2 * 3 * weeks);  // the baseline and the interventions scenario (targets 8, 12, 13)
  steps = 0;
  const auto baseline_only = model.calibration_means(small, {10, 0}, 3, 5, [&steps] { ++steps; });
  CHECK(baseline_only == std::vector<double>{means[10], means[0]});
  CHECK(steps == 3 * weeks);
}

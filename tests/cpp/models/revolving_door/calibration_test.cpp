// docs/model/calibration.md is current: re-running the calibration with the same runs and seed
// gives the committed file, and at least 8 targets hold.
#include <catch2/catch.hpp>

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

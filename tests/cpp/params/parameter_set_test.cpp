#include <catch2/catch.hpp>
#include <cmath>

#include "sim/core/error.hpp"
#include "sim/params/parameter_file.hpp"
#include "tests/cpp/params/support.hpp"

using namespace revolve::params;
using namespace revolve::params::test;
using Catch::Detail::Approx;
using Catch::Matchers::Contains;

namespace {

// Two parameters: health.relapse (probability per year, sourced) and health.stay (weeks).
ParameterSet two_parameters() {
  const std::string stay =
      "      stay:\n"
      "        value: 6\n"
      "        unit: weeks\n"
      "        kind: duration\n"
      "        description: Length of an inpatient stay.\n"
      "        uncertainty: {distribution: triangular, low: 4, mode: 6, high: 16}\n"
      "        bounds: [1, 52]\n"
      "        status: assumption\n"
      "        rationale: between mood disorder and psychosis stays\n";
  return parse_parameter_file(file_with(valid_parameter + stay), "test.yaml");
}

}  // namespace

TEST_CASE("handles resolve once and read by index") {
  const auto set = two_parameters();
  const auto relapse = set.id("health.relapse");
  const auto stay = set.id("health.stay");
  CHECK(relapse.index == 0);
  CHECK(stay.index == 1);
  CHECK(set[stay] == 6);
  CHECK(set.find("health.nothing") == std::nullopt);
  CHECK(set.count_by_status() == StatusCounts{1, 0, 0, 1});
}

TEST_CASE("an unknown name is an error that suggests the closest names") {
  const auto set = two_parameters();
  try {
    set.id("health.relapses");
    FAIL("no error");
  } catch (const revolve::ParameterError& e) {
    CHECK_THAT(e.what(), Contains("unknown parameter 'health.relapses'") && Contains("did you mean 'health.relapse'"));
  }
  CHECK(set.closest_names("healt.stay") == std::vector<std::string>{"health.stay"});
  CHECK(set.closest_names("housing_first.places").empty());
  CHECK(set.closest_names("mental_health.relapse") == std::vector<std::string>{"health.relapse"});
}

TEST_CASE("overrides are read in the parameter's own unit unless they name one") {
  auto set = two_parameters();
  set.set({"health.stay", 8, "", {}});
  CHECK(set[set.id("health.stay")] == 8);
  set.set({"health.stay", 3, "months", {}});
  CHECK(set[set.id("health.stay")] == Approx(3 * 365.25 / 12 / 7));
  set.set({"health.relapse", 0.02, "probability per week", {}});
  CHECK(set[set.id("health.relapse")] == Approx(0.02));
}

TEST_CASE("overrides go through the same validation as the file") {
  const auto set = two_parameters();
  const Origin origin{"scenario.yaml", 7};
  CHECK_THROWS_WITH(set.check({"health.stay", 60, "", origin}),
                    Contains("scenario.yaml:7") && Contains("out of bounds [1, 52] weeks"));
  CHECK_THROWS_WITH(set.check({"health.stay", 2, "years", origin}), Contains("out of bounds"));
  CHECK_THROWS_WITH(set.check({"health.stay", 2, "per year", origin}),
                    Contains("scenario.yaml:7") && Contains("unit mismatch"));
  CHECK_THROWS_WITH(set.check({"health.relapse", 0.1, "probability", origin}), Contains("unit mismatch"));
  CHECK_THROWS_WITH(set.check({"health.stay_length", 2, "", origin}),
                    Contains("scenario.yaml:7") && Contains("did you mean 'health.stay'"));
  CHECK_THROWS_AS(set.check({"health.relapse", 1.5, "", origin}), revolve::ParameterError);
}

TEST_CASE("after freeze no parameter changes") {
  auto set = two_parameters();
  set.set({"health.relapse", 0.3, "", {}});  // describe phase: anything goes
  set.freeze();
  CHECK_THROWS_WITH(set.set({"health.stay", 10, "", {}}), Contains("health.stay") && Contains("cannot change during a run"));
  CHECK_THROWS_WITH(set.set({"health.relapse", 0.4, "", {}}),
                    Contains("health.relapse") && Contains("cannot change during a run") && Contains("test.yaml:14"));
  CHECK(set[set.id("health.relapse")] == Approx(1 - std::pow(0.7, 7 / 365.25)));
}

TEST_CASE("a set built in code is validated like a file") {
  Parameter p;
  p.name = "health.relapse";
  p.value = 2;
  p.unit = *parse_unit("probability");
  p.description = "d";
  p.provenance.status = Status::assumption;
  p.provenance.rationale = "r";
  p.uncertainty = Uniform{0, 1};
  p.bounds = natural_bounds(p.unit);
  CHECK_THROWS_WITH(ParameterSet(Header{"code", "", {}}, {}, {p}), Contains("out of bounds"));
  p.value = 0.5;
  CHECK(ParameterSet(Header{"code", "", {}}, {}, {p}).size() == 1);
}

// Scenario files: extends, merging, schedules, and one test for every kind of bad input, each
// answered with the file, line and key.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sim/core/error.hpp"
#include "sim/io/scenario.hpp"
#include "sim/params/parameter_file.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const char* parameters_text = R"(model: demo
conventions: {time_unit: week}
sections:
  housing_first:
    title: Housing First
    parameters:
      places:
        value: 30
        unit: places
        kind: count
        description: Places funded.
        bounds: [0, 1000]
        uncertainty: {distribution: uniform, low: 20, high: 40}
        status: assumption
        rationale: For tests.
      eviction_rate:
        value: 0.1
        unit: per year
        kind: rate
        description: Evictions.
        bounds: [0, 5]
        uncertainty: {distribution: uniform, low: 0.05, high: 0.2}
        status: assumption
        rationale: For tests.
)";

/// A folder of scenario files for one test, removed afterwards; named by process too, as ctest runs each test case
/// in a process of its own, several at a time.
struct Folder : test::TempFolder {
  Folder() : TempFolder("revolve_scenarios") {}
};

const params::ParameterSet& demo_parameters() {
  static const auto set = params::parse_parameter_file(parameters_text, "parameters.yaml");
  return set;
}

io::ScenarioSchema schema() {
  return {"demo", &demo_parameters(), {"housing_first", "mtam"}, {"people.rough_sleeping", "events.ae"}};
}

const std::string base = "model: demo\nscenario: Baseline\nruns: 20\nseed: 3\nhorizon_years: 10\n";

std::string error_of(const Folder& folder, const std::string& text, const io::ScenarioSchema& against = schema()) {
  const auto path = folder.write("s.yaml", text);
  try {
    io::validate_scenario(io::parse_scenario(path), against);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("a scenario extends its baseline: settings, parameters and interventions merge") {
  Folder f;
  f.write("baseline.yaml", base + "parameters:\n  housing_first.places: 30\ninterventions:\n  mtam: {start: 0}\n");
  const auto path = f.write("more.yaml", R"(extends: baseline.yaml
scenario: More places
runs: 50
parameters:
  housing_first.places: 80
  housing_first.eviction_rate: {value: 0.2, unit: per month}
interventions:
  housing_first: {start: 0.5, scale_up: 1, stop: 8}
  mtam: off
)");
  const auto s = io::parse_scenario(path);
  io::validate_scenario(s, schema());
  CHECK(s.label == "More places");
  CHECK(s.runs == 50);
  CHECK(s.seed == 3);
  CHECK(s.parameters.back().unit == "per month");
  CHECK(s.interventions.count("mtam") == 0);
  const auto& hf = s.interventions.at("housing_first");
  CHECK(hf.level_at(0.25) == 0.0);
  CHECK(hf.level_at(1.0) == Approx(0.5));
  CHECK(hf.level_at(2.0) == 1.0);
  CHECK(hf.level_at(8.0) == 0.0);
  CHECK(s.chain.size() == 2);
  CHECK(s.hash() != io::parse_scenario(f.write("b.yaml", base)).hash());
}

TEST_CASE("the hash ignores labels and follows what changes results") {
  Folder f;
  const auto a = io::parse_scenario(f.write("a.yaml", base));
  const auto b = io::parse_scenario(f.write("b.yaml", base + "description: the same runs\n"));
  const auto c = io::parse_scenario(f.write("c.yaml", base + "parameters: {housing_first.places: 31}\n"));
  CHECK(a.hash() == b.hash());
  CHECK(a.hash() != c.hash());
}

TEST_CASE("bad scenario input: an unknown key") {
  Folder f;
  CHECK_THAT(error_of(f, base + "horizon: 5\n"), Contains("s.yaml:6: unknown key 'horizon'"));
  CHECK_THAT(error_of(f, base + "interventions:\n  mtam: {start: 0, begin: 1}\n"),
             Contains("s.yaml:7: unknown key 'begin' in the schedule of 'mtam'"));
}

TEST_CASE("bad scenario input: a wrong type") {
  Folder f;
  CHECK_THAT(error_of(f, "model: demo\nruns: many\n"),
             Contains("s.yaml:2: 'runs' must be a whole number from 1 to 100000, got 'many'"));
  CHECK_THAT(error_of(f, "model: demo\nruns: 2.5\n"), Contains("s.yaml:2: 'runs' must be a whole number"));
  CHECK_THAT(error_of(f, base + "parameters:\n  housing_first.places: [1, 2]\n"),
             Contains("s.yaml:7: 'housing_first.places' must be a number, got 'a list'"));
}

TEST_CASE("bad scenario input: a value out of bounds") {
  Folder f;
  CHECK_THAT(error_of(f, base + "parameters:\n  housing_first.places: 5000\n"),
             Contains("s.yaml:7: 'housing_first.places': value 5000 places is out of bounds [0, 1000]"));
}

TEST_CASE("bad scenario input: a unit mismatch") {
  Folder f;
  CHECK_THAT(error_of(f, base + "parameters:\n  housing_first.eviction_rate: {value: 3, unit: days}\n"),
             Contains("s.yaml:7: 'housing_first.eviction_rate': unit mismatch: 'days' does not fit 'per year'"));
}

TEST_CASE("bad scenario input: an unknown parameter suggests the closest names") {
  Folder f;
  CHECK_THAT(error_of(f, base + "parameters:\n  housing_first.place: 5\n"),
             Contains("s.yaml:7: unknown parameter 'housing_first.place'"));
}

TEST_CASE("bad scenario input: a missing extends target") {
  Folder f;
  CHECK_THAT(error_of(f, "extends: nowhere.yaml\n"), Contains("s.yaml:1: extends 'nowhere.yaml': no such file"));
}

TEST_CASE("bad scenario input: a cycle of extends") {
  Folder f;
  f.write("a.yaml", "extends: b.yaml\n");
  f.write("b.yaml", "extends: a.yaml\n");
  CHECK_THAT(error_of(f, "extends: a.yaml\n"), Contains("cycle of extends: s.yaml -> a.yaml -> b.yaml -> a.yaml"));
}

TEST_CASE("bad scenario input: an unknown intervention") {
  Folder f;
  CHECK_THAT(error_of(f, base + "interventions:\n  navigtors: {start: 1}\n"),
             Contains("s.yaml:7: unknown intervention 'navigtors' (known: housing_first, mtam)"));
}

TEST_CASE("bad scenario input: an overlapping schedule") {
  Folder f;
  const std::string text = base + R"(interventions:
  mtam:
    schedule:
      - {start: 0, stop: 3}
      - {start: 2, scale_up: 1}
)";
  CHECK_THAT(error_of(f, text), Contains("s.yaml:10: overlapping schedule: this window of 'mtam' starts at 2 years, "
                                         "before the window at line 9 stops (3 years)"));
  CHECK_THAT(error_of(f, base + "interventions:\n  mtam: {start: 3, stop: 2}\n"),
             Contains("'stop' of 'mtam' must come after its start"));
}

TEST_CASE("bad scenario input: malformed YAML") {
  Folder f;
  CHECK_THAT(error_of(f, base + "parameters: {housing_first.places: 3\n"), Contains("s.yaml:7: malformed YAML"));
}

TEST_CASE("bad scenario input: an unknown output, a wrong model, an intervention after the horizon") {
  Folder f;
  CHECK_THAT(error_of(f, base + "outputs: [people.rough]\n"),
             Contains("unknown output 'people.rough' (did you mean 'people.rough_sleeping'?)"));
  CHECK_THAT(error_of(f, "model: other\n"), Contains("this scenario is for model 'other', not 'demo'"));
  CHECK_THAT(error_of(f, base + "interventions:\n  mtam: {start: 12}\n"), Contains("s.yaml:7: 'mtam' starts after the horizon"));
  CHECK_THAT(error_of(f, "runs: 3\n"), Contains("s.yaml:1: a scenario that extends nothing must name its 'model'"));
}

namespace {

io::ScenarioSchema with_cohort() {
  io::ScenarioSchema s = schema();
  s.cohort_columns = {{"housing", {"settled", "rough_sleeping", "temporary"}}, {"need", {"moderate", "high"}}};
  return s;
}

}  // namespace

TEST_CASE("a closed cohort: its size and shares, merged by a child file as a whole, and in the hash") {
  Folder f;
  f.write("base.yaml", base + "cohort:\n  people: 200\n  housing: {rough_sleeping: 0.5, temporary: 0.5}\n"
                              "  need: {high: 1}\n");
  const auto child = f.write("child.yaml", "extends: base.yaml\ncohort:\n  people: 50\n");
  const io::Scenario parent = io::parse_scenario(f.write("parent.yaml", "extends: base.yaml\n"));
  REQUIRE(parent.cohort);
  CHECK(parent.cohort->people == 200);
  REQUIRE(parent.cohort->shares.at("housing").size() == 2);
  CHECK(parent.cohort->shares.at("housing")[0].category == "rough_sleeping");
  CHECK(parent.cohort->shares.at("housing")[0].share == 0.5);
  CHECK(parent.cohort->shares.at("need")[0].origin.line == 9);
  const io::Scenario s = io::parse_scenario(child);
  REQUIRE(s.cohort);
  CHECK(s.cohort->people == 50);
  CHECK(s.cohort->shares.empty());  // a child's cohort replaces the parent's whole
  CHECK(s.hash() != parent.hash());
  io::validate_scenario(parent, with_cohort());
}

TEST_CASE("bad scenario input: a closed cohort's shares, columns and states") {
  Folder f;
  const auto cohort = [&](const std::string& lines) { return error_of(f, base + "cohort:\n" + lines, with_cohort()); };
  CHECK_THAT(cohort("  people: 10\n  housing: {rough_sleeping: 0.5, temporary: 0.4}\n"),
             Contains("s.yaml:8: the shares of 'cohort.housing' sum to 0.9, not 1"));
  CHECK_THAT(cohort("  people: 10\n  housing: {rough_sleeping: 1.5, temporary: -0.5}\n"),
             Contains("s.yaml:8: 'cohort.housing.rough_sleeping' must be a share from 0 to 1, got 1.5"));
  CHECK_THAT(cohort("  people: 10\n  housing:\n    rough_sleeping: 1\n    temporary: -0.0001\n"),
             Contains("s.yaml:10: 'cohort.housing.temporary' must be a share from 0 to 1, got -0.0001"));
  CHECK_THAT(cohort("  people: 10\n  housing: {rough_sleping: 1}\n"),
             Contains("s.yaml:8: unknown state 'rough_sleping' of 'cohort.housing' (did you mean 'rough_sleeping'?)"));
  CHECK_THAT(cohort("  people: 10\n  hosuing: {settled: 1}\n"),
             Contains("s.yaml:8: unknown column 'cohort.hosuing' (did you mean 'housing'?)"));
  CHECK_THAT(cohort("  people: 10\n  need: high\n"), Contains("s.yaml:8: 'cohort.need' must map states to shares"));
  CHECK_THAT(cohort("  need: {high: 1}\n"), Contains("s.yaml:7: 'cohort' needs 'people'"));
  CHECK_THAT(cohort("  people: -5\n"), Contains("s.yaml:7: 'cohort.people' must be positive, got -5"));
  CHECK_THAT(cohort("  people: 10\n  need: {high: lots}\n"),
             Contains("s.yaml:8: 'cohort.need.high' must be a number, got 'lots'"));
  CHECK_THAT(error_of(f, base + "cohort: {people: 10}\n"), Contains("s.yaml:6: model 'demo' cannot start from a closed cohort"));
}

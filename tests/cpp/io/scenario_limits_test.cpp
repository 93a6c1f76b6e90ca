// Hostile scenario files (docs/reliability.md): each is refused with one line naming the file and line, at
// once, before anything is allocated or run. Earlier versions crashed, hung or silently changed the value.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "sim/core/error.hpp"
#include "sim/io/scenario.hpp"
#include "tests/cpp/support/error_text.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
using revolve::test::TempFolder;

namespace {

const std::string base = "model: demo\nscenario: Baseline\n";

io::ScenarioSchema schema() { return {"demo", nullptr, {"mtam"}, {}}; }

std::string error_of(const std::filesystem::path& path) {
  return revolve::test::error_text<ScenarioError>([&] { io::validate_scenario(io::parse_scenario(path), schema()); });
}

std::string error_of(const TempFolder& dir, const std::string& text) { return error_of(dir.write("s.yaml", text)); }

}  // namespace

TEST_CASE("seeds are read exactly, up to the largest 64-bit number") {
  TempFolder dir;
  CHECK(io::parse_scenario(dir.write("a.yaml", base + "seed: 9007199254740993\n")).seed == 9007199254740993ULL);
  CHECK(io::parse_scenario(dir.write("b.yaml", base + "seed: 18446744073709551615\n")).seed == 18446744073709551615ULL);
  CHECK_THAT(error_of(dir, base + "seed: 18446744073709551616\n"),
             Contains("s.yaml:3: 'seed' must be a whole number from 0 to 18446744073709551615, got '18446744073709551616'"));
  CHECK_THAT(error_of(dir, base + "seed: -1\n"), Contains("s.yaml:3: 'seed' must be a whole number"));
  CHECK_THAT(error_of(dir, base + "seed: 1e3\n"), Contains("s.yaml:3: 'seed' must be a whole number"));
}

TEST_CASE("runs beyond the limit, or beyond any integer, are refused rather than wrapped to 0") {
  TempFolder dir;
  CHECK(io::parse_scenario(dir.write("a.yaml", base + "runs: 100000\n")).runs == 100000);
  CHECK_THAT(error_of(dir, base + "runs: 99999999999999999999\n"),
             Contains("s.yaml:3: 'runs' must be a whole number from 1 to 100000, got '99999999999999999999'"));
  CHECK_THAT(error_of(dir, base + "runs: 100001\n"), Contains("s.yaml:3: 'runs' must be a whole number from 1 to 100000"));
  CHECK_THAT(error_of(dir, base + "runs: 0\n"), Contains("s.yaml:3: 'runs' must be a whole number from 1 to 100000"));
}

TEST_CASE("a horizon beyond the limit is refused, from a file or set in code") {
  TempFolder dir;
  CHECK(error_of(dir, base + "horizon_years: 1e12\n") ==
        (dir / "s.yaml").string() + ":3: 'horizon_years' 1e+12 is above the limit of 100 years");
  io::Scenario s = io::parse_scenario(dir.write("ok.yaml", base + "horizon_years: 100\n"));
  CHECK_NOTHROW(io::validate_scenario(s, schema()));
  s.horizon_years = 1e12;
  CHECK_THROWS_WITH(io::validate_scenario(s, schema()), Contains("ok.yaml: 'horizon_years' 1e+12 is above the limit"));
}

TEST_CASE("a model refuses more people per run than the limit, naming the scenario file") {
  TempFolder dir;
  const io::Scenario s = io::parse_scenario(dir.write("big.yaml", base + "population_scale: 1e9\n"));
  CHECK_NOTHROW(io::check_population(s, 230000));  // a national model: 40 times Bristol's 5,750
  CHECK_THROWS_WITH(io::check_population(s, 5.75e12),
                    Contains("big.yaml: a run would hold about 5.75e+12 people (population_scale 1e+09), above the "
                             "limit of 20000000 people per run"));
}

TEST_CASE("a repeated key is refused, naming both lines, at any depth") {
  TempFolder dir;
  CHECK(error_of(dir, base + "runs: 5\nruns: 50\n") == (dir / "s.yaml").string() + ":4: repeated key 'runs' (first at line 3)");
  CHECK_THAT(error_of(dir, base + "interventions:\n  mtam: {start: 1, start: 2}\n"),
             Contains("s.yaml:4: repeated key 'start' (first at line 4)"));
  CHECK_THAT(error_of(dir, base + "parameters:\n  a.b: 1\n  c.d: 2\n  a.b: 3\n"),
             Contains("s.yaml:6: repeated key 'a.b' (first at line 4)"));
}

TEST_CASE("extends reads only regular files: not an endless device, not a FIFO") {
  ::alarm(20);  // a regression would block on the FIFO: the alarm makes that a failure
  TempFolder dir;
  CHECK(error_of(dir, "extends: /dev/zero\n") == "/dev/zero: is a character device, not a regular file");
  REQUIRE(::mkfifo((dir / "pipe.yaml").c_str(), 0600) == 0);
  CHECK_THAT(error_of(dir, "extends: pipe.yaml\n"), Contains("pipe.yaml: is a FIFO (named pipe), not a regular file"));
  ::alarm(0);
}

TEST_CASE("a scenario file beyond the size limit is refused") {
  TempFolder dir;
  const std::string padding = "# " + std::string(io::limits::file_bytes, 'x') + "\n";
  CHECK_THAT(error_of(dir, base + padding), Contains("s.yaml: larger than the limit of 1 MiB for this file"));
}

TEST_CASE("nested aliases that would expand to billions of values are refused quickly") {
  TempFolder dir;
  std::string text = base + "description: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string previous = "*a" + std::to_string(i - 1);
    text += "v" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + previous;
    for (int k = 1; k < 10; ++k) text += ", " + previous;
    text += "]\n";
  }
  CHECK_THAT(error_of(dir, text), Contains("more than 100000 YAML values (aliases counted)"));
}

TEST_CASE("an alias inside its own anchor is refused, not followed until the stack overflows") {
  // Found by scenario_fuzz: the repeated-key check recursed through the cycle and crashed (SIGSEGV).
  TempFolder dir;
  CHECK_THAT(error_of(dir, base + "parameters:\n  contracts.term: &term\n    contracts.extension: *term\n"),
             Contains("s.yaml:4: an alias refers to a value that holds it"));
  CHECK_THAT(error_of(dir, base + "outputs: &list [people.rough_sleeping, *list]\n"),
             Contains("an alias refers to a value that holds it"));
  // An alias elsewhere, to a value that does not hold it, is fine.
  CHECK_THAT(error_of(dir, base + "v1: &a [x]\nv2: [*a, *a]\n"), !Contains("alias"));
}

TEST_CASE("lists nested thousands deep are refused, not a stack overflow") {
  TempFolder dir;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK_THAT(error_of(dir, base + "description: " + deep + "\n"), Contains("s.yaml:3: malformed YAML: lists or mappings nested more than"));
}

// Found by fuzz/scenario_fuzz: yaml-cpp's bad conversion escaped as a YAMLException naming neither file nor line.
TEST_CASE("a list or a mapping as a key is refused, naming the file and line") {
  TempFolder dir;
  CHECK(error_of(dir, base + "? [runs]\n: 5\n") == (dir / "s.yaml").string() + ":3: a key must be a single value, not a list");
  CHECK_THAT(error_of(dir, base + "parameters:\n  ? {a: 1}\n  : 2\n"),
             Contains("s.yaml:4: a key must be a single value, not a mapping"));
  CHECK_THAT(error_of(dir, base + "parameters:\n  a.b: {? [value]: 1}\n"), Contains("s.yaml:4: a key must be a single value"));
  CHECK_THAT(error_of(dir, base + "interventions:\n  ? [mtam]\n  : {start: 1}\n"), Contains("s.yaml:4: a key must be a single value"));
  CHECK_THAT(error_of(dir, base + "interventions:\n  mtam: {? [start]: 1}\n"), Contains("s.yaml:4: a key must be a single value"));
}

// Found by fuzz/scenario_fuzz: std::filesystem::exists threw filesystem_error, which named no line.
TEST_CASE("an extends name the file system refuses is a scenario error naming the line") {
  TempFolder dir;
  const std::string name = std::string(300, 'x') + ".yaml";  // a file name is at most 255 bytes
  const std::string error = error_of(dir, base + "extends: " + name + "\n");
  CHECK_THAT(error, Contains("s.yaml:3: extends '" + name + "': File name too long"));
}

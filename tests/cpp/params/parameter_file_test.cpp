#include "sim/params/parameter_file.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/core/error.hpp"
#include "tests/cpp/params/support.hpp"

using namespace revolve::params;
using namespace revolve::params::test;
using Catch::Detail::Approx;
using Catch::Matchers::Contains;

namespace {

ParameterSet load(const std::string& text) { return parse_parameter_file(text, "test.yaml"); }

// The valid file with one line changed.
std::string broken(const std::string& from, const std::string& to) {
  return replaced(file_with(valid_parameter), from, to);
}

// Loading `text` throws Error type E whose message holds every fragment (file:line, key, reason).
template <class E>
void rejects(const std::string& text, std::initializer_list<const char*> fragments) {
  try {
    load(text);
    FAIL("the file loaded but should have been rejected");
  } catch (const E& e) {
    for (const char* fragment : fragments) CHECK_THAT(e.what(), Contains(fragment));
  }
}

}  // namespace

TEST_CASE("a valid file loads with values in model units") {
  const auto set = load(file_with(valid_parameter));
  REQUIRE(set.size() == 1);
  const auto id = set.id("health.relapse");
  CHECK(set[id] == Approx(1 - std::pow(0.8, 7 / 365.25)));
  const auto& p = set.spec(id);
  CHECK(p.value == 0.2);
  CHECK(p.unit.text == "probability per year");
  CHECK(p.provenance.status == Status::sourced);
  CHECK(p.provenance.source->location == "table 2");
  CHECK(p.origin.line == 14);
  CHECK(p.bounds.low == 0);
  CHECK(p.bounds.high == 1);
  REQUIRE(set.sections().size() == 1);
  CHECK(set.sections()[0].title == "Health");
  CHECK(set.conventions().time_unit == TimeUnit::week);
  CHECK(set.model() == "test");
}

TEST_CASE("rejects unknown keys, naming file, line and key") {
  rejects<revolve::ParameterError>(broken("        status: sourced\n", "        status: sourced\n        sorce: x\n"),
                                   {"test.yaml:22", "unknown key 'sorce'", "health.relapse"});
  rejects<revolve::ParameterError>(broken("model: test", "model: test\nmodle: x"), {"test.yaml:2", "'modle'"});
  rejects<revolve::ParameterError>(broken("    title: Health", "    title: Health\n    colour: red"),
                                   {"test.yaml:13", "'colour'", "section 'health'"});
  rejects<revolve::ParameterError>(broken("uniform, low", "uniform, mode: 0.2, low"), {"test.yaml:20", "'mode'"});
}

TEST_CASE("rejects duplicate keys") {
  rejects<revolve::ParameterError>(broken("        value: 0.2\n", "        value: 0.2\n        value: 0.3\n"),
                                   {"test.yaml:16", "duplicate key 'value'"});
  rejects<revolve::ParameterError>(file_with(valid_parameter + valid_parameter), {"duplicate key 'relapse'"});
}

TEST_CASE("rejects a missing source unless the status is assumption with a rationale") {
  const std::string source = "        source: {citation: A study, where: table 2}\n";
  rejects<revolve::ParameterError>(broken(source, ""), {"test.yaml:14", "health.relapse", "needs a 'source'"});
  rejects<revolve::ParameterError>(broken("where: table 2", "page: 2"), {"test.yaml:19", "unknown key 'page'"});
  const auto assumption = replaced(broken(source, ""), "status: sourced", "status: assumption");
  rejects<revolve::ParameterError>(assumption, {"test.yaml:14", "needs a 'rationale'"});
  const auto with_rationale =
      replaced(assumption, "        status: assumption", "        status: assumption\n        rationale: expert view");
  CHECK(load(with_rationale).spec(ParamId{0}).provenance.rationale == "expert view");
}

TEST_CASE("rejects other incomplete provenance") {
  rejects<revolve::ParameterError>(broken("status: sourced", "status: derived"), {"needs a 'derivation'"});
  rejects<revolve::ParameterError>(broken("status: sourced", "status: calibrated"), {"needs 'calibrate_to'"});
  rejects<revolve::ParameterError>(broken("status: sourced", "status: guessed"), {"test.yaml:21", "unknown status"});
  const auto assumption = broken("status: sourced", "status: assumption\n        rationale: r");
  rejects<revolve::ParameterError>(replaced(assumption, "{distribution: uniform, low: 0.1, high: 0.3}", "none"),
                                   {"an assumption needs an uncertainty range"});
}

TEST_CASE("rejects a value out of bounds") {
  rejects<revolve::ParameterError>(broken("value: 0.2", "value: 1.2"),
                                   {"test.yaml:14", "value 1.2 is out of bounds [0, 1]"});
  rejects<revolve::ParameterError>(
      broken("        status: sourced\n", "        status: sourced\n        bounds: [0, 0.15]\n"),
      {"health.relapse", "out of bounds [0, 0.15]"});
  rejects<revolve::ParameterError>(
      broken("        status: sourced\n", "        status: sourced\n        bounds: [0, 2]\n"),
      {"bounds [0, 2] go beyond"});
  rejects<revolve::ParameterError>(
      broken("        status: sourced\n", "        status: sourced\n        bounds: [0.5, 0.1]\n"), {"reversed"});
}

TEST_CASE("rejects a unit that does not match the kind") {
  rejects<revolve::ParameterError>(broken("unit: probability per year", "unit: per year"),
                                   {"test.yaml:16", "unit mismatch", "'per year' is a rate unit", "kind probability"});
  rejects<revolve::ParameterError>(broken("unit: probability per year", "unit: probability per fortnight"),
                                   {"test.yaml:16", "unknown unit"});
  rejects<revolve::ParameterError>(broken("kind: probability", "kind: chance"),
                                   {"test.yaml:17", "unknown kind 'chance'"});
}

TEST_CASE("rejects malformed YAML as an input error with its line") {
  rejects<revolve::InputError>(broken("value: 0.2", "value: [0.2"), {"test.yaml:", "malformed YAML"});
  rejects<revolve::ParameterError>("- just\n- a list\n", {"test.yaml:1", "must be a mapping"});
  rejects<revolve::ParameterError>("", {"test.yaml", "must be a mapping"});
}

TEST_CASE("rejects wrong types and missing fields") {
  rejects<revolve::ParameterError>(broken("value: 0.2", "value: lots"),
                                   {"test.yaml:15", "'value' must be a number, got 'lots'"});
  rejects<revolve::ParameterError>(broken("        value: 0.2\n", ""),
                                   {"test.yaml:15", "'health.relapse' needs 'value'"});
  rejects<revolve::ParameterError>(broken("        description: Chance of relapse within a year.\n", ""),
                                   {"needs 'description'"});
  rejects<revolve::ParameterError>(
      broken("        status: sourced\n", "        status: sourced\n        mutable: true\n"),
      {"test.yaml:22", "unknown key 'mutable'"});
  rejects<revolve::ParameterError>(broken("relapse:", "Relapse:"), {"lower-case words"});
}

TEST_CASE("rejects an uncertainty that does not fit the value or the bounds") {
  rejects<revolve::ParameterError>(broken("low: 0.1, high: 0.3", "low: 0.3, high: 0.5"),
                                   {"outside its own uncertainty"});
  rejects<revolve::ParameterError>(
      broken("{distribution: uniform, low: 0.1, high: 0.3}", "{distribution: normal, sd: 0.2}"),
      {"test.yaml:14", "health.relapse", "outside bounds [0, 1] of a probability"});
  rejects<revolve::ParameterError>(
      broken("{distribution: uniform, low: 0.1, high: 0.3}", "{distribution: normal, sd: -1}"), {"needs sd > 0"});
  rejects<revolve::ParameterError>(broken("distribution: uniform", "distribution: cauchy"),
                                   {"unknown distribution 'cauchy'"});
  const auto beta = broken("{distribution: uniform, low: 0.1, high: 0.3}", "{distribution: beta, alpha: 20, beta: 80}");
  CHECK(std::holds_alternative<Beta>(load(beta).spec(ParamId{0}).uncertainty));
}

namespace {

const std::string uniform = "{distribution: uniform, low: 0.1, high: 0.3}";

// The valid file with the relapse probability's uncertainty written as `uncertainty`.
std::string with_uncertainty(const std::string& uncertainty) { return broken(uniform, uncertainty); }

}  // namespace

TEST_CASE("a triangular writes its mode, which must be the value") {
  const auto set = load(with_uncertainty("{distribution: triangular, low: 0.1, mode: 0.2, high: 0.4}"));
  const auto& t = std::get<Triangular>(set.spec(ParamId{0}).uncertainty);
  CHECK((t.low == 0.1 && t.mode == 0.2 && t.high == 0.4));
  rejects<revolve::ParameterError>(with_uncertainty("{distribution: triangular, low: 0.1, high: 0.4}"),
                                   {"test.yaml:20", "the uncertainty of 'health.relapse' needs 'mode'"});
  rejects<revolve::ParameterError>(with_uncertainty("{distribution: triangular, low: 0.1, mode: 0.25, high: 0.4}"),
                                   {"test.yaml:14", "health.relapse", "triangular mode 0.25 differs from the value 0.2"});
  rejects<revolve::ParameterError>(with_uncertainty("{distribution: triangular, low: 0.3, mode: 0.2, high: 0.4}"),
                                   {"test.yaml:14", "needs low <= mode <= high"});
}

TEST_CASE("gamma is read with its shape and scale") {
  const auto set = load(with_uncertainty("{distribution: gamma, shape: 20, scale: 0.01}"));
  const auto& g = std::get<Gamma>(set.spec(ParamId{0}).uncertainty);
  CHECK((g.shape == 20 && g.scale == 0.01));
  rejects<revolve::ParameterError>(with_uncertainty("{distribution: gamma, shape: 20, scale: 0}"),
                                   {"test.yaml:14", "uncertainty gamma needs shape > 0 and scale > 0"});
  rejects<revolve::ParameterError>(with_uncertainty("{distribution: gamma, shape: 20}"),
                                   {"test.yaml:20", "needs 'scale'"});
  // Mean 0.2 but a long tail: its far draws go beyond 1, more than a probability can be.
  rejects<revolve::ParameterError>(with_uncertainty("{distribution: gamma, shape: 2, scale: 0.1}"),
                                   {"test.yaml:14", "outside bounds [0, 1] of a probability"});
}

TEST_CASE("every draw of an uncertainty must respect the kind and the bounds") {
  // A probability's draws stay in [0, 1]: a uniform from -0.1 would draw negative chances.
  rejects<revolve::ParameterError>(with_uncertainty("{distribution: uniform, low: -0.1, high: 0.3}"),
                                   {"test.yaml:14", "draws from -0.1", "outside bounds [0, 1] of a probability in "
                                                                       "'probability per year'"});
  // Tighter bounds written for the parameter count too.
  rejects<revolve::ParameterError>(
      broken("        status: sourced\n", "        status: sourced\n        bounds: [0.15, 1]\n"),
      {"test.yaml:14", "outside bounds [0.15, 1]"});
  // A rate is never negative, so a normal around it must stay clear of zero even in its far tails.
  const auto rate = replaced(broken("unit: probability per year", "unit: per year"), "kind: probability", "kind: rate");
  rejects<revolve::ParameterError>(replaced(rate, uniform, "{distribution: normal, sd: 0.05}"),
                                   {"test.yaml:14", "outside bounds [0, inf] of a rate"});
  CHECK(load(replaced(rate, uniform, "{distribution: normal, sd: 0.04}")).size() == 1);
  // The value must lie where the distribution is defined.
  rejects<revolve::ParameterError>(with_uncertainty("{distribution: uniform, low: 0.25, high: 0.3}"),
                                   {"test.yaml:14", "value 0.2 lies outside its own uncertainty"});
}

TEST_CASE("beta fits only a probability or fraction written as one") {
  const auto rate = replaced(broken("unit: probability per year", "unit: per year"), "kind: probability", "kind: rate");
  rejects<revolve::ParameterError>(replaced(rate, uniform, "{distribution: beta, alpha: 2, beta: 8}"),
                                   {"test.yaml:14", "a beta distribution lies on [0, 1]", "not a rate"});
  const auto percent = replaced(replaced(broken("unit: probability per year", "unit: percent"), "kind: probability",
                                         "kind: fraction"),
                                "value: 0.2", "value: 20");
  rejects<revolve::ParameterError>(replaced(percent, uniform, "{distribution: beta, alpha: 2, beta: 8}"),
                                   {"test.yaml:14", "not a fraction in 'percent'"});
}

TEST_CASE("money needs a price year the file can uprate") {
  const std::string cost = money_parameter;
  const auto set = load(file_with(cost));
  CHECK(set[set.id("health.ae_attendance")] == Approx(148 * 1.25));
  rejects<revolve::ParameterError>(file_with(replaced(cost, "2016/17", "2010/11")),
                                   {"no uprating factor from price year 2010/11"});
  rejects<revolve::ParameterError>(file_with(replaced(cost, "        price_year: 2016/17\n", "")),
                                   {"needs a 'price_year'"});
  rejects<revolve::ParameterError>(
      broken("        status: sourced\n", "        status: sourced\n        price_year: 2020\n"),
      {"applies to money only"});
}

TEST_CASE("nothing is half-loaded: one bad parameter rejects the whole file") {
  const auto second = replaced(replaced(valid_parameter, "relapse:", "remission:"), "value: 0.2", "value: 7");
  rejects<revolve::ParameterError>(file_with(valid_parameter + second), {"health.remission", "out of bounds"});
}

TEST_CASE("the same name from two sections is an error") {
  const auto dotted = file_with(replaced(valid_parameter, "relapse:", "a.b:")) +
                      "  health.a:\n    title: Again\n    parameters:\n" + replaced(valid_parameter, "relapse:", "b:");
  rejects<revolve::ParameterError>(dotted, {"'health.a.b' is defined twice"});
}

TEST_CASE("an unreadable file is an input error") {
  CHECK_THROWS_AS(load_parameter_file("/nonexistent/parameters.yaml"), revolve::InputError);
}

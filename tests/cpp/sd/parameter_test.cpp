// Variables set from outside the model: a parameter (a number for the whole run, from an override or its
// default; neither is an error naming it) and an input (0 until set while the model runs). Both in the
// YAML model file, in XMILE and built in code.
#include <catch2/catch.hpp>

#include <map>

#include "sim/core/error.hpp"
#include "sim/sd/model_file.hpp"
#include "sim/sd/xmile.hpp"
#include "sim/sd/xmile_export.hpp"
#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
using revolve::test::error_of;

namespace {

const std::string waiting_list =
    "specs: {stop: 2}\n"
    "dimensions: {group: [young, women]}\n"
    "variables:\n"
    "  - stock: waiting\n"
    "    initial: 0\n"
    "    inflows: [arrivals]\n"
    "  - parameter: arrivals\n"
    "    units: people per week\n"
    "  - parameter: share\n"
    "    dimensions: [group]\n"
    "    default: 0.25\n"
    "  - aux: by group\n"
    "    dimensions: [group]\n"
    "    equation: waiting * share\n";

sd::Results run_yaml(const std::string& text, std::map<std::string, double> overrides) {
  return test::run_model(sd::parse_model_file(text, "m.yaml"), std::nullopt, 1, std::move(overrides));
}

std::string yaml_error(const std::string& variables) {
  return error_of([&] { sd::parse_model_file("variables:\n" + variables, "m.yaml"); });
}

}  // namespace

TEST_CASE("a parameter takes its value from an override, or else its default") {
  const auto results = run_yaml(waiting_list, {{"arrivals", 3}});
  CHECK(results.column("waiting") == std::vector<double>{0, 3, 6});
  CHECK(results.column("by group[young]") == std::vector<double>{0, 0.75, 1.5});
  const auto overridden = run_yaml(waiting_list, {{"arrivals", 1}, {"share[women]", 0.5}});
  CHECK(overridden.column("by group[young]") == std::vector<double>{0, 0.25, 0.5});
  CHECK(overridden.column("by group[women]") == std::vector<double>{0, 0.5, 1});
}

TEST_CASE("a parameter without a default and without a value is an error naming it and where it is") {
  CHECK(error_of([] { run_yaml(waiting_list, {}); }) ==
        "m.yaml:7: variable 'arrivals': a parameter without a default needs a value for the run: set it (an "
        "override; --set in revolve sd run) or give it a default");
  sd::Model arrays;
  arrays.dimension("group", {"young", "women"});
  arrays.parameter("share").dimensions = {"group"};
  CHECK_THAT(error_of([&] { test::run_model(arrays, std::nullopt, 1, {{"share[young]", 1}}); }),
             Contains("variable 'share': a parameter without a default needs a value for the run: set 'share[women]'"));
  CHECK(test::run_model(arrays, std::nullopt, 1, {{"share", 2}}).column("share[women]").back() == 2);
}

TEST_CASE("a parameter built in code keeps its default exactly") {
  sd::Model m;
  m.parameter("p", 0.1);
  m.parameter("tiny", 1e-300);
  CHECK(m.find("p")->equation == "0.1");
  CHECK(m.find("p")->parameter);
  CHECK(test::last(test::run_model(m), "tiny") == 1e-300);
}

TEST_CASE("a parameter in a model file has a name, a default, dimensions, units and doc, and nothing else") {
  CHECK(yaml_error("  - parameter: p\n    equation: 1\n") ==
        "m.yaml:3: a parameter has no 'equation'; give its value as 'default:' (a number)");
  CHECK(yaml_error("  - parameter: p\n    default: TIME\n") == "m.yaml:3: 'default' must be a number, got 'TIME'");
  CHECK(yaml_error("  - parameter: p\n    default: .inf\n") == "m.yaml:3: 'default' must be a finite number");
  CHECK(yaml_error("  - parameter: p\n    graph: {x: [0, 1], y: [0, 1]}\n") ==
        "m.yaml:3: 'graph' does not apply to a parameter (allowed: default, dimensions, doc, units)");
  CHECK(yaml_error("  - aux: a\n    default: 1\n") == "m.yaml:3: 'default' applies to parameters only");
  CHECK(yaml_error("  - parameter: p\n    aux: q\n") ==
        "m.yaml:2: a variable needs exactly one of 'stock:', 'flow:', 'aux:', 'input:' or 'parameter:' with its name");
}

TEST_CASE("an input may leave out its equation: it is 0 until set") {
  const sd::Model m = sd::parse_model_file(
      "dimensions: {service: [a, b]}\n"
      "variables:\n"
      "  - input: clients\n"
      "  - input: staff loss\n"
      "    dimensions: [service]\n"
      "  - aux: total\n"
      "    equation: clients + SUM(staff loss[*])\n",
      "m.yaml");
  auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(m));
  sd::Simulation sim(compiled);
  sim.initialize();
  CHECK(sim.value(compiled->slot("total")) == 0);
  sim.set_value(compiled->slot("clients"), 2);
  sim.set_value(compiled->slot("staff loss[b]"), 0.5);
  sim.step();
  CHECK(sim.value(compiled->slot("total")) == 2.5);
}

TEST_CASE("parameters and inputs survive XMILE export, with or without a value") {
  const sd::Model model = sd::parse_model_file(waiting_list + "  - input: referrals\n", "m.yaml");
  const std::string xmile = sd::to_xmile(model);
  CHECK_THAT(xmile, Contains("<aux name=\"arrivals\" revolve:parameter=\"true\">\n"
                             "        <units>people per week</units>"));  // no <eqn>: other tools ask for it
  CHECK_THAT(xmile, Contains("<aux name=\"share\" revolve:parameter=\"true\">"));
  CHECK_THAT(xmile, Contains("<eqn>0.25</eqn>"));
  CHECK_THAT(xmile, Contains("<aux name=\"referrals\" revolve:input=\"true\">\n        <eqn>0</eqn>"));
  const sd::Model back = sd::parse_xmile(xmile, "m.xmile");
  CHECK(back.find("arrivals")->parameter);
  CHECK(back.find("arrivals")->equation.empty());
  CHECK(back.find("share")->equation == "0.25");
  CHECK_THAT(error_of([&] { test::run_model(back); }), Contains("variable 'arrivals': a parameter without a default"));
  const std::map<std::string, double> set = {{"arrivals", 3}};
  CHECK(test::run_model(back, std::nullopt, 1, set).values == test::run_model(model, std::nullopt, 1, set).values);
}

TEST_CASE("an XMILE parameter is an auxiliary holding one number") {
  const auto xmile = [](const std::string& variable) {
    return error_of([&] {
      sd::parse_xmile("<xmile><sim_specs><start>0</start><stop>1</stop></sim_specs><model><variables>\n" + variable +
                          "</variables></model></xmile>",
                      "m.xmile");
    });
  };
  CHECK(xmile("<stock name=\"s\" revolve:parameter=\"true\"><eqn>1</eqn></stock>") ==
        "m.xmile:2: 's' is marked revolve:parameter but is not an <aux> holding one number");
  CHECK(xmile("<aux name=\"p\" revolve:parameter=\"true\"><eqn>TIME</eqn></aux>") ==
        "m.xmile:2: <eqn> must be a number, got 'TIME'");
  CHECK(xmile("<aux name=\"p\"></aux>") == "m.xmile:2: 'p' has no <eqn>");
}

// Sensitivity of a scenario's outcome, run on the toy model: common random numbers make a parameter that
// cannot move the outcome score exactly 0, and the rows map the design through each parameter's quantiles.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "sim/core/error.hpp"
#include "sim/ensemble/sensitivity_run.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"

using namespace revolve;
using namespace revolve::ensemble;

namespace {

io::Scenario toy(double people = 200) {
  io::Scenario s;
  s.label = "toy";
  s.model = "toy";
  s.horizon_years = 1;
  s.parameters.push_back({"toy.people", people, "", {}});
  return s;
}

SensitivitySettings settings(SensitivityMethod method, std::uint32_t samples) {
  SensitivitySettings s;
  s.method = method;
  s.measure = "person_weeks.rough_sleeping";
  s.samples = samples;
  s.runs = 2;
  s.seed = 3;
  s.resamples = 200;
  s.parameters = {"toy.housing_rate", "toy.loss_rate", "toy.rough_cost"};
  return s;
}

const IndexRow& find(const std::vector<IndexRow>& rows, const std::string& parameter, const std::string& index) {
  for (const auto& r : rows) {
    if (r.parameter == parameter && r.index == index) return r;
  }
  throw Error("no row " + parameter + " " + index);
}

}  // namespace

TEST_CASE("Morris on the toy model: the rates matter, a cost cannot move weeks rough sleeping at all") {
  const auto model = std::make_shared<test::ToyModel>();
  const SensitivityPlan plan = plan_sensitivity(model, toy(), std::nullopt, settings(SensitivityMethod::morris, 4));
  REQUIRE(plan.design().rows() == 4 * 4);
  const SensitivityResults results = run_sensitivity(plan);
  REQUIRE(results.outputs.size() == 16);
  CHECK(find(results.indices, "toy.rough_cost", "mu_star").value.estimate == 0);  // same random numbers every row
  CHECK(find(results.indices, "toy.housing_rate", "mu_star").value.estimate > 50);
  CHECK(find(results.indices, "toy.housing_rate", "mu").value.estimate < 0);  // housing faster: fewer weeks rough
  CHECK(find(results.indices, "toy.loss_rate", "mu").value.estimate > 0);
  // Row values are the quantiles of each parameter's uniform at the row's coordinates.
  const auto values = row_values(plan, 0);
  CHECK(values[0] == Approx(0.03 + 0.04 * plan.design().row(0)[0]));
  CHECK(values[2] == Approx(25 + 50 * plan.design().row(0)[2]));
  // The output of a row is the mean over its runs, the same when computed again.
  CHECK(row_output(plan, 5) == results.outputs[5]);
}

TEST_CASE("Sobol on the toy model, and against a baseline that is the same scenario every difference is 0") {
  const auto model = std::make_shared<test::ToyModel>();
  const SensitivityPlan plan = plan_sensitivity(model, toy(), std::nullopt, settings(SensitivityMethod::sobol, 8));
  REQUIRE(plan.design().rows() == 8 * 5);
  const SensitivityResults results = run_sensitivity(plan);
  CHECK(find(results.indices, "toy.rough_cost", "total").value.estimate == 0);
  CHECK(find(results.indices, "toy.housing_rate", "total").value.estimate > 0.3);
  const SensitivityPlan paired = plan_sensitivity(model, toy(), toy(), settings(SensitivityMethod::morris, 2));
  for (std::size_t row = 0; row < paired.design().rows(); ++row) CHECK(row_output(paired, row) == 0);
}

TEST_CASE("a sensitivity plan names what is wrong before anything runs") {
  const auto model = std::make_shared<test::ToyModel>();
  auto s = settings(SensitivityMethod::morris, 4);
  s.measure = "people.housed";
  CHECK_THROWS_WITH(plan_sensitivity(model, toy(), std::nullopt, s), Catch::Contains("no output 'people.housed'"));
  s = settings(SensitivityMethod::morris, 4);
  s.parameters.push_back("toy.people");
  CHECK_THROWS_WITH(plan_sensitivity(model, toy(), std::nullopt, s),
                    Catch::Contains("'toy.people' is set by the scenario"));
  s.parameters = {"toy.housing_rat"};
  CHECK_THROWS_WITH(plan_sensitivity(model, toy(), std::nullopt, s), Catch::Contains("toy.housing_rate"));
  s = settings(SensitivityMethod::morris, 4);
  s.parameters.clear();  // every uncertain parameter the scenario leaves free: all but toy.people
  CHECK(plan_sensitivity(model, toy(), std::nullopt, s).parameters.size() == 5);
  io::Scenario longer = toy();
  longer.horizon_years = 2;
  CHECK_THROWS_WITH(plan_sensitivity(model, toy(), longer, s), Catch::Contains("one horizon"));
}

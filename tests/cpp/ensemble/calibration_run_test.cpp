// Calibrating a scenario model (the toy): the plan checks names and numbers before anything runs, and the fit
// pulls a perturbed parameter back towards the targets with the same runs at every evaluation.
#include "sim/ensemble/calibration_run.hpp"

#include <catch2/catch.hpp>

#include <atomic>

#include "sim/core/error.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"

using namespace revolve;

namespace {

/// 100 people over a year, with the rate at which people are housed at `housing_rate` [per week].
io::Scenario toy(double housing_rate) {
  io::Scenario s;
  s.label = "Toy";
  s.model = "toy";
  s.horizon_years = 1;
  s.population_scale = 0.05;
  s.parameters = {{"toy.housing_rate", housing_rate, "", {"toy.yaml", 3}}};
  return s;
}

}  // namespace

TEST_CASE("a calibration plan starts from the scenario's values and names what is wrong") {
  const auto model = std::make_shared<test::ToyModel>();
  const auto plan = ensemble::plan_calibration(model, toy(0.035), {"toy.housing_rate", "toy.loss_rate"}, {2}, 3, 9);
  CHECK(plan.parameters[0].start == 0.035);
  CHECK(plan.parameters[0].low == 0.03);  // the stated uncertainty, uniform 0.03 to 0.07
  CHECK(plan.parameters[0].high == 0.07);
  CHECK(plan.parameters[1].start == 0.01);  // the parameters file's value
  CHECK(plan.units == std::vector<std::string>{"per week", "per week"});
  CHECK(plan.target_numbers == std::vector<std::size_t>{2});
  CHECK(plan.targets.at(0).name == "person-weeks sleeping rough");
  CHECK(ensemble::plan_calibration(model, toy(0.035), {"toy.loss_rate"}, {}, 1, 1).targets.size() == 2);
  CHECK_THROWS_WITH(ensemble::plan_calibration(model, toy(0.035), {"toy.loss_rate"}, {3}, 1, 1),
                    "calibrate: target 3: the model's targets are numbered 1 to 2");
  CHECK_THROWS_WITH(ensemble::plan_calibration(model, toy(0.035), {"toy.loss_rate", "toy.loss_rate"}, {}, 1, 1),
                    "calibrate: 'toy.loss_rate' is named twice in the parameters to fit");
  CHECK_THROWS_WITH(ensemble::plan_calibration(model, toy(0.035), {"toy.los_rate"}, {}, 1, 1),
                    Catch::Contains("toy.loss_rate"));  // did you mean
  CHECK_THROWS_WITH(ensemble::plan_calibration(model, toy(0.035), {}, {}, 1, 1), Catch::Contains("at least one"));
}

TEST_CASE("calibrating a perturbed rate moves it back and lowers the objective, with common random numbers") {
  const auto model = std::make_shared<test::ToyModel>();
  const auto plan = ensemble::plan_calibration(model, toy(0.035), {"toy.housing_rate"}, {1}, 4, 9);
  ensemble::FitOptions options;
  options.algorithm = ensemble::FitAlgorithm::nelder_mead;
  options.max_evaluations = 20;
  std::atomic<std::uint64_t> steps{0};  // runs step on several threads
  const auto fit = ensemble::run_calibration(plan, options, [&steps] { ++steps; });
  CHECK(fit.start.objective > 10);
  CHECK(fit.best.objective < 0.2 * fit.start.objective);
  CHECK(fit.best.values[0] > 0.04);  // about 0.05 puts 20 of 100 people on the street after a year
  CHECK(steps.load() == fit.history.size() * 4 * 52);
  CHECK(ensemble::calibration_steps(plan, options) == 20 * 4 * 52);
  // The same values, runs and seed give the same means: the objective is a function of the values alone.
  const auto again = model->calibration_means(ensemble::with_values(plan, fit.best.values, ""), {0}, 4, 9, {});
  CHECK(again == fit.best.means);
}

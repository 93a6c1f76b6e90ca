// Calibration: the objective as documented, and both NLopt searches finding a toy problem's known optimum.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/ensemble/calibration.hpp"

using namespace revolve::ensemble;

namespace {

/// Three "measures" of two parameters; the targets are their values at (1.5, 0.25), so the objective
/// is 0 there and nowhere else.
std::vector<double> toy_means(std::span<const double> x) { return {x[0] + x[1], x[0] * x[1], 2 * x[0] - x[1]}; }

std::vector<FitTarget> toy_targets() {
  // Ranges of different widths, so the targets weigh differently in the objective.
  return {{"sum", 1.75, 1.5, 2.0}, {"product", 0.375, 0.3, 0.45}, {"difference", 2.75, 2.0, 3.5}};
}

std::vector<FitParameter> toy_parameters() { return {{"x", 0.6, 0, 3}, {"y", 0.9, 0, 1}}; }

}  // namespace

TEST_CASE("a target's sd reads its range as a central 90% interval, and the objective sums squared z-scores") {
  const FitTarget t{"t", 10, 8, 14};
  CHECK(target_sd(t) == Approx(6 / 3.2897072539));
  const std::vector<FitTarget> targets = {t, {"u", 0.5, 0.4, 0.6}};
  const std::vector<double> means = {10 + 2 * target_sd(t), 0.5};
  CHECK(fit_objective(targets, means) == Approx(4));
  const std::vector<double> unmeasured = {10, std::nan("")};
  CHECK(fit_objective(targets, unmeasured) == unmeasured_penalty);
}

TEST_CASE("BOBYQA and Nelder-Mead find the toy problem's optimum from a poor start") {
  for (const auto algorithm : {FitAlgorithm::bobyqa, FitAlgorithm::nelder_mead}) {
    INFO((algorithm == FitAlgorithm::bobyqa ? "bobyqa" : "nelder-mead"));
    int calls = 0;
    const TargetMeans means = [&calls](std::span<const double> x) {
      ++calls;
      return toy_means(x);
    };
    FitOptions options;
    options.algorithm = algorithm;
    options.max_evaluations = 300;
    options.tolerance = 1e-6;
    const FitResult fit = fit_parameters(toy_parameters(), toy_targets(), means, options);
    CHECK(fit.start.values == std::vector<double>{0.6, 0.9});
    CHECK(fit.start.objective == Approx(fit_objective(toy_targets(), toy_means(fit.start.values))));
    CHECK(fit.start.objective > 10);
    CHECK(fit.best.values[0] == Approx(1.5).margin(1e-3));
    CHECK(fit.best.values[1] == Approx(0.25).margin(1e-3));
    CHECK(fit.best.objective < 1e-4);
    CHECK(fit.history.size() == static_cast<std::size_t>(calls));  // the start is run once, not twice
    CHECK(fit.history.front().number == 1);
    CHECK(fit.stopped.rfind("converged", 0) == 0);
  }
}

TEST_CASE("an optimum beyond a bound ends at the bound, and the evaluation budget is kept") {
  // The targets want x = 1.5, but x may not pass 1.
  std::vector<FitParameter> parameters = toy_parameters();
  parameters[0].high = 1;
  FitOptions options;
  options.max_evaluations = 200;
  const FitResult fit = fit_parameters(parameters, toy_targets(), toy_means, options);
  CHECK(fit.best.values[0] == Approx(1).margin(1e-3));
  options.max_evaluations = 7;
  const FitResult short_fit = fit_parameters(parameters, toy_targets(), toy_means, options);
  CHECK(short_fit.history.size() <= 7);
  CHECK(short_fit.stopped == "stopped at the maximum number of evaluations");
}

TEST_CASE("targets the model cannot measure at the start are left out, and errors name what is wrong") {
  const TargetMeans with_gap = [](std::span<const double> x) {
    auto m = toy_means(x);
    m[1] = std::nan("");
    return m;
  };
  const FitResult fit = fit_parameters(toy_parameters(), toy_targets(), with_gap, {});
  CHECK(fit.left_out == std::vector<std::size_t>{1});
  CHECK(std::isnan(fit.best.means[1]));
  CHECK(fit.best.objective < 1e-2);  // sum and difference alone still fix the optimum

  auto parameters = toy_parameters();
  parameters[1].start = 2;
  CHECK_THROWS_WITH(fit_parameters(parameters, toy_targets(), toy_means), Catch::Contains("'y' starts at 2"));
  auto targets = toy_targets();
  targets[2].low = targets[2].high;
  CHECK_THROWS_WITH(fit_parameters(toy_parameters(), targets, toy_means), Catch::Contains("'difference'"));
  const TargetMeans nothing = [](std::span<const double>) { return std::vector<double>(3, std::nan("")); };
  CHECK_THROWS_WITH(fit_parameters(toy_parameters(), toy_targets(), nothing), Catch::Contains("cannot measure any"));
}

TEST_CASE("what the model throws during the search comes out of the fit unchanged") {
  int calls = 0;
  const TargetMeans stops = [&calls](std::span<const double> x) {
    if (++calls == 4) throw revolve::Cancelled("cancelled at evaluation 4");
    return toy_means(x);
  };
  CHECK_THROWS_AS(fit_parameters(toy_parameters(), toy_targets(), stops), revolve::Cancelled);
  CHECK(calls == 4);
}

TEST_CASE("a parameter is searched within its stated uncertainty, inside its bounds, and around its start") {
  revolve::params::Parameter spec;
  spec.name = "rate";
  spec.value = 0.4;
  spec.bounds = {0, 0.9};
  spec.uncertainty = revolve::params::Triangular{0.1, 0.4, 1.5};
  const FitParameter triangular = fit_parameter(spec, 0.4);
  CHECK(triangular.low == 0.1);
  CHECK(triangular.high == 0.9);  // the distribution reaches 1.5, the bounds stop at 0.9
  CHECK(fit_parameter(spec, 0.05).low == 0.05);  // a start outside the stated range widens it
  spec.uncertainty = revolve::params::Normal{0.4, 0.1};
  const FitParameter normal = fit_parameter(spec, 0.4);
  CHECK(normal.low == Approx(0.4 - 2.3263 * 0.1).epsilon(1e-4));  // the 1st and 99th percentiles
  CHECK(normal.high == Approx(0.4 + 2.3263 * 0.1).epsilon(1e-4));
  spec.uncertainty = revolve::params::Fixed{};
  CHECK(fit_parameter(spec, 0.4).high == 0.9);
}

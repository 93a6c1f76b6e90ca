// Exactness of the cohort benchmark: with N = 20,000 and R = 200, the ensemble mean of every output is within
// 4 standard errors of the exact expectation at steps 1, 13, 52 and 260.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/cohort_bench/cohort_bench.hpp"
#include "models/cohort_bench/exact_chain.hpp"
#include "sim/ensemble/ensemble.hpp"

using namespace revolve;

TEST_CASE("the ensemble mean of every output is within 4 standard errors of the exact chain") {
  constexpr std::size_t agents = 20'000;
  ensemble::EnsembleOptions o;
  o.runs = 200;
  o.steps = 260;
  o.seed = 1;
  const auto summary = ensemble::run_ensemble([](abm::Run& run) { cohort_bench::add_cohort_bench(run, agents); }, o);
  const auto exact = cohort_bench::expected_outputs({}, agents, o.steps);
  REQUIRE(summary.names() == exact.names());

  for (std::size_t step : {1u, 13u, 52u, 260u}) {
    for (std::size_t k = 0; k < exact.size(); ++k) {
      const double expected = exact.row(step - 1)[k];
      const double standard_error = summary.sd(step - 1, k) / std::sqrt(o.runs);
      INFO("step " << step << ", " << exact.names()[k] << ": mean " << summary.mean(step - 1, k) << ", exact "
                   << expected << ", standard error " << standard_error);
      CHECK(standard_error > 0);
      CHECK(std::abs(summary.mean(step - 1, k) - expected) <= 4 * standard_error);
    }
  }
}

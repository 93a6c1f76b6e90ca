// Issue 5, acceptance 2: common random numbers make a comparison's intervals honest and narrow.
// The 90% interval of the paired difference between the baseline and Housing First scaled up is at
// least 3 times narrower when both share the seed than when the alternative has its own seed.
#include <catch2/catch.hpp>

#include "sim/ensemble/comparison.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;

namespace {

std::vector<double> weeks_rough_sleeping(const test::Ensemble& e) {
  const auto& totals = e.totals();
  return totals.over_runs(totals.periods().size() - 1, totals.column("person_weeks.rough_sleeping", ""));
}

double width(const ensemble::Interval& i) { return i.high - i.low; }

}  // namespace

TEST_CASE("shared seeds give a Housing First difference at least 3x narrower than independent seeds") {
  const auto baseline = test::ScenarioBuilder(0.25, 3).scenario();
  const auto housing_first =
      test::ScenarioBuilder(0.25, 3).set("housing_first.added_places", 30).with("housing_first", 1.0, 0.0, 0.5).scenario();
  const std::uint32_t runs = 30;
  const test::Ensemble base(baseline, runs, 7);
  const test::Ensemble shared(housing_first, runs, 7);
  const test::Ensemble independent(housing_first, runs, 8);

  const auto paired = ensemble::interval(ensemble::paired_differences(weeks_rough_sleeping(shared), weeks_rough_sleeping(base)));
  const auto unpaired =
      ensemble::interval(ensemble::paired_differences(weeks_rough_sleeping(independent), weeks_rough_sleeping(base)));
  INFO("shared seeds: " << paired.mean << " [" << paired.low << ", " << paired.high << "]; independent: "
                        << unpaired.mean << " [" << unpaired.low << ", " << unpaired.high << "]");
  CHECK(paired.mean < 0);  // Housing First reduces weeks rough sleeping on average
  CHECK(width(unpaired) >= 3 * width(paired));
}

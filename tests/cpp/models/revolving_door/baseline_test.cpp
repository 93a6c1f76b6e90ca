// The baseline a commissioner can trust (issue 14): exits from the street slow with need and homelessness history,
// the starting cohort never holds more Housing First tenants than places, and Housing First staff funded with the
// tenancies fill the places a scale-up adds. Scenarios of one test share their seed (common random numbers).
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/revolving_door/kernel_week.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;
using test::Ensemble;
using test::ScenarioBuilder;

namespace {

constexpr double scale = 0.3;  // about 1,700 people
constexpr std::uint32_t runs = 6;

}  // namespace

TEST_CASE("each combination of need and history has its own row of exits from the street") {
  using revolving_door::rough_exit_class;
  CHECK(rough_exit_class(false, false) == 0);
  CHECK(rough_exit_class(true, false) == 1);
  CHECK(rough_exit_class(false, true) == 2);
  CHECK(rough_exit_class(true, true) == 3);
}

TEST_CASE("high need and a long homelessness spell slow exits from the street: without them fewer sleep rough") {
  const auto area = [] { return ScenarioBuilder(scale, 3); };
  const Ensemble base(area().scenario(), runs);
  const Ensemble same_for_all(
      area().set("housing.rough_exit_high_need", 1).set("housing.rough_exit_long_term", 1).scenario(), runs);
  const Ensemble shorter_history(area().set("housing.long_term_spell", 520).scenario(), runs);
  CHECK(same_for_all.total("person_weeks.rough_sleeping") < 0.8 * base.total("person_weeks.rough_sleeping"));
  CHECK(shorter_history.total("person_weeks.rough_sleeping") < base.total("person_weeks.rough_sleeping"));
  // The chronically homeless group counts as long-term whatever its spell, so it gains most from equal exits.
  const double chronic = same_for_all.total("person_weeks.rough_sleeping", "chronic_homeless") /
                         base.total("person_weeks.rough_sleeping", "chronic_homeless");
  const double wider = same_for_all.total("person_weeks.rough_sleeping", "wider") /
                       base.total("person_weeks.rough_sleeping", "wider");
  CHECK(chronic < wider);
}

TEST_CASE("week 1 never has more Housing First tenants than places, however many the starting shares draw") {
  // About 35 tenants drawn at 2% of 1,725 people, for 9 places (30 x 0.3).
  const Ensemble week_one(ScenarioBuilder(scale, 1.0 / 52).set("initial.housing_first", 0.02).scenario(), runs);
  const auto& totals = week_one.totals();
  const auto tenants = totals.over_runs(0, totals.column("people.housing_first", ""));
  REQUIRE(tenants.size() == runs);
  CHECK(*std::max_element(tenants.begin(), tenants.end()) <= 9);
  CHECK(*std::min_element(tenants.begin(), tenants.end()) >= 8);  // the places are full at the start
}

TEST_CASE("Housing First staff funded with the tenancies fill the places a scale-up adds; places alone leave some empty") {
  const auto scale_up = [](double funding) {
    return ScenarioBuilder(scale, 4)
        .set("housing_first.added_places", 30)
        .set("housing_first.staff_funding", funding)
        .with("housing_first", 1.0, 0.5, 1.0)
        .scenario();
  };
  const Ensemble places_only(scale_up(0), runs);
  const Ensemble with_tenancies(scale_up(1), runs);
  CHECK(places_only.total("system.housing_first_places_short_of_staff") > 0.5);
  CHECK(with_tenancies.total("system.housing_first_places_short_of_staff") <
        0.6 * places_only.total("system.housing_first_places_short_of_staff"));
  CHECK(with_tenancies.year(4, "people.housing_first") > places_only.year(4, "people.housing_first"));
  CHECK(with_tenancies.total("system.posts_housing_first") > places_only.total("system.posts_housing_first"));
}

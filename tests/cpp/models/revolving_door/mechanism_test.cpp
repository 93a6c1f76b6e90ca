// The mechanisms of docs/model/design.md, 'Mechanisms and where they live', each checked for its direction on
// ensemble means. Both scenarios of a test run with the same seed, so they share every random number
// except where the change under test acts (common random numbers); the only difference between them
// is the parameter named in the test.
#include <catch2/catch.hpp>

#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;
using test::Ensemble;
using test::ScenarioBuilder;

namespace {

constexpr double scale = 0.3;  // about 1,700 people
constexpr std::uint32_t runs = 6;

ScenarioBuilder area(double years = 4) { return ScenarioBuilder(scale, years); }

}  // namespace

TEST_CASE("more releases without accommodation -> more recalls and more rough sleeping (reinforcing)") {
  const Ensemble base(area().scenario(), runs);
  const Ensemble more(area().set("justice.release_to_rough_if_no_home", 0.8).scenario(), runs);
  CHECK(more.total("events.release_rough_sleeping") > 1.5 * base.total("events.release_rough_sleeping"));
  CHECK(more.total("events.recall_breach") > base.total("events.recall_breach"));
  CHECK(more.total("person_weeks.rough_sleeping") > base.total("person_weeks.rough_sleeping"));
}

TEST_CASE("fewer people sleeping rough -> fewer crises and A&E attendances (reinforcing)") {
  const Ensemble base(area().scenario(), runs);
  const Ensemble housed(area().set("housing.rough_to_settled", 5).scenario(), runs);
  CHECK(housed.total("person_weeks.rough_sleeping") < 0.8 * base.total("person_weeks.rough_sleeping"));
  CHECK(housed.total("events.mh_crisis") < base.total("events.mh_crisis"));
  CHECK(housed.total("events.ae_attendance") < base.total("events.ae_attendance"));
  CHECK(housed.total("events.arrest") < base.total("events.arrest"));
}

TEST_CASE("more staff turnover -> more broken relationships, lower engagement -> more A&E attendances") {
  const Ensemble base(area().scenario(), runs);
  const Ensemble churn(area().set("workforce.turnover", 1.5).scenario(), runs);
  CHECK(churn.total("events.worker_change") > 2 * base.total("events.worker_change"));
  CHECK(churn.total("engagement.mean") < base.total("engagement.mean"));
  CHECK(churn.total("events.ae_attendance") > base.total("events.ae_attendance"));
  CHECK(churn.total("events.mh_crisis") > base.total("events.mh_crisis"));
}

TEST_CASE("a long relationship with one worker builds trust that lowers crises; none means no benefit") {
  const Ensemble base(area().scenario(), runs);
  const Ensemble no_trust(
      area().set("engagement.effect_on_crisis", 1).set("engagement.effect_on_treatment_entry", 1).scenario(), runs);
  CHECK(no_trust.total("events.mh_crisis") > base.total("events.mh_crisis"));
  CHECK(no_trust.total("people.mh_treatment") < base.total("people.mh_treatment"));
}

TEST_CASE("longer contracts -> fewer re-tenders and broken relationships, higher engagement") {
  // Re-tenders are rare events of the whole area, not of people: a smaller area, more runs, ten years.
  const auto decade = [] { return ScenarioBuilder(0.1, 10); };
  const Ensemble short_contracts(decade().scenario(), 24);
  const Ensemble long_contracts(decade().set("contracts.term", 5).set("contracts.extension", 5).scenario(), 24);
  CHECK(long_contracts.total("system.retenders") < short_contracts.total("system.retenders"));
  CHECK(long_contracts.total("events.worker_change") < short_contracts.total("events.worker_change"));
  CHECK(long_contracts.total("engagement.mean") > short_contracts.total("engagement.mean"));
}

TEST_CASE("fewer Housing First places -> a longer waiting list and more rough sleeping (capacity)") {
  const Ensemble base(area().scenario(), runs);
  const Ensemble fewer(area().set("housing_first.places", 5).scenario(), runs);
  CHECK(fewer.total("people.waiting_housing_first") > base.total("people.waiting_housing_first"));
  CHECK(fewer.total("person_weeks.rough_sleeping") > base.total("person_weeks.rough_sleeping"));
  CHECK(fewer.total("events.housing_first_start") < base.total("events.housing_first_start"));
}

TEST_CASE("fewer hostel places -> a longer waiting list and more rough sleeping (capacity)") {
  const Ensemble base(area().scenario(), runs);
  const Ensemble fewer(area().set("capacity.temporary_places", 200).scenario(), runs);
  CHECK(fewer.total("people.waiting_temporary") > base.total("people.waiting_temporary"));
  CHECK(fewer.total("person_weeks.rough_sleeping") > base.total("person_weeks.rough_sleeping"));
}

TEST_CASE("the dual-diagnosis catch-22 leaves need untreated until it becomes a crisis") {
  const Ensemble base(area().scenario(), runs);
  const Ensemble no_barrier(area().set("modifier.dual_diagnosis_on_treatment_entry", 1).scenario(), runs);
  CHECK(base.total("people.mh_unwell") > no_barrier.total("people.mh_unwell"));
  CHECK(base.total("people.substance_problematic") > no_barrier.total("people.substance_problematic"));
  CHECK(base.total("events.mh_crisis") > no_barrier.total("events.mh_crisis"));
}

TEST_CASE("MTAM's lower thresholds and fewer hand-offs -> fewer untreated people in crisis") {
  // MTAM runs in both; only its effect on access to treatment differs.
  const auto mtam = [] { return area().with("mtam"); };
  const Ensemble thresholds_kept(
      mtam().set("mtam.treatment_entry_multiplier", 1).set("mtam.dual_diagnosis_relief", 0).scenario(), runs);
  const Ensemble thresholds_lowered(mtam().scenario(), runs);
  CHECK(thresholds_lowered.total("people.mh_unwell", "chronic_homeless") <
        thresholds_kept.total("people.mh_unwell", "chronic_homeless"));
  CHECK(thresholds_lowered.total("people.mh_unwell") < thresholds_kept.total("people.mh_unwell"));
  CHECK(thresholds_lowered.total("events.mh_crisis") < thresholds_kept.total("events.mh_crisis"));
}

TEST_CASE("probation in the team -> fewer recalls for breaking licence conditions") {
  const auto mtam = [] { return area().with("mtam"); };
  const Ensemble without(mtam().set("mtam.breach_multiplier", 1).scenario(), runs);
  const Ensemble with(mtam().scenario(), runs);
  CHECK(with.total("events.recall_breach") < without.total("events.recall_breach"));
  CHECK(with.total("events.recall_further_charge") ==
        Approx(without.total("events.recall_further_charge")).epsilon(0.1));
}

TEST_CASE("shared risk -> fewer evictions and exclusions") {
  const auto mtam = [] { return area().with("mtam"); };
  const Ensemble without(mtam().set("mtam.tenancy_loss_multiplier", 1).scenario(), runs);
  const Ensemble with(mtam().scenario(), runs);
  CHECK(with.total("events.eviction") < without.total("events.eviction"));
}

TEST_CASE("a new service dips before it improves: its first year does less than its fourth") {
  // The same MTAM coverage with and without the early dip (workforce.maturity_start_effect = 1
  // means full effect from the first week); the dip costs benefit in year 1 but not by year 4.
  const auto mtam = [] { return area().with("mtam").set("mtam.coverage_year1", 330).set("mtam.coverage_year2", 330); };
  const Ensemble dip(mtam().scenario(), runs);
  const Ensemble no_dip(mtam().set("workforce.maturity_start_effect", 1).scenario(), runs);
  const double year1_loss = dip.year(1, "people.mh_unwell") - no_dip.year(1, "people.mh_unwell");
  const double year4_loss = dip.year(4, "people.mh_unwell") - no_dip.year(4, "people.mh_unwell");
  CHECK(year1_loss > 0);
  CHECK(year4_loss < year1_loss);
}

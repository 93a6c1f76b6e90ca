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

// --- Commissioning loops (design 9.6) -------------------------------------------------------------------------

namespace {

/// MTAM from the start, at full coverage so that cases close within a few years.
ScenarioBuilder mtam(double years = 4) {
  return area(years).with("mtam").set("mtam.coverage_year1", 330).set("mtam.coverage_year2", 330);
}

}  // namespace

TEST_CASE("payment by reported outcomes: reported positive outcomes exceed the true ones, which they equal otherwise") {
  const Ensemble block(mtam().scenario(), runs);
  const Ensemble paid(mtam().with("payment_by_results").scenario(), runs);
  REQUIRE(block.total("positive_outcomes.true") > 10);
  CHECK(block.total("positive_outcomes.reported") == block.total("positive_outcomes.true"));
  CHECK(block.total("positive_outcomes.true") == block.total("events.coordinator_episode_positive"));
  // Gaming: a share of the closed cases that were not positive is recorded as positive.
  CHECK(paid.total("positive_outcomes.reported") > paid.total("positive_outcomes.true") + 1);
  const double not_positive = paid.total("events.coordinator_episode_end") - paid.total("positive_outcomes.true");
  CHECK(paid.total("positive_outcomes.reported") - paid.total("positive_outcomes.true") ==
        Approx(0.25 * not_positive).epsilon(1e-9));
}

TEST_CASE("payment by reported outcomes: providers take on easier clients, leaving the priority groups") {
  const Ensemble block(mtam().scenario(), runs);
  const Ensemble paid(mtam().with("payment_by_results").scenario(), runs);
  CHECK(paid.total("events.mtam_referral", "wider") > 1.5 * block.total("events.mtam_referral", "wider"));
  CHECK(paid.total("events.mtam_referral", "chronic_homeless") < block.total("events.mtam_referral", "chronic_homeless"));
  // No selection pressure, no gaming: the same run as without the regime.
  const Ensemble none(mtam().with("payment_by_results").set("payment_by_results.selection_share", 0)
                          .set("payment_by_results.gaming_share", 0).scenario(), runs);
  CHECK(none.total("events.mtam_referral", "wider") == block.total("events.mtam_referral", "wider"));
  CHECK(none.total("events.mh_crisis") == block.total("events.mh_crisis"));
}

TEST_CASE("commissioner trust falls with re-tenders and performance management, and rises under an alliance") {
  const auto small_area = [] { return ScenarioBuilder(0.1, 6); };
  const Ensemble base(small_area().scenario(), runs);
  const Ensemble retenders(small_area().set("contracts.term", 1).set("contracts.extension", 0).scenario(), runs);
  const Ensemble alliance(small_area().with("contracts").scenario(), runs);
  const Ensemble paid(small_area().with("payment_by_results").scenario(), runs);
  CHECK(retenders.total("system.retenders") > base.total("system.retenders"));
  CHECK(retenders.year(6, "system.commissioner_trust") < base.year(6, "system.commissioner_trust"));
  CHECK(alliance.year(6, "system.commissioner_trust") > base.year(6, "system.commissioner_trust"));
  CHECK(alliance.year(6, "system.commissioner_trust") > alliance.year(1, "system.commissioner_trust"));
  CHECK(paid.year(6, "system.commissioner_trust") < base.year(6, "system.commissioner_trust"));
}

TEST_CASE("providers learn only when commissioned for learning, and learning strengthens MTAM's effects") {
  const Ensemble base(mtam().scenario(), runs);
  const auto learning = [] { return mtam().with("contracts").with("commissioning_for_learning"); };
  // A strong gain (the default is 0.5) so that a few runs of a small area show its direction clearly.
  const Ensemble learnt(learning().set("commissioning.learning_effect_gain", 2).scenario(), runs);
  const Ensemble no_gain(learning().set("commissioning.learning_effect_gain", 0).scenario(), runs);
  CHECK(base.total("system.provider_learning") == 0);
  CHECK(learnt.year(4, "system.provider_learning") > learnt.year(1, "system.provider_learning"));
  CHECK(learnt.year(4, "system.provider_learning") > 0.2);
  // The same runs but for the effect of what was learnt: MTAM does more.
  CHECK(learnt.total("people.mh_unwell") < no_gain.total("people.mh_unwell"));
  CHECK(learnt.total("events.eviction") < no_gain.total("events.eviction"));
}

TEST_CASE("resilience drains at once when staff are lost together and refills slowly") {
  const auto small_area = [] { return ScenarioBuilder(0.1, 6).set("contracts.term", 1).set("contracts.extension", 0); };
  const Ensemble shocks(small_area().scenario(), runs);
  const Ensemble no_loss(small_area().set("contracts.staff_loss_on_provider_change", 0).scenario(), runs);
  CHECK(shocks.total("system.provider_changes") > 0);
  CHECK(shocks.total("system.resilience") < 0.95);
  CHECK(no_loss.total("system.resilience") == 1);
}

TEST_CASE("a programme that ends after mainstream services pulled back leaves a gap: the cliff edge") {
  // MTAM for three years of six; with and without mainstream pull-back while it runs.
  const auto ends = [] { return ScenarioBuilder(scale, 6).with("mtam", 1.0, 0.0, 0.0, 3.0); };
  const Ensemble kept(ends().scenario(), runs);
  const Ensemble pulled(ends().set("commissioning.mainstream_pullback", 0.5).scenario(), runs);
  CHECK(kept.total("system.mainstream_provision") == 1);
  CHECK(pulled.year(3, "system.mainstream_provision") < 0.7);
  CHECK(pulled.year(6, "system.mainstream_provision") > pulled.year(4, "system.mainstream_provision"));
  CHECK(pulled.year(6, "system.mainstream_provision") < 1);
  // After the end, more people have no support and more sleep rough than where mainstream stayed.
  for (std::size_t year : {4, 5}) {
    INFO("year " << year);
    CHECK(pulled.year(year, "people.support_none") > kept.year(year, "people.support_none"));
    CHECK(pulled.year(year, "person_weeks.rough_sleeping") > kept.year(year, "person_weeks.rough_sleeping"));
  }
}

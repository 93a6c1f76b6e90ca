// What the recorder follows person by person for evaluations (models/revolving_door/follow_ups.hpp): releases for
// 52 weeks by housing at release, people housed in every one of the last 26 weeks of each year, and entry cohorts,
// followed from their own entry or, in a comparison's baseline, from an alternative's (matched by person).
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include <atomic>

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/model.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "sim/ensemble/psa.hpp"
#include "sim/ensemble/scenario_runner.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;
using revolving_door::release_housing_names;

namespace {

double followed(const test::Ensemble& e, std::size_t year, const std::string& prefix) {
  double sum = 0;
  for (const auto& h : release_housing_names) sum += e.year(year, prefix + h);
  return sum;
}

}  // namespace

TEST_CASE("releases are followed for 52 weeks and counted once, by housing in the week of release") {
  const test::Ensemble base(test::ScenarioBuilder(0.2, 4).scenario(), 3);
  // A release is counted when its 52 weeks end, or sooner at the person's next release: only those can end in
  // year 1, and every one of them went back to prison.
  CHECK(followed(base, 1, "releases_followed_52w.") == followed(base, 1, "releases_returned_52w."));
  double releases = 0, counted = 0;
  for (std::size_t year = 1; year <= 3; ++year) releases += base.year(year, "events.release");
  for (std::size_t year = 2; year <= 4; ++year) counted += followed(base, year, "releases_followed_52w.");
  // Roughly a year later; fewer, as some die or move away in their year.
  CHECK(counted < 1.05 * releases);
  CHECK(counted > 0.75 * releases);
  for (const auto& h : release_housing_names) {
    INFO(h);
    CHECK(base.total("releases_returned_52w." + h) <= base.total("releases_followed_52w." + h));
  }
  CHECK(base.total("releases_followed_52w.rough_sleeping") > 0);
  CHECK(base.total("releases_followed_52w.transitional") == 0);  // no accommodation on release in the baseline
  const test::Ensemble given(test::ScenarioBuilder(0.2, 4).with("release_accommodation").scenario(), 3);
  CHECK(given.total("releases_followed_52w.transitional") > 0);
}

TEST_CASE("housed all of the last 26 weeks is counted in the last week of each year, of the people present") {
  const auto prepared = test::revolving_door().prepare(test::ScenarioBuilder(0.2, 3).scenario());
  ensemble::EnsembleOptions options;
  options.steps = prepared->steps();
  options.seed = 3;
  const abm::Outputs out = ensemble::run_one([&](abm::Run& run) { prepared->build(run); }, options, 0);
  const auto present = out.find("year_end.present_last_26_weeks");
  const auto housed = out.find("year_end.housed_all_last_26_weeks");
  const auto alive = out.find("people.alive");
  const auto housed_now = out.find("people.housed");
  for (std::size_t row = 0; row < out.rows(); ++row) {
    const std::size_t step = row + 1;
    INFO("step " << step);
    if (step == 52 || step == 104 || step == 157) {  // the steps yearly_periods ends years with
      CHECK(out.at(row, present) > 0.8 * out.at(row, alive));
      CHECK(out.at(row, present) <= out.at(row, alive));
      CHECK(out.at(row, housed) <= out.at(row, housed_now));
      CHECK(out.at(row, housed) > 0.5 * out.at(row, housed_now));
    } else {
      CHECK(out.at(row, present) == 0);
      CHECK(out.at(row, housed) == 0);
    }
  }
}

TEST_CASE("entry cohorts: each person once, from the week they join, with at most 52 weeks in the states counted") {
  const test::Ensemble base(test::ScenarioBuilder(0.3, 3).scenario(), 3);
  const test::Ensemble mtam(test::ScenarioBuilder(0.3, 3).with("mtam").scenario(), 3);
  const test::Ensemble navigators(test::ScenarioBuilder(0.3, 3).with("navigators").scenario(), 3);
  CHECK(base.total("entry_cohort_52w.mtam.people") == 0);  // no MTAM in the baseline
  CHECK(base.total("entry_cohort_52w.housing_first.people") > 0);
  CHECK(mtam.total("entry_cohort_52w.mtam.people") > 0);
  CHECK(navigators.total("entry_cohort_52w.navigator.people") > 0);
  // No one's 52 weeks have ended before week 52; those who were on the list from week 1 end in week 52.
  const auto prepared = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 1.2).scenario());
  ensemble::EnsembleOptions options;
  options.steps = prepared->steps();
  const abm::Outputs out = ensemble::run_one([&](abm::Run& run) { prepared->build(run); }, options, 0);
  const auto counted = out.find("entry_cohort_52w.housing_first.people");
  for (std::size_t row = 0; row < 51; ++row) CHECK(out.at(row, counted) == 0);
  CHECK(out.at(51, counted) > 0);
  for (const auto& cohort : revolving_door::entry_cohort_names) {
    INFO(cohort);
    const std::string prefix = "entry_cohort_52w." + cohort + ".";
    const double people = mtam.total(prefix + "people");
    const double weeks = mtam.total(prefix + "weeks_rough_sleeping") + mtam.total(prefix + "weeks_housed") +
                         mtam.total(prefix + "weeks_in_prison");
    // Every week of the 52 is sleeping rough, in a hostel, housed or in prison: the three are all but hostel weeks.
    CHECK(weeks <= 52 * people);
    if (people > 0) CHECK(weeks > 20 * people);
    // Their A&E attendances in those weeks: some, and no more than everyone's in the run.
    const double attendances = mtam.total(prefix + "ae_attendances");
    CHECK(attendances <= mtam.total("events.ae_attendance"));
    if (people > 0) CHECK(attendances > 0);
  }
}

namespace {

/// Runs of a prepared scenario, with every run's entrants (abm::Outputs::entries).
struct RunsWithEntries {
  ensemble::ScenarioResults results;
  std::shared_ptr<ensemble::RunEntries> entries;
};

RunsWithEntries run_keeping_entries(std::shared_ptr<const ensemble::PreparedScenario> prepared, std::uint32_t runs) {
  auto entries = std::make_shared<ensemble::RunEntries>(runs);
  ensemble::ScenarioRunOptions options;
  options.runs = runs;
  options.seed = 7;
  options.on_run = [&](std::uint32_t run, const abm::Outputs& out) { (*entries)[run] = out.entries(); };
  return {ensemble::run_scenario(std::move(prepared), options), entries};
}

std::vector<double> over_runs(const ensemble::ScenarioResults& r, const std::string& measure) {
  const auto& totals = r.totals;
  return totals.over_runs(totals.periods().size() - 1, totals.column(measure, ""));
}

ensemble::ScenarioResults run_following(const ensemble::PreparedScenario& baseline,
                                        const ensemble::PreparedScenario& from, std::shared_ptr<ensemble::RunEntries> e,
                                        std::uint32_t runs) {
  ensemble::ScenarioRunOptions options;
  options.runs = runs;
  options.seed = 7;
  return ensemble::run_scenario(baseline.following(from, std::move(e)), options);
}

}  // namespace

TEST_CASE("entry cohorts matched by person: a run following its own entrants counts exactly what it counted") {
  const auto baseline = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).scenario());
  const auto own = run_keeping_entries(baseline, 3);
  REQUIRE(!(*own.entries)[0].empty());
  for (const auto& run : *own.entries) {
    for (std::size_t i = 1; i < run.size(); ++i) {
      if (run[i].group == run[i - 1].group) CHECK(run[i].step >= run[i - 1].step);  // in step order, by cohort
    }
  }
  const auto again = run_following(*baseline, *baseline, own.entries, 3);
  for (const auto& cohort : revolving_door::entry_cohort_names) {
    for (const auto& what : {"people", "weeks_rough_sleeping", "weeks_housed", "weeks_in_prison", "ae_attendances"}) {
      const std::string measure = "entry_cohort_52w." + cohort + "." + what;
      INFO(measure);
      CHECK(over_runs(again, measure) == over_runs(own.results, measure));
    }
  }
  CHECK(over_runs(again, "person_weeks.rough_sleeping") == over_runs(own.results, "person_weeks.rough_sleeping"));
}

TEST_CASE("entry cohorts matched by person: the baseline follows an alternative's entrants from their entry week") {
  const auto baseline = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).scenario());
  const auto mtam = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).with("mtam").scenario());
  ensemble::ScenarioRunOptions options;
  options.runs = 3;
  options.seed = 7;
  const auto results = ensemble::run_comparison({baseline, mtam}, options);
  REQUIRE(results[1].entry_match == ensemble::ScenarioResults::EntryMatch::matched);
  REQUIRE(results[1].matched_baseline);
  const auto& matched = *results[1].matched_baseline;
  CHECK(over_runs(results[0], "entry_cohort_52w.mtam.people") == std::vector<double>(3, 0.0));  // no MTAM there
  const auto people = over_runs(results[1], "entry_cohort_52w.mtam.people");
  CHECK(people[0] > 0);
  CHECK(over_runs(matched, "entry_cohort_52w.mtam.people") == people);  // the same people, run by run
  // The same people, without MTAM: a different year (MTAM's workers change what happens to them).
  CHECK(over_runs(matched, "entry_cohort_52w.mtam.weeks_housed") !=
        over_runs(results[1], "entry_cohort_52w.mtam.weeks_housed"));
  // Everything but the entry cohorts is the baseline's own.
  CHECK(over_runs(matched, "person_weeks.rough_sleeping") == over_runs(results[0], "person_weeks.rough_sleeping"));
  // Entrants are listed per run in the order they entered, so one thread gives the same matched runs as two.
  const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const auto alone = ensemble::run_comparison({baseline, mtam}, options);
  CHECK(over_runs(*alone[1].matched_baseline, "entry_cohort_52w.mtam.weeks_housed") ==
        over_runs(matched, "entry_cohort_52w.mtam.weeks_housed"));
}

TEST_CASE("entry cohorts matched by person: one pass of the baseline follows every alternative's entrants") {
  const auto baseline = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).scenario());
  const auto mtam = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).with("mtam").scenario());
  const auto hf = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).with("housing_first").scenario());
  const auto navigators = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).with("navigators").scenario());
  ensemble::ScenarioRunOptions options;
  options.runs = 3;
  options.seed = 7;
  std::atomic<std::uint64_t> steps = 0;
  options.on_step = [&steps] { ++steps; };
  const auto all = ensemble::run_comparison({baseline, mtam, hf, navigators}, options);
  // Three alternatives, one matched pass: five ensembles' steps, not seven.
  CHECK(steps == 5 * 3 * baseline->steps());
  CHECK(steps == ensemble::comparison_steps({baseline, mtam, hf, navigators}, 3));
  const std::vector<std::shared_ptr<const ensemble::PreparedScenario>> alternatives = {mtam, hf, navigators};
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    INFO("alternative " << i + 1);
    REQUIRE(all[i + 1].entry_match == ensemble::ScenarioResults::EntryMatch::matched);
    const auto& arm = *all[i + 1].matched_baseline;
    const auto alone = ensemble::run_comparison({baseline, alternatives[i]}, options);
    const auto& own_arm = *alone[1].matched_baseline;
    // The same columns, in the baseline's layout, with every run's values as when the baseline followed it alone.
    REQUIRE(arm.totals.measures().size() == baseline->measures().size());
    REQUIRE(arm.quarters.measures().size() == own_arm.quarters.measures().size());
    for (std::size_t c = 0; c < arm.totals.measures().size(); ++c) {
      INFO(arm.totals.measures()[c].column);
      CHECK(arm.totals.measures()[c].column == baseline->measures()[c].column);
      for (std::size_t p = 0; p < arm.totals.periods().size(); ++p) {
        CHECK(arm.totals.over_runs(p, c) == own_arm.totals.over_runs(p, c));
      }
    }
    for (std::size_t c = 0; c < arm.quarters.measures().size(); ++c) {
      for (std::size_t p = 0; p < arm.quarters.periods().size(); ++p) {
        CHECK(arm.quarters.over_runs(p, c) == own_arm.quarters.over_runs(p, c));
      }
    }
    const std::string cohort = revolving_door::entry_cohort_names[i == 0 ? 1 : i == 1 ? 0 : 2];
    CHECK(over_runs(arm, "entry_cohort_52w." + cohort + ".people") ==
          over_runs(all[i + 1], "entry_cohort_52w." + cohort + ".people"));  // its own entrants, run by run
  }
  // The pass's own layout: the first alternative's entry-cohort columns in the baseline's places, the others' after.
  const auto pass = baseline->following({{mtam.get(), std::make_shared<ensemble::RunEntries>()},
                                         {hf.get(), std::make_shared<ensemble::RunEntries>()}});
  const auto& measures = pass->measures();
  REQUIRE(measures.size() > baseline->measures().size());
  for (std::size_t c = 0; c < measures.size(); ++c) {
    const bool further = c >= baseline->measures().size();
    CHECK(measures[c].entrants_of == (further ? 1u : 0u));
    if (further) CHECK((measures[c].follows_entries && measures[c].column.ends_with("@1")));
  }
}

TEST_CASE("entry cohorts matched by person in a PSA: each draw's baseline follows its alternatives' entrants") {
  const std::shared_ptr<const ensemble::ScenarioModel> model(&test::revolving_door(), [](auto*) {});
  const io::Scenario baseline = test::ScenarioBuilder(0.3, 2).scenario();
  io::Scenario mtam = test::ScenarioBuilder(0.3, 2).with("mtam").scenario();
  mtam.label = "MTAM";
  // Its own arrivals, set to the baseline's value: the same people at the point values, other people in every
  // draw (the baseline draws arrivals, it holds them), so it cannot be followed there.
  io::Scenario own_arrivals = test::ScenarioBuilder(0.3, 2).with("navigators").set("flows.arrivals", 520).scenario();
  own_arrivals.label = "Navigators, arrivals held";
  ensemble::PsaPlan plan{model, {baseline, mtam, own_arrivals},
                         ensemble::Design(*model->schema().parameters, ensemble::DesignKind::lhs, 3, 5), 2, 7};
  std::vector<std::string> notes;
  CHECK(ensemble::followed_scenarios(plan, &notes) == std::vector<bool>{false, true, false});
  CHECK(notes[1].empty());
  CHECK_THAT(notes[2], Catch::StartsWith("under the draws (the psa_ columns; at the point values they are the same): "
                                         "Navigators, arrivals held and test do not have the same people (arrivals)") &&
                          Catch::EndsWith("its entry cohorts are compared with the baseline's own entrants"));
  const auto psa = ensemble::run_psa(plan);
  REQUIRE(psa.matched.size() == 3);
  CHECK(!psa.matched[0]);
  CHECK(!psa.matched[2]);
  CHECK(psa.entry_notes == notes);
  REQUIRE(psa.matched[1]);
  const auto& matched = *psa.matched[1];
  const std::size_t total = matched.periods().size() - 1;
  const auto column = [](const ensemble::ScenarioTotals& t, const std::string& m) { return t.column(m, ""); };
  const auto people = psa.totals[1].over_runs(total, column(psa.totals[1], "entry_cohort_52w.mtam.people"));
  CHECK(people[0] > 0);
  // The same people, draw by draw and run by run, and what happened to them without MTAM.
  CHECK(matched.over_runs(total, column(matched, "entry_cohort_52w.mtam.people")) == people);
  CHECK(matched.over_runs(total, column(matched, "entry_cohort_52w.mtam.weeks_housed")) !=
        psa.totals[1].over_runs(total, column(psa.totals[1], "entry_cohort_52w.mtam.weeks_housed")));
  // A draw alone, as another process given only that draw would run it.
  const auto draw = ensemble::run_draw(plan, 2, ensemble::followed_scenarios(plan));
  REQUIRE(draw.matched[1]);
  for (std::uint32_t r = 0; r < 2; ++r) {
    for (std::size_t c = 0; c < matched.measures().size(); ++c) {
      CHECK(draw.matched[1]->value(r, total, c) == matched.value(2 * 2 + r, total, c));
    }
  }
  // The matched runs keep the entry-cohort columns alone.
  CHECK(matched.measures().size() == ensemble::entry_cohort_measures(psa.totals[0].measures()).size());
  CHECK(matched.measures().size() < psa.totals[0].measures().size());
  plan.match_entrants = false;
  CHECK(ensemble::followed_scenarios(plan) == std::vector<bool>{false, false, false});
  CHECK(!ensemble::run_draw(plan, 0, ensemble::followed_scenarios(plan)).matched[1]);
}

TEST_CASE("entry cohorts matched by person: refused when the people differ, or the entrants are not the run's") {
  const auto baseline = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).scenario());
  SECTION("a different starting cohort or arrivals: a ScenarioError naming what differs") {
    const auto larger = test::revolving_door().prepare(test::ScenarioBuilder(0.4, 2).scenario());
    const auto more = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).set("flows.arrivals", 600).scenario());
    auto none = std::make_shared<ensemble::RunEntries>();
    CHECK_THROWS_WITH(baseline->following(*larger, none), Catch::Contains("starting cohort"));
    CHECK_THROWS_WITH(baseline->following(*more, none), Catch::Contains("arrivals"));
    const auto rougher =
        test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).set("initial.rough_sleeping", 0.04).scenario());
    CHECK_THROWS_WITH(baseline->following(*rougher, none), Catch::Contains("(initial.rough_sleeping)"));
    const auto mtam = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 2).with("mtam").scenario());
    CHECK(baseline->following(*mtam, none) != nullptr);  // a service changes what happens to people, not who they are
    ensemble::ScenarioRunOptions options;
    options.runs = 2;
    const auto results = ensemble::run_comparison({baseline, more}, options);
    CHECK(results[1].entry_match == ensemble::ScenarioResults::EntryMatch::baseline_own);
    CHECK_THAT(results[1].entry_match_note, Catch::Contains("do not have the same people (arrivals)"));
  }
  SECTION("fewer runs of entrants than runs") {
    auto one_run = std::make_shared<ensemble::RunEntries>(1);
    CHECK_THROWS_WITH(run_following(*baseline, *baseline, one_run, 2), Catch::Contains("run 1 has no entrants"));
  }
  SECTION("an entrant who is not in the run") {
    auto stranger = std::make_shared<ensemble::RunEntries>(1);
    (*stranger)[0].push_back({100000000, 3, 0});
    CHECK_THROWS_WITH(run_following(*baseline, *baseline, stranger, 1), Catch::Contains("not in this run"));
  }
  SECTION("entrants out of step order, or listed twice") {
    auto shuffled = std::make_shared<ensemble::RunEntries>(1);
    (*shuffled)[0] = {{1, 5, 0}, {2, 3, 0}};
    CHECK_THROWS_WITH(run_following(*baseline, *baseline, shuffled, 1), Catch::Contains("not in step order"));
    auto twice = std::make_shared<ensemble::RunEntries>(1);
    (*twice)[0] = {{1, 3, 0}, {1, 3, 0}};
    CHECK_THROWS_WITH(run_following(*baseline, *baseline, twice, 1), Catch::Contains("listed twice"));
  }
}

TEST_CASE("entry cohorts: the weeks after a sustained positive exit count as housed (intention to treat)") {
  // Everyone stable for a week leaves within days: most MTAM entrants who get a home leave the cohort soon after.
  const auto usual = test::ScenarioBuilder(0.3, 2).with("mtam");
  auto quick_exits = usual;
  quick_exits.set("flows.sustained_exit", 50).set("flows.sustained_exit_qualifying", 1);
  const test::Ensemble with_usual(usual.scenario(), 3, 2);
  const test::Ensemble with_quick(quick_exits.scenario(), 3, 2);
  REQUIRE(with_quick.total("events.positive_exit") > 5 * with_usual.total("events.positive_exit"));
  const auto housed_per_person = [](const test::Ensemble& e) {
    return e.total("entry_cohort_52w.mtam.weeks_housed") / e.total("entry_cohort_52w.mtam.people");
  };
  // Were their weeks dropped at the exit, the cohort's housed weeks would collapse; counted as housed, they hold.
  CHECK(housed_per_person(with_quick) > 0.9 * housed_per_person(with_usual));
  const double weeks = with_quick.total("entry_cohort_52w.mtam.weeks_rough_sleeping") +
                       with_quick.total("entry_cohort_52w.mtam.weeks_housed") +
                       with_quick.total("entry_cohort_52w.mtam.weeks_in_prison");
  CHECK(weeks <= 52 * with_quick.total("entry_cohort_52w.mtam.people"));
}

TEST_CASE("entry cohorts: everyone alive with a cohort's service at the end of a run has entered its cohort") {
  // Housing First, MTAM and navigators together, so that some people pass through more than one: the pass that
  // looks for new entrants visits only those not yet entered (entry_cohorts.cpp, mark_may_enter), and one that took
  // another cohort's entry for theirs would miss them.
  const io::Scenario scenario =
      test::ScenarioBuilder(0.3, 4).with("housing_first").with("mtam").with("navigators").scenario();
  const auto setup = revolving_door::setup_of(*test::revolving_door().prepare(scenario));
  abm::Run run({11, 0});
  for (auto& m : revolving_door::revolving_door_modules(setup)) run.add(std::move(m));
  run.run(setup->steps);
  const abm::Population& population = run.population();
  const auto entered = [&](const std::string& cohort) {
    return population.event_times(population.event_time("entry_cohort_" + cohort + "_step"));
  };
  const auto housing_first = entered("housing_first"), mtam = entered("mtam"), navigator = entered("navigator");
  const auto support = population.states(population.state("support"));
  const auto waiting = population.states(population.state("waiting_for"));
  using revolving_door::code;
  std::array<std::size_t, 3> with_service{};
  std::size_t in_two = 0;  // people who entered more than one cohort
  for (abm::PersonId p = 0; p < population.size(); ++p) {
    in_two += (housing_first[p] != abm::no_event) + (mtam[p] != abm::no_event) + (navigator[p] != abm::no_event) > 1;
    if (!population.alive()[p]) continue;
    INFO("person " << p);
    if (support[p] == code(revolving_door::Support::housing_first) ||
        waiting[p] == code(revolving_door::WaitingFor::housing_first)) {
      CHECK(housing_first[p] != abm::no_event);
      ++with_service[0];
    }
    if (support[p] == code(revolving_door::Support::mtam)) {
      CHECK(mtam[p] != abm::no_event);
      ++with_service[1];
    }
    if (support[p] == code(revolving_door::Support::navigator)) {
      CHECK(navigator[p] != abm::no_event);
      ++with_service[2];
    }
  }
  for (std::size_t n : with_service) CHECK(n > 0);
  CHECK(in_two > 0);
}

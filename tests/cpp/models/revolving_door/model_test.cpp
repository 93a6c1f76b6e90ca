// The revolving-door model as a ScenarioModel: its outputs, conservation of people, results that
// do not depend on threads, interventions at level 0, and scenario validation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "models/revolving_door/model.hpp"
#include "models/revolving_door/interventions/registry.hpp"
#include "models/revolving_door/system.hpp"
#include "sim/core/error.hpp"
#include "sim/random/stream.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"
#include "tests/cpp/support/temp_folder.hpp"
#include "tests/cpp/support/threads.hpp"

using namespace revolve;
using test::ScenarioBuilder;

namespace {

/// Every output of one run, every step.
abm::Outputs one_run(const io::Scenario& scenario, std::uint32_t run_number = 0, std::uint64_t seed = 3) {
  const auto prepared = test::revolving_door().prepare(scenario);
  abm::Run run({seed, run_number});
  prepared->build(run);
  run.run(prepared->steps());
  return std::move(run.outputs());
}

double at(const abm::Outputs& out, std::size_t row, const std::string& column) { return out.at(row, out.find(column)); }

double sum_of(const abm::Outputs& out, std::size_t row, const std::vector<std::string>& columns) {
  double sum = 0;
  for (const auto& c : columns) sum += at(out, row, c);
  return sum;
}

}  // namespace

TEST_CASE("a ten-year horizon is 522 weekly steps") {
  const auto prepared = test::revolving_door().prepare(ScenarioBuilder(1.0, 10).scenario());
  CHECK(prepared->steps() == 522);
  CHECK(prepared->step_years() == Approx(7.0 / 365.25));
}

TEST_CASE("every measure has a whole-cohort column and one per priority group") {
  const auto prepared = test::revolving_door().prepare(ScenarioBuilder(0.1, 1).scenario());
  const auto& measures = prepared->measures();
  std::set<std::string> columns;
  std::map<std::string, std::set<std::string>> groups;
  for (const auto& m : measures) {
    CHECK(columns.insert(m.column).second);  // unique
    groups[m.measure].insert(m.group);
    CHECK(m.column == (m.group.empty() ? m.measure : m.measure + "[" + m.group + "]"));
    CHECK(!m.unit.empty());
    if (m.measure.rfind("cost", 0) == 0 || m.measure.rfind("intervention_cost", 0) == 0) CHECK(!m.payer.empty());
  }
  const std::set<std::string> all = {"", "wider", "young_mec_justice", "women_domestic_abuse", "chronic_homeless"};
  for (const auto& [measure, g] : groups) {
    INFO(measure);
    const auto starts = [&](const char* prefix) { return measure.rfind(prefix, 0) == 0; };
    // The system's measures, and the costs by housing state and at entry, are for the whole cohort only.
    if (starts("system.") || starts("cost_by_housing.") || starts("cost_at_entry.") ||
        starts("person_weeks_by_housing.") || starts("person_weeks_at_entry.")) {
      CHECK(g == std::set<std::string>{""});
    } else {
      CHECK(g == all);
    }
  }
  for (const char* m : {"people.rough_sleeping", "people.custody", "people.mh_crisis", "people.substance_treatment",
                        "people.support_none", "person_weeks.rough_sleeping", "events.ae_attendance",
                        "events.emergency_bed_days", "events.recall_breach", "events.custody_days", "events.death",
                        "events.positive_exit", "events.housing_first_start", "cost.nhs", "cost_discounted.total",
                        "intervention_cost.mtam", "system.staff_mtam", "people.waiting_temporary"}) {
    CHECK(groups.count(m) == 1);
  }
}

TEST_CASE("people are conserved and every domain's categories add up to the people alive, every week") {
  const double scale = 0.2;
  const auto out = one_run(ScenarioBuilder(scale, 3)
                               .with("mtam")
                               .with("navigators")
                               .with("housing_first")
                               .with("release_accommodation")
                               .scenario());
  const double initial = std::round(5750 * scale);
  double entries = 0, exits = 0;
  const std::vector<std::string> housing = {"people.settled",   "people.rough_sleeping", "people.temporary",
                                            "people.supported", "people.housing_first",  "people.in_prison"};
  const std::vector<std::string> justice = {"people.justice_none", "people.community_order", "people.custody",
                                            "people.licence", "people.recalled"};
  const std::vector<std::string> mental = {"people.mh_stable", "people.mh_unwell", "people.mh_treatment",
                                           "people.mh_crisis", "people.mh_inpatient"};
  const std::vector<std::string> support = {"people.support_none", "people.support_usual", "people.support_navigator",
                                            "people.support_mtam", "people.support_housing_first"};
  for (std::size_t row = 0; row < out.rows(); ++row) {
    INFO("step " << row + 1);
    entries += at(out, row, "events.arrival");
    exits += at(out, row, "events.death") + at(out, row, "events.moved_away") + at(out, row, "events.positive_exit");
    const double alive = at(out, row, "people.alive");
    REQUIRE(alive + exits == initial + entries);
    REQUIRE(sum_of(out, row, housing) == alive);
    REQUIRE(sum_of(out, row, justice) == alive);
    REQUIRE(sum_of(out, row, mental) == alive);
    REQUIRE(sum_of(out, row, support) == alive);
    REQUIRE(at(out, row, "people.rough_sleeping[chronic_homeless]") + at(out, row, "people.rough_sleeping[wider]") +
                at(out, row, "people.rough_sleeping[young_mec_justice]") +
                at(out, row, "people.rough_sleeping[women_domestic_abuse]") ==
            at(out, row, "people.rough_sleeping"));
  }
  CHECK(entries > 0);
  CHECK(exits > 0);
}

TEST_CASE("engagement.mean is the mean engagement of the people alive, whole cohort and each group, at both widths") {
  // The recorder sums engagement by group in fixed point, eight rows at a time (outputs.cpp, sum_living_by_group),
  // the dead left out: within 5e-13 a person of a sum in doubles.
  const auto prepared = test::revolving_door().prepare(ScenarioBuilder(0.2, 2).with("mtam").scenario());
  std::vector<std::vector<double>> by_width;  // every week's engagement.mean, at each width
  for (const auto width : {random::VectorWidth::avx512, random::VectorWidth::scalar}) {
    const auto before = random::limit_vector_width(width);
    abm::Run run({5, 0});
    prepared->build(run);
    run.run(prepared->steps());
    random::limit_vector_width(before);
    const abm::Population& people = run.population();
    const auto engagement = people.attributes(people.attribute("engagement"));
    const auto group = people.states(people.state("priority_group"));
    const std::vector<std::string> names = {"wider", "young_mec_justice", "women_domestic_abuse", "chronic_homeless"};
    std::vector<double> sum(names.size()), alive(names.size());
    std::size_t dead = 0;
    for (abm::PersonId p = 0; p < people.size(); ++p) {
      dead += !people.alive()[p];
      if (!people.alive()[p]) continue;
      sum[group[p]] += engagement[p];
      alive[group[p]] += 1;
    }
    REQUIRE(dead > 0);  // the dead are there to be left out
    const abm::Outputs& out = run.outputs();
    const std::size_t last = out.rows() - 1;
    double all_sum = 0, all_alive = 0;
    for (std::size_t g = 0; g < names.size(); ++g) {
      INFO("width " << static_cast<int>(width) << ", group " << names[g]);
      CHECK(at(out, last, "engagement.mean[" + names[g] + "]") == Approx(sum[g] / alive[g]).epsilon(1e-12));
      all_sum += sum[g], all_alive += alive[g];
    }
    CHECK(at(out, last, "engagement.mean") == Approx(all_sum / all_alive).epsilon(1e-12));
    by_width.emplace_back();
    for (std::size_t row = 0; row < out.rows(); ++row) by_width.back().push_back(at(out, row, "engagement.mean"));
  }
  CHECK(by_width[0] == by_width[1]);  // the same additions in the same order: bit for bit
}

TEST_CASE("results are identical on 1 and 2 threads") {
  const auto scenario = ScenarioBuilder(0.2, 2).with("mtam").with("housing_first").scenario();
  const auto totals = [&](int threads) {
    return test::with_threads(threads, [&] {
      const test::Ensemble e(scenario, 4);
      std::vector<double> all;
      for (std::uint32_t r = 0; r < e.totals().runs(); ++r) {
        for (std::size_t c = 0; c < e.totals().measures().size(); ++c) all.push_back(e.totals().value(r, 2, c));
      }
      return all;
    });
  };
  CHECK(totals(1) == totals(2));
}

TEST_CASE("an intervention at level 0 leaves every output as in the baseline") {
  const auto baseline = one_run(ScenarioBuilder(0.2, 2).scenario());
  for (const auto& name : revolving_door::intervention_names()) {
    INFO(name);
    const auto off = one_run(ScenarioBuilder(0.2, 2).with(name, 0.0).scenario());
    REQUIRE(off.rows() == baseline.rows());
    CHECK(std::equal(off.values().begin(), off.values().end(), baseline.values().begin()));
  }
}

TEST_CASE("an intervention changes nothing before it starts (common random numbers)") {
  const auto baseline = one_run(ScenarioBuilder(0.2, 2).scenario());
  const auto later = one_run(ScenarioBuilder(0.2, 2).with("mtam", 1.0, 1.0).with("navigators", 1.0, 1.0).scenario());
  const std::size_t before = 52;  // the first year's weeks
  const auto first_year = [&](const abm::Outputs& o) {
    return std::vector<double>(o.values().begin(), o.values().begin() + before * o.size());
  };
  CHECK(first_year(later) == first_year(baseline));
  CHECK(later.values().back() != baseline.values().back());
}

TEST_CASE("prepare rejects what the model does not know, naming it") {
  auto s = ScenarioBuilder(1, 1).scenario();
  s.interventions["navigtors"] = {"navigtors", {io::Window{}}, {"s.yaml", 7}};
  CHECK_THROWS_WITH(test::revolving_door().prepare(s),
                    Catch::Contains("unknown intervention 'navigtors'") && Catch::Contains("navigators"));
  auto t = ScenarioBuilder(1, 1).scenario();
  t.outputs = {"people.rough_sleepin"};
  CHECK_THROWS_AS(test::revolving_door().prepare(t), ScenarioError);
  const auto u = ScenarioBuilder(1, 1).set("housing_first.places", -3).scenario();
  CHECK_THROWS_AS(test::revolving_door().prepare(u), ScenarioError);
  auto v = ScenarioBuilder(1, 1).scenario();
  v.outputs = {"events.ae_attendance[chronic_homeless]", "people.rough_sleeping"};
  CHECK_NOTHROW(test::revolving_door().prepare(v));
}

TEST_CASE("the system takes its numbers from parameters.yaml as parameters, and holds no placeholder for them") {
  const auto system = std::filesystem::path(REVOLVE_SOURCE_DIR) / "models/revolving_door/system.yaml";
  CHECK_NOTHROW(revolving_door::compile_system(system, revolving_door::Parameters{}));
  // The same file with a placeholder number for one parameter is refused, naming it.
  std::string text = test::read_text(system);
  const std::string declared = "- parameter: turnover\n";
  REQUIRE(text.find(declared) != std::string::npos);
  text.replace(text.find(declared), declared.size(), "- aux: turnover\n    equation: 0\n");
  const test::TempFolder folder;
  CHECK_THROWS_WITH(revolving_door::compile_system(folder.write("system.yaml", text), revolving_door::Parameters{}),
                    Catch::Contains("system.yaml: the system needs 'parameter: turnover' without a default"));
}

TEST_CASE("the manifest holds the resolved parameters, the model files and the scenario hash") {
  const auto scenario = ScenarioBuilder(1, 1).set("contracts.term", 5).scenario();
  const auto manifest = test::revolving_door().prepare(scenario)->manifest();
  CHECK(manifest["scenario_hash"] == scenario.hash());
  CHECK(manifest["files"].size() == 3);  // parameters, system, limitations
  CHECK(manifest["files"][0]["fnv1a64"].get<std::string>().size() == 16);
  bool found = false;
  for (const auto& p : manifest["parameters"]) {
    if (p["name"] == "contracts.term") {
      found = true;
      CHECK(p["scenario_value"]["value"] == 5);
      CHECK(p["model_value"].get<double>() == Approx(5 * 365.25 / 7));
      CHECK(p["status"] == "sourced");
    }
  }
  CHECK(found);
}

TEST_CASE("the population scale scales the cohort and the arrivals") {
  const auto small = one_run(ScenarioBuilder(0.1, 1).scenario());
  const auto large = one_run(ScenarioBuilder(0.4, 1).scenario());
  CHECK(at(small, 0, "people.alive") == Approx(575).margin(10));
  CHECK(at(large, 0, "people.alive") == Approx(2300).margin(20));
  double small_arrivals = 0, large_arrivals = 0;
  for (std::size_t r = 0; r < small.rows(); ++r) {
    small_arrivals += at(small, r, "events.arrival");
    large_arrivals += at(large, r, "events.arrival");
  }
  CHECK(large_arrivals / small_arrivals == Approx(4).epsilon(0.35));
}

TEST_CASE("moves between housing states are counted, and Housing First adds moves into its tenancies") {
  const auto baseline = ScenarioBuilder(0.2, 2).scenario();
  const auto scaled_up = ScenarioBuilder(0.2, 2).set("housing_first.added_places", 40).with("housing_first").scenario();
  const auto base = one_run(baseline), hf = one_run(scaled_up);
  const auto total = [](const abm::Outputs& out, const std::string& column) {
    double sum = 0;
    for (std::size_t r = 0; r < out.rows(); ++r) sum += at(out, r, column);
    return sum;
  };
  const auto into_housing_first = [&](const abm::Outputs& out) {
    return total(out, "moves.housing.rough_sleeping.housing_first") + total(out, "moves.housing.temporary.housing_first");
  };
  // The street-hostel circuit is the commonest move; nobody moves every week.
  CHECK(total(base, "moves.housing.rough_sleeping.temporary") > 0);
  CHECK(total(base, "moves.housing.temporary.rough_sleeping") > 0);
  for (std::size_t r = 0; r < base.rows(); ++r) {
    double moves = 0;
    for (const auto& name : base.names()) {
      if (name.rfind("moves.housing.", 0) == 0 && name.find('[') == std::string::npos) moves += at(base, r, name);
    }
    CHECK(moves < at(base, r, "people.alive"));
  }
  CHECK(into_housing_first(hf) > into_housing_first(base));
}

TEST_CASE("the order modules are added in changes nothing: each acts where its signals and after() put it") {
  const io::Scenario scenario = ScenarioBuilder(0.2, 2)
                                    .with("housing_first")
                                    .with("mtam")
                                    .with("navigators")
                                    .with("release_accommodation")
                                    .with("contracts")
                                    .scenario();
  const auto prepared = test::revolving_door().prepare(scenario);
  const auto setup = revolving_door::setup_of(*prepared);
  const auto run_with = [&](bool reversed) {
    auto modules = revolving_door::revolving_door_modules(setup);
    if (reversed) std::reverse(modules.begin(), modules.end());
    abm::Run run({3, 0});
    for (auto& m : modules) run.add(std::move(m));
    run.run(prepared->steps());
    std::vector<std::string> referrals;
    for (const auto* m : run.acting_in(Phase::interventions)) referrals.push_back(m->name());
    CHECK(referrals == std::vector<std::string>{"housing_first", "mtam", "navigators"});
    return std::move(run.outputs());
  };
  const auto forward = run_with(false), reversed = run_with(true);
  REQUIRE(forward.rows() == reversed.rows());
  CHECK(std::equal(forward.values().begin(), forward.values().end(), reversed.values().begin()));
}

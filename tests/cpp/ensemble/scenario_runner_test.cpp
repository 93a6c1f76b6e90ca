// Running prepared scenarios: totals per period, reproducibility, common random numbers, and the
// files a run and a comparison write.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <tbb/global_control.h>

#include "sim/abm/example_lives.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/results_files.hpp"
#include "sim/ensemble/scenario_runner.hpp"
#include "sim/ensemble/table.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;
namespace fs = std::filesystem;

namespace {

io::Scenario toy_scenario(double outreach_level, int runs = 40) {
  io::Scenario s;
  s.label = outreach_level > 0 ? "Outreach" : "Baseline";
  s.model = "toy";
  s.horizon_years = 3;
  s.runs = runs;
  s.seed = 11;
  if (outreach_level > 0) {
    io::InterventionSetting outreach;
    outreach.name = "outreach";
    outreach.windows.push_back({0.0, 0.0, std::numeric_limits<double>::infinity(), outreach_level, {}});
    s.interventions["outreach"] = outreach;
  }
  return s;
}

ensemble::ScenarioResults run(const io::Scenario& s, std::uint64_t seed = 11) {
  test::ToyModel model;
  ensemble::ScenarioRunOptions options;
  options.runs = static_cast<std::uint32_t>(s.runs);
  options.seed = seed;
  return ensemble::run_scenario(model.prepare(s), options);
}

std::vector<std::string> lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("yearly periods: 52 or 53 weeks each, ten years is 522 weeks, then the total") {
  const auto periods = ensemble::yearly_periods(522, 7.0 / 365.25);
  REQUIRE(periods.size() == 11);
  CHECK(periods[0].last_row == 52);
  CHECK(periods[9].last_row == 522);
  CHECK(periods[10].label == "total");
  CHECK(periods[10].last_row - periods[10].first_row == 522);
  for (std::size_t p = 1; p < 10; ++p) CHECK(periods[p].first_row == periods[p - 1].last_row);
}

TEST_CASE("period totals average levels and sum flows") {
  abm::Outputs run;
  const auto level = run.add("level");
  const auto flow = run.add("flow");
  run.freeze();
  for (int r = 0; r < 4; ++r) {
    run.set(level, r + 1);  // 1, 2, 3, 4
    run.set(flow, 10);
    run.commit_row();
  }
  const std::vector<ensemble::MeasureInfo> measures = {
      {"level", "level", "", "people", ensemble::Aggregation::level, "", 0},
      {"flow", "flow", "", "events", ensemble::Aggregation::flow, "", 0}};
  const std::vector<ensemble::Period> periods = {{"first half", 0, 2}, {"total", 0, 4}};
  const auto totals = ensemble::period_totals(run, measures, periods);
  CHECK(totals == std::vector<double>{1.5, 20, 2.5, 40});
}

TEST_CASE("intervals are the mean and the 5th and 95th percentiles") {
  std::vector<double> values;
  for (int i = 0; i <= 100; ++i) values.push_back(i);
  const auto i = ensemble::interval(values);
  CHECK(i.mean == 50);
  CHECK(i.low == Approx(5));
  CHECK(i.high == Approx(95));
}

TEST_CASE("a scenario's results are the same on 1 and 2 threads") {
  const auto s = toy_scenario(1.0, 8);
  std::vector<double> one, two;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = run(s).totals.over_runs(3, 0);
  }
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    two = run(s).totals.over_runs(3, 0);
  }
  CHECK(one == two);
}

TEST_CASE("common random numbers: paired differences are far narrower than with independent seeds") {
  const auto base = run(toy_scenario(0.0));
  const auto outreach = run(toy_scenario(0.2));
  const auto independent = run(toy_scenario(0.2), 9999);
  const std::size_t total = base.totals.periods().size() - 1;
  const std::size_t weeks = base.totals.column("person_weeks.rough_sleeping", "");
  const auto shared = ensemble::interval(
      ensemble::paired_differences(outreach.totals.over_runs(total, weeks), base.totals.over_runs(total, weeks)));
  const auto unshared = ensemble::interval(
      ensemble::paired_differences(independent.totals.over_runs(total, weeks), base.totals.over_runs(total, weeks)));
  CHECK(shared.high < 0);  // outreach reduces weeks rough sleeping in every run
  CHECK((unshared.high - unshared.low) > 3 * (shared.high - shared.low));
}

TEST_CASE("run and comparison files: columns, rows, baseline differences of zero, net cost per outcome") {
  const auto base = run(toy_scenario(0.0, 10));
  const auto outreach = run(toy_scenario(1.0, 10));
  const test::TempFolder folder("revolve_scenario_files");
  const fs::path& dir = folder.path();
  ensemble::write_results_csv(dir / "results.csv", base);
  ensemble::write_summary_csv(dir / "summary.csv", base);
  ensemble::write_comparison_csv(dir / "comparison.csv", {&base, &outreach});

  const auto results = lines(dir / "results.csv");
  CHECK(results[0] == "scenario,step,time,measure,unit,mean,sd,p05,p25,p50,p75,p95");
  CHECK(results.size() == 1 + base.scenario->steps() * 4);  // 4 whole-cohort measures per step

  const auto summary = lines(dir / "summary.csv");
  CHECK(summary[0] == "scenario,measure,group,payer,unit,aggregation,period,mean,low,high");
  // 12 measure columns + cost.total and cost_discounted.total for 3 groups, in 4 periods; then the 4 whole-cohort
  // columns and their 2 cost totals in 12 quarters.
  CHECK(summary.size() == 1 + 4 * (12 + 6) + 12 * (4 + 2));

  const auto comparison = lines(dir / "comparison.csv");
  CHECK(comparison[0] ==
        "scenario,measure,group,payer,unit,aggregation,period,mean,low,high,verdict,diff_mean,diff_low,diff_high");
  bool baseline_zero = true, net_cost_row = false, levels_averaged = false, flows_summed = false;
  for (const auto& line : comparison) {
    if (line.rfind("Baseline,", 0) == 0) baseline_zero = baseline_zero && line.size() > 6 && line.substr(line.size() - 6) == ",0,0,0";
    // Outreach costs the housing payer more and cuts rough sleeping: a positive cost per week avoided, or dominance.
    if (line.rfind("Outreach,net_cost_per.person_weeks.rough_sleeping,,all,", 0) == 0) {
      net_cost_row = line.find(",ratio,total,,,,costs more, gains,") != std::string::npos ||
                     line.find(",ratio,total,,,,dominates,,,") != std::string::npos;
      CHECK(line.find(",-") == std::string::npos);  // never a negative ratio
    }
    levels_averaged = levels_averaged || line.rfind("Baseline,people.rough_sleeping,,,people,mean,total,", 0) == 0;
    flows_summed = flows_summed || line.rfind("Baseline,person_weeks.rough_sleeping,,,person-weeks,sum,total,", 0) == 0;
  }
  CHECK(baseline_zero);
  CHECK(net_cost_row);
  CHECK(levels_averaged);
  CHECK(flows_summed);
}

namespace {

/// The toy scenario with something added: every call goes to the toy unless the test's class overrides it.
class ToyWith : public ensemble::PreparedScenario {
 public:
  explicit ToyWith(std::shared_ptr<const ensemble::PreparedScenario> toy) : toy_(std::move(toy)) {}
  const io::Scenario& scenario() const override { return toy_->scenario(); }
  std::uint32_t steps() const override { return toy_->steps(); }
  double step_years() const override { return toy_->step_years(); }
  const std::vector<ensemble::MeasureInfo>& measures() const override { return toy_->measures(); }
  nlohmann::json manifest() const override { return toy_->manifest(); }
  void build(abm::Run& run) const override { toy_->build(run); }

 protected:
  std::shared_ptr<const ensemble::PreparedScenario> toy_;
};

/// The toy scenario with an analyzer that follows two people who start sleeping rough in group "a".
class WithLives : public ToyWith {
 public:
  using ToyWith::ToyWith;
  void build(abm::Run& run) const override {
    toy_->build(run);
    run.add<abm::ExampleLives>(abm::ExampleLivesSpec{
        .name = "lives", .people = 2, .columns = {"housed"}, .chosen_from = {{"housed", {"no"}}, {"group", {"a"}}}});
  }
};

}  // namespace

TEST_CASE("the first run's example lives go to the scenario's folder as lives.csv") {
  test::ToyModel model;
  ensemble::ScenarioRunOptions options;
  options.runs = 3;
  options.seed = 11;
  const auto prepared = std::make_shared<WithLives>(model.prepare(toy_scenario(1.0, 3)));
  const auto results = ensemble::run_scenario(prepared, options);
  REQUIRE(results.tables.count("lives") == 1);
  abm::Run first({11, 0});
  prepared->build(first);
  first.run(results.scenario->steps());
  CHECK(results.tables.at("lives").rows == first.outputs().tables().at("lives").rows);  // run 0's, not a later run's

  const test::TempFolder folder("revolve_scenario_lives");
  const fs::path dir = folder / "out";
  ensemble::save_results(dir, {&results}, nlohmann::json{{"scenarios", {nlohmann::json::object()}}}, false, true);
  const auto lives = lines(dir / "lives.csv");
  CHECK(lives[0] == "person,column,state,first_step,last_step");
  CHECK(lives[1].rfind("A,housed,", 0) == 0);
  CHECK(lives.size() >= 3);  // person B too
}

namespace {

/// Hands over one entry at the end of the run: person 0, who joined group 0 in step 1.
class OneEntrant : public abm::Module {
 public:
  void finalize(abm::Run& run) override { run.outputs().set_entries({{0, 1, 0}}); }
};

/// The toy as a model with an entry cohort: its whole-cohort weeks sleeping rough stand for a measure of entrants
/// (MeasureInfo::follows_entries). With `entrant`, a run records one entrant. following() hands back `matched`
/// (keeping the entries it was given), or throws ScenarioError as a model does when the two have different people.
class WithEntrants : public ToyWith {
 public:
  WithEntrants(std::shared_ptr<const ensemble::PreparedScenario> toy, bool entrant,
               std::shared_ptr<const ensemble::PreparedScenario> matched = nullptr)
      : ToyWith(std::move(toy)), entrant_(entrant), matched_(std::move(matched)), measures_(toy_->measures()) {
    for (auto& m : measures_) m.follows_entries = m.measure == "person_weeks.rough_sleeping";
  }
  const std::vector<ensemble::MeasureInfo>& measures() const override { return measures_; }
  void build(abm::Run& run) const override {
    toy_->build(run);
    if (entrant_) run.add<OneEntrant>();
  }
  using ensemble::PreparedScenario::following;
  std::shared_ptr<const ensemble::PreparedScenario> following(const std::vector<Followed>& followed) const override {
    if (!matched_) throw ScenarioError("the two scenarios have different people");
    REQUIRE(followed.size() == 1);
    given = followed.front().entries;
    return matched_;
  }
  mutable std::shared_ptr<const ensemble::RunEntries> given;

 private:
  bool entrant_;
  std::shared_ptr<const ensemble::PreparedScenario> matched_;
  std::vector<ensemble::MeasureInfo> measures_;
};

/// A comparison's diff_mean in the total period for a whole-cohort measure of scenario `label`.
double total_diff(const std::vector<const ensemble::ScenarioResults*>& scenarios, const std::string& label,
                  const std::string& measure) {
  ensemble::Table table;
  ensemble::write_comparison(table, scenarios);
  const auto column = [&](const std::string& name) -> const ensemble::Table::Column& {
    for (const auto& c : table.columns()) {
      if (c.name == name) return c;
    }
    throw std::runtime_error("no column " + name);
  };
  for (std::size_t r = 0; r < table.rows(); ++r) {
    if (column("scenario").texts[r] == label && column("measure").texts[r] == measure &&
        column("group").texts[r].empty() && column("period").texts[r] == "total") {
      return column("diff_mean").numbers[r];
    }
  }
  throw std::runtime_error("no row " + label + " " + measure);
}

}  // namespace

TEST_CASE("a comparison sets an alternative's entrants against the same people followed in the baseline") {
  test::ToyModel model;
  ensemble::ScenarioRunOptions options;
  options.runs = 4;
  options.seed = 11;
  std::atomic<std::uint64_t> steps = 0;  // on_step is called from every worker thread
  options.on_step = [&steps] { ++steps; };
  const auto outreach_toy = model.prepare(toy_scenario(1.0, 4));
  // The "baseline following the alternative's entrants" is, here, the alternative itself: its entry-cohort measure
  // then differs by nothing, while the others differ as before.
  const auto baseline = std::make_shared<WithEntrants>(model.prepare(toy_scenario(0.0, 4)), false,
                                                       std::make_shared<WithEntrants>(outreach_toy, false));
  const auto outreach = std::make_shared<WithEntrants>(outreach_toy, true);
  std::vector<std::pair<std::size_t, std::uint32_t>> seen;
  const auto results = ensemble::run_comparison({baseline, outreach}, options, [&](std::size_t s, std::uint32_t r,
                                                                                  const abm::Outputs&) {
    seen.emplace_back(s, r);
  });
  REQUIRE(results.size() == 2);
  CHECK(seen.size() == 8);  // the scenarios' own runs only, not the matched baseline's
  CHECK(results[0].entry_match == ensemble::ScenarioResults::EntryMatch::baseline_own);
  REQUIRE(results[1].entry_match == ensemble::ScenarioResults::EntryMatch::matched);
  REQUIRE(baseline->given);
  REQUIRE(baseline->given->size() == 4);
  for (const auto& run : *baseline->given) {
    REQUIRE(run.size() == 1);
    CHECK(run[0].person == 0);
    CHECK(run[0].step == 1);
  }
  CHECK(steps == 3 * 4 * baseline->steps());
  CHECK(steps == ensemble::comparison_steps({baseline, outreach}, 4));
  const std::vector<const ensemble::ScenarioResults*> both{&results[0], &results[1]};
  CHECK(total_diff(both, "Outreach", "person_weeks.rough_sleeping") == 0);
  CHECK(total_diff(both, "Outreach", "people.rough_sleeping") < 0);  // outreach houses people

  SECTION("an alternative without entrants is set against nobody: its own value is the difference") {
    const auto quiet = std::make_shared<WithEntrants>(outreach_toy, false);
    steps = 0;
    const auto r = ensemble::run_comparison({baseline, quiet}, options);
    CHECK(r[1].entry_match == ensemble::ScenarioResults::EntryMatch::nobody);
    CHECK(!r[1].matched_baseline);
    CHECK(steps == 3 * 4 * baseline->steps());  // the matched runs it skipped still move the progress bar
    double own = 0;
    const auto& totals = r[1].totals;
    for (double v : totals.over_runs(totals.periods().size() - 1, totals.column("person_weeks.rough_sleeping", "")))
      own += v / 4;
    CHECK(own > 0);
    CHECK(total_diff({&r[0], &r[1]}, "Outreach", "person_weeks.rough_sleeping") == Approx(own));
  }
  SECTION("scenarios whose people differ are compared with the baseline's own entrants, and say why") {
    const auto unmatched = std::make_shared<WithEntrants>(model.prepare(toy_scenario(0.0, 4)), false);
    const auto r = ensemble::run_comparison({unmatched, outreach}, options);
    CHECK(r[1].entry_match == ensemble::ScenarioResults::EntryMatch::baseline_own);
    CHECK(r[1].entry_match_note ==
          "the two scenarios have different people: its entry cohorts are compared with the baseline's own entrants");
    CHECK(total_diff({&r[0], &r[1]}, "Outreach", "person_weeks.rough_sleeping") < 0);
  }
  SECTION("a comparison not asked to match runs no baseline again, and says so") {
    steps = 0;
    baseline->given = nullptr;
    const auto r = ensemble::run_comparison({baseline, outreach}, options, {}, false);
    CHECK(!baseline->given);
    CHECK(r[1].entry_match == ensemble::ScenarioResults::EntryMatch::baseline_own);
    CHECK(r[1].entry_match_note == ensemble::entrants_not_matched);
    CHECK(steps == 2 * 4 * baseline->steps());
    CHECK(ensemble::comparison_steps({baseline, outreach}, 4, false) == 2 * 4 * baseline->steps());
    CHECK(total_diff({&r[0], &r[1]}, "Outreach", "person_weeks.rough_sleeping") < 0);
  }
  SECTION("a model that records no entries: the comparison is run_scenario's, with no note") {
    const auto plain = ensemble::run_comparison({model.prepare(toy_scenario(0.0, 4)), outreach_toy}, options);
    CHECK(plain[1].entry_match == ensemble::ScenarioResults::EntryMatch::baseline_own);
    CHECK(plain[1].entry_match_note.empty());
    const auto alone = ensemble::run_scenario(outreach_toy, options);
    CHECK(plain[1].totals.over_runs(0, 0) == alone.totals.over_runs(0, 0));
  }
}

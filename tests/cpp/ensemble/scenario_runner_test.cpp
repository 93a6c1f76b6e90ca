// Running prepared scenarios: totals per period, reproducibility, common random numbers, and the
// files a run and a comparison write.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <tbb/global_control.h>

#include "sim/abm/example_lives.hpp"
#include "sim/ensemble/results_files.hpp"
#include "sim/ensemble/scenario_runner.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"

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
  const fs::path dir = fs::temp_directory_path() / "revolve_scenario_files";
  fs::create_directories(dir);
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
  fs::remove_all(dir);
}

namespace {

/// The toy scenario with an analyzer that follows two people who start sleeping rough in group "a".
class WithLives : public ensemble::PreparedScenario {
 public:
  explicit WithLives(std::shared_ptr<const ensemble::PreparedScenario> toy) : toy_(std::move(toy)) {}
  const io::Scenario& scenario() const override { return toy_->scenario(); }
  std::uint32_t steps() const override { return toy_->steps(); }
  double step_years() const override { return toy_->step_years(); }
  const std::vector<ensemble::MeasureInfo>& measures() const override { return toy_->measures(); }
  nlohmann::json manifest() const override { return toy_->manifest(); }
  void build(abm::Run& run) const override {
    toy_->build(run);
    run.add<abm::ExampleLives>(abm::ExampleLivesSpec{
        .name = "lives", .people = 2, .columns = {"housed"}, .chosen_from = {{"housed", {"no"}}, {"group", {"a"}}}});
  }

 private:
  std::shared_ptr<const ensemble::PreparedScenario> toy_;
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

  const fs::path dir = fs::temp_directory_path() / "revolve_scenario_lives";
  ensemble::save_results(dir, {&results}, nlohmann::json{{"scenarios", {nlohmann::json::object()}}}, false, true);
  const auto lives = lines(dir / "lives.csv");
  CHECK(lives[0] == "person,column,state,first_step,last_step");
  CHECK(lives[1].rfind("A,housed,", 0) == 0);
  CHECK(lives.size() >= 3);  // person B too
  fs::remove_all(dir);
}

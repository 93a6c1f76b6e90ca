// Probabilistic sensitivity analysis on the toy model: units of work independent and gathered in draw order,
// common random numbers within a draw, held parameters, both intervals in comparison.csv, and files that are the
// same byte for byte on any number of threads.
#include "sim/ensemble/psa.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/ensemble/psa_files.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"
#include "tests/cpp/support/threads.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;
namespace fs = std::filesystem;

namespace {

io::Scenario toy(const std::string& label, double outreach_level = 0, std::vector<params::Override> parameters = {}) {
  io::Scenario s;
  s.label = label;
  s.model = "toy";
  s.horizon_years = 1;
  s.population_scale = 0.1;  // 100 to 300 people
  s.seed = 3;
  s.parameters = std::move(parameters);
  if (outreach_level > 0) {
    s.interventions["outreach"] = {"outreach", {{0.0, 0.0, std::numeric_limits<double>::infinity(), outreach_level, {}}}, {}};
  }
  return s;
}

std::shared_ptr<const ensemble::ScenarioModel> toy_model() { return std::make_shared<test::ToyModel>(); }

ensemble::PsaPlan plan_of(std::vector<io::Scenario> scenarios, std::uint32_t draws, std::uint32_t runs) {
  const auto model = toy_model();
  ensemble::Design design(*model->schema().parameters, ensemble::DesignKind::lhs, draws, 5);
  return {model, std::move(scenarios), std::move(design), runs, 3};
}

std::vector<double> all_values(const ensemble::ScenarioTotals& t, std::size_t period, std::size_t column) {
  return t.over_runs(period, column);
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ensemble::PsaComparison small_psa(ensemble::DesignKind design) {
  const auto model = toy_model();
  std::vector<std::shared_ptr<const ensemble::PreparedScenario>> prepared = {model->prepare(toy("Baseline")),
                                                                             model->prepare(toy("Outreach", 1.0))};
  ensemble::PsaSettings settings;
  settings.draws = 8;
  settings.runs = 2;
  settings.point_runs = 6;
  settings.seed = 3;
  settings.design = design;
  settings.cost = "cost_discounted.la_housing";
  return ensemble::run_psa_comparison(model, prepared, settings);
}

}  // namespace

TEST_CASE("a PSA unit depends only on its draw and scenario, and run_psa gathers units in draw order") {
  const auto plan = plan_of({toy("Baseline"), toy("Outreach", 1.0)}, 4, 2);
  const auto results = ensemble::run_psa(plan);
  REQUIRE(results.totals.size() == 2);
  REQUIRE(results.totals[1].runs() == 8);
  const std::size_t total = results.totals[1].periods().size() - 1;
  // Draw 2 alone, as another process given only draw 2 would run it.
  const auto unit = ensemble::run_unit(plan, 2, 1);
  REQUIRE(unit.runs() == 2);
  for (std::uint32_t r = 0; r < 2; ++r) {
    for (std::size_t c = 0; c < unit.measures().size(); ++c) {
      CHECK(unit.value(r, total, c) == results.totals[1].value(2 * 2 + r, total, c));
    }
  }
}

TEST_CASE("a PSA stopped from on_step ends with that exception, whichever draw and scenario it stops in") {
  // Draws run their scenarios in parallel inside parallel draws: a loop cancelled from outside returns without
  // running everything, and must not be read as if it had (this crashed under Ctrl-C once).
  const auto plan = plan_of({toy("Baseline"), toy("Outreach", 1.0), toy("More outreach", 2.0)}, 16, 1);
  for (int repeat = 0; repeat < 40; ++repeat) {  // where each thread is when it stops differs from time to time
    const int stop_at = std::array{1, 40, 53, 200, 531, 1200}[repeat % 6];
    INFO("stopped at step " << stop_at);
    std::atomic<int> steps = 0;
    const auto stopping = [&] {  // as Ctrl-C stops: this step and every one after it
      if (++steps >= stop_at) throw std::runtime_error("stop");
    };
    CHECK_THROWS_WITH(test::with_threads(4, [&] { return ensemble::run_psa(plan, stopping); }), "stop");
  }
}

TEST_CASE("the scenarios of a draw share parameters and random numbers; draws differ") {
  // Two scenarios that differ only in name: under common random numbers every run of every draw is equal.
  const auto plan = plan_of({toy("A"), toy("B")}, 3, 2);
  const auto results = ensemble::run_psa(plan);
  const std::size_t total = results.totals[0].periods().size() - 1;
  const std::size_t weeks = results.totals[0].column("person_weeks.rough_sleeping", "");
  const auto a = all_values(results.totals[0], total, weeks);
  CHECK(a == all_values(results.totals[1], total, weeks));
  CHECK(a[0] != a[2]);  // draws 0 and 1: other parameters, other random numbers
  CHECK(a[0] != a[1]);  // runs 0 and 1 of draw 0: other random numbers
}

TEST_CASE("a parameter a scenario sets is held at its value in every draw") {
  // Fifty people (at population scale 0.1) whom nobody houses: fifty sleep rough every week, whatever is drawn.
  const std::vector<params::Override> held = {{"toy.people", 500, "", {"test", 1}},
                                              {"toy.housing_rate", 0, "", {"test", 2}}};
  const auto plan = plan_of({toy("Baseline"), toy("Fifty people", 0, held)}, 6, 1);
  const auto results = ensemble::run_psa(plan);
  CHECK(results.held[0].empty());
  CHECK(results.held[1] == std::set<std::string>{"toy.housing_rate", "toy.people"});
  const std::size_t rough = results.totals[0].column("people.rough_sleeping", "");
  for (double x : all_values(results.totals[1], 0, rough)) CHECK(x == 50);
  const auto baseline = all_values(results.totals[0], 0, rough);
  CHECK(std::set<double>(baseline.begin(), baseline.end()).size() == baseline.size());  // every draw its own
}

TEST_CASE("comparison.csv of a PSA: both intervals side by side, wider with parameter uncertainty") {
  const auto psa = small_psa(ensemble::DesignKind::lhs);
  const test::TempFolder folder("revolve_psa_files");
  const fs::path dir = folder / "out";
  ensemble::save_psa(dir, psa, ensemble::psa_manifest(psa, "test", 1));
  std::istringstream comparison(read(dir / "comparison.csv"));
  std::string line;
  std::getline(comparison, line);
  CHECK(line == "scenario,measure,group,payer,unit,aggregation,period,mean,low,high,verdict,diff_mean,diff_low,diff_high,"
                "psa_mean,psa_low,psa_high,psa_verdict,psa_diff_mean,psa_diff_low,psa_diff_high");
  bool found = false;
  const std::string row = "Baseline,person_weeks.rough_sleeping,,,person-weeks,sum,total,";
  while (std::getline(comparison, line)) {
    if (line.rfind(row, 0) != 0) continue;
    found = true;
    std::vector<double> x;
    std::istringstream cells(line.substr(row.size()));
    for (std::string cell; std::getline(cells, cell, ',');) {
      if (!cell.empty()) x.push_back(std::stod(cell));  // the verdicts are empty on a measure's row
    }
    REQUIRE(x.size() == 12);
    CHECK((x[3] == 0 && x[4] == 0 && x[5] == 0 && x[9] == 0 && x[10] == 0 && x[11] == 0));  // baseline's own change
    CHECK(x[8] - x[7] > 2 * (x[2] - x[1]));  // the housing rates' range dwarfs chance alone
  }
  CHECK(found);
  CHECK(read(dir / "draws.csv").rfind("draw,toy.people,toy.housing_rate,toy.loss_rate,toy.outreach_effect,", 0) == 0);
  CHECK(read(dir / "cost_effectiveness.csv").find("\nOutreach,cost_discounted.la_housing,person_weeks.rough_sleeping,"
                                                  "person-weeks,") != std::string::npos);
  CHECK(read(dir / "ceac.csv").rfind("wtp,wtp_unit,scenario,p_beats_baseline,p_best\n0,GBP per person-weeks gained,"
                                     "Baseline,,", 0) == 0);
  const auto manifest = nlohmann::json::parse(read(dir / "manifest.json"));
  CHECK(manifest["psa"]["draws"] == 8);
  CHECK(manifest["psa"]["parameters"].size() == 6);
  CHECK(manifest["runs"] == 6);
}

TEST_CASE("a PSA's files are the same byte for byte on 1 and 3 threads, for both designs") {
  const test::TempFolder folder("revolve_psa_threads");
  for (const auto design : {ensemble::DesignKind::lhs, ensemble::DesignKind::sobol}) {
    std::vector<fs::path> dirs;
    for (const int threads : {1, 3}) {
      const fs::path dir = folder / ("threads_" + std::to_string(threads));
      const auto psa = test::with_threads(threads, [&] { return small_psa(design); });
      ensemble::save_psa(dir, psa, ensemble::psa_manifest(psa, "test", threads));
      dirs.push_back(dir);
    }
    for (const char* file : {"comparison.csv", "draws.csv", "cost_effectiveness.csv", "ceac.csv",
                             "baseline/summary.csv", "outreach/results.csv"}) {
      INFO(file);
      const auto one = read(dirs[0] / file);
      CHECK(!one.empty());
      CHECK(one == read(dirs[1] / file));
    }
    for (const auto& dir : dirs) fs::remove_all(dir);
  }
}

TEST_CASE("a PSA checks its cost-effectiveness measures before it runs anything") {
  const auto model = toy_model();
  std::vector<std::shared_ptr<const ensemble::PreparedScenario>> prepared = {model->prepare(toy("Baseline"))};
  ensemble::PsaSettings settings;
  settings.cost = "cost.nothing";
  CHECK_THROWS_WITH(ensemble::run_psa_comparison(model, prepared, settings),
                    Catch::Matchers::Contains("the model has no measure 'cost.nothing'"));
  settings.cost = "cost_discounted.la_housin";  // a typo: the error names what was meant
  CHECK_THROWS_WITH(ensemble::run_psa_comparison(model, prepared, settings),
                    Catch::Matchers::Contains("no measure 'cost_discounted.la_housin' (did you mean "
                                              "'cost_discounted.la_housing'"));
  settings.cost = "cost_discounted.la_housing";
  settings.outcome = "people.rough_sleeping";
  CHECK_THROWS_WITH(ensemble::run_psa_comparison(model, prepared, settings),
                    Catch::Matchers::Contains("'people.rough_sleeping' is neither better higher nor lower"));
}

// Quarterly periods: how they are cut, that their totals add up to the years, and that summary.csv and
// comparison.csv give them after every yearly and horizon row (so those rows stay as they were before quarters).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sim/ensemble/results_files.hpp"
#include "sim/ensemble/scenario_runner.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;
namespace fs = std::filesystem;

namespace {

ensemble::ScenarioResults run_toy(const std::string& label, double outreach = 0.0) {
  io::Scenario s;
  s.label = label;
  s.model = "toy";
  s.horizon_years = 2;
  s.runs = 4;
  if (outreach > 0) {
    io::InterventionSetting o;
    o.name = "outreach";
    o.windows.push_back({0.0, 0.0, std::numeric_limits<double>::infinity(), outreach, {}});
    s.interventions["outreach"] = o;
  }
  test::ToyModel model;
  ensemble::ScenarioRunOptions options;
  options.runs = 4;
  options.seed = 3;
  return ensemble::run_scenario(model.prepare(s), options);
}

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// The index of the first line whose period field (the 7th) starts with `period`.
std::size_t first_with_period(const std::vector<std::string>& lines, const std::string& period) {
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::size_t at = 0;
    for (int comma = 0; comma < 6; ++comma) at = lines[i].find(',', at) + 1;
    if (lines[i].compare(at, period.size(), period) == 0) return i;
  }
  return lines.size();
}

}  // namespace

TEST_CASE("quarterly periods: 13 weeks each, every fourth ends with its year, no total") {
  const double week = 7.0 / 365.25;
  const auto quarters = ensemble::quarterly_periods(522, week);
  const auto years = ensemble::yearly_periods(522, week);
  REQUIRE(quarters.size() == 40);
  CHECK(quarters[0].label == "quarter 1");
  CHECK(quarters[0].last_row == 13);
  CHECK(quarters[39].label == "quarter 40");
  CHECK(quarters[39].last_row == 522);
  for (std::size_t q = 1; q < quarters.size(); ++q) CHECK(quarters[q].first_row == quarters[q - 1].last_row);
  for (std::size_t y = 0; y < 10; ++y) CHECK(quarters[4 * y + 3].last_row == years[y].last_row);
  // A horizon that is not a whole number of quarters ends with a part quarter.
  const auto part = ensemble::quarterly_periods(20, week);
  REQUIRE(part.size() == 2);
  CHECK(part[1].last_row == 20);
}

TEST_CASE("quarter totals add up to the year for a flow and are kept for the whole-cohort columns only") {
  const auto r = run_toy("Baseline");
  REQUIRE(r.quarters.periods().size() == 8);
  REQUIRE(r.quarters.measures().size() == r.per_step_columns.size());
  const std::size_t flow = r.totals.column("person_weeks.rough_sleeping", "");
  const std::size_t quarter_flow = r.quarters.column("person_weeks.rough_sleeping", "");
  REQUIRE(quarter_flow != static_cast<std::size_t>(-1));
  for (std::uint32_t run = 0; run < r.totals.runs(); ++run) {
    double sum = 0;
    for (std::size_t q = 4; q < 8; ++q) sum += r.quarters.value(run, q, quarter_flow);
    CHECK(sum == Approx(r.totals.value(run, 1, flow)));
  }
}

TEST_CASE("summary.csv and comparison.csv give the quarters after every other row") {
  const auto base = run_toy("Baseline");
  const auto outreach = run_toy("Outreach", 1.0);
  const test::TempFolder folder("revolve_quarters_test");
  const fs::path& dir = folder.path();
  ensemble::write_summary_csv(dir / "summary.csv", base);
  ensemble::write_comparison_csv(dir / "comparison.csv", {&base, &outreach});
  for (const char* file : {"summary.csv", "comparison.csv"}) {
    const auto lines = lines_of(dir / file);
    const std::size_t first_quarter = first_with_period(lines, "quarter ");
    INFO(file);
    REQUIRE(first_quarter < lines.size());
    for (std::size_t i = first_quarter; i < lines.size(); ++i) {
      CHECK(lines[i].find(",quarter ") != std::string::npos);
      CHECK(lines[i].find("[") == std::string::npos);  // whole-cohort measures only
    }
  }
  const auto comparison = lines_of(dir / "comparison.csv");
  bool outreach_quarter = false;
  for (const auto& line : comparison) {
    outreach_quarter = outreach_quarter || line.rfind("Outreach,person_weeks.rough_sleeping,,,person-weeks,sum,quarter 8,", 0) == 0;
  }
  CHECK(outreach_quarter);
}

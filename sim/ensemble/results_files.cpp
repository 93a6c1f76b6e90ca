#include "sim/ensemble/results_files.hpp"

#include <charconv>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <cmath>
#include <fstream>

#include "sim/core/atomic_folder.hpp"
#include "sim/core/error.hpp"
#include "sim/core/version.hpp"
#include "sim/ensemble/cost_effectiveness.hpp"
#include "sim/ensemble/csv_writer.hpp"

namespace revolve::ensemble {
namespace {

const std::string& label_of(const ScenarioResults& r) { return r.scenario->scenario().label; }

void header(RowSink& csv, std::initializer_list<const char*> names) {
  for (const char* n : names) csv.text(n);
  csv.end_row();
}

/// How a row's value over a period was made from the weekly values: a flow (events, costs) is summed, a level
/// (people in a state) averaged.
const char* aggregation_text(Aggregation a) { return a == Aggregation::flow ? "sum" : "mean"; }

void measure_fields(RowSink& csv, const std::string& label, const MeasureInfo& m, const std::string& period) {
  csv.text(label).text(m.measure).text(m.group).text(m.payer).text(m.unit).text(aggregation_text(m.aggregation));
  csv.text(period);
}

/// Columns of one payer's costs ("cost." or "cost_discounted.") for one group, to total across payers.
std::vector<std::size_t> cost_columns(const ScenarioTotals& totals, const std::string& prefix, const std::string& group) {
  std::vector<std::size_t> columns;
  const auto& measures = totals.measures();
  for (std::size_t c = 0; c < measures.size(); ++c) {
    const MeasureInfo& m = measures[c];
    if (m.group == group && m.measure.rfind(prefix, 0) == 0 && !m.payer.empty() && m.payer != "all") {
      columns.push_back(c);
    }
  }
  return columns;
}

/// True if the model reports the total across payers itself.
bool has_total(const ScenarioTotals& totals, const std::string& prefix, const std::string& group) {
  return totals.column(prefix + "total", group) != static_cast<std::size_t>(-1);
}

std::vector<std::string> groups_of(const ScenarioTotals& totals) {
  std::vector<std::string> groups = {""};
  for (const auto& m : totals.measures()) {
    if (std::find(groups.begin(), groups.end(), m.group) == groups.end()) groups.push_back(m.group);
  }
  return groups;
}

/// The measure rows of one scenario: every column, then costs totalled over payers.
template <class Row>
void for_each_row(const ScenarioTotals& totals, Row&& row) {
  const auto& measures = totals.measures();
  for (std::size_t p = 0; p < totals.periods().size(); ++p) {
    for (std::size_t c = 0; c < measures.size(); ++c) row(p, measures[c], [&, p, c](const ScenarioTotals& t) {
        return t.over_runs(p, c);
      });
    for (const auto& group : groups_of(totals)) {
      for (const std::string prefix : {"cost.", "cost_discounted."}) {
        const auto columns = cost_columns(totals, prefix, group);
        if (columns.empty() || has_total(totals, prefix, group)) continue;
        MeasureInfo total{prefix + "total" + (group.empty() ? "" : "[" + group + "]"), prefix + "total", group, "GBP",
                          Aggregation::flow, "all", 0};
        row(p, total, [&, p, group, prefix](const ScenarioTotals& t) {
          const auto cols = cost_columns(t, prefix, group);
          return t.sum_over_runs(p, cols);
        });
      }
    }
  }
}

}  // namespace

std::string slug(const std::string& label) {
  std::string out;
  for (unsigned char c : label) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "scenario" : out;
}

void write_results_csv(const std::filesystem::path& path, const ScenarioResults& results) {
  CsvWriter csv(path);
  header(csv, {"scenario", "step", "time", "measure", "unit", "mean", "sd", "p05", "p25", "p50", "p75", "p95"});
  const auto& s = results.per_step;
  const auto& measures = results.scenario->measures();
  const double step_years = results.scenario->step_years();
  const auto& q = s.quantiles();
  if (q != std::vector<double>{0.05, 0.25, 0.5, 0.75, 0.95}) {
    throw Error("results.csv needs the quantiles 0.05, 0.25, 0.5, 0.75 and 0.95 of every step");
  }
  for (std::size_t row = 0; row < s.rows(); ++row) {
    for (std::size_t i = 0; i < results.per_step_columns.size(); ++i) {
      const MeasureInfo& m = measures[results.per_step_columns[i]];
      csv.text(label_of(results)).number(static_cast<double>(row + 1)).number((row + 1) * step_years);
      csv.text(m.measure).text(m.unit).number(s.mean(row, i)).number(s.sd(row, i));
      for (std::size_t k = 0; k < q.size(); ++k) csv.number(s.quantile(k, row, i));
      csv.end_row();
    }
  }
}

void write_summary_csv(const std::filesystem::path& path, const ScenarioResults& results) {
  CsvWriter csv(path);
  write_summary(csv, results);
}

void write_summary(RowSink& csv, const ScenarioResults& results) {
  header(csv, {"scenario", "measure", "group", "payer", "unit", "aggregation", "period", "mean", "low", "high"});
  // The quarters come after every yearly and horizon row, so those rows stay as they were before quarters.
  for (const ScenarioTotals* totals : {&results.totals, &results.quarters}) {
    for_each_row(*totals, [&](std::size_t p, const MeasureInfo& m, auto values) {
      const Interval i = interval(values(*totals));
      measure_fields(csv, label_of(results), m, totals->periods()[p].label);
      csv.number(i.mean).number(i.low).number(i.high);
      csv.end_row();
    });
  }
}

namespace {

/// An alternative against the baseline over the horizon for one group: the change in its total discounted cost
/// (summed over payers) and the gain in outcome column `c` (its change in the better direction), run by run.
PairedSamples group_samples(const ScenarioTotals& totals, const ScenarioTotals& base, const std::string& group,
                            std::size_t c) {
  const std::size_t horizon = totals.periods().size() - 1;
  PairedSamples out{
      paired_differences(totals.sum_over_runs(horizon, cost_columns(totals, "cost_discounted.", group)),
                         base.sum_over_runs(horizon, cost_columns(base, "cost_discounted.", group))),
      paired_differences(totals.over_runs(horizon, c), base.over_runs(horizon, c))};
  for (double& g : out.gains) g *= totals.measures()[c].better;
  return out;
}

/// The verdict and ratio columns of a net-cost row.
void net_cost_fields(RowSink& csv, const NetCost& n) {
  csv.number(std::nan("")).number(std::nan("")).number(std::nan("")).text(to_string(n.verdict));
  csv.number(n.ratio.mean).number(n.ratio.low).number(n.ratio.high);
}

/// Net cost per outcome, with the conventions of health economics (cost_effectiveness.hpp): for each outcome that
/// matters to people and each group, the verdict (dominates, dominated, ...) and, where it means something, the cost
/// per unit gained or the saving per unit forgone, never a negative ratio.
void write_net_cost_rows(RowSink& csv, const ScenarioResults& results, const ScenarioTotals& base,
                         const ScenarioTotals* psa, const ScenarioTotals* psa_base) {
  const ScenarioTotals& totals = results.totals;
  const std::string& period = totals.periods().back().label;
  for (const auto& group : groups_of(totals)) {
    if (cost_columns(totals, "cost_discounted.", group).empty()) continue;
    for (std::size_t c = 0; c < totals.measures().size(); ++c) {
      const MeasureInfo& m = totals.measures()[c];
      if (m.better == 0 || m.group != group) continue;
      const NetCost n = net_cost(group_samples(totals, base, group, c), results.seed);
      const std::string unit = ratio_unit(n.verdict, m.unit);
      csv.text(label_of(results)).text("net_cost_per." + m.measure).text(group).text("all");
      csv.text(unit.empty() ? ratio_unit(Verdict::costs_more_gains, m.unit) : unit).text("ratio").text(period);
      net_cost_fields(csv, n);
      if (psa) net_cost_fields(csv, net_cost(group_samples(*psa, *psa_base, group, c), results.seed));
      csv.end_row();
    }
  }
}

/// A measure's columns of one row: its interval, an empty verdict, and the interval of its paired difference from
/// the baseline (a PSA's columns are the same over draws x runs).
void interval_fields(RowSink& csv, const std::vector<double>& own, const std::vector<double>& base, bool is_baseline) {
  const Interval i = interval(own);
  const Interval d = is_baseline ? Interval{0, 0, 0} : interval(paired_differences(own, base));
  csv.number(i.mean).number(i.low).number(i.high).text("").number(d.mean).number(d.low).number(d.high);
}

/// The column of measure `m` in a PSA's matched runs (PsaResults::matched, entry-cohort columns only).
std::size_t matched_column(const ScenarioTotals& matched, const MeasureInfo& m) {
  const std::size_t c = matched.column(m.measure, m.group);
  if (c == static_cast<std::size_t>(-1)) throw Error("the matched runs of a PSA have no column " + m.column);
  return c;
}

/// The baseline's run-by-run values a scenario's row is paired with: for an entry-cohort measure, those of the same
/// people followed in the baseline (`matched`: matched_baseline's totals or quarters), or none when the scenario had
/// no entrants; otherwise the baseline's own (`base`).
template <class Values>
std::vector<double> baseline_values(const ScenarioResults& scenario, const MeasureInfo& m, const ScenarioTotals& base,
                                    const ScenarioTotals* matched, const Values& values) {
  if (!m.follows_entries) return values(base);
  switch (scenario.entry_match) {
    case ScenarioResults::EntryMatch::matched:
      return values(*matched);
    case ScenarioResults::EntryMatch::nobody:
      return std::vector<double>(base.runs(), 0.0);
    default:
      return values(base);
  }
}

/// The quarterly rows of every scenario, after all other rows of the comparison (so those stay as they were before
/// quarters): interval and paired difference by chance alone; a PSA keeps no quarters, so its columns are empty.
void write_quarter_rows(RowSink& csv, const std::vector<const ScenarioResults*>& scenarios, bool psa) {
  const ScenarioTotals& base = scenarios.front()->quarters;
  for (const ScenarioResults* results : scenarios) {
    const ScenarioTotals& quarters = results->quarters;
    if (quarters.runs() != base.runs() || quarters.periods().size() != base.periods().size()) {
      throw Error("every scenario of a comparison needs the same runs and quarters");
    }
    const ScenarioTotals* matched = results->matched_baseline ? &results->matched_baseline->quarters : nullptr;
    for_each_row(quarters, [&](std::size_t p, const MeasureInfo& m, auto values) {
      measure_fields(csv, label_of(*results), m, quarters.periods()[p].label);
      interval_fields(csv, values(quarters), baseline_values(*results, m, base, matched, values),
                      results == scenarios.front());
      if (psa) {
        const double none = std::nan("");
        csv.number(none).number(none).number(none).text("").number(none).number(none).number(none);
      }
      csv.end_row();
    });
  }
}

}  // namespace

void write_comparison_csv(const std::filesystem::path& path, const std::vector<const ScenarioResults*>& scenarios,
                          const std::vector<const ScenarioTotals*>& with_parameters,
                          const std::vector<const ScenarioTotals*>& matched_with_parameters) {
  if (scenarios.empty()) throw Error("a comparison needs at least a baseline");
  CsvWriter csv(path);
  write_comparison(csv, scenarios, with_parameters, matched_with_parameters);
}

void write_comparison(RowSink& csv, const std::vector<const ScenarioResults*>& scenarios,
                      const std::vector<const ScenarioTotals*>& with_parameters,
                      const std::vector<const ScenarioTotals*>& matched_with_parameters) {
  if (scenarios.empty()) throw Error("a comparison needs at least a baseline");
  const bool psa = !with_parameters.empty();
  if (psa && with_parameters.size() != scenarios.size()) throw Error("a PSA needs totals for every scenario");
  const ScenarioTotals& base = scenarios.front()->totals;
  std::vector<const char*> names = {"scenario", "measure", "group", "payer", "unit", "aggregation", "period", "mean",
                                    "low", "high", "verdict", "diff_mean", "diff_low", "diff_high"};
  if (psa) {
    names.insert(names.end(), {"psa_mean", "psa_low", "psa_high", "psa_verdict", "psa_diff_mean", "psa_diff_low",
                               "psa_diff_high"});
  }
  for (const char* name : names) csv.text(name);
  csv.end_row();
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    const ScenarioResults* results = scenarios[s];
    const ScenarioTotals& totals = results->totals;
    if (totals.runs() != base.runs() || totals.periods().size() != base.periods().size() ||
        results->scenario->steps() != scenarios.front()->scenario->steps()) {
      throw Error("every scenario of a comparison needs the same runs and horizon");
    }
    const bool is_baseline = results == scenarios.front();
    const ScenarioTotals* matched = results->matched_baseline ? &results->matched_baseline->totals : nullptr;
    for_each_row(totals, [&](std::size_t p, const MeasureInfo& m, auto values) {
      measure_fields(csv, label_of(*results), m, totals.periods()[p].label);
      interval_fields(csv, values(totals), baseline_values(*results, m, base, matched, values), is_baseline);
      if (psa) {
        const ScenarioTotals* same_people = s < matched_with_parameters.size() ? matched_with_parameters[s] : nullptr;
        const bool matched = m.follows_entries && same_people;
        interval_fields(csv, values(*with_parameters[s]),
                        matched ? same_people->over_runs(p, matched_column(*same_people, m))
                                : values(*with_parameters[0]),
                        is_baseline);
      }
      csv.end_row();
    });
    if (!is_baseline) {
      write_net_cost_rows(csv, *results, base, psa ? with_parameters[s] : nullptr, psa ? with_parameters[0] : nullptr);
    }
  }
  write_quarter_rows(csv, scenarios, psa);
}

namespace {

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::ostringstream out;
  out << std::put_time(std::gmtime(&t), "%Y-%m-%dT%H:%M:%SZ");
  return out.str();
}

void write_json(const std::filesystem::path& path, const nlohmann::json& json) {
  std::ofstream out(path);
  out << json.dump(2) << '\n';
  if (!out) throw InputError(path.string() + ": write failed");
}

/// A table an analyzer handed over, as CSV.
void write_table_csv(const std::filesystem::path& path, const abm::Table& table) {
  CsvWriter csv(path);
  for (const auto& cell : table.header) csv.text(cell);
  csv.end_row();
  for (const auto& row : table.rows) {
    for (const auto& cell : row) csv.text(cell);
    csv.end_row();
  }
}

void write_scenario_files(const std::filesystem::path& dir, const ScenarioResults& r, nlohmann::json manifest,
                          const nlohmann::json& scenario) {
  std::filesystem::create_directories(dir);
  write_results_csv(dir / "results.csv", r);
  write_summary_csv(dir / "summary.csv", r);
  for (const auto& [name, table] : r.tables) {
    if (name == "results" || name == "summary") throw Error("an analyzer's table is named '" + name + "', as a results file");
    write_table_csv(dir / (name + ".csv"), table);
  }
  manifest["scenarios"] = nlohmann::json::array({scenario});
  write_json(dir / "manifest.json", manifest);
}

}  // namespace

nlohmann::json scenario_manifest(const PreparedScenario& prepared) {
  const io::Scenario& s = prepared.scenario();
  nlohmann::json chain = nlohmann::json::array();
  for (const auto& f : s.chain) chain.push_back(f.string());
  return {{"label", s.label},       {"file", s.file.string()}, {"extends", chain},
          {"hash", s.hash()},       {"model", s.model},        {"horizon_years", s.horizon_years},
          {"population_scale", s.population_scale}, {"model_manifest", prepared.manifest()}};
}

namespace {

/// What an alternative's entry cohorts were compared with (ScenarioResults::entry_match), for the manifest.
nlohmann::json entry_match_manifest(const ScenarioResults& r) {
  std::string note = r.entry_match_note;
  if (note.empty()) {
    switch (r.entry_match) {
      case ScenarioResults::EntryMatch::matched:
        note = "the baseline followed this scenario's entrants (the same person ids, common random numbers) from the "
               "weeks they entered here: an intention-to-treat difference";
        break;
      case ScenarioResults::EntryMatch::nobody:
        note = "this scenario had no entrants, so the same people are nobody";
        break;
      default:
        note = "the baseline's own entrants";
    }
  }
  return {{"compared_with", entry_match_name(r.entry_match)}, {"note", note}};
}

}  // namespace

nlohmann::json run_manifest(const std::vector<const ScenarioResults*>& results, const std::string& command,
                            std::uint32_t runs, std::uint64_t seed, int threads) {
  nlohmann::json scenarios = nlohmann::json::array();
  for (const ScenarioResults* r : results) {
    scenarios.push_back(scenario_manifest(*r->scenario));
    if (r != results.front()) scenarios.back()["entry_cohorts"] = entry_match_manifest(*r);
  }
  return {{"revolve_version", revolve::version},
          {"code_version", revolve::git_version},
          {"command", command},
          {"created", utc_now()},
          {"seed", seed},
          {"runs", runs},
          {"threads", threads},
          {"common_random_numbers", "run r of every scenario uses seed and run number r, so draws are shared "
                                    "wherever the scenarios do not differ"},
          {"scenarios", scenarios}};
}

void check_distinct_labels(const std::vector<const io::Scenario*>& scenarios) {
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const io::Scenario& a = *scenarios[j];
      const io::Scenario& b = *scenarios[i];
      if (slug(a.label) != slug(b.label)) continue;
      const std::string files = a.file.string() + " and " + b.file.string() + ": ";
      const std::string clash = a.label == b.label ? "both scenarios are labelled '" + a.label + "'"
                                                   : "the labels '" + a.label + "' and '" + b.label +
                                                         "' both give the folder name '" + slug(a.label) + "'";
      throw ScenarioError(files + clash + ", so their results would be mixed up: give each its own label "
                          "('scenario:' in the file)");
    }
  }
}

void save_results(const std::filesystem::path& dir, const std::vector<const ScenarioResults*>& results,
                  const nlohmann::json& manifest, bool comparison, bool force, const ExtraResults& extra) {
  if (comparison) {
    std::vector<const io::Scenario*> scenarios;
    for (const ScenarioResults* r : results) scenarios.push_back(&r->scenario->scenario());
    check_distinct_labels(scenarios);
  }
  AtomicFolder out(dir, force);
  if (!comparison) {
    write_scenario_files(out.path(), *results.front(), manifest, manifest["scenarios"][0]);
  } else {
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto folder = out.path() / slug(results[i]->scenario->scenario().label);
      write_scenario_files(folder, *results[i], manifest, manifest["scenarios"][i]);
    }
    write_comparison_csv(out.path() / "comparison.csv", results, extra.with_parameters, extra.matched_with_parameters);
    write_json(out.path() / "manifest.json", manifest);
    if (extra.write_more) extra.write_more(out.path());
  }
  out.commit();
}

}  // namespace revolve::ensemble

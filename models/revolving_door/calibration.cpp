#include "models/revolving_door/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <optional>
#include <sstream>

#include "models/revolving_door/model.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/scenario_runner.hpp"

namespace revolve::revolving_door {
namespace {

constexpr double not_measured = std::numeric_limits<double>::quiet_NaN();

double ratio(double a, double b) { return b > 0 ? a / b : not_measured; }

/// The change over the horizon of a stock's least-squares line through its yearly means, as a share of its mean
/// over the years: a steady baseline is near 0, a start-up transient or a drift is not.
double trend(const RunTotals& t, const std::string& measure) {
  const std::size_t n = t.year_count();
  if (n < 2) return not_measured;
  double mean_x = 0, mean_y = 0;
  for (std::size_t y = 1; y <= n; ++y) {
    mean_x += static_cast<double>(y) / n;
    mean_y += t.years(measure, y, y) / n;
  }
  double sxy = 0, sxx = 0;
  for (std::size_t y = 1; y <= n; ++y) {
    const double dx = static_cast<double>(y) - mean_x;
    sxy += dx * (t.years(measure, y, y) - mean_y);
    sxx += dx * dx;
  }
  return ratio(sxy / sxx * static_cast<double>(n - 1), mean_y);
}

std::vector<Target> baseline_targets(double starting_cohort) {
  const double months_per_week = 12.0 / weeks_per_year;
  return {
      {1, "revolving between the street and hostels", 70, 60, 80, "people", "CF-Bristol (EVIDENCE.md s1)",
       "people with at least two moves between the street and a hostel in the past 52 weeks, mean over years 2-10",
       CalibrationScenario::baseline, "",
       [](const RunTotals& t) { return t.years("people.revolving", 2, t.year_count()) / (t.year_count() - 1); }},
      {2, "prison leavers released homeless", 0.131, 0.10, 0.25, "%",
       "Nacro analysis of MoJ data [S]; MoJ Offender Accommodation Outcomes [P] (s3)",
       "releases to the street / all releases", CalibrationScenario::baseline,
       "The 13.1% is for all prison leavers in England; this cohort has fewer homes to return to, hence the wider "
       "range.",
       [](const RunTotals& t) { return ratio(t.total("events.release_rough_sleeping"), t.total("events.release")); }},
      {3, "released to homelessness or temporary accommodation", 0.38, 0.30, 0.50, "%", "CHI review [S] (s3)",
       "releases to the street or a hostel / all releases", CalibrationScenario::baseline, "",
       [](const RunTotals& t) {
         return ratio(t.total("events.release_rough_sleeping") + t.total("events.release_temporary"),
                      t.total("events.release"));
       }},
      {4, "A&E use while homeless", 3.0, 2.0, 4.0, "attendances per person-year", "BMJ Open 2017 e016420 [P] (s4)",
       "attendances while sleeping rough or in a hostel / person-years there", CalibrationScenario::baseline,
       "The rate ratio against housed cohort members is built in: modifier.homeless_on_ae is Lewer et al's 2.57 "
       "(sourced).",
       [](const RunTotals& t) {
         return ratio(t.total("events.ae_attendance_homeless"), t.total("person_weeks.homeless") / weeks_per_year);
       }},
      {5, "emergency bed days while homeless", 4.4, 3.0, 6.0, "bed days per person-year",
       "BMJ Open 2017 e016420 [P] (s4)", "emergency bed days of admissions while homeless / person-years homeless",
       CalibrationScenario::baseline, "",
       [](const RunTotals& t) {
         return ratio(t.total("events.emergency_bed_days_homeless"), t.total("person_weeks.homeless") / weeks_per_year);
       }},
      {6, "mean age at death of people who are homeless", 45, 40, 50, "years", "ONS [P] (s4)",
       "mean age at death of cohort members who die while sleeping rough or in a hostel, years 1-10",
       CalibrationScenario::baseline,
       "Only deaths while sleeping rough or in a hostel count; ONS counts deaths of people homeless at death.",
       [](const RunTotals& t) {
         return ratio(t.total("events.age_at_death_weeks_homeless"), t.total("events.death_homeless")) / weeks_per_year;
       }},
      {7, "deaths over about six years", 0.05, 0.04, 0.08, "%", "CFE Research 2021 [P] (s4)",
       "share of the starting cohort dead within 313 weeks", CalibrationScenario::baseline, "",
       [starting_cohort](const RunTotals& t) { return t.total("events.death_starting_cohort_6y") / starting_cohort; }},
      {8, "Housing First tenancy sustainment at three years", 0.84, 0.80, 0.92, "%", "MHCLG/DLUHC pilots [S]; GK (s2)",
       "of Housing First starts reaching three years with the person alive in the area, the share still in the tenancy",
       CalibrationScenario::interventions,
       "Measured where Housing First is scaled up: the baseline's 30 places give too few new tenancies to measure. "
       "Deaths and moves away are left out of the denominator, as in the pilots.",
       [](const RunTotals& t) {
         return ratio(t.total("events.housing_first_sustained_3y"), t.total("events.housing_first_check_3y"));
       }},
      {9, "recalls per release", 0.42, 0.30, 0.80, "recalls per release",
       "MoJ Offender Management Statistics [P] (s3): 7,415 x 4 / 70,040 [D]", "recalls / releases",
       CalibrationScenario::baseline, "",
       [](const RunTotals& t) { return ratio(t.total("events.recall"), t.total("events.release")); }},
      {10, "recalls with a further charge", 0.37, 0.30, 0.45, "%", "PQ 7902 [P] (s3): 2,795 / 7,515",
       "recalls after an arrest on licence / all recalls", CalibrationScenario::baseline, "",
       [](const RunTotals& t) { return ratio(t.total("events.recall_further_charge"), t.total("events.recall")); }},
      {11, "proven reoffending after a short sentence", 0.592, 0.50, 0.70, "%", "MoJ Proven Reoffending [P] (s3)",
       "releases from sentences under 12 months followed by an arrest within 52 weeks, years 1-9",
       CalibrationScenario::baseline, "",
       [](const RunTotals& t) {
         const std::size_t last = t.year_count() - 1;  // the last year's releases have no full year to follow
         return ratio(t.years("events.rearrest_within_year", 1, last),
                      t.years("events.release_short_sentence", 1, last));
       }},
      {12, "engagement length with a coordinator", 37, 30, 45, "months", "GK (s5)",
       "mean length of ended MTAM and navigator episodes", CalibrationScenario::interventions,
       "Episodes still open at the end of the ten years are not counted, as in the Golden Key figure for 2014-22; both "
       "are biased towards shorter episodes.",
       [months_per_week](const RunTotals& t) {
         return ratio(t.total("events.coordinator_episode_weeks"), t.total("events.coordinator_episode_end")) *
                months_per_week;
       }},
      {13, "positive exits of closed cases", 0.59, 0.50, 0.70, "%", "GK (s5)",
       "ended MTAM and navigator episodes ending with the person stable (the sustained-exit conditions) or by a "
       "positive exit",
       CalibrationScenario::interventions, "",
       [](const RunTotals& t) {
         return ratio(t.total("events.coordinator_episode_positive"), t.total("events.coordinator_episode_end"));
       }},
      {14, "mental ill-health among people sleeping rough or in hostels", 0.70, 0.60, 0.80, "%",
       "CF-Bristol; CHAIN [S] (s1)", "people homeless with mental health not stable / people homeless, over ten years",
       CalibrationScenario::baseline, "",
       [](const RunTotals& t) {
         return ratio(t.total("people.homeless_with_mental_health_need"), t.total("people.homeless"));
       }},
      {15, "minority-ethnic share of prison entries", 0.40, 0.30, 0.50, "%", "CF-Bristol (s1)",
       "prison entries (sentences and recalls) of minority-ethnic people / all", CalibrationScenario::baseline, "",
       [](const RunTotals& t) {
         return ratio(t.total("events.custody_entry_minority_ethnic"), t.total("events.custody_entry"));
       }},
      {16, "cohort size", 5750, 5175, 6325, "people", "CF-Bristol (s1)",
       "the yearly mean of people alive that is furthest from 5,750, over the ten years", CalibrationScenario::baseline,
       "",
       [](const RunTotals& t) {
         double furthest = 5750;
         for (std::size_t y = 1; y <= t.year_count(); ++y) {
           const double alive = t.years("people.alive", y, y);
           if (std::abs(alive - 5750) > std::abs(furthest - 5750)) furthest = alive;
         }
         return furthest;
       }},
      {17, "a steady baseline: the trend of people sleeping rough", 0, -0.15, 0.15, "%",
       "the model's own equilibrium (docs/model/calibration.md, 'How the baseline moves')",
       "change over the ten years of the least-squares line through the yearly means of people sleeping rough, as "
       "a share of their ten-year mean",
       CalibrationScenario::baseline,
       "Not an evidence figure: a baseline that drifts shows the model's imbalance, not the area's future. The band "
       "of the acceptance test is wider than one run's noise: every yearly mean over the runs within 15% of the "
       "ten-year mean (see 'How the baseline moves').",
       [](const RunTotals& t) { return trend(t, "people.rough_sleeping"); }},
      {18, "people sleeping rough on a night", 90, 74, 200, "people",
       "Bristol City Council annual counts 2016-19 [P]: 74, 86, 82, 98; quarterly counts 126 (2018); estimate 97 "
       "vs count 60 (2015) [D]",
       "mean over the ten years of people sleeping rough", CalibrationScenario::baseline,
       "Counts see only visible rough sleeping on one night and miss people: Bristol's 2015 evidence-based estimate "
       "(97) was 1.6 times the next morning's count (60), so the range runs from the lowest annual count to the "
       "highest quarterly count times 1.6. The cohort is people facing multiple disadvantage, nearly all of those "
       "sleeping rough (over 75% have a support need, CHAIN).",
       [](const RunTotals& t) { return t.years("people.rough_sleeping", 1, t.year_count()) / t.year_count(); }},
  };
}

/// A number for the table: percentages as percent, the rest to 2 or 3 significant decimals.
std::string display(double v, const std::string& unit) {
  if (std::isnan(v)) return "n/a";
  std::ostringstream out;
  out << std::fixed;
  if (unit == "%") {
    out << std::setprecision(1) << 100 * v << "%";
  } else if (std::abs(v) >= 100) {
    out << std::setprecision(0) << v;
  } else {
    out << std::setprecision(2) << v;
  }
  return out.str();
}

std::string unit_suffix(const std::string& unit) { return unit == "%" ? "" : " " + unit; }

/// Where the model's interval lies against the target's range, in plain words.
std::string miss_words(const TargetResult& r) {
  const Target& t = r.target;
  if (r.runs == 0) return "not measured: no run had anything to measure";
  if (r.model.high < t.low)
    return "the model is too low: its 90% interval ends at " + display(r.model.high, t.unit) +
           ", below the target range's " + display(t.low, t.unit);
  return "the model is too high: its 90% interval starts at " + display(r.model.low, t.unit) +
         ", above the target range's " + display(t.high, t.unit);
}

}  // namespace

double BaselineDrift::largest_deviation() const {
  if (years.empty()) return 0;
  double mean = 0;
  for (double y : years) mean += y / static_cast<double>(years.size());
  double largest = 0;
  for (double y : years) largest = std::max(largest, std::abs(y - mean));
  return ratio(largest, mean);
}

std::size_t RunTotals::column(const std::string& measure) const {
  const std::size_t c = totals_.column(measure, "");
  if (c == static_cast<std::size_t>(-1)) throw Error("calibration: the model has no measure '" + measure + "'");
  return c;
}

double RunTotals::total(const std::string& measure) const {
  return totals_.value(run_, totals_.periods().size() - 1, column(measure));
}

double RunTotals::years(const std::string& measure, std::size_t first, std::size_t last) const {
  double sum = 0;
  for (std::size_t y = first; y <= last; ++y) sum += totals_.value(run_, y - 1, column(measure));
  return sum;
}

std::vector<Target> calibration_targets(double starting_cohort) { return baseline_targets(starting_cohort); }

io::Scenario interventions_scenario(const io::Scenario& baseline) {
  io::Scenario s = baseline;
  s.label = baseline.label + ", with Housing First scaled up and MTAM";
  for (const char* name : {"housing_first", "mtam"}) {
    io::InterventionSetting setting;
    setting.name = name;
    setting.windows.push_back(io::Window{});
    s.interventions[name] = setting;
  }
  return s;
}

namespace {

/// The target's measure in every run where it is defined.
std::vector<double> measured(const Target& target, const ensemble::ScenarioTotals& totals) {
  std::vector<double> values;
  for (std::uint32_t r = 0; r < totals.runs(); ++r) {
    const double v = target.measure(RunTotals(totals, r));
    if (!std::isnan(v)) values.push_back(v);
  }
  return values;
}

/// The baseline's and (when asked for) the interventions scenario's results.
struct CalibrationRuns {
  double starting_cohort = 0;
  ensemble::ScenarioResults baseline;
  std::optional<ensemble::ScenarioResults> interventions;
};

CalibrationRuns run_both(const ensemble::ScenarioModel& model, const io::Scenario& baseline,
                         const ensemble::ScenarioRunOptions& options, bool with_interventions) {
  const auto base = model.prepare(baseline);
  CalibrationRuns out{std::round(setup_of(*base)->parameters.cohort.size), ensemble::run_scenario(base, options), {}};
  if (with_interventions) out.interventions = ensemble::run_scenario(model.prepare(interventions_scenario(baseline)), options);
  return out;
}

const ensemble::ScenarioTotals& totals_for(const Target& target, const CalibrationRuns& runs) {
  return target.scenario == CalibrationScenario::baseline ? runs.baseline.totals : runs.interventions->totals;
}

}  // namespace

std::vector<ensemble::FitTarget> fit_targets() {
  std::vector<ensemble::FitTarget> out;
  for (const Target& t : calibration_targets(0)) out.push_back({t.name, t.value, t.low, t.high, t.unit});
  return out;
}

std::vector<double> target_means(const ensemble::ScenarioModel& model, const io::Scenario& scenario,
                                 const std::vector<std::size_t>& targets, std::uint32_t runs, std::uint64_t seed,
                                 const std::function<void()>& on_step) {
  const std::vector<Target> all = calibration_targets(0);
  bool with_interventions = false;
  for (std::size_t t : targets) {
    if (t >= all.size()) throw Error("calibration: there is no target " + std::to_string(t + 1));
    with_interventions = with_interventions || all[t].scenario == CalibrationScenario::interventions;
  }
  ensemble::ScenarioRunOptions options;
  options.runs = runs;
  options.seed = seed;
  options.on_step = on_step;
  const CalibrationRuns results = run_both(model, scenario, options, with_interventions);
  const std::vector<Target> measures = calibration_targets(results.starting_cohort);
  std::vector<double> means;
  for (std::size_t t : targets) {
    const std::vector<double> values = measured(measures[t], totals_for(measures[t], results));
    means.push_back(values.empty() ? not_measured : ensemble::interval(values).mean);
  }
  return means;
}

CalibrationReport run_calibration(const ensemble::ScenarioModel& model, const io::Scenario& baseline,
                                  std::uint32_t runs, std::uint64_t seed) {
  ensemble::ScenarioRunOptions options;
  options.runs = runs;
  options.seed = seed;
  const CalibrationRuns results = run_both(model, baseline, options, true);
  CalibrationReport report{runs, seed, {}};
  for (Target& target : calibration_targets(results.starting_cohort)) {
    const std::vector<double> values = measured(target, totals_for(target, results));
    TargetResult result{std::move(target), ensemble::interval(values, 0.9), values.size(), false};
    result.holds = result.runs > 0 && result.model.low <= result.target.high && result.model.high >= result.target.low;
    report.results.push_back(std::move(result));
  }
  const auto& totals = results.baseline.totals;
  report.years = totals.periods().size() - 1;
  for (const char* measure : {"people.alive", "people.settled", "people.rough_sleeping", "people.temporary",
                              "people.supported", "people.housing_first", "people.in_prison",
                              "people.waiting_temporary", "people.waiting_housing_first",
                              "system.housing_first_places_short_of_staff", "people.mh_crisis",
                              "people.substance_problematic"}) {
    const auto mean = [&](std::size_t period) {
      const auto values = totals.over_runs(period, totals.column(measure, ""));
      return ensemble::interval(values).mean;
    };
    BaselineDrift drift{measure, {}};
    for (std::size_t y = 0; y < report.years; ++y) drift.years.push_back(mean(y));
    report.drift.push_back(std::move(drift));
  }
  for (const auto& p : model.schema().parameters->parameters()) {
    if (p.provenance.status == params::Status::calibrated)
      report.calibrated.push_back({p.name, p.provenance.calibrate_to});
  }
  return report;
}

namespace {

/// 'How the baseline moves': the yearly means, the band rough sleeping holds, and why the stocks sit where they do.
void baseline_moves(std::ostringstream& md, const CalibrationReport& report) {
  md << "\n## How the baseline moves over the ten years\n\n"
     << "People in each state (mean over the runs and over the weeks of the year). A baseline that drifts far "
        "from where it starts would show the model's own imbalance, not the area's future. The starting cohort is "
        "set near the model's own equilibrium (the `initial` parameters calibrated to target 17), so there is no "
        "start-up transient to discard and no warm-up: every recorded week is a week of the scenario.\n\n"
     << "| measure |";
  for (std::size_t y = 1; y <= report.years; ++y) md << " year " << y << " |";
  md << "\n| --- |";
  for (std::size_t y = 0; y < report.years; ++y) md << " --- |";
  md << "\n";
  for (const auto& d : report.drift) {
    md << "| `" << d.measure << "` |";
    for (double v : d.years) md << " " << display(v, "") << " |";
    md << "\n";
  }
  for (const auto& d : report.drift) {
    if (d.measure != "people.rough_sleeping") continue;
    const bool holds = d.largest_deviation() <= steady_band;
    md << "\n**The band.** A steady baseline keeps every yearly mean of people sleeping rough within "
       << display(steady_band, "%") << " of its ten-year mean. Here the largest distance is "
       << display(d.largest_deviation(), "%") << ": " << (holds ? "it holds" : "**it does not hold**")
       << ". Target 17 checks the same run by run, on the trend rather than single years, since one run's yearly "
          "means carry more noise than their mean over the runs.\n";
  }
  md << "\n**Why the stocks sit where they do.** Hostels (temporary accommodation) are full in every year: "
        "demand for them exceeds `capacity.temporary_places`, and the places short of it are the week's churn "
        "(places freed during a week are let the next week). While hostels are full, an eviction or exclusion "
        "that would have gone to a hostel ends on the street, and people sleeping rough who ask for a place wait "
        "for one. The waiting list counts those not on the Housing First list (people of high need or chronically "
        "homeless wait for Housing First instead); it still rises by about half over the first five years, as "
        "the moderate-need share of the street builds up, a remaining start-up effect much smaller than the "
        "rise from 13 to 46 people, with the street filling from 65 to 121, before the starting cohort was set "
        "near equilibrium. People sleeping rough rise by about a tenth over the same years, with the slower "
        "stocks around them (supported housing, prison): within the band, but not nothing. Two start-up effects "
        "remain outside housing's starting shares: people in prison rise by a tenth in the first year, and "
        "problematic substance use falls by about a seventh over the ten years (the justice and substance "
        "starting shares are not yet at their equilibrium). The Housing First waiting list starts about a sixth "
        "above its level, since every eligible person starting homeless joins it and none has yet dropped out. "
        "Exits from the street slow with high need and with a long homelessness spell "
        "(`housing.rough_exit_high_need`, `housing.rough_exit_long_term`), so most people sleeping rough on a "
        "given week are long-term and of high need, as in the Data Framework's monthly counts.\n";
}

}  // namespace

std::string calibration_markdown(const CalibrationReport& report) {
  std::ostringstream md;
  std::size_t held = 0;
  for (const auto& r : report.results) held += r.holds;
  md << "# Calibration: the Bristol-like baseline against the evidence\n\n"
     << "Generated by `revolving_door_calibration` (built with the model: `build/models/revolving_door/"
        "revolving_door_calibration --out docs/model/calibration.md`); do not edit by hand. A test re-runs it with "
        "the same runs and seed and fails if this file is stale or a target it marks as held is not.\n\n"
     << "Each target is a figure from [evidence.md](evidence.md) that describes a local area "
        "(docs/model/design.md, 'Calibration targets'). The model is run "
     << report.runs << " times (seed " << report.seed
     << ") on `scenarios/bristol/baseline.yaml`, and on the same baseline with Housing First scaled up and MTAM "
        "running from the start (`housing_first` and `mtam` at level 1) for the targets that need them. A target "
        "**holds** when the model's 90% interval over runs, widened by the target's own range, contains the "
        "target: that is, when the interval and the range overlap.\n\n"
     << "**" << held << " of " << report.results.size() << " targets hold.** "
     << "Parameters tuned to meet them are marked `calibrated` in parameters.yaml, with `calibrate_to` naming "
        "the target (see [parameters.md](parameters.md)). Agreement with these figures is a check, not proof: "
        "most effect sizes remain assumptions, and the model is a learning aid, not a forecast.\n\n"
     << "| # | target | value (range) | source | measured in the model as | scenario | model mean (90% interval) | "
        "holds |\n"
     << "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& r : report.results) {
    const Target& t = r.target;
    md << "| " << t.number << " | " << t.name << " | " << display(t.value, t.unit) << " (" << display(t.low, t.unit)
       << " to " << display(t.high, t.unit) << ")" << unit_suffix(t.unit) << " | " << t.source << " | " << t.measured_as
       << " | " << (t.scenario == CalibrationScenario::baseline ? "baseline" : "interventions") << " | "
       << display(r.model.mean, t.unit) << " (" << display(r.model.low, t.unit) << " to "
       << display(r.model.high, t.unit) << ") | " << (r.holds ? "yes" : "**no**") << " |\n";
  }
  md << "\n## Where the model misses, and what to keep in mind\n\n";
  bool any = false;
  for (const auto& r : report.results) {
    if (!r.holds || !r.target.note.empty()) {
      any = true;
      md << "- **" << r.target.number << ", " << r.target.name << ".** ";
      if (!r.holds) md << "Missed: " << miss_words(r) << ". ";
      md << r.target.note << "\n";
    }
  }
  if (!any) md << "Every target holds.\n";
  baseline_moves(md, report);
  md << "\n## Calibrated parameters\n\n";
  if (report.calibrated.empty()) md << "None yet.\n";
  for (const auto& p : report.calibrated) md << "- `" << p.name << "`: " << p.calibrate_to << "\n";
  return md.str();
}

}  // namespace revolve::revolving_door

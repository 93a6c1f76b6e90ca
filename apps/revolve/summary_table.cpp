#include "apps/revolve/summary_table.hpp"

#include <cmath>
#include <map>

#include "apps/revolve/number_text.hpp"
#include "apps/revolve/text_table.hpp"
#include "sim/ensemble/cost_effectiveness.hpp"
#include "sim/ensemble/psa_files.hpp"

namespace revolve::cli {
namespace {

using Align = TextTable::Align;
using ensemble::Interval;
using ensemble::MeasureInfo;
using ensemble::ScenarioResults;
using ensemble::ScenarioTotals;

constexpr double tail_share = 0.05;    // beyond each end of a 90% interval
constexpr std::uint32_t tail_runs = 10;  // runs beyond each end for an end that does not jump from one set of runs to the next
constexpr const char* unclear_mark = "~";

std::size_t horizon(const ScenarioTotals& t) { return t.periods().size() - 1; }

/// The whole cohort's columns that `keep` picks, in the model's order.
template <class Keep>
std::vector<std::size_t> columns(const ScenarioTotals& t, Keep keep) {
  std::vector<std::size_t> out;
  for (std::size_t c = 0; c < t.measures().size(); ++c) {
    if (t.measures()[c].group.empty() && keep(t.measures()[c])) out.push_back(c);
  }
  return out;
}

std::vector<std::size_t> outcome_columns(const ScenarioTotals& t) {
  return columns(t, [](const MeasureInfo& m) { return m.better != 0; });
}

/// Each payer's discounted cost, then the model's total across payers ("all") when it has one.
std::vector<std::size_t> payer_columns(const ScenarioTotals& t) {
  auto out = columns(t, [](const MeasureInfo& m) {
    return m.measure.rfind("cost_discounted.", 0) == 0 && !m.payer.empty() && m.payer != "all";
  });
  const auto total = t.column("cost_discounted.total", "");
  if (total != static_cast<std::size_t>(-1)) out.push_back(total);
  return out;
}

std::vector<double> values(const ScenarioTotals& t, std::size_t column) { return t.over_runs(horizon(t), column); }

Interval change(const ScenarioTotals& alternative, const ScenarioTotals& base, std::size_t column) {
  return ensemble::interval(ensemble::paired_differences(values(alternative, column), values(base, column)));
}

/// "-1,800 to -610": an interval's ends.
std::string range_text(const Interval& i, NumberKind kind, bool is_change) {
  return number_text(i.low, kind, is_change) + " to " + number_text(i.high, kind, is_change);
}

bool clear(const Interval& d) { return d.low > 0 || d.high < 0; }

/// What a change means: for people (`better` -1 or +1) "better" or "worse", for a payer (0) "saves" or "pays
/// more"; "~" when its interval crosses zero.
std::string mark(const Interval& d, int better) {
  if (!clear(d)) return unclear_mark;
  const bool up = d.low > 0;
  if (better == 0) return up ? "pays more" : "saves";
  return up == (better > 0) ? "better" : "worse";
}

std::string percent_of(double change, double base) {
  return base == 0 ? "n/a" : number_text(100 * change / base, NumberKind::percent, true);
}

std::string heading(const ScenarioResults& r, const std::string& what) {
  const auto& s = r.scenario->scenario();
  return what + " over " + number_text(s.horizon_years) + " years, " + std::to_string(r.totals.runs()) + " runs (seed " +
         std::to_string(r.seed) + "): means and 90% intervals over runs\n";
}

std::string outcome_table(const ScenarioTotals& alternative, const ScenarioTotals& base) {
  TextTable table({"outcome", "unit", "baseline", "change", "90% interval", "change %", ""},
                  {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right, Align::left});
  for (const std::size_t c : outcome_columns(base)) {
    const MeasureInfo& m = base.measures()[c];
    const Interval b = ensemble::interval(values(base, c)), d = change(alternative, base, c);
    const NumberKind kind = kind_of(m.unit);
    table.add({m.measure, m.unit, number_text(b.mean, kind), number_text(d.mean, kind, true), range_text(d, kind, true),
               percent_of(d.mean, b.mean), mark(d, m.better)});
  }
  return table.render();
}

/// Per payer: the change in what the alternative's own interventions cost it (part of its change in cost).
std::map<std::string, double> own_cost_by_payer(const ScenarioTotals& alternative, const ScenarioTotals& base) {
  std::map<std::string, double> out;
  const auto own = columns(base, [](const MeasureInfo& m) { return m.measure.rfind("intervention_cost_discounted.", 0) == 0; });
  for (const std::size_t c : own) {
    const double d = change(alternative, base, c).mean;
    out[base.measures()[c].payer] += d;
    out["all"] += d;
  }
  return out;
}

std::string payer_table(const ScenarioTotals& alternative, const ScenarioTotals& base) {
  TextTable table({"who pays and who saves", "change", "90% interval", "", "of which the option itself"},
                  {Align::left, Align::right, Align::right, Align::left, Align::right});
  const auto own = own_cost_by_payer(alternative, base);
  for (const std::size_t c : payer_columns(base)) {
    const MeasureInfo& m = base.measures()[c];
    const Interval d = change(alternative, base, c);
    const auto spent = own.find(m.payer);
    const bool spends = spent != own.end() && std::fabs(spent->second) >= 0.5;  // [GBP]
    table.add({m.payer == "all" ? "all payers: net cost" : m.payer, number_text(d.mean, NumberKind::money, true),
               range_text(d, NumberKind::money, true), mark(d, 0),
               spends ? number_text(spent->second, NumberKind::money, true) : ""});
  }
  return table.render();
}

/// "person-week" of "person-weeks", "tenancy" of "tenancies".
std::string singular(const std::string& unit) {
  if (unit.size() > 3 && unit.ends_with("ies")) return unit.substr(0, unit.size() - 3) + "y";
  return unit.ends_with("s") ? unit.substr(0, unit.size() - 1) : unit;
}

/// "costs more and does better, £46.5 per person-week gained". The ratio's bootstrap interval (comparison.csv) is
/// left out: it is about the means, and would read as a range over runs beside the other columns.
std::string verdict_text(ensemble::Verdict verdict, double ratio, const std::string& unit) {
  static const std::map<ensemble::Verdict, std::string> meaning = {
      {ensemble::Verdict::dominates, "dominates: better for people and costs no more"},
      {ensemble::Verdict::dominated, "dominated: worse for people and costs no less"},
      {ensemble::Verdict::costs_more_gains, "costs more and does better"},
      {ensemble::Verdict::saves_loses, "saves money and does worse"},
      {ensemble::Verdict::no_difference, "no difference"}};
  std::string out = meaning.at(verdict);
  if (verdict == ensemble::Verdict::costs_more_gains) out += ", " + number_text(ratio, NumberKind::money) + " per " + singular(unit) + " gained";
  if (verdict == ensemble::Verdict::saves_loses) out += ", " + number_text(ratio, NumberKind::money) + " saved per " + singular(unit) + " forgone";
  return out;
}

/// The verdict rests on the means: say so when the changes behind it are not clear.
std::string unclear_note(const ensemble::PairedSamples& samples) {
  const bool cost = clear(ensemble::interval(samples.cost_changes)), gain = clear(ensemble::interval(samples.gains));
  if (cost && gain) return "";
  if (!cost && !gain) return "; on the means: neither change is clear";
  return cost ? "; on the means: the change in the outcome is not clear" : "; on the means: the change in cost is not clear";
}

/// The net cost per unit of the default outcome gained, when the model has the default cost and outcome.
std::string value_for_money(const ScenarioResults& alternative, const ScenarioResults& base) {
  const ensemble::PsaSettings defaults;
  const std::size_t o = base.totals.column(defaults.outcome, "");
  if (o == static_cast<std::size_t>(-1) || base.totals.column(defaults.cost, "") == static_cast<std::size_t>(-1) ||
      base.totals.measures()[o].better == 0) {
    return "";
  }
  const auto samples = ensemble::paired_samples(alternative.totals, base.totals, defaults.cost, defaults.outcome);
  const auto ce = ensemble::cost_effectiveness(samples);
  return "\n  value for money (" + defaults.cost + " against " + defaults.outcome + "): " +
         verdict_text(ce.verdict, ce.ratio, base.totals.measures()[o].unit) + unclear_note(samples) + '\n';
}

std::string legend() {
  return std::string("\"") + unclear_mark +
         "\": the change's 90% interval crosses zero, so the model cannot tell it from no change. Costs are "
         "discounted.\n";
}

}  // namespace

std::uint32_t runs_for_steady_intervals() { return static_cast<std::uint32_t>(std::lround(tail_runs / tail_share)); }

std::string runs_warning(std::uint32_t runs, const std::string& option, std::uint32_t runs_per_unit) {
  if (runs >= runs_for_steady_intervals()) return "";
  const auto beyond = static_cast<std::uint32_t>(runs * tail_share);
  const std::uint32_t needed = (runs_for_steady_intervals() + runs_per_unit - 1) / runs_per_unit;
  return "warning: the 90% intervals rest on " + std::to_string(runs) + " runs, so they are rough: each end has " +
         (beyond == 0 ? "no run" : std::to_string(beyond) + (beyond == 1 ? " run" : " runs")) + " beyond it. Use " +
         option + ' ' + std::to_string(needed) + " or more for ends that rest on " + std::to_string(tail_runs) +
         " runs each.\n";
}

std::string scenario_summary(const ScenarioResults& results) {
  const ScenarioTotals& t = results.totals;
  TextTable outcomes({"outcome", "unit", "total", "90% interval"}, {Align::left, Align::left, Align::right, Align::right});
  for (const std::size_t c : outcome_columns(t)) {
    const MeasureInfo& m = t.measures()[c];
    const Interval i = ensemble::interval(values(t, c));
    outcomes.add({m.measure, m.unit, number_text(i.mean, kind_of(m.unit)), range_text(i, kind_of(m.unit), false)});
  }
  TextTable costs({"discounted cost", "total", "90% interval"}, {Align::left, Align::right, Align::right});
  for (const std::size_t c : payer_columns(t)) {
    const Interval i = ensemble::interval(values(t, c));
    costs.add({t.measures()[c].payer == "all" ? "all payers" : t.measures()[c].payer,
               number_text(i.mean, NumberKind::money), range_text(i, NumberKind::money, false)});
  }
  return heading(results, results.scenario->scenario().label) + '\n' + outcomes.render() + '\n' + costs.render();
}

std::string comparison_summary(const std::vector<const ScenarioResults*>& results) {
  const ScenarioResults& base = *results.front();
  std::string out = heading(base, "Compared with " + base.scenario->scenario().label) + legend();
  for (std::size_t s = 1; s < results.size(); ++s) {
    out += '\n' + results[s]->scenario->scenario().label + '\n';
    out += outcome_table(results[s]->totals, base.totals) + '\n' + payer_table(results[s]->totals, base.totals);
    out += value_for_money(*results[s], base);
  }
  return out;
}

}  // namespace revolve::cli

namespace revolve::cli {
namespace {

/// One alternative's outcomes in a PSA: the change with chance only and with chance and parameters, marked from the
/// wider.
std::string psa_outcome_table(const ensemble::PsaComparison& psa, std::size_t s) {
  const ScenarioTotals &base = psa.point.front().totals, &alternative = psa.point[s].totals;
  TextTable table({"outcome", "unit", "baseline", "chance only", "90% interval", "chance and parameters",
                   "90% interval", ""},
                  {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right, Align::right,
                   Align::left});
  for (const std::size_t c : outcome_columns(base)) {
    const MeasureInfo& m = base.measures()[c];
    const NumberKind kind = kind_of(m.unit);
    const Interval b = ensemble::interval(values(base, c)), d = change(alternative, base, c);
    const Interval wide = change(psa.psa.totals[s], psa.psa.totals.front(), c);
    table.add({m.measure, m.unit, number_text(b.mean, kind), number_text(d.mean, kind, true), range_text(d, kind, true),
               number_text(wide.mean, kind, true), range_text(wide, kind, true), mark(wide, m.better)});
  }
  return table.render();
}

/// Each alternative's cost-effectiveness over every draw and run: the quadrants' shares and the verdict.
std::string psa_value_for_money(const ensemble::PsaComparison& psa) {
  const auto samples = ensemble::psa_samples(psa);
  TextTable table({"option", "better and cheaper", "better, costs more", "on the means"},
                  {Align::left, Align::right, Align::right, Align::left});
  for (std::size_t a = 0; a < samples.size(); ++a) {
    const auto ce = ensemble::cost_effectiveness(samples[a]);
    table.add({psa.plan.scenarios[a + 1].label, number_text(100 * ce.better_cheaper, NumberKind::percent),
               number_text(100 * ce.better_costlier, NumberKind::percent),
               verdict_text(ce.verdict, ce.ratio, ensemble::outcome_unit(psa))});
  }
  return "\nValue for money with chance and parameters: " + psa.settings.cost + " against " + psa.settings.outcome +
         " (shares of draws x runs)\n" + table.render();
}

}  // namespace

std::string psa_summary(const ensemble::PsaComparison& psa) {
  const ScenarioResults& base = psa.point.front();
  std::string out = heading(base, "Compared with " + base.scenario->scenario().label + ", chance only") +
                    "and with chance and parameters: " + std::to_string(psa.settings.draws) + " parameter draws x " +
                    std::to_string(psa.settings.runs) + " run(s); the mark is from the wider interval.\n" + legend();
  for (std::size_t s = 1; s < psa.point.size(); ++s) {
    out += '\n' + psa.plan.scenarios[s].label + '\n' + psa_outcome_table(psa, s);
  }
  return psa.point.size() > 1 ? out + psa_value_for_money(psa) : out;
}

}  // namespace revolve::cli

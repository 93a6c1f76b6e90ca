#include "sim/ensemble/psa_files.hpp"

#include "sim/core/error.hpp"
#include "sim/ensemble/csv_writer.hpp"
#include "sim/ensemble/results_files.hpp"

namespace revolve::ensemble {
namespace {

void header(CsvWriter& csv, const std::vector<std::string>& names) {
  for (const auto& n : names) csv.text(n);
  csv.end_row();
}

const std::string& label_of(const PsaComparison& psa, std::size_t scenario) {
  return psa.plan.scenarios[scenario].label;
}

}  // namespace

std::string outcome_unit(const PsaComparison& psa) {
  const auto& totals = psa.psa.totals.front();
  return totals.measures()[totals.column(psa.settings.outcome, "")].unit;
}

void write_draws_csv(const std::filesystem::path& path, const Design& design) {
  CsvWriter csv(path);
  std::vector<std::string> names = {"draw"};
  for (const auto& p : design.parameters()) names.push_back(p.name);
  header(csv, names);
  for (std::uint32_t d = 0; d < design.draws(); ++d) {
    csv.number(d);
    for (std::size_t p = 0; p < design.parameters().size(); ++p) csv.number(design.value(d, p));
    csv.end_row();
  }
}

std::vector<PairedSamples> psa_samples(const PsaComparison& psa) {
  std::vector<PairedSamples> out;
  const auto& totals = psa.psa.totals;
  for (std::size_t s = 1; s < totals.size(); ++s) {
    out.push_back(paired_samples(totals[s], totals.front(), psa.settings.cost, psa.settings.outcome));
  }
  return out;
}

void write_cost_effectiveness_csv(const std::filesystem::path& path, const PsaComparison& psa) {
  CsvWriter csv(path);
  header(csv, {"scenario", "cost", "outcome", "outcome_unit", "cost_change", "gain", "p_better_cheaper",
               "p_better_costlier", "p_not_better_cheaper", "p_not_better_costlier", "verdict", "ratio", "ratio_unit"});
  const std::string unit = outcome_unit(psa);
  const auto samples = psa_samples(psa);
  for (std::size_t a = 0; a < samples.size(); ++a) {
    const CostEffectiveness ce = cost_effectiveness(samples[a]);
    csv.text(label_of(psa, a + 1)).text(psa.settings.cost).text(psa.settings.outcome).text(unit);
    csv.number(ce.cost_change).number(ce.gain);
    csv.number(ce.better_cheaper).number(ce.better_costlier).number(ce.not_better_cheaper);
    csv.number(ce.not_better_costlier).text(to_string(ce.verdict)).number(ce.ratio);
    csv.text(ratio_unit(ce.verdict, unit));
    csv.end_row();
  }
}

void write_ceac_csv(const std::filesystem::path& path, const PsaComparison& psa) {
  CsvWriter csv(path);
  header(csv, {"wtp", "wtp_unit", "scenario", "p_beats_baseline", "p_best"});
  const auto samples = psa_samples(psa);
  const auto curves = acceptability(samples, willingness_to_pay(samples, psa.settings.wtp_max));
  const std::string unit = "GBP per " + outcome_unit(psa) + " gained";
  for (std::size_t w = 0; w < curves.wtp.size(); ++w) {
    for (std::size_t s = 0; s < curves.best.size(); ++s) {
      csv.number(curves.wtp[w]).text(unit).text(label_of(psa, s));
      csv.number(s == 0 ? std::nan("") : curves.beats_baseline[s - 1][w]).number(curves.best[s][w]);
      csv.end_row();
    }
  }
}

namespace {

/// How each alternative's entry cohorts are paired under the draws: with the same people followed in each draw's
/// baseline, or with the baseline's own entrants (and why).
nlohmann::json psa_entry_cohorts(const PsaComparison& psa) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t s = 1; s < psa.plan.scenarios.size(); ++s) {
    const bool matched = s < psa.psa.matched.size() && psa.psa.matched[s];
    std::string note = s < psa.psa.entry_notes.size() ? psa.psa.entry_notes[s] : "";
    if (!psa.settings.match_entrants) note = entrants_not_matched;
    out[label_of(psa, s)] = {{"compared_with", matched ? "same_people" : "baseline_own"}, {"note", note}};
  }
  return out;
}

}  // namespace

nlohmann::json psa_manifest(const PsaComparison& psa, const std::string& command, int threads) {
  std::vector<const ScenarioResults*> point;
  for (const auto& r : psa.point) point.push_back(&r);
  nlohmann::json manifest = run_manifest(point, command, psa.settings.point_runs, psa.settings.seed, threads);
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& p : psa.plan.design.parameters()) {
    parameters.push_back({{"name", p.name}, {"unit", p.unit}, {"distribution", p.distribution}});
  }
  nlohmann::json held = nlohmann::json::object();
  for (std::size_t s = 0; s < psa.psa.held.size(); ++s) held[label_of(psa, s)] = psa.psa.held[s];
  manifest["psa"] = {
      {"design", to_string(psa.settings.design)},
      {"draws", psa.settings.draws},
      {"runs_per_draw", psa.settings.runs},
      {"point_runs", psa.settings.point_runs},
      {"seed", psa.settings.seed},
      {"run_numbers", "run r of draw d is run number d x runs_per_draw + r under the seed, for every scenario"},
      {"held", held},
      {"held_rule", "a parameter a scenario sets itself keeps the scenario's value in every draw: it is a decision"},
      {"cost", psa.settings.cost},
      {"outcome", psa.settings.outcome},
      {"wtp_max", psa.settings.wtp_max},
      {"entry_cohorts", psa_entry_cohorts(psa)},
      {"parameters", parameters}};
  return manifest;
}

void save_psa(const std::filesystem::path& dir, const PsaComparison& psa, const nlohmann::json& manifest,
              bool force) {
  std::vector<const ScenarioResults*> point;
  for (const auto& r : psa.point) point.push_back(&r);
  ExtraResults extra;
  for (const auto& t : psa.psa.totals) extra.with_parameters.push_back(&t);
  for (const auto& t : psa.psa.matched) extra.matched_with_parameters.push_back(t ? &*t : nullptr);
  extra.write_more = [&psa](const std::filesystem::path& folder) {
    write_draws_csv(folder / "draws.csv", psa.plan.design);
    write_cost_effectiveness_csv(folder / "cost_effectiveness.csv", psa);
    write_ceac_csv(folder / "ceac.csv", psa);
  };
  save_results(dir, point, manifest, true, force, extra);
}

}  // namespace revolve::ensemble

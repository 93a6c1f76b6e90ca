#pragma once
// The files `revolve psa` writes (docs/uncertainty.md describes every column): those of `revolve compare` for the
// runs at the point values, with comparison.csv's "chance and parameters" columns beside its "chance only" ones,
// and
//   draws.csv               one row per draw: every sampled parameter's value, in its own unit
//   cost_effectiveness.csv  each alternative against the baseline: mean cost change and gain, the four quadrants'
//                           probabilities, the verdict and the incremental ratio
//   ceac.csv                acceptability curves: by willingness to pay, each option's probability of beating the
//                           baseline and of being the best
// all written at once into a folder that replaces the old one only when everything is written.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/ensemble/cost_effectiveness.hpp"
#include "sim/ensemble/psa.hpp"

namespace revolve::ensemble {

void write_draws_csv(const std::filesystem::path& path, const Design& design);

/// The unit of the PSA's outcome, as the model gives it (e.g. "person-weeks").
std::string outcome_unit(const PsaComparison& psa);

/// Each alternative of `psa` against its baseline in `settings.cost` and `settings.outcome`, over draws x runs.
std::vector<PairedSamples> psa_samples(const PsaComparison& psa);

void write_cost_effectiveness_csv(const std::filesystem::path& path, const PsaComparison& psa);
void write_ceac_csv(const std::filesystem::path& path, const PsaComparison& psa);

/// The manifest of a PSA: that of a comparison (runs are the point runs) with a "psa" section: the design, draws,
/// runs per draw, the parameters drawn (name, unit, distribution), those each scenario holds, and the
/// cost-effectiveness settings.
nlohmann::json psa_manifest(const PsaComparison& psa, const std::string& command, int threads);

/// Write every file of a PSA into `dir`, all or nothing; `dir` may replace only a folder revolve wrote unless
/// `force` (as save_results).
void save_psa(const std::filesystem::path& dir, const PsaComparison& psa, const nlohmann::json& manifest,
              bool force = false);

}  // namespace revolve::ensemble

#pragma once
// What revolve run, compare and psa print when they finish: tables a commissioner can read at a glance. Each
// outcome that matters to people with its unit, the baseline, the change with its 90% interval and in percent, and
// a mark where the interval crosses zero (the model cannot tell the change from none); who pays and who saves, by
// payer, with the net cost; and the net cost per unit of outcome gained, with the verdicts of health economics
// (sim/ensemble/cost_effectiveness.hpp). Numbers are written by apps/revolve/number_text.hpp.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/ensemble/psa.hpp"
#include "sim/ensemble/scenario_runner.hpp"

namespace revolve::cli {

/// Runs for 90% intervals whose ends each rest on at least 10 runs beyond them: 200.
std::uint32_t runs_for_steady_intervals();

/// A warning when the 90% intervals rest on too few `runs`, saying what `option` should be (each of its units gives
/// `runs_per_unit` runs); "" otherwise.
std::string runs_warning(std::uint32_t runs, const std::string& option = "--runs", std::uint32_t runs_per_unit = 1);

/// revolve run: one scenario's outcomes and each payer's discounted cost over the horizon, mean and 90% interval.
std::string scenario_summary(const ensemble::ScenarioResults& results);

/// revolve compare: for each alternative, its change from the baseline (`results[0]`) in every outcome and in each
/// payer's discounted cost, and its net cost per unit of the default outcome (ensemble::PsaSettings) gained.
std::string comparison_summary(const std::vector<const ensemble::ScenarioResults*>& results);

/// revolve psa: each alternative's change in every outcome with both 90% intervals (chance only; chance and
/// parameters), marked from the wider; then its cost-effectiveness over draws x runs.
std::string psa_summary(const ensemble::PsaComparison& psa);

}  // namespace revolve::cli

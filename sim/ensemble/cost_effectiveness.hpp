#pragma once
// Cost-effectiveness of alternatives against a baseline, from paired samples (the runs of a comparison, or the
// draws x runs of a PSA), with the conventions of health economics:
//   - the gain is the change in an outcome in its better direction (weeks of rough sleeping avoided), so a gain
//     above zero is always good;
//   - the four quadrants of the cost-effectiveness plane: better and cheaper (the alternative dominates), better
//     and costlier (a trade-off), not better and cheaper, not better and costlier (dominated);
//   - an incremental ratio only where it means something: cost per unit gained when an alternative costs more and
//     gains, savings per unit forgone when it saves and loses; "dominates" or "dominated" otherwise, and never a
//     negative ratio;
//   - acceptability curves: at each willingness to pay lambda per unit gained, the share of samples in which an
//     option's net monetary benefit (lambda x gain - cost change) is positive against the baseline, and the share
//     in which it is the highest of all the options.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/ensemble/comparison.hpp"

namespace revolve::ensemble {

/// An alternative against the baseline, sample by sample (paired by run).
struct PairedSamples {
  std::vector<double> cost_changes;  ///< alternative - baseline [GBP]
  std::vector<double> gains;         ///< outcome change in its better direction [outcome unit]
};

/// The samples of `cost` and `outcome` (measures of the whole cohort) over the last period (the horizon). The
/// outcome must say which direction is better (MeasureInfo::better); throws Error otherwise or when either is missing.
PairedSamples paired_samples(const ScenarioTotals& alternative, const ScenarioTotals& baseline,
                             const std::string& cost, const std::string& outcome);

/// Throws Error naming the problem unless `cost` and `outcome` are measures of the whole cohort in `measures` and
/// the outcome has a better direction: a check to make before anything runs.
void check_cost_effectiveness_measures(const std::vector<MeasureInfo>& measures, const std::string& cost,
                                       const std::string& outcome);

/// Where an alternative lies against the baseline, on the means.
enum class Verdict {
  dominates,        ///< gains and costs no more, or costs less and loses nothing
  dominated,        ///< loses and costs no less, or costs more and gains nothing
  costs_more_gains,  ///< the ratio is the cost per unit gained (the ICER)
  saves_loses,       ///< the ratio is the saving per unit forgone
  no_difference,    ///< the same cost and outcome
};

/// "dominates", "dominated", "costs more, gains", "saves, loses", "no difference".
std::string to_string(Verdict verdict);

struct CostEffectiveness {
  double cost_change = 0;  ///< mean over samples [GBP]
  double gain = 0;         ///< mean over samples [outcome unit]
  /// Shares of samples: gain > 0 and cost change < 0; gain > 0 and cost change >= 0; gain <= 0 and cost
  /// change < 0; gain <= 0 and cost change >= 0. No change counts as neither better nor cheaper.
  double better_cheaper = 0, better_costlier = 0, not_better_cheaper = 0, not_better_costlier = 0;
  Verdict verdict = Verdict::no_difference;
  double ratio = 0;  ///< cost change / gain, positive; NaN unless the verdict is costs_more_gains or saves_loses
};

CostEffectiveness cost_effectiveness(const PairedSamples& samples);

/// What the ratio of a verdict measures: "GBP per <unit> gained", "GBP saved per <unit> forgone", or "".
std::string ratio_unit(Verdict verdict, const std::string& outcome_unit);

/// The net cost of an alternative per unit of outcome gained, as comparison.csv's net_cost_per rows give it.
struct NetCost {
  Verdict verdict = Verdict::no_difference;
  /// mean: the ratio of cost_effectiveness() (positive; NaN unless the verdict is costs_more_gains or saves_loses);
  /// low, high: a percentile-bootstrap 90% interval over the samples, NaN unless the gain is clearly away from zero
  /// and the whole interval lies in the verdict's quadrant (a ratio whose interval changes sign means nothing).
  Interval ratio;
};

/// The verdict and ratio of `samples`, with the bootstrap drawn from a fixed stream keyed by `seed`.
NetCost net_cost(const PairedSamples& samples, std::uint64_t seed);

/// Willingness to pay per unit gained, from 0 to a round number (1, 2 or 5 x 10^k) at least twice the largest
/// |mean cost change / mean gain| of the alternatives (1000 when no alternative changes the outcome), in `steps`
/// equal steps; or to `max` when it is positive.
std::vector<double> willingness_to_pay(const std::vector<PairedSamples>& alternatives, double max = 0,
                                       int steps = 50);

struct AcceptabilityCurves {
  std::vector<double> wtp;  ///< willingness to pay per unit gained [GBP per outcome unit]
  /// [alternative][wtp]: share of samples with lambda x gain - cost change > 0.
  std::vector<std::vector<double>> beats_baseline;
  /// [option][wtp], the baseline first: share of samples in which the option's net monetary benefit is the
  /// highest (ties go to the earlier option, so the baseline wins a tie).
  std::vector<std::vector<double>> best;
};

AcceptabilityCurves acceptability(const std::vector<PairedSamples>& alternatives, const std::vector<double>& wtp);

}  // namespace revolve::ensemble

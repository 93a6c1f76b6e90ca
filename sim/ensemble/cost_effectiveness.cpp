#include "sim/ensemble/cost_effectiveness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/core/error.hpp"
#include "sim/core/suggest.hpp"

namespace revolve::ensemble {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

double mean(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// The smallest 1, 2 or 5 x 10^k at or above x > 0.
double round_up(double x) {
  const double power = std::pow(10.0, std::floor(std::log10(x)));
  for (const double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * power >= x * (1 - 1e-12)) return step * power;
  }
  return 10 * power;
}

}  // namespace

void check_cost_effectiveness_measures(const std::vector<MeasureInfo>& measures, const std::string& cost,
                                       const std::string& outcome) {
  const auto find = [&](const std::string& name) {
    const auto it = std::find_if(measures.begin(), measures.end(),
                                 [&](const MeasureInfo& m) { return m.measure == name && m.group.empty(); });
    if (it == measures.end()) {
      std::vector<std::string> known;
      for (const MeasureInfo& m : measures) {
        if (m.group.empty()) known.push_back(m.measure);
      }
      throw Error("cost-effectiveness: the model has no measure '" + name + "'" + did_you_mean(name, known));
    }
    return *it;
  };
  find(cost);
  if (find(outcome).better == 0) {
    throw Error("cost-effectiveness: the outcome '" + outcome + "' is neither better higher nor lower (pick an outcome "
                "that matters to people, such as person_weeks.rough_sleeping)");
  }
}

PairedSamples paired_samples(const ScenarioTotals& alternative, const ScenarioTotals& baseline,
                             const std::string& cost, const std::string& outcome) {
  check_cost_effectiveness_measures(baseline.measures(), cost, outcome);
  const std::size_t horizon = baseline.periods().size() - 1;
  const std::size_t c = baseline.column(cost, ""), o = baseline.column(outcome, "");
  if (alternative.column(cost, "") != c || alternative.column(outcome, "") != o) {
    throw Error("cost-effectiveness: the scenarios' measures differ");
  }
  PairedSamples out{paired_differences(alternative.over_runs(horizon, c), baseline.over_runs(horizon, c)),
                    paired_differences(alternative.over_runs(horizon, o), baseline.over_runs(horizon, o))};
  const double better = baseline.measures()[o].better;
  for (double& g : out.gains) g *= better;
  return out;
}

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::dominates: return "dominates";
    case Verdict::dominated: return "dominated";
    case Verdict::costs_more_gains: return "costs more, gains";
    case Verdict::saves_loses: return "saves, loses";
    case Verdict::no_difference: return "no difference";
  }
  return "?";
}

CostEffectiveness cost_effectiveness(const PairedSamples& samples) {
  const std::size_t n = samples.gains.size();
  if (n == 0 || samples.cost_changes.size() != n) throw Error("cost-effectiveness needs paired samples");
  CostEffectiveness out;
  out.cost_change = mean(samples.cost_changes);
  out.gain = mean(samples.gains);
  for (std::size_t i = 0; i < n; ++i) {  // counts first, then shares: exact for any n
    const bool better = samples.gains[i] > 0, cheaper = samples.cost_changes[i] < 0;
    (better ? (cheaper ? out.better_cheaper : out.better_costlier)
            : (cheaper ? out.not_better_cheaper : out.not_better_costlier)) += 1;
  }
  for (double* share : {&out.better_cheaper, &out.better_costlier, &out.not_better_cheaper, &out.not_better_costlier}) {
    *share /= static_cast<double>(n);
  }
  const double g = out.gain, c = out.cost_change;
  out.ratio = std::numeric_limits<double>::quiet_NaN();
  if (g == 0 && c == 0) {
    out.verdict = Verdict::no_difference;
  } else if (g >= 0 && c <= 0) {
    out.verdict = Verdict::dominates;
  } else if (g <= 0 && c >= 0) {
    out.verdict = Verdict::dominated;
  } else {
    out.verdict = g > 0 ? Verdict::costs_more_gains : Verdict::saves_loses;
    out.ratio = c / g;  // both positive or both negative
  }
  return out;
}

std::string ratio_unit(Verdict verdict, const std::string& outcome_unit) {
  if (verdict == Verdict::costs_more_gains) return "GBP per " + outcome_unit + " gained";
  if (verdict == Verdict::saves_loses) return "GBP saved per " + outcome_unit + " forgone";
  return "";
}

NetCost net_cost(const PairedSamples& samples, std::uint64_t seed) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const CostEffectiveness ce = cost_effectiveness(samples);
  NetCost out{ce.verdict, {ce.ratio, nan, nan}};
  if (!std::isfinite(ce.ratio)) return out;
  // The bootstrap's mean is the same ratio of means (cost change / gain); its interval is kept only when every
  // resampled ratio in it is positive, i.e. in the verdict's quadrant.
  const Interval spread = ratio_of_mean_differences(samples.cost_changes, samples.gains, seed);
  if (spread.low > 0) {
    out.ratio.low = spread.low;
    out.ratio.high = spread.high;
  }
  return out;
}

std::vector<double> willingness_to_pay(const std::vector<PairedSamples>& alternatives, double max, int steps) {
  if (!(max > 0)) {
    double scale = 0;
    for (const auto& a : alternatives) {
      const double g = mean(a.gains), c = mean(a.cost_changes);
      if (g != 0) scale = std::max(scale, std::fabs(c / g));
    }
    max = scale > 0 && std::isfinite(scale) ? round_up(2 * scale) : 1000;
  }
  std::vector<double> wtp(static_cast<std::size_t>(steps) + 1);
  for (int i = 0; i <= steps; ++i) wtp[static_cast<std::size_t>(i)] = max * i / steps;
  return wtp;
}

AcceptabilityCurves acceptability(const std::vector<PairedSamples>& alternatives, const std::vector<double>& wtp) {
  AcceptabilityCurves out{wtp, {}, {}};
  if (alternatives.empty()) return out;
  const std::size_t n = alternatives.front().gains.size();
  out.beats_baseline.assign(alternatives.size(), std::vector<double>(wtp.size(), 0.0));
  out.best.assign(alternatives.size() + 1, std::vector<double>(wtp.size(), 0.0));
  for (std::size_t w = 0; w < wtp.size(); ++w) {
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t best = 0;  // the baseline, whose net benefit against itself is 0
      double highest = 0;
      for (std::size_t a = 0; a < alternatives.size(); ++a) {
        const double benefit = wtp[w] * alternatives[a].gains.at(i) - alternatives[a].cost_changes.at(i);
        if (benefit > 0) out.beats_baseline[a][w] += 1;
        if (benefit > highest) {
          highest = benefit;
          best = a + 1;
        }
      }
      out.best[best][w] += 1;
    }
  }
  for (auto* curves : {&out.beats_baseline, &out.best}) {  // counts to shares
    for (auto& curve : *curves) {
      for (double& p : curve) p /= static_cast<double>(n);
    }
  }
  return out;
}

}  // namespace revolve::ensemble

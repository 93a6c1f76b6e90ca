#pragma once
// Calibration: fitting chosen parameters, within their bounds, so that a model's means match targets.
// Model-agnostic: the caller supplies a function from parameter values to the model's mean of each
// target's measure, and runs the model with the same seed and runs at every call (common random
// numbers), so the objective is a deterministic function of the values and small changes in them are
// not drowned by fresh noise.
//
// The objective is the sum over targets of ((model mean - target) / target sd)^2, where a target's sd
// comes from its stated range read as a central 90% interval (see target_sd). The search is NLopt's
// derivative-free BOBYQA by default (Powell 2009): it fits a quadratic model of the objective from
// 2n + 1 points and moves within a trust region, so it needs few evaluations of a smooth objective
// (each evaluation is a whole ensemble). Nelder-Mead is offered for objectives that are rough at the
// scale of the steps (few runs, rare events): it only compares values, never fits them.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/params/parameter.hpp"

namespace revolve::ensemble {

/// A parameter to fit: its starting value and bounds, in the parameter's written unit.
struct FitParameter {
  std::string name;
  double start = 0, low = 0, high = 0;
};

/// A parameter to fit, from its specification, starting at `start` (its written unit). The search box is
/// the range its uncertainty states (the ends of a uniform or triangular; the 1st to 99th percentiles of
/// other distributions; its bounds when it has none), within its bounds, widened to include the start: a
/// fit far outside what the evidence allows would say more about the model than about the area.
FitParameter fit_parameter(const params::Parameter& spec, double start);

/// A figure the model should reproduce, with its stated range.
struct FitTarget {
  std::string name;
  double value = 0, low = 0, high = 0;
  std::string unit;  ///< for people reading the fit: "%" for a share written as a fraction
};

/// The target's standard deviation: its stated range read as the central 90% interval of a normal
/// distribution, sd = (high - low) / (2 x 1.645). An asymmetric range keeps its width.
double target_sd(const FitTarget& target);

/// Added to the objective for each target the model cannot measure at some values (a NaN mean: no run
/// had anything to measure): as poor a fit as a mean 10 sd away.
inline constexpr double unmeasured_penalty = 100;

/// Sum over targets of ((mean - value) / sd)^2, with unmeasured_penalty for a NaN mean.
double fit_objective(std::span<const FitTarget> targets, std::span<const double> means);

/// Model means of each target's measure (in target order) at parameter values (in parameter order).
using TargetMeans = std::function<std::vector<double>(std::span<const double> values)>;

enum class FitAlgorithm {
  bobyqa,       ///< NLopt LN_BOBYQA: quadratic models in a trust region (default)
  nelder_mead,  ///< NLopt LN_NELDERMEAD: a simplex of points, compared only by rank
};

/// "bobyqa" or "nelder-mead".
std::string to_string(FitAlgorithm algorithm);
/// The algorithm named by to_string's words; nullopt for another word.
std::optional<FitAlgorithm> parse_fit_algorithm(const std::string& name);

/// One evaluation of the objective.
struct FitEvaluation {
  int number = 0;              ///< 1 for the starting values
  std::vector<double> values;  ///< parameter values
  std::vector<double> means;   ///< model mean per target
  double objective = 0;      ///< over the targets kept in the objective
};

struct FitOptions {
  FitAlgorithm algorithm = FitAlgorithm::bobyqa;
  int max_evaluations = 40;
  double initial_step = 0.1;  ///< the first steps, as a share of each parameter's range
  double tolerance = 1e-3;    ///< stop when steps are smaller than this share of each range
  /// Called after every evaluation (progress); may throw (Cancelled) to stop the fit.
  std::function<void(const FitEvaluation&)> on_evaluation;
};

struct FitResult {
  /// Targets left out of the objective because the model cannot measure them at the starting values
  /// (indices into the targets); their means are still recorded.
  std::vector<std::size_t> left_out;
  FitEvaluation start;  ///< at the starting values
  FitEvaluation best;   ///< the lowest objective seen
  std::vector<FitEvaluation> history;
  std::string stopped;  ///< why the search ended, in words
};

/// Minimise the objective over the parameters' bounds. Throws Error naming the parameter or target when
/// bounds are empty, a start lies outside them or a target's range is empty, and when no target can be
/// measured at the start; rethrows whatever `means` or `on_evaluation` throw. Targets that cannot be
/// measured at the start are left out of the objective (FitResult::left_out).
FitResult fit_parameters(const std::vector<FitParameter>& parameters, const std::vector<FitTarget>& targets,
                         const TargetMeans& means, const FitOptions& options = {});

}  // namespace revolve::ensemble

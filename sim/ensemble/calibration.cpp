#include "sim/ensemble/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

#include <nlopt.hpp>

#include "sim/core/error.hpp"

namespace revolve::ensemble {
namespace {

// z of the central 90% interval of a normal distribution.
constexpr double z90 = 1.6448536269514722;

void check_problem(const std::vector<FitParameter>& parameters, const std::vector<FitTarget>& targets,
                   const FitOptions& options) {
  if (parameters.empty()) throw Error("calibration: no parameters to fit");
  if (targets.empty()) throw Error("calibration: no targets to fit to");
  for (const auto& p : parameters) {
    if (!(p.low < p.high))
      throw Error("calibration: parameter '" + p.name + "' has no room to move: its bounds are " +
                  std::to_string(p.low) + " to " + std::to_string(p.high));
    if (!(p.start >= p.low && p.start <= p.high))
      throw Error("calibration: parameter '" + p.name + "' starts at " + std::to_string(p.start) +
                  ", outside its bounds " + std::to_string(p.low) + " to " + std::to_string(p.high));
  }
  for (const auto& t : targets) {
    if (!(t.low < t.high)) throw Error("calibration: target '" + t.name + "' has an empty range");
  }
  if (options.max_evaluations < 2) throw Error("calibration: at least 2 evaluations are needed");
  if (!(options.initial_step > 0 && options.initial_step <= 0.5) || !(options.tolerance > 0))
    throw Error("calibration: the initial step must be a share of the range above 0 and at most 0.5, "
                "and the tolerance above 0");
}

nlopt::algorithm to_nlopt(FitAlgorithm algorithm) {
  return algorithm == FitAlgorithm::bobyqa ? nlopt::LN_BOBYQA : nlopt::LN_NELDERMEAD;
}

std::string stop_words(nlopt::result result) {
  switch (result) {
    case nlopt::SUCCESS: return "converged";
    case nlopt::XTOL_REACHED: return "converged: steps smaller than the tolerance";
    case nlopt::FTOL_REACHED: return "converged: changes in the objective smaller than the tolerance";
    case nlopt::MAXEVAL_REACHED: return "stopped at the maximum number of evaluations";
    default: return "stopped by NLopt (result " + std::to_string(static_cast<int>(result)) + ")";
  }
}

/// The search, in coordinates scaled to [0, 1] per parameter so that one step size and tolerance suit
/// parameters of any unit. Evaluations are recorded in `result.history`.
class Search {
 public:
  Search(const std::vector<FitParameter>& parameters, const std::vector<FitTarget>& targets, const TargetMeans& means,
         const FitOptions& options)
      : parameters_(parameters), targets_(targets), means_(means), options_(options) {}

  FitResult run() {
    std::vector<double> start(parameters_.size());
    for (std::size_t i = 0; i < start.size(); ++i) start[i] = parameters_[i].start;
    keep_measured(means_(start));
    result_.start = evaluate(start);

    nlopt::opt opt(to_nlopt(options_.algorithm), static_cast<unsigned>(parameters_.size()));
    opt.set_lower_bounds(0.0);
    opt.set_upper_bounds(1.0);
    opt.set_min_objective(&Search::objective, this);
    opt.set_initial_step(options_.initial_step);
    opt.set_xtol_abs(options_.tolerance);
    opt.set_maxeval(options_.max_evaluations);
    for (std::size_t i = 0; i < start.size(); ++i) start_z_.push_back(scaled(i, start[i]));
    std::vector<double> z = start_z_;
    double best = 0;
    try {
      result_.stopped = stop_words(opt.optimize(z, best));
    } catch (const nlopt::roundoff_limited&) {
      result_.stopped = "converged: further steps are lost in rounding";
    } catch (const nlopt::forced_stop&) {
      if (failure_) std::rethrow_exception(failure_);
      throw;
    }
    if (failure_) std::rethrow_exception(failure_);
    result_.best = result_.start;
    for (const auto& e : result_.history) {
      if (e.objective < result_.best.objective) result_.best = e;
    }
    return std::move(result_);
  }

 private:
  const std::vector<FitParameter>& parameters_;
  const std::vector<FitTarget>& targets_;
  const TargetMeans& means_;
  const FitOptions& options_;
  std::vector<FitTarget> kept_;
  FitResult result_;
  std::exception_ptr failure_;  // NLopt turns exceptions into a bare "forced stop"; this keeps the real one
  std::vector<double> first_means_;
  std::vector<double> start_z_;

  double scaled(std::size_t i, double x) const {
    return (x - parameters_[i].low) / (parameters_[i].high - parameters_[i].low);
  }
  double unscaled(std::size_t i, double z) const {
    return parameters_[i].low + z * (parameters_[i].high - parameters_[i].low);
  }

  void keep_measured(std::vector<double> means) {
    if (means.size() != targets_.size())
      throw Error("calibration: the model gave " + std::to_string(means.size()) + " means for " +
                  std::to_string(targets_.size()) + " targets");
    for (std::size_t t = 0; t < targets_.size(); ++t) {
      if (std::isnan(means[t])) {
        result_.left_out.push_back(t);
      } else {
        kept_.push_back(targets_[t]);
      }
    }
    if (kept_.empty()) throw Error("calibration: the model cannot measure any target at the starting values");
    first_means_ = std::move(means);
  }

  FitEvaluation evaluate(const std::vector<double>& values) {
    FitEvaluation e{static_cast<int>(result_.history.size()) + 1, values, {}, 0};
    // The starting values were already run to find which targets can be measured.
    e.means = result_.history.empty() ? first_means_ : means_(values);
    std::vector<double> kept_means;
    for (std::size_t t = 0, left = 0; t < targets_.size(); ++t) {
      if (left < result_.left_out.size() && result_.left_out[left] == t) {
        ++left;
      } else {
        kept_means.push_back(e.means[t]);
      }
    }
    e.objective = fit_objective(kept_, kept_means);
    result_.history.push_back(e);
    if (options_.on_evaluation) options_.on_evaluation(e);
    return e;
  }

  static double objective(const std::vector<double>& z, std::vector<double>& /*gradient*/, void* data) {
    auto& self = *static_cast<Search*>(data);
    // Both algorithms start at the starting values, which are already evaluated.
    if (z == self.start_z_) return self.result_.start.objective;
    std::vector<double> values(z.size());
    for (std::size_t i = 0; i < z.size(); ++i) values[i] = self.unscaled(i, std::clamp(z[i], 0.0, 1.0));
    try {
      return self.evaluate(values).objective;
    } catch (...) {
      self.failure_ = std::current_exception();
      throw nlopt::forced_stop();
    }
  }
};

}  // namespace

FitParameter fit_parameter(const params::Parameter& spec, double start) {
  double low = spec.bounds.low, high = spec.bounds.high;
  if (const auto* u = std::get_if<params::Uniform>(&spec.uncertainty)) {
    low = u->low, high = u->high;
  } else if (const auto* t = std::get_if<params::Triangular>(&spec.uncertainty)) {
    low = t->low, high = t->high;
  } else if (!std::holds_alternative<params::Fixed>(spec.uncertainty)) {
    low = params::quantile(spec.uncertainty, spec.value, 0.01);
    high = params::quantile(spec.uncertainty, spec.value, 0.99);
  }
  low = std::max(std::min(low, start), spec.bounds.low);
  high = std::min(std::max(high, start), spec.bounds.high);
  return {spec.name, start, low, high};
}

double target_sd(const FitTarget& target) { return (target.high - target.low) / (2 * z90); }

double fit_objective(std::span<const FitTarget> targets, std::span<const double> means) {
  if (means.size() != targets.size())
    throw Error("calibration: " + std::to_string(means.size()) + " means for " + std::to_string(targets.size()) +
                " targets");
  double sum = 0;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const double z = (means[t] - targets[t].value) / target_sd(targets[t]);
    sum += std::isnan(z) ? unmeasured_penalty : z * z;
  }
  return sum;
}

FitResult fit_parameters(const std::vector<FitParameter>& parameters, const std::vector<FitTarget>& targets,
                         const TargetMeans& means, const FitOptions& options) {
  check_problem(parameters, targets, options);
  return Search(parameters, targets, means, options).run();
}

std::string to_string(FitAlgorithm algorithm) { return algorithm == FitAlgorithm::bobyqa ? "bobyqa" : "nelder-mead"; }

std::optional<FitAlgorithm> parse_fit_algorithm(const std::string& name) {
  for (const auto a : {FitAlgorithm::bobyqa, FitAlgorithm::nelder_mead}) {
    if (to_string(a) == name) return a;
  }
  return std::nullopt;
}

}  // namespace revolve::ensemble

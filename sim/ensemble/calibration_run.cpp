#include "sim/ensemble/calibration_run.hpp"

#include <set>
#include <span>

#include "sim/core/error.hpp"

namespace revolve::ensemble {
namespace {

/// The parameter's value under the scenario, in its written unit: the scenario's last override of it, or the
/// parameters file's value.
double start_value(const io::Scenario& scenario, const params::Parameter& spec) {
  double value = spec.value;
  for (const auto& o : scenario.parameters) {
    if (o.name != spec.name) continue;
    if (!o.unit.empty() && o.unit != spec.unit.text)
      throw ScenarioError(where(o.origin.file, o.origin.line) + "parameters: " + spec.name + " is written in '" +
                          o.unit + "': write it in its own unit, '" + spec.unit.text + "', to calibrate it");
    value = o.value;
  }
  return value;
}

}  // namespace

CalibrationPlan plan_calibration(std::shared_ptr<const ScenarioModel> model, const io::Scenario& scenario,
                                 const std::vector<std::string>& parameters, const std::vector<int>& target_numbers,
                                 std::uint32_t runs, std::uint64_t seed) {
  const auto all = model->calibration_targets();
  if (all.empty()) throw Error("calibrate: model '" + model->name() + "' has no calibration targets");
  if (parameters.empty()) throw Error("calibrate: name at least one parameter to fit");
  if (runs < 1) throw Error("calibrate: at least 1 run per evaluation");
  CalibrationPlan plan{model, scenario, {}, {}, {}, {}, runs, seed};
  for (const int number : target_numbers) {
    if (number < 1 || static_cast<std::size_t>(number) > all.size())
      throw Error("calibrate: target " + std::to_string(number) + ": the model's targets are numbered 1 to " +
                  std::to_string(all.size()));
    plan.target_numbers.push_back(static_cast<std::size_t>(number));
  }
  for (std::size_t t = 1; target_numbers.empty() && t <= all.size(); ++t) plan.target_numbers.push_back(t);
  for (const std::size_t number : plan.target_numbers) plan.targets.push_back(all[number - 1]);
  const params::ParameterSet* set = model->schema().parameters;
  if (!set) throw Error("calibrate: model '" + model->name() + "' has no parameters");
  std::set<std::string> seen;
  for (const auto& name : parameters) {
    if (!seen.insert(name).second) throw Error("calibrate: '" + name + "' is named twice in the parameters to fit");
    const params::Parameter& spec = set->spec(set->id(name));
    plan.parameters.push_back(fit_parameter(spec, start_value(scenario, spec)));
    plan.units.push_back(spec.unit.text);
  }
  return plan;
}

io::Scenario with_values(const CalibrationPlan& plan, std::span<const double> values, const std::string& label) {
  std::vector<params::Override> changes;
  for (std::size_t i = 0; i < values.size(); ++i)
    changes.push_back({plan.parameters[i].name, values[i], "", {"calibration", 0}});  // in its written unit
  return plan.scenario.with_parameters(changes, label);
}

FitResult run_calibration(const CalibrationPlan& plan, const FitOptions& options, const std::function<void()>& on_step) {
  std::vector<std::size_t> indices;
  for (const std::size_t number : plan.target_numbers) indices.push_back(number - 1);
  const TargetMeans means = [&](std::span<const double> values) {
    return plan.model->calibration_means(with_values(plan, values, ""), indices, plan.runs, plan.seed, on_step);
  };
  return fit_parameters(plan.parameters, plan.targets, means, options);
}

std::uint64_t calibration_steps(const CalibrationPlan& plan, const FitOptions& options) {
  return static_cast<std::uint64_t>(options.max_evaluations) * plan.runs * plan.model->prepare(plan.scenario)->steps();
}

}  // namespace revolve::ensemble

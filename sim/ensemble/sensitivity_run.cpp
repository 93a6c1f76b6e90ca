#include "sim/ensemble/sensitivity_run.hpp"

#include <algorithm>
#include <set>

#include "sim/core/error.hpp"
#include "sim/core/suggest.hpp"
#include "sim/ensemble/distributed.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "sim/ensemble/period_totals.hpp"
#include "sim/params/uncertainty.hpp"

namespace revolve::ensemble {
namespace {

/// Parameters the scenarios set themselves: decisions, held at their values.
std::set<std::string> held_by(const io::Scenario& scenario, const std::optional<io::Scenario>& baseline) {
  std::set<std::string> held;
  for (const auto& o : scenario.parameters) held.insert(o.name);
  if (baseline) {
    for (const auto& o : baseline->parameters) held.insert(o.name);
  }
  return held;
}

std::vector<const params::Parameter*> chosen_parameters(const params::ParameterSet& set,
                                                       const std::set<std::string>& held,
                                                       const std::vector<std::string>& names) {
  std::vector<const params::Parameter*> chosen;
  if (names.empty()) {
    for (const auto& p : set.parameters()) {
      if (!std::holds_alternative<params::Fixed>(p.uncertainty) && !held.contains(p.name)) chosen.push_back(&p);
    }
    if (chosen.empty()) throw Error("sensitivity: no parameter has a stated uncertainty that the scenarios leave free");
    return chosen;
  }
  for (const auto& name : names) {
    const params::Parameter& p = set.spec(set.id(name));
    if (std::holds_alternative<params::Fixed>(p.uncertainty))
      throw Error("sensitivity: parameter '" + name + "' has no stated uncertainty to vary");
    if (held.contains(name))
      throw Error("sensitivity: parameter '" + name + "' is set by the scenario: a decision, held at its value");
    if (std::find(chosen.begin(), chosen.end(), &p) != chosen.end())
      throw Error("sensitivity: parameter '" + name + "' is named twice");
    chosen.push_back(&p);
  }
  return chosen;
}

void check_comparable(const ScenarioModel& model, const io::Scenario& scenario, const std::optional<io::Scenario>& baseline) {
  if (scenario.model != model.name())
    throw Error("sensitivity: scenario '" + scenario.label + "' is of model '" + scenario.model + "', not '" +
                model.name() + "'");
  if (!baseline) return;
  if (baseline->model != scenario.model)
    throw Error("sensitivity: the baseline is of model '" + baseline->model + "' and the scenario of '" +
                scenario.model + "': a comparison needs one model");
  if (baseline->horizon_years != scenario.horizon_years)
    throw Error("sensitivity: the baseline's horizon_years " + params::format_number(baseline->horizon_years) +
                " differs from the scenario's " + params::format_number(scenario.horizon_years) +
                ": a comparison needs one horizon");
}

/// The column of `measure` in a prepared scenario's outputs.
std::size_t measure_column(const PreparedScenario& prepared, const std::string& measure) {
  const auto& measures = prepared.measures();
  for (std::size_t c = 0; c < measures.size(); ++c) {
    if (measures[c].column == measure) return c;
  }
  std::vector<std::string> names;
  for (const auto& m : measures) names.push_back(m.column);
  throw Error("sensitivity: the model has no output '" + measure + "'" + did_you_mean(measure, names));
}

/// Mean over the plan's runs of the measure's horizon total in `scenario` with `changes`.
double mean_total(const SensitivityPlan& plan, const io::Scenario& scenario,
                  const std::vector<params::Override>& changes, const std::function<void()>& on_step) {
  const auto prepared = plan.model->prepare(scenario.with_parameters(changes, ""));
  const std::size_t column = measure_column(*prepared, plan.settings.measure);
  const auto periods = yearly_periods(prepared->steps(), prepared->step_years());
  EnsembleOptions options;
  options.runs = plan.settings.runs;
  options.steps = prepared->steps();
  options.seed = plan.settings.seed;
  options.on_step = on_step;
  double sum = 0;
  for_each_run([&](abm::Run& run) { prepared->build(run); }, options,
               [&](std::uint32_t, const abm::Outputs& outputs) {
                 sum += period_totals(outputs, prepared->measures(), periods)[(periods.size() - 1) *
                                                                               prepared->measures().size() + column];
               });
  return sum / plan.settings.runs;
}

void add_rows(std::vector<IndexRow>& rows, const SensitivityPlan& plan, const char* index,
              const std::vector<IndexEstimate>& estimates) {
  for (std::size_t i = 0; i < estimates.size(); ++i) rows.push_back({plan.parameters[i].name, index, estimates[i]});
}

}  // namespace

std::string to_string(SensitivityMethod method) { return method == SensitivityMethod::morris ? "morris" : "sobol"; }

SensitivityPlan plan_sensitivity(std::shared_ptr<const ScenarioModel> model, const io::Scenario& scenario,
                                 const std::optional<io::Scenario>& baseline, const SensitivitySettings& settings) {
  check_comparable(*model, scenario, baseline);
  if (settings.runs < 1) throw Error("sensitivity: at least 1 run per design row");
  // Every output column exists in every scenario of the model: checking the scenario's checks the baseline's.
  measure_column(*model->prepare(scenario), settings.measure);
  if (baseline) model->prepare(*baseline);
  const params::ParameterSet* set = model->schema().parameters;
  if (!set) throw Error("sensitivity: model '" + model->name() + "' has no parameters");
  SensitivityPlan plan{model, scenario, baseline, settings, {}, {}, {}};
  for (const params::Parameter* p : chosen_parameters(*set, held_by(scenario, baseline), settings.parameters))
    plan.parameters.push_back({p->name, p->unit.text, params::describe(p->uncertainty)});
  const std::size_t k = plan.parameters.size();
  if (settings.method == SensitivityMethod::morris) {
    plan.morris = morris_design(k, settings.samples, settings.seed, settings.levels);
  } else {
    if (settings.samples < 2) throw Error("sobol: at least 2 samples (base rows) are needed");
    plan.sobol = sobol_design(k, settings.samples, settings.seed);
  }
  return plan;
}

std::vector<double> row_values(const SensitivityPlan& plan, std::size_t row) {
  const params::ParameterSet& set = *plan.model->schema().parameters;
  const auto u = plan.design().row(row);
  std::vector<double> values;
  for (std::size_t i = 0; i < plan.parameters.size(); ++i) {
    const params::Parameter& p = set.spec(set.id(plan.parameters[i].name));
    // Tails are cut at one in a million, so a coordinate near 0 or 1 never gives an absurd value.
    values.push_back(params::quantile(p.uncertainty, p.value, std::clamp(u[i], 1e-6, 1 - 1e-6)));
  }
  return values;
}

double row_output(const SensitivityPlan& plan, std::size_t row, const std::function<void()>& on_step) {
  const std::vector<double> values = row_values(plan, row);
  std::vector<params::Override> changes;
  for (std::size_t i = 0; i < values.size(); ++i)
    changes.push_back({plan.parameters[i].name, values[i], "", {"sensitivity design row " + std::to_string(row), 0}});
  double output = mean_total(plan, plan.scenario, changes, on_step);
  if (plan.baseline) output -= mean_total(plan, *plan.baseline, changes, on_step);
  return output;
}

std::uint64_t sensitivity_steps(const SensitivityPlan& plan) {
  const std::uint64_t scenarios = plan.baseline ? 2 : 1;
  return plan.design().rows() * scenarios * plan.settings.runs * plan.model->prepare(plan.scenario)->steps();
}

std::vector<IndexRow> sensitivity_indices(const SensitivityPlan& plan, const std::vector<double>& outputs) {
  const BootstrapOptions bootstrap{plan.settings.resamples, 0.95, plan.settings.seed};
  std::vector<IndexRow> rows;
  if (plan.settings.method == SensitivityMethod::morris) {
    const MorrisIndices m = morris_indices(plan.morris, outputs, bootstrap);
    add_rows(rows, plan, "mu_star", m.mu_star);
    add_rows(rows, plan, "mu", m.mu);
    add_rows(rows, plan, "sigma", m.sigma);
  } else {
    const SobolIndices s = sobol_indices(plan.sobol, outputs, bootstrap);
    add_rows(rows, plan, "first", s.first);
    add_rows(rows, plan, "total", s.total);
  }
  return rows;
}

SensitivityResults run_sensitivity(const SensitivityPlan& plan, const std::function<void()>& on_step,
                                   const std::function<void(std::size_t row)>& on_row) {
  SensitivityResults results;
  run_distributed(
      plan.design().rows(), [&](std::size_t row) { return std::vector<double>{row_output(plan, row, on_step)}; },
      [&](std::size_t row, std::vector<double> output) {
        results.outputs.push_back(output.at(0));
        if (on_row) on_row(row);
      });
  if (is_root_process()) results.indices = sensitivity_indices(plan, results.outputs);
  return results;
}

}  // namespace revolve::ensemble

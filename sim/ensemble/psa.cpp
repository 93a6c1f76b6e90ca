#include "sim/ensemble/psa.hpp"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <optional>

#include "sim/core/error.hpp"
#include "sim/ensemble/cost_effectiveness.hpp"
#include "sim/ensemble/distributed.hpp"
#include "sim/ensemble/ensemble.hpp"

namespace revolve::ensemble {

std::set<std::string> held_parameters(const io::Scenario& scenario, const Design& design) {
  std::set<std::string> held;
  for (const auto& o : scenario.parameters) {
    for (const auto& p : design.parameters()) {
      if (p.name == o.name) held.insert(o.name);
    }
  }
  return held;
}

ScenarioTotals run_unit(const PsaPlan& plan, std::uint32_t draw, std::size_t scenario,
                        const std::function<void()>& on_step) {
  const io::Scenario& base = plan.scenarios.at(scenario);
  const auto overrides = plan.design.overrides(draw, held_parameters(base, plan.design));
  const auto prepared = plan.model->prepare(base.with_parameters(overrides, base.label));
  ScenarioTotals totals(prepared->measures(), yearly_periods(prepared->steps(), prepared->step_years()));
  EnsembleOptions options;
  options.steps = prepared->steps();
  options.seed = plan.seed;
  options.on_step = on_step;
  const auto build = [&](abm::Run& run) { prepared->build(run); };
  for (std::uint32_t r = 0; r < plan.runs; ++r) {
    const abm::Outputs outputs = run_one(build, options, draw * plan.runs + r);
    totals.add(period_totals(outputs, prepared->measures(), totals.periods()));
  }
  return totals;
}

namespace {

/// A unit's totals as plain numbers, run by run, to send between processes.
std::vector<double> flatten(const ScenarioTotals& totals) {
  std::vector<double> out;
  const std::size_t columns = totals.measures().size();
  for (std::uint32_t r = 0; r < totals.runs(); ++r) {
    for (std::size_t p = 0; p < totals.periods().size(); ++p) {
      for (std::size_t c = 0; c < columns; ++c) out.push_back(totals.value(r, p, c));
    }
  }
  return out;
}

/// The units on this process's threads, gathered in unit order.
std::vector<std::optional<ScenarioTotals>> run_units_here(const PsaPlan& plan, std::uint64_t units,
                                                          const std::function<void()>& on_step) {
  const std::size_t scenarios = plan.scenarios.size();
  std::vector<std::optional<ScenarioTotals>> gathered(scenarios);
  std::uint64_t next = 0;
  using Finished = std::pair<std::uint64_t, ScenarioTotals>;
  // Draw-major units: a serial stage hands them out in order, they run in parallel, and a serial in-order stage
  // gathers them, so at most 2 x threads units are held at once and the order never depends on scheduling.
  tbb::parallel_pipeline(
      2 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
      tbb::make_filter<void, std::uint64_t>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& control) -> std::uint64_t {
                                              if (next == units) control.stop();
                                              return next++;
                                            }) &
          tbb::make_filter<std::uint64_t, Finished>(
              tbb::filter_mode::parallel,
              [&](std::uint64_t unit) {
                const auto draw = static_cast<std::uint32_t>(unit / scenarios);
                return Finished{unit, run_unit(plan, draw, unit % scenarios, on_step)};
              }) &
          tbb::make_filter<Finished, void>(tbb::filter_mode::serial_in_order, [&](const Finished& unit) {
            auto& totals = gathered[unit.first % scenarios];
            if (totals) {
              totals->append(unit.second);
            } else {
              totals = unit.second;
            }
          }));
  return gathered;
}

/// The units over the MPI processes (distributed.hpp), gathered on rank 0 in unit order, as run_psa gathers
/// them on threads: the same totals whatever the number of processes. Empty on the other ranks.
std::vector<std::optional<ScenarioTotals>> run_units_distributed(const PsaPlan& plan, std::uint64_t units,
                                                                 const std::function<void()>& on_step) {
  const std::size_t scenarios = plan.scenarios.size();
  std::vector<std::optional<ScenarioTotals>> gathered(scenarios);
  run_distributed(
      units,
      [&](std::size_t unit) {
        return flatten(run_unit(plan, static_cast<std::uint32_t>(unit / scenarios), unit % scenarios, on_step));
      },
      [&](std::size_t unit, std::vector<double> values) {
        auto& totals = gathered[unit % scenarios];
        if (!totals) {
          const auto prepared = plan.model->prepare(plan.scenarios[unit % scenarios]);
          totals.emplace(prepared->measures(), yearly_periods(prepared->steps(), prepared->step_years()));
        }
        const std::size_t run_size = totals->measures().size() * totals->periods().size();
        for (std::size_t at = 0; at < values.size(); at += run_size)
          totals->add(std::vector<double>(values.begin() + static_cast<std::ptrdiff_t>(at),
                                          values.begin() + static_cast<std::ptrdiff_t>(at + run_size)));
      });
  return gathered;
}

}  // namespace

PsaResults run_psa(const PsaPlan& plan, const std::function<void()>& on_step) {
  const std::size_t scenarios = plan.scenarios.size();
  if (scenarios == 0) throw Error("a PSA needs at least one scenario");
  if (static_cast<std::uint64_t>(plan.design.draws()) * plan.runs > UINT32_MAX) {
    throw Error("a PSA numbers its runs draw x runs, which must stay below 2^32");
  }
  PsaResults results;
  results.runs_per_draw = plan.runs;
  for (const auto& s : plan.scenarios) results.held.push_back(held_parameters(s, plan.design));
  const std::uint64_t units = static_cast<std::uint64_t>(plan.design.draws()) * scenarios;
  auto gathered =
      process_count() > 1 ? run_units_distributed(plan, units, on_step) : run_units_here(plan, units, on_step);
  if (!is_root_process()) return results;
  for (auto& totals : gathered) {
    if (!totals) throw Error("a PSA needs at least one draw");
    results.totals.push_back(std::move(*totals));
  }
  return results;
}

namespace {

/// One model and one horizon for all: a PSA draws one model's parameters, and compares scenarios step by step.
void check_comparable(const std::vector<std::shared_ptr<const PreparedScenario>>& prepared, const std::string& model) {
  const io::Scenario& baseline = prepared.front()->scenario();
  for (const auto& p : prepared) {
    const io::Scenario& s = p->scenario();
    const std::string where = s.file.empty() ? "scenario '" + s.label + "'" : s.file.string();
    if (s.model != model) {
      throw ScenarioError(where + ": model '" + s.model + "' differs from '" + model +
                          "': a PSA draws the parameters of one model");
    }
    if (p->steps() != prepared.front()->steps()) {
      throw ScenarioError(where + ": horizon_years " + params::format_number(s.horizon_years) +
                          " differs from the baseline's " + params::format_number(baseline.horizon_years) +
                          ": a comparison needs one horizon");
    }
  }
}

}  // namespace

std::uint64_t psa_steps(const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                        const PsaSettings& settings) {
  std::uint64_t steps = 0;
  for (const auto& p : prepared) {
    steps += static_cast<std::uint64_t>(p->steps()) *
             (settings.point_runs + static_cast<std::uint64_t>(settings.draws) * settings.runs);
  }
  return steps;
}

std::uint64_t psa_steps_here(const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                             const PsaSettings& settings) {
  if (process_count() == 1 || prepared.empty()) return psa_steps(prepared, settings);
  // Every scenario has the baseline's horizon (check_comparable), so every unit runs as many steps.
  const std::uint64_t steps = prepared.front()->steps();
  const std::uint64_t point = is_root_process() ? steps * prepared.size() * settings.point_runs : 0;
  return point + items_here(static_cast<std::size_t>(settings.draws) * prepared.size()) * steps * settings.runs;
}

PsaComparison run_psa_comparison(std::shared_ptr<const ScenarioModel> model,
                                 const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                                 const PsaSettings& settings, const std::function<void()>& on_step) {
  if (prepared.empty()) throw Error("a PSA needs at least a baseline");
  check_comparable(prepared, model->name());
  check_cost_effectiveness_measures(prepared.front()->measures(), settings.cost, settings.outcome);
  std::vector<io::Scenario> scenarios;
  for (const auto& p : prepared) scenarios.push_back(p->scenario());
  const params::ParameterSet* parameters = model->schema().parameters;
  if (!parameters) throw Error("model '" + model->name() + "' has no parameters to draw");
  PsaComparison out{settings, {},
                    PsaPlan{model, scenarios, Design(*parameters, settings.design, settings.draws, settings.seed),
                            settings.runs, settings.seed},
                    {}};
  ScenarioRunOptions options;
  options.runs = settings.point_runs;
  options.seed = settings.seed;
  options.on_step = on_step;
  // Under mpirun only rank 0 runs the point values (the other ranks start on the draws meanwhile).
  if (is_root_process()) {
    for (const auto& p : prepared) out.point.push_back(run_scenario(p, options));
  }
  out.psa = run_psa(out.plan, on_step);
  return out;
}

}  // namespace revolve::ensemble

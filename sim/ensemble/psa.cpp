#include "sim/ensemble/psa.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
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

namespace {

/// Scenario `scenario` of the plan with draw `draw`'s values, prepared.
std::shared_ptr<const PreparedScenario> prepare_drawn(const PsaPlan& plan, std::uint32_t draw, std::size_t scenario) {
  const io::Scenario& base = plan.scenarios.at(scenario);
  const auto overrides = plan.design.overrides(draw, held_parameters(base, plan.design));
  return plan.model->prepare(base.with_parameters(overrides, base.label));
}

/// plan.runs runs of `prepared` under draw `draw`'s run numbers: their totals, and with `entries` their entrants by
/// run number (RunEntries; none for the run numbers of other draws).
ScenarioTotals run_drawn(const PsaPlan& plan, const PreparedScenario& prepared, std::uint32_t draw,
                         const std::function<void()>& on_step, RunEntries* entries) {
  ScenarioTotals totals(prepared.measures(), yearly_periods(prepared.steps(), prepared.step_years()));
  EnsembleOptions options;
  options.steps = prepared.steps();
  options.seed = plan.seed;
  options.on_step = on_step;
  const auto build = [&](abm::Run& run) { prepared.build(run); };
  for (std::uint32_t r = 0; r < plan.runs; ++r) {
    const std::uint32_t number = draw * plan.runs + r;
    const abm::Outputs outputs = run_one(build, options, number);
    totals.add(period_totals(outputs, prepared.measures(), totals.periods()));
    if (entries) {
      entries->resize(number + 1);
      (*entries)[number] = outputs.entries();
    }
  }
  return totals;
}

}  // namespace

ScenarioTotals run_unit(const PsaPlan& plan, std::uint32_t draw, std::size_t scenario,
                        const std::function<void()>& on_step, RunEntries* entries) {
  return run_drawn(plan, *prepare_drawn(plan, draw, scenario), draw, on_step, entries);
}

std::vector<bool> followed_scenarios(const PsaPlan& plan, std::vector<std::string>* notes) {
  std::vector<bool> followed(plan.scenarios.size(), false);
  if (notes) notes->assign(plan.scenarios.size(), "");
  if (!plan.match_entrants || plan.scenarios.empty()) return followed;
  const auto baseline = plan.model->prepare(plan.scenarios[0]);
  const auto drawn_baseline = plan.design.draws() > 0 ? prepare_drawn(plan, 0, 0) : baseline;
  for (std::size_t s = 1; s < plan.scenarios.size(); ++s) {
    std::string note;
    followed[s] = can_follow(*baseline, *plan.model->prepare(plan.scenarios[s]), note);
    if (followed[s] && plan.design.draws() > 0) {
      followed[s] = can_follow(*drawn_baseline, *prepare_drawn(plan, 0, s), note);
      if (!note.empty()) note = "under the draws (the psa_ columns; at the point values they are the same): " + note;
    }
    if (notes) (*notes)[s] = note;
  }
  return followed;
}

std::vector<MeasureInfo> entry_cohort_measures(const std::vector<MeasureInfo>& measures) {
  std::vector<MeasureInfo> out;
  for (const auto& m : measures) {
    if (m.follows_entries) out.push_back(m);
  }
  return out;
}

DrawTotals run_draw(const PsaPlan& plan, std::uint32_t draw, const std::vector<bool>& followed,
                    const std::function<void()>& on_step) {
  const std::size_t scenarios = plan.scenarios.size();
  std::vector<std::shared_ptr<const PreparedScenario>> prepared(scenarios);
  std::vector<std::optional<ScenarioTotals>> totals(scenarios);
  std::vector<std::shared_ptr<RunEntries>> entries(scenarios);
  // The scenarios of a draw at once, so that a PSA of fewer draws than threads still uses them all; isolated, so
  // that a thread waiting for them takes none of another draw's work (which would hold this draw up behind it).
  tbb::this_task_arena::isolate([&] {
    tbb::parallel_for(std::size_t{0}, scenarios, [&](std::size_t s) {
      prepared[s] = prepare_drawn(plan, draw, s);
      if (followed.at(s)) entries[s] = std::make_shared<RunEntries>();
      totals[s] = run_drawn(plan, *prepared[s], draw, on_step, entries[s].get());
    });
  });
  DrawTotals out;
  std::vector<PreparedScenario::Followed> entrants;
  for (std::size_t s = 0; s < scenarios; ++s) {
    // A loop cancelled from outside (another draw threw: Ctrl-C) returns without running all it had, and without
    // an exception; the PSA is stopping with the first one, so this one is never seen.
    if (!totals[s]) throw Error("a PSA draw was cancelled before all its scenarios ran");
    out.scenarios.push_back(std::move(*totals[s]));
    if (entries[s]) entrants.push_back({prepared[s].get(), entries[s]});
  }
  out.matched.resize(scenarios);
  if (entrants.empty()) return out;
  std::shared_ptr<const PreparedScenario> following;
  try {
    following = prepared[0]->following(entrants);
  } catch (const ScenarioError& e) {  // followed_scenarios checked draw 0: only a coincidence there gets here
    throw ScenarioError("draw " + std::to_string(draw) + ": " + e.what() + "; run the PSA with unmatched cohorts");
  }
  const ScenarioTotals all = run_drawn(plan, *following, draw, on_step, nullptr);
  const auto measures = entry_cohort_measures(prepared[0]->measures());
  std::uint32_t k = 0;
  for (std::size_t s = 0; s < scenarios; ++s) {
    if (followed[s]) out.matched[s] = matched_arm(all, k++, measures);
  }
  return out;
}

namespace {

/// A unit's totals as plain numbers, to send between processes: every scenario's, then the matched arms, each run
/// by run.
std::vector<double> flatten(const DrawTotals& draw) {
  std::vector<double> out;
  const auto add = [&](const ScenarioTotals& totals) {
    for (std::uint32_t r = 0; r < totals.runs(); ++r) {
      for (std::size_t p = 0; p < totals.periods().size(); ++p) {
        for (std::size_t c = 0; c < totals.measures().size(); ++c) out.push_back(totals.value(r, p, c));
      }
    }
  };
  for (const auto& totals : draw.scenarios) add(totals);
  for (const auto& totals : draw.matched) {
    if (totals) add(*totals);
  }
  return out;
}

/// What run_psa gathers, draw after draw: per scenario its totals and its matched arm.
class Gathered {
 public:
  Gathered(std::size_t scenarios, std::vector<bool> followed)
      : followed_(std::move(followed)), totals_(scenarios), matched_(scenarios) {}

  void add(DrawTotals draw) {
    for (std::size_t s = 0; s < totals_.size(); ++s) {
      append(totals_[s], std::move(draw.scenarios[s]));
      if (draw.matched[s]) append(matched_[s], std::move(*draw.matched[s]));
    }
  }
  /// Adds a draw sent as flatten() made it: `measures` of each scenario, in `periods`, plan runs each.
  void add(const std::vector<double>& values, const std::vector<std::vector<MeasureInfo>>& measures,
           const std::vector<Period>& periods, std::uint32_t runs) {
    DrawTotals draw;
    std::size_t at = 0;
    const auto take = [&](const std::vector<MeasureInfo>& m) {
      ScenarioTotals totals(m, periods);
      const std::size_t size = m.size() * periods.size();
      for (std::uint32_t r = 0; r < runs; ++r, at += size) {
        if (at + size > values.size()) throw Error("a PSA draw came back from another process cut short");
        totals.add(std::vector<double>(values.begin() + static_cast<std::ptrdiff_t>(at),
                                       values.begin() + static_cast<std::ptrdiff_t>(at + size)));
      }
      return totals;
    };
    for (const auto& m : measures) draw.scenarios.push_back(take(m));
    draw.matched.resize(measures.size());
    const auto entry_measures = entry_cohort_measures(measures[0]);
    for (std::size_t s = 0; s < measures.size(); ++s) {
      if (followed_[s]) draw.matched[s] = take(entry_measures);
    }
    if (at != values.size()) throw Error("a PSA draw came back from another process with more than it should hold");
    add(std::move(draw));
  }
  void into(PsaResults& results) {
    for (auto& totals : totals_) {
      if (!totals) throw Error("a PSA needs at least one draw");
      results.totals.push_back(std::move(*totals));
    }
    results.matched = std::move(matched_);
  }

 private:
  std::vector<bool> followed_;
  std::vector<std::optional<ScenarioTotals>> totals_, matched_;

  static void append(std::optional<ScenarioTotals>& to, ScenarioTotals more) {
    if (to) {
      to->append(more);
    } else {
      to = std::move(more);
    }
  }
};

/// The draws on this process's threads, gathered in draw order.
void run_draws_here(const PsaPlan& plan, const std::vector<bool>& followed, Gathered& gathered,
                    const std::function<void()>& on_step) {
  const std::uint32_t draws = plan.design.draws();
  std::uint32_t next = 0;
  using Finished = std::pair<std::uint32_t, DrawTotals>;
  // A serial stage hands draws out in order, they run in parallel, and a serial in-order stage gathers them, so at
  // most 2 x threads draws are held at once and the order never depends on scheduling.
  tbb::parallel_pipeline(
      2 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
      tbb::make_filter<void, std::uint32_t>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& control) -> std::uint32_t {
                                              if (next == draws) control.stop();
                                              return next++;
                                            }) &
          tbb::make_filter<std::uint32_t, Finished>(
              tbb::filter_mode::parallel,
              [&](std::uint32_t draw) { return Finished{draw, run_draw(plan, draw, followed, on_step)}; }) &
          tbb::make_filter<Finished, void>(tbb::filter_mode::serial_in_order,
                                           [&](Finished draw) { gathered.add(std::move(draw.second)); }));
}

/// The draws over the MPI processes (distributed.hpp), gathered on rank 0 in draw order, as run_draws_here gathers
/// them on threads: the same totals whatever the number of processes.
void run_draws_distributed(const PsaPlan& plan, const std::vector<bool>& followed, Gathered& gathered,
                           const std::function<void()>& on_step) {
  std::vector<std::vector<MeasureInfo>> measures;
  std::vector<Period> periods;
  for (const auto& scenario : plan.scenarios) {
    const auto prepared = plan.model->prepare(scenario);
    measures.push_back(prepared->measures());
    if (periods.empty()) periods = yearly_periods(prepared->steps(), prepared->step_years());
  }
  run_distributed(
      plan.design.draws(),
      [&](std::size_t draw) { return flatten(run_draw(plan, static_cast<std::uint32_t>(draw), followed, on_step)); },
      [&](std::size_t, std::vector<double> values) { gathered.add(values, measures, periods, plan.runs); });
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
  const std::vector<bool> followed = followed_scenarios(plan, &results.entry_notes);
  Gathered gathered(scenarios, followed);
  if (process_count() > 1) {
    run_draws_distributed(plan, followed, gathered, on_step);
  } else {
    run_draws_here(plan, followed, gathered, on_step);
  }
  if (is_root_process()) gathered.into(results);
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

/// The plan of a PSA of `prepared` (the scenarios at their point values, the baseline first).
PsaPlan plan_of(std::shared_ptr<const ScenarioModel> model,
                const std::vector<std::shared_ptr<const PreparedScenario>>& prepared, const PsaSettings& settings) {
  std::vector<io::Scenario> scenarios;
  for (const auto& p : prepared) scenarios.push_back(p->scenario());
  const params::ParameterSet* parameters = model->schema().parameters;
  if (!parameters) throw Error("model '" + model->name() + "' has no parameters to draw");
  Design design(*parameters, settings.design, settings.draws, settings.seed);
  return PsaPlan{std::move(model), std::move(scenarios), std::move(design), settings.runs, settings.seed,
                 settings.match_entrants};
}

/// Ensembles each draw runs: every scenario's, and the baseline's following the alternatives' entrants if it
/// follows any (followed_scenarios).
std::uint64_t ensembles_per_draw(const PsaPlan& plan) {
  const auto followed = followed_scenarios(plan);
  const bool any = std::find(followed.begin(), followed.end(), true) != followed.end();
  return plan.scenarios.size() + (any ? 1 : 0);
}

}  // namespace

std::uint64_t psa_steps(std::shared_ptr<const ScenarioModel> model,
                        const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                        const PsaSettings& settings) {
  if (prepared.empty()) return 0;
  // Every scenario has the baseline's horizon (check_comparable), so every ensemble runs as many steps.
  const std::uint64_t draws = static_cast<std::uint64_t>(prepared.front()->steps()) * settings.draws * settings.runs;
  return comparison_steps(prepared, settings.point_runs, settings.match_entrants) +
         ensembles_per_draw(plan_of(std::move(model), prepared, settings)) * draws;
}

std::uint64_t psa_steps_here(std::shared_ptr<const ScenarioModel> model,
                             const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                             const PsaSettings& settings) {
  if (process_count() == 1 || prepared.empty()) return psa_steps(std::move(model), prepared, settings);
  const std::uint64_t point =
      is_root_process() ? comparison_steps(prepared, settings.point_runs, settings.match_entrants) : 0;
  return point + items_here(settings.draws) * ensembles_per_draw(plan_of(std::move(model), prepared, settings)) *
                     prepared.front()->steps() * settings.runs;
}

PsaComparison run_psa_comparison(std::shared_ptr<const ScenarioModel> model,
                                 const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                                 const PsaSettings& settings, const std::function<void()>& on_step) {
  if (prepared.empty()) throw Error("a PSA needs at least a baseline");
  check_comparable(prepared, model->name());
  check_cost_effectiveness_measures(prepared.front()->measures(), settings.cost, settings.outcome);
  PsaComparison out{settings, {}, plan_of(model, prepared, settings), {}};
  ScenarioRunOptions options;
  options.runs = settings.point_runs;
  options.seed = settings.seed;
  options.on_step = on_step;
  // Under mpirun only rank 0 runs the point values (the other ranks start on the draws meanwhile).
  if (is_root_process()) out.point = run_comparison(prepared, options, {}, settings.match_entrants);
  out.psa = run_psa(out.plan, on_step);
  return out;
}

}  // namespace revolve::ensemble

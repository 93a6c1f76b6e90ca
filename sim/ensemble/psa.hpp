#pragma once
// Probabilistic sensitivity analysis (PSA): every scenario of a comparison run under every draw of a design.
//
// Scenario s under draw d is the scenario with draw d's parameter values added as overrides (less the parameters the
// scenario sets itself: those are decisions, held at the scenario's value), prepared and run `runs` times as run
// numbers d * runs ... d * runs + runs - 1 under the seed. So the scenarios of one draw share their parameter values
// and random numbers (common random numbers) and their differences are paired, while each draw has random numbers
// of its own. The unit of work is a draw: every scenario under it, then the baseline under it once more, following
// the alternatives' entrants (as a comparison matches entry cohorts by person, run_comparison). A unit depends only
// on (plan, d): units can run in any order, on any thread or process, and run_psa gathers them in draw order, so its
// results are the same for any thread count.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/ensemble/comparison.hpp"
#include "sim/ensemble/design.hpp"
#include "sim/ensemble/scenario_model.hpp"
#include "sim/ensemble/scenario_runner.hpp"

namespace revolve::ensemble {

/// What a PSA runs.
struct PsaPlan {
  std::shared_ptr<const ScenarioModel> model;
  std::vector<io::Scenario> scenarios;  ///< the baseline first; every one of `model`
  Design design;                        ///< drawn from the model's parameters
  std::uint32_t runs = 1;               ///< runs of each scenario under each draw
  std::uint64_t seed = 1;               ///< seed of the runs' random streams
  /// Set each alternative's entry cohorts against the same people followed in the baseline of each draw (as
  /// run_comparison does), or against the baseline's own entrants.
  bool match_entrants = true;
};

/// The design's parameters that `scenario` sets itself (in its file or what it extends): held at its value.
std::set<std::string> held_parameters(const io::Scenario& scenario, const Design& design);

/// Scenario `scenario` of the plan under draw `draw`, run plan.runs times; their period totals in run order, and
/// with `entries` each run's entrants by run number (abm::Outputs::entries). `on_step` is called after every step.
ScenarioTotals run_unit(const PsaPlan& plan, std::uint32_t draw, std::size_t scenario,
                        const std::function<void()>& on_step = {}, RunEntries* entries = nullptr);

/// Per scenario, whether a PSA's baseline follows its entrants in each draw: with plan.match_entrants, each
/// alternative whose entrants the baseline can follow (can_follow) both at their own values and under draw 0 (an
/// alternative that holds a parameter deciding who its people are, one the baseline draws, has other people in
/// every draw); never the baseline. `notes`, if given, gets why each alternative is not followed ("" if it is).
std::vector<bool> followed_scenarios(const PsaPlan& plan, std::vector<std::string>* notes = nullptr);

/// The columns a PSA keeps of the baseline following an alternative: its entry-cohort ones (follows_entries).
std::vector<MeasureInfo> entry_cohort_measures(const std::vector<MeasureInfo>& measures);

/// One draw's totals (a unit of work): every scenario's, and for each followed scenario the baseline's following
/// its entrants (matched_arm), in the columns of entry_cohort_measures.
struct DrawTotals {
  std::vector<ScenarioTotals> scenarios;
  std::vector<std::optional<ScenarioTotals>> matched;  ///< per scenario; none unless followed
};
/// One unit of work: every scenario of the plan under draw `draw` (in parallel), then the baseline following the
/// entrants of the scenarios `followed` marks (followed_scenarios), all of them in one more run of plan.runs runs.
DrawTotals run_draw(const PsaPlan& plan, std::uint32_t draw, const std::vector<bool>& followed,
                    const std::function<void()>& on_step = {});

/// The results of a PSA.
struct PsaResults {
  std::uint32_t runs_per_draw = 0;
  std::vector<std::set<std::string>> held;  ///< per scenario: the parameters it holds
  /// Per scenario: every run of every draw, draw-major (run r of draw d is run d * runs_per_draw + r), so run i
  /// of two scenarios is paired.
  std::vector<ScenarioTotals> totals;
  /// Per scenario: the baseline following its entrants, run by run as `totals`, in the columns of
  /// entry_cohort_measures (followed_scenarios), or none: its entry cohorts are then set against the baseline's own.
  std::vector<std::optional<ScenarioTotals>> matched;
  /// Per scenario: why an alternative's entry cohorts are set against the baseline's own entrants, or "".
  std::vector<std::string> entry_notes;
};

/// Runs every unit of the plan, several at once (TBB, in the current task arena), and gathers them in draw order.
/// Under mpirun (distributed.hpp) the units are shared among the processes and gathered on rank 0, whose results
/// are the same as one process's; the other ranks return results without totals.
/// `on_step` as for run_unit, from any thread; an exception from it (e.g. Cancelled) stops the PSA.
PsaResults run_psa(const PsaPlan& plan, const std::function<void()>& on_step = {});

/// What `revolve psa` and revolve.psa() ask for.
struct PsaSettings {
  std::uint32_t draws = 100;
  std::uint32_t runs = 1;        ///< runs of each scenario under each draw
  std::uint32_t point_runs = 0;  ///< runs at the point values, for the "chance only" intervals
  std::uint64_t seed = 1;
  DesignKind design = DesignKind::lhs;
  std::string cost = "cost_discounted.total";          ///< cost-effectiveness: the cost
  std::string outcome = "person_weeks.rough_sleeping";  ///< and the outcome
  double wtp_max = 0;  ///< highest willingness to pay per unit of outcome gained; 0: chosen from the results
  bool match_entrants = true;  ///< PsaPlan::match_entrants, and the point runs' (run_comparison)
};

/// A comparison with both kinds of uncertainty: the scenarios run at their point values (chance only) and under
/// every draw of the design (chance and parameters).
struct PsaComparison {
  PsaSettings settings;
  std::vector<ScenarioResults> point;  ///< point.runs runs of each scenario at its own values, seed settings.seed
  PsaPlan plan;
  PsaResults psa;
};

/// Steps a PSA comparison runs in all (for a progress bar): every scenario point_runs + draws x runs times, and the
/// matched baseline of the point runs and of each draw (comparison_steps).
std::uint64_t psa_steps(std::shared_ptr<const ScenarioModel> model,
                        const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                        const PsaSettings& settings);
/// The steps of them this process runs: all in one process; under mpirun, rank 0's point runs and each rank's
/// share of the draws (distributed.hpp). Call it on every rank.
std::uint64_t psa_steps_here(std::shared_ptr<const ScenarioModel> model,
                             const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                             const PsaSettings& settings);

/// Runs `prepared` (the scenarios of `model`, prepared at their point values, the baseline first) at their point
/// values, then the PSA; checks the cost-effectiveness measures first. `on_step` as for run_psa.
PsaComparison run_psa_comparison(std::shared_ptr<const ScenarioModel> model,
                                 const std::vector<std::shared_ptr<const PreparedScenario>>& prepared,
                                 const PsaSettings& settings, const std::function<void()>& on_step = {});

}  // namespace revolve::ensemble

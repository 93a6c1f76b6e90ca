#pragma once
// Ensembles: R runs of one configuration, in parallel over runs as well as over the people of
// each run (TBB), reduced to per-step mean, standard deviation and quantiles of every output.
//
// Runs flow through a TBB pipeline: a serial stage hands out run numbers in order, runs are
// simulated in parallel, and a serial in-order stage adds each finished run to the Summary
// strictly in run order. At most max_runs_in_flight runs exist at once (running, or finished and
// waiting for an earlier run), so memory is bounded by that many runs plus the Summary, whatever
// R is; and the Summary is the same for any number of threads.
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/abm/run.hpp"
#include "sim/ensemble/summary.hpp"

namespace revolve::ensemble {

/// Adds the modules of one run. Called once per run, so runs share nothing mutable.
using RunBuilder = std::function<void(abm::Run&)>;

struct EnsembleOptions {
  std::uint32_t runs = 1;
  std::uint32_t steps = 0;
  std::uint64_t seed = 0;
  double dt = 1.0;                     ///< step length [model time units]
  std::vector<double> quantiles;       ///< probabilities, e.g. {0.05, 0.5, 0.95}
  std::size_t max_runs_in_flight = 0;  ///< 0: twice the threads of the current arena
  /// Called after every step of every run, from the thread that ran it (for a progress bar).
  std::function<void()> on_step;
};

/// Receives each finished run's outputs, strictly in run order (0, 1, 2, ...), on one thread at a time.
using RunConsumer = std::function<void(std::uint32_t run, const abm::Outputs& outputs)>;

/// Runs the ensemble in the current task arena (limit threads with tbb::global_control or a
/// tbb::task_arena around the call) and hands every run to `consume` in run order. An exception
/// from a run, from on_step or from `consume` (e.g. Cancelled) stops the ensemble and propagates.
void for_each_run(const RunBuilder& build, const EnsembleOptions& options, const RunConsumer& consume);

/// for_each_run, reduced to per-step statistics of every output.
Summary run_ensemble(const RunBuilder& build, const EnsembleOptions& options);

/// One run of an ensemble: run number `run` under options.seed, all steps. Its outputs.
abm::Outputs run_one(const RunBuilder& build, const EnsembleOptions& options, std::uint32_t run);

}  // namespace revolve::ensemble

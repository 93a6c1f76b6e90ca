#pragma once
// One run of a people model: its random-number key, clock, population, counters, outputs and
// modules, driven through the step loop of sim/core/step_loop.hpp.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include "sim/abm/counters.hpp"
#include "sim/abm/outputs.hpp"
#include "sim/abm/population.hpp"
#include "sim/core/step_loop.hpp"
#include "sim/random/stream.hpp"

namespace revolve::abm {

/// What keys a run's random numbers: the ensemble's seed and the run's number in it.
struct RunKey {
  std::uint64_t seed = 0;
  std::uint32_t run = 0;
};

class Run;
using Module = revolve::Module<Run>;

class Run {
 public:
  /// People in one block of a parallel pass. Fixed, so that per-block results (and their sum in
  /// block order) do not depend on how many threads share the blocks.
  static constexpr std::size_t block_size = 1024;

  explicit Run(RunKey key, double dt = 1.0) : key_(key), clock_(dt) {}

  /// Add a module (before start()); modules act in the order added.
  template <class M, class... Args>
  M& add(Args&&... args) {
    return static_cast<M&>(loop_.add(std::make_unique<M>(std::forward<Args>(args)...)));
  }
  /// Add a module made elsewhere (a factory's).
  Module& add(std::unique_ptr<Module> module) { return loop_.add(std::move(module)); }

  /// declare -> freeze -> init.
  void start() { loop_.start(*this); }
  /// One step: the population compacted if one is due (compact_every), the phases of step_phases in order, then
  /// the outputs' row is stored.
  void step();
  /// Compacts the population (Population::compact) before every `steps`-th step, the first after `steps` steps;
  /// 0, the default, never. A model whose modules keep rows by Population's rules may ask for it: a run then walks
  /// fewer rows of the dead, with the same results.
  void compact_every(std::uint32_t steps) { compact_every_ = steps; }
  void finish() { loop_.finish(*this); }
  /// start(), `steps` steps (calling after_each_step, if given, after each), finish().
  void run(std::uint32_t steps, const std::function<void()>& after_each_step = {});

  const RunKey& key() const { return key_; }
  /// The named stream of one decision ("cohort.death"), keyed by this run's seed. Counters of its
  /// draws are (key().run, person, clock().step()).
  random::Stream stream(std::string_view decision) const { return {key_.seed, decision}; }

  Clock& clock() { return clock_; }
  const Clock& clock() const { return clock_; }
  Population& population() { return population_; }
  const Population& population() const { return population_; }
  EventCounters& counters() { return counters_; }
  const EventCounters& counters() const { return counters_; }
  Outputs& outputs() { return outputs_; }
  const Outputs& outputs() const { return outputs_; }
  /// What modules pass each other (sim/core/signals.hpp).
  Signals& signals() { return signals_; }
  const Signals& signals() const { return signals_; }
  /// The modules acting in a phase, in the order they act (after start()).
  std::vector<const Module*> acting_in(Phase phase) const { return loop_.acting_in(phase); }

  /// Ends declaration: no more columns, counters or outputs (called by start()).
  void freeze();

  /// Calls kernel(first, last, counts) for the people [first, last) of every block, blocks in
  /// parallel (TBB); then adds each block's counts to the step's totals, in block order. A kernel
  /// may touch only its own people's rows.
  template <class Kernel>
  void for_each_block(Kernel&& kernel);

  /// The blocks of the current population: fixed ranges of block_size people.
  std::size_t block_count() const { return (population_.size() + block_size - 1) / block_size; }
  /// Calls fn(block, first, last) for every block, blocks in parallel. for_each_block builds on this;
  /// analyzers use it to tally into their own per-block rows.
  template <class Fn>
  void parallel_blocks(Fn&& fn) const;

 private:
  RunKey key_;
  Clock clock_;
  Population population_;
  EventCounters counters_;
  Outputs outputs_;
  Signals signals_;
  StepLoop<Run> loop_;
  std::vector<std::int64_t> block_counts_;  // one row of counters per block, reused every pass
  std::uint32_t compact_every_ = 0;          // [steps]; 0: never
  std::uint32_t steps_done_ = 0;
};

template <class Fn>
void Run::parallel_blocks(Fn&& fn) const {
  const std::size_t people = population_.size();
  // Isolated, so a thread waiting for this pass's blocks never starts another run's work.
  tbb::this_task_arena::isolate([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, block_count(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t b = range.begin(); b != range.end(); ++b) {
            const auto first = static_cast<PersonId>(b * block_size);
            const auto last = static_cast<PersonId>(std::min(people, (b + 1) * block_size));
            fn(b, first, last);
          }
        },
        tbb::simple_partitioner());
  });
}

template <class Kernel>
void Run::for_each_block(Kernel&& kernel) {
  const std::size_t blocks = block_count();
  const std::size_t width = counters_.size();
  block_counts_.assign(blocks * width, 0);  // allocates only when the population has grown
  parallel_blocks([&](std::size_t b, PersonId first, PersonId last) {
    BlockCounts counts{std::span<std::int64_t>(block_counts_).subspan(b * width, width)};
    kernel(first, last, counts);
  });
  for (std::size_t b = 0; b < blocks; ++b) {
    counters_.add_row(std::span<const std::int64_t>(block_counts_).subspan(b * width, width));
  }
}

}  // namespace revolve::abm

#pragma once
// The step loop: the one lifecycle of everything that acts during a run (a process, an
// intervention, an analyzer, a coupler), and the order in which modules act.
//
// Lifecycle of a run: declare (every module adds its columns, counters, outputs and signals) ->
// freeze -> init (every module resolves names to handles, once) -> steps -> finalize. In each step
// every phase of step_phases (sim/core/phases.hpp) runs in order; Phase::record calls record() on
// every module instead of step().
//
// Who acts first within a phase follows from what modules declare, not from the order they were
// added: a module that reads a signal (sim/core/signals.hpp) acts after its writer, and a module
// acts after the modules it names in after(). Modules with no such tie keep the order they were
// added in, so that order never decides a result the model depends on.
#include <concepts>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/module_order.hpp"
#include "sim/core/phases.hpp"
#include "sim/core/signals.hpp"

namespace revolve {

/// Simulated time of a run in whole steps of length dt [model time units].
class Clock {
 public:
  explicit Clock(double dt = 1.0) : dt_(dt) {}
  /// The current step: 0 before the first step, then 1, 2, ... (the step being simulated).
  std::uint32_t step() const { return step_; }
  double dt() const { return dt_; }
  /// Time at the end of the current step [model time units].
  double time() const { return step_ * dt_; }
  void advance() { ++step_; }

 private:
  double dt_;
  std::uint32_t step_ = 0;
};

/// Anything that acts during a run, with the one lifecycle. `Run` is the run it acts on (for the
/// people engine, abm::Run); every hook does nothing unless a module overrides it.
template <class Run>
class Module {
 public:
  virtual ~Module() = default;
  /// A name for messages and for other modules' after(); "" for a module nobody refers to.
  virtual std::string name() const { return ""; }
  /// Modules (by name) that act before this one in every phase both act in, and init before it.
  virtual std::vector<std::string> after() const { return {}; }
  /// The phases in which step() is called (never Phase::record: record() serves it).
  virtual PhaseSet phases() const { return {}; }
  /// Add columns, counters and outputs to the run. Names only: nothing is resolved yet.
  virtual void declare(Run&) {}
  /// Resolve names to handles and build tables, once, after every module has declared.
  virtual void init(Run&) {}
  /// Act in one of phases() of the current step.
  virtual void step(Phase, Run&) {}
  /// Record the end of the current step (every module, in Phase::record).
  virtual void record(Run&) {}
  /// After the last step.
  virtual void finalize(Run&) {}
};

/// A run the step loop can drive: it has a clock and signals, and freezes its layout between
/// declare and init.
template <class Run>
concept SteppableRun = requires(Run run) {
  { run.clock() } -> std::same_as<Clock&>;
  { run.signals() } -> std::same_as<Signals&>;
  run.freeze();
};

/// Drives modules through their lifecycle in the documented order. Run must be a SteppableRun
/// (checked where it is used: a run usually holds its own step loop, so is incomplete here).
template <class Run>
class StepLoop {
 public:
  using ModuleType = Module<Run>;

  /// Only before start().
  ModuleType& add(std::unique_ptr<ModuleType> module) {
    modules_.push_back(std::move(module));
    return *modules_.back();
  }
  std::span<const std::unique_ptr<ModuleType>> modules() const { return modules_; }

  /// declare -> freeze (the run's layout and its signals) -> order the modules -> init.
  void start(Run& run) {
    static_assert(SteppableRun<Run>);
    std::vector<ModuleFacts> facts;
    for (std::size_t i = 0; i < modules_.size(); ++i) {
      ModuleType& m = *modules_[i];
      facts.push_back({m.name(), m.after(), m.phases()});
      run.signals().declaring(i, facts.back().name);
      m.declare(run);
    }
    run.freeze();
    run.signals().freeze();
    order_ = acting_order(facts, run.signals());
    for (std::size_t i : order_.init) modules_[i]->init(run);
  }

  /// One step: every phase of step_phases in order.
  void step(Run& run) {
    for (Phase phase : step_phases) {
      if (phase == Phase::advance_clock) run.clock().advance();
      for (std::size_t i : order_.in(phase)) {
        if (phase == Phase::record) {
          modules_[i]->record(run);
        } else {
          modules_[i]->step(phase, run);
        }
      }
    }
  }

  void finish(Run& run) {
    for (std::size_t i : order_.init) modules_[i]->finalize(run);
  }

  /// The modules acting in `phase`, in the order they act (after start()).
  std::vector<const ModuleType*> acting_in(Phase phase) const {
    std::vector<const ModuleType*> acting;
    for (std::size_t i : order_.in(phase)) acting.push_back(modules_[i].get());
    return acting;
  }

 private:
  std::vector<std::unique_ptr<ModuleType>> modules_;
  ActingOrder order_;
};

}  // namespace revolve

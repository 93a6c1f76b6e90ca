#pragma once
// The step loop: the phases of one step, in order, written once, here; and the one lifecycle of
// everything that acts during a run (a process, an intervention, an analyzer, a coupler).
//
// Lifecycle of a run: declare (every module adds its columns, counters and outputs) -> freeze ->
// init (every module resolves names to handles, once) -> steps -> finalize. In each step every
// phase of step_phases runs in order; in a phase, the modules that act in it run in the order they
// were added. Phase::record calls record() on every module instead of step().
#include <array>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace revolve {

/// The phases of one step. Their order is step_phases.
enum class Phase : std::uint8_t {
  advance_clock,      ///< the clock moves to the new step; scheduled parameter changes apply
  scheduled_events,   ///< events whose time has come: releases, ends of stays
  system_to_people,   ///< couplers pass capacities and waiting lists from the stock-flow model
  interventions,      ///< offers, referrals, changes to hazards
  transitions,        ///< hazard-driven transitions (competing risks)
  exits_and_entries,  ///< deaths and leaving the area; new people arrive
  people_to_system,   ///< couplers pass the step's aggregated counts and flows to the stock-flow model
  integrate_system,   ///< the stock-flow model advances over the step
  record,             ///< analyzers and outputs record the end of the step
};

/// The order of the phases in every step: the single definition the step loop follows.
inline constexpr std::array step_phases = {
    Phase::advance_clock,     Phase::scheduled_events,  Phase::system_to_people,
    Phase::interventions,     Phase::transitions,       Phase::exits_and_entries,
    Phase::people_to_system,  Phase::integrate_system,  Phase::record,
};

constexpr std::string_view to_string(Phase phase) {
  switch (phase) {
    case Phase::advance_clock: return "advance_clock";
    case Phase::scheduled_events: return "scheduled_events";
    case Phase::system_to_people: return "system_to_people";
    case Phase::interventions: return "interventions";
    case Phase::transitions: return "transitions";
    case Phase::exits_and_entries: return "exits_and_entries";
    case Phase::people_to_system: return "people_to_system";
    case Phase::integrate_system: return "integrate_system";
    case Phase::record: return "record";
  }
  return "unknown";
}

/// A set of phases, e.g. {Phase::transitions, Phase::record}.
class PhaseSet {
 public:
  constexpr PhaseSet() = default;
  constexpr PhaseSet(std::initializer_list<Phase> phases) {
    for (Phase p : phases) bits_ |= bit(p);
  }
  constexpr bool contains(Phase phase) const { return (bits_ & bit(phase)) != 0; }

 private:
  static constexpr std::uint16_t bit(Phase phase) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(phase)); }
  std::uint16_t bits_ = 0;
};

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

/// A run the step loop can drive: it has a clock, and freezes its layout between declare and init.
template <class Run>
concept SteppableRun = requires(Run run) {
  { run.clock() } -> std::same_as<Clock&>;
  run.freeze();
};

/// Drives modules through their lifecycle in the documented order. Run must be a SteppableRun
/// (checked where it is used: a run usually holds its own step loop, so is incomplete here).
template <class Run>
class StepLoop {
 public:
  using ModuleType = Module<Run>;

  /// Modules act in the order they are added. Only before start().
  ModuleType& add(std::unique_ptr<ModuleType> module) {
    modules_.push_back(std::move(module));
    return *modules_.back();
  }
  std::span<const std::unique_ptr<ModuleType>> modules() const { return modules_; }

  /// declare -> freeze -> init.
  void start(Run& run) {
    static_assert(SteppableRun<Run>);
    for (auto& m : modules_) m->declare(run);
    run.freeze();
    for (auto& m : modules_) m->init(run);
  }

  /// One step: every phase of step_phases in order.
  void step(Run& run) {
    for (Phase phase : step_phases) {
      if (phase == Phase::advance_clock) run.clock().advance();
      for (auto& m : modules_) {
        if (phase == Phase::record) {
          m->record(run);
        } else if (m->phases().contains(phase)) {
          m->step(phase, run);
        }
      }
    }
  }

  void finish(Run& run) {
    for (auto& m : modules_) m->finalize(run);
  }

 private:
  std::vector<std::unique_ptr<ModuleType>> modules_;
};

}  // namespace revolve

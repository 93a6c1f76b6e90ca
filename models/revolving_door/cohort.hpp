#pragma once
// Who is in the model: the columns and counters every other module uses, the starting cohort, and
// people arriving each week (design.md section 3.4).
#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

/// Declares the people's columns and the event counters, and creates the starting cohort. It is the
/// first module of a run, so the others find the columns resolved and the people in place at init,
/// and the week's time set when they act in Phase::advance_clock.
class Cohort : public abm::Module {
 public:
  explicit Cohort(SharedState state) : state_(std::move(state)) {}
  PhaseSet phases() const override { return {Phase::advance_clock}; }
  void declare(abm::Run& run) override;
  void init(abm::Run& run) override;
  /// Starts the week: its time [years from the start of the run, at the week's start].
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
};

/// New people joining the cohort: a Poisson number a week (Phase::exits_and_entries, after exits).
class Arrivals : public abm::Module {
 public:
  explicit Arrivals(SharedState state) : state_(std::move(state)) {}
  PhaseSet phases() const override { return {Phase::exits_and_entries}; }
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;
};

}  // namespace revolve::revolving_door

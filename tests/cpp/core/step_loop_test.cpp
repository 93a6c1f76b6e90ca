// The step loop runs the phases in the documented order and modules through one lifecycle.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/core/step_loop.hpp"

using revolve::Clock;
using revolve::Phase;

namespace {

/// A run that only logs what happens to it.
struct LogRun {
  Clock clock_;
  revolve::Signals signals_;
  std::vector<std::string> log;
  bool frozen = false;
  Clock& clock() { return clock_; }
  revolve::Signals& signals() { return signals_; }
  void freeze() {
    frozen = true;
    log.push_back("freeze");
  }
};

/// Acts in the given phases and logs every hook with the step the clock shows.
class LogModule : public revolve::Module<LogRun> {
 public:
  LogModule(std::string name, revolve::PhaseSet phases) : name_(std::move(name)), phases_(phases) {}
  revolve::PhaseSet phases() const override { return phases_; }
  void declare(LogRun& run) override { run.log.push_back(name_ + " declare"); }
  void init(LogRun& run) override { run.log.push_back(name_ + " init" + (run.frozen ? "" : " (not frozen!)")); }
  void step(Phase phase, LogRun& run) override {
    run.log.push_back(name_ + " " + std::string(to_string(phase)) + " @" + std::to_string(run.clock().step()));
  }
  void record(LogRun& run) override { run.log.push_back(name_ + " record @" + std::to_string(run.clock().step())); }
  void finalize(LogRun& run) override { run.log.push_back(name_ + " finalize"); }

 private:
  std::string name_;
  revolve::PhaseSet phases_;
};

}  // namespace

TEST_CASE("the phases of a step are the documented ones, in the documented order") {
  // The phase order of sim/core/phases.hpp, with the system speaking to the people before scheduled events (releases
  // need this week's free places); changing the order is a design decision, so this list changes with it.
  const std::vector<std::string> documented = {
      "advance_clock", "system_to_people", "scheduled_events", "interventions",  "transitions",
      "exits_and_entries", "people_to_system", "integrate_system", "record"};
  std::vector<std::string> actual;
  for (Phase p : revolve::step_phases) actual.emplace_back(to_string(p));
  CHECK(actual == documented);
}

TEST_CASE("modules declare, then the run freezes, then modules init; each step follows step_phases") {
  revolve::StepLoop<LogRun> loop;
  const revolve::PhaseSet every_phase = {Phase::advance_clock,    Phase::scheduled_events, Phase::system_to_people,
                                        Phase::interventions,    Phase::transitions,      Phase::exits_and_entries,
                                        Phase::people_to_system, Phase::integrate_system};
  // Added in reverse phase order, to show that the phase order wins over the order of adding.
  loop.add(std::make_unique<LogModule>("system", revolve::PhaseSet{Phase::integrate_system, Phase::system_to_people}));
  loop.add(std::make_unique<LogModule>("people", revolve::PhaseSet{Phase::transitions, Phase::scheduled_events}));
  loop.add(std::make_unique<LogModule>("all", every_phase));

  LogRun run;
  loop.start(run);
  loop.step(run);
  loop.step(run);
  loop.finish(run);

  std::vector<std::string> expected = {"system declare", "people declare", "all declare", "freeze",
                                       "system init",    "people init",    "all init"};
  for (int step = 1; step <= 2; ++step) {
    const std::string at = " @" + std::to_string(step);
    const std::vector<std::string> one_step = {
        "all advance_clock" + at,  "system system_to_people" + at, "all system_to_people" + at,
        "people scheduled_events" + at, "all scheduled_events" + at, "all interventions" + at,
        "people transitions" + at, "all transitions" + at, "all exits_and_entries" + at,
        "all people_to_system" + at, "system integrate_system" + at, "all integrate_system" + at,
        "system record" + at, "people record" + at, "all record" + at};
    expected.insert(expected.end(), one_step.begin(), one_step.end());
  }
  for (const char* name : {"system", "people", "all"}) expected.push_back(std::string(name) + " finalize");
  CHECK(run.log == expected);
}

TEST_CASE("the clock counts steps of dt") {
  Clock clock(0.5);
  CHECK(clock.step() == 0);
  clock.advance();
  clock.advance();
  CHECK(clock.step() == 2);
  CHECK(clock.time() == 1.0);
}

// Signals: modules declare what they read and write; the wiring is checked and decides who acts first.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/core/step_loop.hpp"

using namespace revolve;

namespace {

struct LogRun {
  Clock clock_;
  Signals signals_;
  std::vector<std::string> log;
  Clock& clock() { return clock_; }
  Signals& signals() { return signals_; }
  void freeze() {}
};

/// A module whose declarations and actions are given as functions; it logs "<name> <phase>".
class Probe : public Module<LogRun> {
 public:
  Probe(std::string name, PhaseSet phases, std::function<void(Signals&)> declare_signals,
        std::vector<std::string> after = {})
      : name_(std::move(name)), phases_(phases), declare_(std::move(declare_signals)), after_(std::move(after)) {}
  std::string name() const override { return name_; }
  std::vector<std::string> after() const override { return after_; }
  PhaseSet phases() const override { return phases_; }
  void declare(LogRun& run) override { declare_(run.signals()); }
  void init(LogRun& run) override { run.log.push_back(name_ + " init"); }
  void step(Phase phase, LogRun& run) override { run.log.push_back(name_ + " " + std::string(to_string(phase))); }

 private:
  std::string name_;
  PhaseSet phases_;
  std::function<void(Signals&)> declare_;
  std::vector<std::string> after_;
};

std::vector<std::string> one_step(std::vector<std::unique_ptr<Probe>> modules) {
  StepLoop<LogRun> loop;
  for (auto& m : modules) loop.add(std::move(m));
  LogRun run;
  loop.start(run);
  run.log.clear();
  loop.step(run);
  return run.log;
}

template <class... M>
std::vector<std::unique_ptr<Probe>> modules(M&&... m) {
  std::vector<std::unique_ptr<Probe>> list;
  (list.push_back(std::make_unique<Probe>(std::forward<M>(m))), ...);
  return list;
}

const auto nothing = [](Signals&) {};

}  // namespace

TEST_CASE("a reader acts after the writer of a signal in the same phase, whatever order they were added in") {
  const PhaseSet interventions = {Phase::interventions};
  const auto reader = Probe("reader", interventions, [](Signals& s) { s.read("places", Phase::interventions); });
  const auto writer = Probe("writer", interventions, [](Signals& s) { s.write("places", Phase::interventions); });
  const auto bystander = Probe("bystander", interventions, nothing);
  CHECK(one_step(modules(reader, bystander, writer)) ==
        std::vector<std::string>{"bystander interventions", "writer interventions", "reader interventions"});
  CHECK(one_step(modules(writer, bystander, reader)) ==
        std::vector<std::string>{"writer interventions", "bystander interventions", "reader interventions"});
}

TEST_CASE("after() orders init and every phase both modules act in") {
  const PhaseSet phases = {Phase::transitions, Phase::record};
  StepLoop<LogRun> loop;
  loop.add(std::make_unique<Probe>("second", phases, nothing, std::vector<std::string>{"first"}));
  loop.add(std::make_unique<Probe>("first", phases, nothing));
  LogRun run;
  loop.start(run);
  loop.step(run);
  CHECK(run.log == std::vector<std::string>{"first init", "second init", "first transitions", "second transitions"});
}

TEST_CASE("values pass from writer to reader; a pool is taken from a unit at a time") {
  StepLoop<LogRun> loop;
  Signal places, taken;
  loop.add(std::make_unique<Probe>("system", PhaseSet{Phase::system_to_people},
                                   [&](Signals& s) { places = s.write_pool("free places", Phase::system_to_people); }));
  loop.add(std::make_unique<Probe>("hostel", PhaseSet{Phase::transitions},
                                   [&](Signals& s) { taken = s.take_from("free places", Phase::transitions); }));
  LogRun run;
  loop.start(run);
  run.signals().set(places, 2.7);
  CHECK(run.signals().take(taken));
  CHECK(run.signals().take(taken));
  CHECK_FALSE(run.signals().take(taken));  // 0.7 of a place is no place
  CHECK(run.signals().value(places) == Approx(0.7));
}

TEST_CASE("a prefix provider writes whatever others read under it") {
  StepLoop<LogRun> loop;
  std::size_t provider = 0;
  loop.add(std::make_unique<Probe>("rule", PhaseSet{Phase::interventions},
                                   [](Signals& s) { s.read("system.staff", Phase::interventions); }));
  loop.add(std::make_unique<Probe>("system", PhaseSet{Phase::system_to_people}, [&](Signals& s) {
    provider = s.declaring_module();
    s.provide("system.", Phase::system_to_people);
    s.read("system.unwritten input", Phase::people_to_system, ReadKind::optional, 3.0);
  }));
  LogRun run;
  loop.start(run);
  const auto provided = run.signals().provided_by(provider);
  REQUIRE(provided.size() == 1);
  CHECK(provided[0].second == "system.staff");
  const Signal input = *run.signals().find("system.unwritten input");
  CHECK_FALSE(run.signals().has_writer(input));
  CHECK(run.signals().value(input) == 3.0);  // nobody writes it: its fallback
}

TEST_CASE("wiring errors name the signal and the modules") {
  const PhaseSet any = {Phase::interventions};
  const auto fails = [](std::vector<std::unique_ptr<Probe>> list, const std::string& text) {
    StepLoop<LogRun> loop;
    for (auto& m : list) loop.add(std::move(m));
    LogRun run;
    CHECK_THROWS_WITH(loop.start(run), Catch::Contains(text));
  };
  fails(modules(Probe("reader", any, [](Signals& s) { s.read("nobody writes", Phase::interventions); })),
        "'nobody writes' is used by 'reader' but no module writes it");
  fails(modules(Probe("writer", any, [](Signals& s) { s.write("nobody reads", Phase::interventions); })),
        "'nobody reads' is written by 'writer' but no module reads it");
  fails(modules(Probe("a", any, [](Signals& s) { s.write("x", Phase::interventions); }),
                Probe("b", any, [](Signals& s) { s.write("x", Phase::interventions); })),
        "written by 'a' and by 'b'");
  fails(modules(Probe("early", any, [](Signals& s) { s.read("late", Phase::scheduled_events); }),
                Probe("late writer", any, [](Signals& s) { s.write("late", Phase::transitions); })),
        "before 'late writer' writes it in transitions");
  fails(modules(Probe("a", any, [](Signals& s) { s.read("y", Phase::interventions); s.write("x", Phase::interventions); }),
                Probe("b", any, [](Signals& s) { s.read("x", Phase::interventions); s.write("y", Phase::interventions); })),
        "modules wait for each other in phase interventions: 'a', 'b'");
  fails(modules(Probe("a", any, nothing, {"missing"})), "'a' acts after 'missing', which is not a module of the run");
  fails(modules(Probe("a", any, [](Signals& s) { s.write("plain", Phase::system_to_people); }),
                Probe("b", any, [](Signals& s) { s.take_from("plain", Phase::transitions); })),
        "not a pool");
}

TEST_CASE("a lagged read may come before the write: it sees the previous step's value") {
  StepLoop<LogRun> loop;
  loop.add(std::make_unique<Probe>("reader", PhaseSet{Phase::advance_clock},
                                   [](Signals& s) { s.read("count", Phase::advance_clock, ReadKind::lagged); }));
  loop.add(std::make_unique<Probe>("writer", PhaseSet{Phase::record},
                                   [](Signals& s) { s.write("count", Phase::record); }));
  LogRun run;
  CHECK_NOTHROW(loop.start(run));
}

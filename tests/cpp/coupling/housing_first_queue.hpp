#pragma once
// The hybrid example of docs/abm.md: people queue for Housing First places, a capacity held as a
// stock in a stock-flow model that commissions places in response to the waiting list.
#include <cmath>
#include <memory>

#include "sim/abm/scheduled_event.hpp"
#include "tests/cpp/support/transition_rule.hpp"
#include "sim/coupling/system_coupling.hpp"
#include "sim/random/stream.hpp"
#include "sim/sd/compiler.hpp"

namespace revolve::example {

constexpr std::int32_t initial_waiting = 40;  // [people]
constexpr std::int32_t max_waiting = 60;      // the waiting list closes above this [people]
constexpr double arrivals_per_week = 5.0;     // referrals [people per week]
constexpr std::int32_t stay = 26;             // weeks in a place before moving on [weeks]

/// The system: places are a stock; commissioners add places in proportion to the waiting list.
inline std::shared_ptr<const sd::CompiledModel> housing_first_places() {
  sd::Model m;
  m.name = "housing first places";
  m.specs = {0.0, 104.0, 1.0, 0.0, sd::Method::euler};
  m.aux("waiting_list", "0").input = true;  // people waiting [people], set by the coupler
  m.aux("occupied", "0").input = true;      // places in use [places], set by the coupler
  m.stock("places", "20", {"commissioning"});
  m.flow("commissioning", "waiting_list * 0.02");  // [places per week]
  m.aux("vacancies", "MAX(0, places - occupied)");
  return std::make_shared<const sd::CompiledModel>(sd::compile(m));
}

/// The people: a waiting list with a cap. Referrals arrive each week; those who find the list full
/// are turned away and never enter.
class Referrals : public abm::Module {
 public:
  PhaseSet phases() const override { return {Phase::exits_and_entries}; }
  void declare(abm::Run& run) override {
    run.population().add_state("hf", {"waiting", "placed"});
    run.population().add_event_time("ti_move_on");
    arrivals_ = run.counters().add("arrivals");
    turned_away_ = run.counters().add("turned_away");
  }
  void init(abm::Run& run) override {
    hf_ = run.population().state("hf");
    stream_ = run.stream("queue.referrals");
    run.population().add_people(initial_waiting);
  }
  void step(Phase, abm::Run& run) override {
    const auto referrals = static_cast<std::int32_t>(
        random::poisson(arrivals_per_week, stream_.uniform(run.key().run, 0, run.clock().step()), 0.5));
    const auto room = max_waiting - static_cast<std::int32_t>(run.population().count_alive(hf_, 0));
    const std::int32_t admitted = std::max(0, std::min(referrals, room));
    run.population().add_people(static_cast<std::size_t>(admitted));  // new people start waiting
    run.counters().add_to(arrivals_, admitted);
    run.counters().add_to(turned_away_, referrals - admitted);
  }

 private:
  abm::StateColumn hf_;
  abm::Counter arrivals_, turned_away_;
  random::Stream stream_;
};

/// The intervention: free places (the capacity read from the system, less places in use) go to
/// the longest-waiting people. People join in id order, so that is the lowest ids.
class Placement : public abm::Module {
 public:
  PhaseSet phases() const override { return {Phase::interventions}; }
  void declare(abm::Run& run) override {
    placements_ = run.counters().add("placements");
    places_ = run.signals().read("system.places", Phase::interventions);  // published by the coupler
  }
  void init(abm::Run& run) override {
    hf_ = run.population().state("hf");
    move_on_ = run.population().event_time("ti_move_on");
  }
  void step(Phase, abm::Run& run) override {
    abm::Population& p = run.population();
    const auto capacity = static_cast<std::int32_t>(std::floor(run.signals().value(places_)));
    auto free = capacity - static_cast<std::int32_t>(p.count_alive(hf_, 1));
    const auto hf = p.states(hf_);
    const auto move_on = p.event_times(move_on_);
    for (std::size_t i = 0; i < p.size() && free > 0; ++i) {
      if (!p.alive()[i] || hf[i] != 0) continue;
      hf[i] = 1;
      move_on[i] = static_cast<std::int32_t>(run.clock().step()) + stay;
      run.counters().add_to(placements_);
      --free;
    }
  }

 private:
  Signal places_;
  abm::StateColumn hf_;
  abm::EventTimeColumn move_on_;
  abm::Counter placements_;
};

/// The whole hybrid run: system, people, rules, and the coupling both ways.
inline coupling::SystemCoupling& add_housing_first_queue(abm::Run& run) {
  auto& system = run.add<coupling::SystemCoupling>(housing_first_places());
  system.feed_count("waiting_list", "hf", "waiting");
  system.feed_count("occupied", "hf", "placed");
  run.add<Referrals>();
  run.add<Placement>();
  run.add<test::TransitionRule>(test::TransitionSpec{
      .name = "queue.dropout",
      .column = "hf",
      .exits = {"dropped_out"},
      .hazards = [](const test::Situation& s) -> std::vector<test::Hazard> {
        if (s.is("hf", "waiting")) return {{"dropped_out", 0.01}};  // [per week]
        return {};
      }});
  run.add<abm::ScheduledEvent>(abm::ScheduledEventSpec{.name = "moved_on", .time = "ti_move_on", .exits = true});
  return system;
}

}  // namespace revolve::example

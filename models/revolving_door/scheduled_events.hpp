#pragma once
// Scheduled events (design.md section 6): ends of transitional stays on release, releases from
// custody and ends of recalls under the release rule, ends of licences and community orders, and
// discharges from hospital. One serial pass over the people each week.
#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class ScheduledEvents : public abm::Module {
 public:
  explicit ScheduledEvents(SharedState state) : state_(std::move(state)) {}
  PhaseSet phases() const override { return {Phase::scheduled_events}; }
  void step(Phase phase, abm::Run& run) override;

 private:
  SharedState state_;

  void release(abm::Run& run, const PeopleView& v, abm::PersonId p, bool end_of_recall, abm::BlockCounts& counts);
};

}  // namespace revolve::revolving_door

#pragma once
// Scheduled events (docs/model/design.md, 'Scheduled events'): ends of transitional stays on release, releases from
// custody and ends of recalls under the release rule, ends of licences and community orders, and
// discharges from hospital. One serial pass over the people each week.
#include <memory>

#include "models/revolving_door/events.hpp"
#include "models/revolving_door/housing_moves.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/people_module.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class ScheduledEvents : public PeopleModule {
 public:
  using PeopleModule::PeopleModule;
  std::string name() const override { return "scheduled_events"; }
  PhaseSet phases() const override { return {Phase::scheduled_events}; }
  void declare(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  FreePlaces places_;
  ReleaseRule release_;

  void release(abm::Run& run, const PeopleView& v, abm::PersonId p, bool end_of_recall, abm::BlockCounts& counts);
  void end_transitional_stay(abm::Run& run, const PeopleView& v, abm::PersonId p, double u);
};

}  // namespace revolve::revolving_door

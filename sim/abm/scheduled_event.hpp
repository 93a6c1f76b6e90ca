#pragma once
// Scheduled events: a column of event times (ti_release, ti_end_of_stay) holds the step in which
// each person's event is due. The event fires in that step's Phase::scheduled_events (or the next
// time the module acts, if the time was set to a step already past), once: the time is cleared.
#include <string>

#include "sim/abm/run.hpp"

namespace revolve::abm {

struct ScheduledEventSpec {
  std::string name;    ///< the event; counted under this name
  std::string time;    ///< event-time column [step]
  std::string column;  ///< state column set when the event fires (empty: none)
  std::string to;      ///< the category it is set to
  bool exits = false;  ///< the person leaves the population when the event fires
  Phase phase = Phase::scheduled_events;
};

class ScheduledEvent : public Module {
 public:
  explicit ScheduledEvent(ScheduledEventSpec spec) : spec_(std::move(spec)) {}

  PhaseSet phases() const override { return {spec_.phase}; }
  void declare(Run& run) override { counter_ = run.counters().add(spec_.name); }
  void init(Run& run) override;
  void step(Phase phase, Run& run) override;

 private:
  ScheduledEventSpec spec_;
  Counter counter_;
  EventTimeColumn time_;
  StateColumn column_;
  std::uint8_t to_ = 0;
};

}  // namespace revolve::abm

#pragma once
// What every intervention is: a people module (people_module.hpp) named by its scenario name (housing_first,
// mtam, ...) that knows its schedule (level over time, years running), and its own weekly cost. Which interventions
// exist, and who pays for each, is listed once, in interventions/registry.cpp.
#include <array>
#include <memory>
#include <string>

#include "models/revolving_door/people_module.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class Intervention : public PeopleModule {
 public:
  Intervention(std::shared_ptr<const ModelSetup> setup, std::string name)
      : PeopleModule(std::move(setup)), name_(std::move(name)), schedule_(setup_->schedule(name_)) {}

  std::string name() const override { return name_; }
  /// Sets cost[g] to its own cost this week for group g [GBP], from the week's tallies (Phase::record).
  virtual void week_costs(const abm::Run& run, const GroupWeeks& week, std::array<double, group_count>& cost) const = 0;

 protected:
  const ModelSetup& setup() const { return *setup_; }
  const Parameters& parameters() const { return setup_->parameters; }
  /// The level at the start of this step: 0 when off.
  double level(const abm::Run& run) const { return schedule_.level(setup_->years_at(run.clock().step())); }
  /// Years since the start of the schedule's window that holds this step's start; 0 when off.
  double years_running(const abm::Run& run) const {
    return schedule_.years_running(setup_->years_at(run.clock().step())).value_or(0.0);
  }

 private:
  std::string name_;
  const InterventionSchedule& schedule_;
};

}  // namespace revolve::revolving_door

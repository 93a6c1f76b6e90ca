#pragma once
// A module of the revolving-door model that acts on the people: it holds the model's setup and, from init,
// the handles to the people's columns and the weekly event counters, resolved once so that the weekly loops
// never look anything up by name.
#include <memory>

#include "models/revolving_door/events.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class PeopleModule : public abm::Module {
 public:
  explicit PeopleModule(std::shared_ptr<const ModelSetup> setup) : setup_(std::move(setup)) {}

  /// Resolves the handles. A module that overrides init and reads the people calls this first.
  void init(abm::Run& run) override {
    columns_ = Columns::resolve(run.population());
    events_ = EventCounters::resolve(run);
  }

 protected:
  std::shared_ptr<const ModelSetup> setup_;
  Columns columns_;
  EventCounters events_;
};

}  // namespace revolve::revolving_door

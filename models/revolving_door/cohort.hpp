#pragma once
// Who is in the model: the columns and counters every other module uses, the starting cohort, and
// people arriving each week (docs/model/design.md, 'Initial cohort and arrivals').
#include <memory>

#include "models/revolving_door/events.hpp"
#include "models/revolving_door/housing_moves.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/people_module.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

/// Declares the people's columns and the event counters, and creates the starting cohort at init
/// (modules that look at the people at init act after it).
class Cohort : public abm::Module {
 public:
  explicit Cohort(std::shared_ptr<const ModelSetup> setup) : setup_(std::move(setup)) {}
  std::string name() const override { return "cohort"; }
  void declare(abm::Run& run) override;
  void init(abm::Run& run) override;

 private:
  std::shared_ptr<const ModelSetup> setup_;
};

/// New people joining the cohort: a Poisson number a week, after this week's exits.
class Arrivals : public PeopleModule {
 public:
  using PeopleModule::PeopleModule;
  std::string name() const override { return "arrivals"; }
  std::vector<std::string> after() const override { return {"exits"}; }
  PhaseSet phases() const override { return {Phase::exits_and_entries}; }
  void declare(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  FreePlaces places_;
  ReleaseRule release_;

  void draw_states(const PeopleView& v, abm::PersonId p, abm::Run& run, const random::Stream& s);
};

}  // namespace revolve::revolving_door

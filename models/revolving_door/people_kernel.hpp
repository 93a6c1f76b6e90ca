#pragma once
// The weekly transitions of every person (docs/model/design.md, 'Hazards'): one kernel over blocks of people in
// parallel, every domain's hazards read from the start-of-week state (synchronous update), then the
// housing queue grants the week's requests for capped places.
//
// What the week brings from elsewhere arrives as signals: the system's leaver fractions, caseload
// ratios and usual-pathway capacity; each service's engagement ceiling; and the effects that MTAM and
// navigators publish for their clients.
#include <memory>
#include <optional>
#include <utility>

#include "models/revolving_door/events.hpp"
#include "models/revolving_door/hazards.hpp"
#include "models/revolving_door/housing_moves.hpp"
#include "models/revolving_door/kernel_week.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/people_module.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

class PeopleKernel : public PeopleModule {
 public:
  using PeopleModule::PeopleModule;

  std::string name() const override { return "transitions"; }
  PhaseSet phases() const override { return {Phase::transitions}; }
  void declare(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  KernelSignals signals_;
  HousingQueue queue_;
  /// The quiet-week bounds and the rates they were made from: in most weeks the hazards' rates are the same as the
  /// week before (in the Bristol baseline, all but about one in six), and the bounds are kept.
  std::optional<std::pair<HazardRates, QuietBounds>> bounds_;

  const QuietBounds* bounds_for(const WeekRates& rates);
};

}  // namespace revolve::revolving_door

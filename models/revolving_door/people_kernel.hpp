#pragma once
// The weekly transitions of every person (docs/model/design.md, 'Hazards'): one kernel over blocks of people in
// parallel, every domain's hazards read from the start-of-week state (synchronous update), then the
// housing queue grants the week's requests for capped places.
//
// What the week brings from elsewhere arrives as signals: the system's leaver fractions, caseload
// ratios and usual-pathway capacity; each service's engagement ceiling; and the effects that MTAM and
// navigators publish for their clients.
#include <array>
#include <memory>

#include "models/revolving_door/events.hpp"
#include "models/revolving_door/housing_moves.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

/// An intervention's effects on its clients this week, as the kernel applies them (multipliers on
/// hazards unless said otherwise).
struct CoordinatorEffects {
  double treatment_entry = 1.0;      ///< on entering treatment
  double dual_diagnosis = 1.0;       ///< the dual-diagnosis multiplier that applies to clients
  double crisis_to_treatment = 0.0;  ///< chance a crisis ends in treatment
  double crisis_end = 1.0;           ///< on the hazard of a crisis ending
  double tenancy_loss = 1.0;         ///< on losing a tenancy or placement
  double breach = 1.0;               ///< on breach recall
  double ae = 1.0;                   ///< on A&E attendance
};

class PeopleKernel : public abm::Module {
 public:
  explicit PeopleKernel(std::shared_ptr<const ModelSetup> setup) : setup_(std::move(setup)) {}

  std::string name() const override { return "transitions"; }
  PhaseSet phases() const override { return {Phase::transitions}; }
  void declare(abm::Run& run) override;
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

  /// The signals the kernel reads each week, resolved at declare.
  struct WeekSignals {
    Signal capacity_factor_usual;
    std::array<Signal, service_count> leaver_fraction, caseload_ratio, ceiling;
    std::array<Signal, 6> mtam;  ///< treatment_entry, dual_diagnosis, crisis_to_treatment, crisis_end, tenancy_loss, breach
    Signal navigator_ae;
  };

 private:
  std::shared_ptr<const ModelSetup> setup_;
  Columns columns_;
  EventCounters events_;
  WeekSignals signals_;
  HousingQueue queue_;
};

}  // namespace revolve::revolving_door

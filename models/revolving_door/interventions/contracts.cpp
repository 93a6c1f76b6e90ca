#include "models/revolving_door/interventions/contracts.hpp"

#include <algorithm>

namespace revolve::revolving_door {

void AllianceContracts::step(Phase, abm::Run&) {
  const Parameters& P = state_->parameters();
  InterventionWeek& week = state_->week.interventions;
  const double level = std::clamp(state_->setup->schedule(Intervention::contracts).level(state_->week.years), 0.0, 1.0);
  week.level[code(Intervention::contracts)] = level;
  week.alliance = level;
  week.ceiling[code(Service::usual)] =
      P.engagement.ceiling_usual + (P.contracts.alliance_ceiling_usual - P.engagement.ceiling_usual) * level;
}

}  // namespace revolve::revolving_door

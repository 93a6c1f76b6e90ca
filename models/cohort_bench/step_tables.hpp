#pragma once
// What can happen in one step to a person alive in one joint state: the spec's hazards turned
// into probabilities once, read by both the agent-based kernel and the exact chain.
#include <vector>

#include "models/cohort_bench/cohort_bench.hpp"
#include "sim/abm/competing_risks.hpp"
#include "sim/random/tables.hpp"

namespace revolve::cohort_bench {

struct StepTable {
  double death_probability = 0.0;
  abm::CompetingRisks justice;
  abm::CompetingRisks housing;  ///< no risk at all when housing is frozen (custody or inpatient)
  abm::CompetingRisks mental;
  random::PoissonTable ae;      ///< A&E attendances in the step
};

/// One StepTable per joint state, indexed by PersonState::index().
std::vector<StepTable> step_tables(const Parameters& parameters);

}  // namespace revolve::cohort_bench

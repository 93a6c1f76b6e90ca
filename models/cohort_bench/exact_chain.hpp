#pragma once
// The exact expectation of every cohort_bench output: the model is a discrete-time Markov chain
// on 36 joint states plus dead, so the expected occupancy after each step follows from the
// transition matrix, and the expected events of a step from the occupancy at its start.
#include <cstdint>

#include "models/cohort_bench/cohort_bench.hpp"
#include "sim/abm/outputs.hpp"

namespace revolve::cohort_bench {

/// Expected outputs for a cohort of `agents` people, one row per step 1..steps, with the columns
/// of output_names().
abm::Outputs expected_outputs(const Parameters& parameters, double agents, std::uint32_t steps);

}  // namespace revolve::cohort_bench

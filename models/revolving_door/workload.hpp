#pragma once
// A Housing First client's workload for a worker: new_client_workload times an established tenant's at
// the start, falling linearly to 1 over the first year (docs/model/design.md, 'Workforce per service'). Tenants
// from before the run count as established.
#include <algorithm>
#include <cstdint>

#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"

namespace revolve::revolving_door {

inline double housing_first_workload(const PeopleView& v, abm::PersonId p, std::uint32_t step,
                                     double new_client_workload) {
  const std::int32_t start = v.t_housing_first_start[p];
  const double weeks = start == abm::no_event ? weeks_per_year : static_cast<double>(step) - start;
  return 1.0 + (new_client_workload - 1.0) * std::max(0.0, 1.0 - weeks / weeks_per_year);
}

}  // namespace revolve::revolving_door

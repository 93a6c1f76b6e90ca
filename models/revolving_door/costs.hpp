#pragma once
// Costs of a week by payer and priority group (docs/model/design.md, 'Costs and outputs'): unit costs per event and
// per person-week in a state. Each intervention reckons its own cost (interventions/); the recorder adds it to its
// payer's. GBP at 2023/24 prices; discounting is applied by the recorder.
#include <array>
#include <string>
#include <vector>

#include "models/revolving_door/parameters.hpp"
#include "models/revolving_door/tallies.hpp"

namespace revolve::revolving_door {

enum class Payer : std::uint8_t { nhs, la_housing, la_social_care, police, prisons_probation, courts, voluntary };
inline constexpr std::size_t payer_count = 7;
inline const std::vector<std::string> payer_names = {
    "nhs", "la_housing", "la_social_care", "police", "prisons_probation", "courts", "voluntary"};

/// Each group's share of a cost that belongs to no one person (posts, procurement), in proportion to
/// the tally at `weight_tally` (to the people alive when it is 0 in every group).
std::array<double, group_count> shares(const GroupWeeks& groups, std::size_t weight_tally);

/// Costs of services, events and weeks in states for one group's week, by payer [GBP].
std::array<double, payer_count> service_costs(const CostParameters& c, const GroupWeek& g);

}  // namespace revolve::revolving_door

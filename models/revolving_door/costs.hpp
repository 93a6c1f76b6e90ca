#pragma once
// Costs of a week by payer and priority group (design.md section 10): unit costs per event and per
// person-week in a state, and the interventions' own costs, each with the agency that pays it.
// GBP at 2023/24 prices; discounting is applied by the recorder.
#include <array>
#include <string>
#include <vector>

#include "models/revolving_door/parameters.hpp"
#include "models/revolving_door/run_state.hpp"
#include "models/revolving_door/tallies.hpp"

namespace revolve::revolving_door {

enum class Payer : std::uint8_t { nhs, la_housing, la_social_care, police, prisons_probation, courts, voluntary };
inline constexpr std::size_t payer_count = 7;
inline const std::vector<std::string> payer_names = {
    "nhs", "la_housing", "la_social_care", "police", "prisons_probation", "courts", "voluntary"};

/// Who pays for each intervention (a modelling choice, design.md section 13).
Payer payer_of(Intervention intervention);

struct WeekCosts {
  /// [group][payer], intervention costs included [GBP]
  std::array<std::array<double, payer_count>, group_count> by_payer{};
  /// [group][intervention] [GBP]
  std::array<std::array<double, intervention_count>, group_count> by_intervention{};
};

/// The week's costs from its counts by group and the services' staff and re-tenders. Costs of posts
/// and procurement, which belong to no one person, are shared among groups in proportion to the
/// service's clients (procurement: to the people alive).
WeekCosts week_costs(const Parameters& p, const GroupWeeks& groups, const Week& week);

}  // namespace revolve::revolving_door

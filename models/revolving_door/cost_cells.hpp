#pragma once
// Cost cells (docs/model/design.md, 'Costs by housing state and at entry'): each person's week is costed in one
// cell, kept in the one-byte column "cost_cell" that the recorder sets at the end of every week for the next:
// where the person lives at the start of the week (a housing state, or prison), and, in their first year in the
// cohort, where they lived when they entered it. The kernel counts the costed events by cell too, so every cost of
// a week can be put in its cell with no per-person cost sums.
#include <cstdint>
#include <string>
#include <vector>

#include "models/revolving_door/categories.hpp"

namespace revolve::revolving_door {

/// Where a person is: the housing states (in Housing code order), then prison.
inline constexpr std::size_t place_count = housing_count + 1;
inline constexpr std::uint8_t prison_place = housing_count;
/// Entry classes: 0 after the first year in the cohort, 1 + place of entry during it.
inline constexpr std::size_t entry_class_count = place_count + 1;
inline constexpr std::size_t cost_cell_count = place_count * entry_class_count;
/// Weeks from entry during which a person counts as "at entry" (their first year) [weeks].
inline constexpr std::int32_t entry_year_weeks = 52;

/// Place names: housing_names, then "prison".
const std::vector<std::string>& place_names();
/// Cell names, in code order ("settled", ..., "prison.entered_rough_sleeping", ...), for the state column.
std::vector<std::string> cost_cell_names();

constexpr std::uint8_t place_of(Housing housing, bool prison) {
  return prison ? prison_place : static_cast<std::uint8_t>(housing);
}
constexpr std::uint8_t cost_cell(std::uint8_t place, std::uint8_t entry_class) {
  return static_cast<std::uint8_t>(place + place_count * entry_class);
}
constexpr std::uint8_t cell_place(std::uint8_t cell) { return static_cast<std::uint8_t>(cell % place_count); }
constexpr std::uint8_t cell_entry_class(std::uint8_t cell) { return static_cast<std::uint8_t>(cell / place_count); }

}  // namespace revolve::revolving_door

#pragma once
// What is counted about the people at the end of each week, by priority group: the people in every
// category (housing counts leave out people in prison, whose home is held for their release), the
// waiting lists, and the measures costs and calibration need.
#include <array>
#include <cstdint>

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/cost_cells.hpp"
#include "models/revolving_door/events.hpp"

namespace revolve::revolving_door {

/// Positions in a group's tally row: a block per state column (one per category, in category
/// order), then single measures.
namespace tally {
inline constexpr std::size_t housing = 0;     // 5 categories, outside prison
inline constexpr std::size_t justice = 5;     // 5
inline constexpr std::size_t mental = 10;     // 5
inline constexpr std::size_t substance = 15;  // 3
inline constexpr std::size_t support = 18;    // 5
inline constexpr std::size_t waiting = 23;    // 3: temporary, supported, housing_first (WaitingFor code - 1)
inline constexpr std::size_t alive = 26;
inline constexpr std::size_t revolving = 27;             // two or more moves between the street and hostels in 52 weeks
inline constexpr std::size_t homeless = 28;              // sleeping rough or in a hostel, outside prison
inline constexpr std::size_t homeless_mental_need = 29;  // of those, mental health not stable
inline constexpr std::size_t housed = 30;                // outside prison, not homeless
inline constexpr std::size_t in_prison = 31;             // custody or recalled
inline constexpr std::size_t in_transition = 32;         // in transitional accommodation on release
inline constexpr std::size_t moves = 33;  // 5 x 5: housing moves during the week, from x 5 + to (diagonal unused)
// Releases followed for 52 weeks, counted the week their follow-up ends, by housing at release (release_housing_names)
inline constexpr std::size_t releases_followed = moves + housing_count * housing_count;  // 6
inline constexpr std::size_t releases_returned = releases_followed + housing_count + 1;  // 6: of those, back in court
                                                                                        // or recalled
// In the last week of each year only: people recorded in each of its last 26 weeks, and of those housed in each
inline constexpr std::size_t present_window = releases_returned + housing_count + 1;
inline constexpr std::size_t housed_window = present_window + 1;
// Entry cohorts (entry_cohort_names), counted when a person's 52 weeks after entry end: people, then their weeks
// sleeping rough, housed and in prison in those weeks, and their A&E attendances
inline constexpr std::size_t entry_people = housed_window + 1;  // 3
inline constexpr std::size_t entry_rough_sleeping = entry_people + 3;  // 3
inline constexpr std::size_t entry_housed = entry_rough_sleeping + 3;  // 3
inline constexpr std::size_t entry_in_prison = entry_housed + 3;  // 3
inline constexpr std::size_t entry_ae_attendances = entry_in_prison + 3;  // 3
inline constexpr std::size_t count = entry_ae_attendances + 3;
}  // namespace tally

/// Where a person lived in the week of their release: their housing, or transitional accommodation on release.
inline const std::vector<std::string> release_housing_names = {"settled",   "rough_sleeping", "temporary",
                                                               "supported", "housing_first",  "transitional"};
inline constexpr std::size_t release_housing_transitional = housing_count;

/// The entry cohorts: people from the first week they are on the Housing First list or in a Housing First tenancy,
/// with an MTAM worker, or with a navigator.
inline const std::vector<std::string> entry_cohort_names = {"housing_first", "mtam", "navigator"};

/// The recorder's pass counts whole people (and their weeks and attendances): integers, which add exactly in any
/// order and, unlike doubles, with no floating-point latency between one person's additions and the next's.
using PeopleCounts = std::array<std::uint32_t, tally::count>;
/// Tallies by cost cell (cost_cells.hpp), then group.
using CellCounts = std::array<std::array<PeopleCounts, group_count>, cost_cell_count>;

/// One group's week: people at the end of it, events during it.
struct GroupWeek {
  std::array<double, tally::count> people{};
  std::array<double, event_count> events{};
  double engagement = 0;  ///< sum of engagement over the people alive
};

using GroupWeeks = std::array<GroupWeek, group_count>;

}  // namespace revolve::revolving_door

#pragma once
// Costs of a week by payer and priority group (docs/model/design.md, 'Costs and outputs'): unit costs per event and
// per person-week in a state, rent with who pays it, and each intervention's own cost (interventions/), which the
// recorder adds to its payer's. The same costs by cost cell (cost_cells.hpp) give the costs by housing state and of
// people in their first year in the cohort. GBP at 2023/24 prices; discounting is applied by the recorder.
#include <array>
#include <span>
#include <string>
#include <vector>

#include "models/revolving_door/cost_cells.hpp"
#include "models/revolving_door/parameters.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

/// Who pays. Homelessness services (hostels and temporary accommodation, outreach, supported accommodation,
/// Housing First support) are apart from the council's statutory housing work and rent top-ups, and drug and
/// alcohol treatment (the public health grant) is apart from social care. Rent is paid by housing benefit or the
/// Universal Credit housing element (DWP), the tenant and the council (discretionary housing payments).
enum class Payer : std::uint8_t {
  nhs,
  la_housing,
  la_homelessness,
  la_social_care,
  la_public_health,
  police,
  prisons_probation,
  courts,
  dwp,
  tenants,
  voluntary
};
inline constexpr std::size_t payer_count = 11;
inline const std::vector<std::string> payer_names = {
    "nhs",    "la_housing", "la_homelessness", "la_social_care", "la_public_health", "police", "prisons_probation",
    "courts", "dwp",        "tenants",         "voluntary"};

using PayerCosts = std::array<double, payer_count>;

/// Each group's share of a cost that belongs to no one person (posts, procurement), in proportion to
/// the tally at `weight_tally` (to the people alive when it is 0 in every group).
std::array<double, group_count> shares(const GroupWeeks& groups, std::size_t weight_tally);

/// Costs of services, events, weeks in states and rent for one group's (or cell's) week, by payer [GBP].
PayerCosts service_costs(const CostParameters& c, const GroupWeek& g);

/// A week's costs by cost cell: the recorder tallies each person into their cell and group, then this class
/// gives the groups' tallies, and each cell's costs with the interventions' costs shared among the cells.
class CellWeeks {
 public:
  /// One intervention's cost this week: its payer, the tally its cost follows, and its cost by group [GBP].
  struct InterventionCost {
    Payer payer;
    std::size_t weight_tally;
    const std::array<double, group_count>* by_group;
  };

  /// Starts the recorder's pass with these tallies in every cell.
  void start(const CellCounts& counts) { people_ = counts; }
  /// Where the recorder tallies a person of `group` whose week is costed in `cell`.
  PeopleCounts& at(std::uint8_t cell, std::uint8_t group) { return people_[cell][group]; }
  /// Every cell's tallies, for the recorder's pass to add to.
  CellCounts& people() { return people_; }
  /// Each group's people tallies, summed over the cells (events and engagement are not touched), and each cell's,
  /// summed over the groups, for cost(): one pass over the tallies for both.
  void sum_groups(GroupWeeks& groups);
  /// Each cell's costed events, service costs and share of the interventions' costs, after sum_groups.
  void cost(const abm::Run& run, const EventCounters& events, const CostParameters& c,
            std::span<const InterventionCost> interventions);

  /// Cost of the week by the people's place at its start (index: place, then payer; payer_count for all) [GBP].
  double by_place(std::size_t place, std::size_t payer) const;
  /// Cost of the week of people in their first year, by where they were at entry [GBP].
  double at_entry(std::size_t place, std::size_t payer) const;
  /// Person-weeks by place at the start of the week, and of people in their first year by place at entry.
  double weeks_by_place(std::size_t place) const;
  double weeks_at_entry(std::size_t place) const;

 private:
  CellCounts people_{};
  std::array<GroupWeek, cost_cell_count> cells_{};       // summed over groups, with the costed events
  std::array<PayerCosts, cost_cell_count> cell_costs_{};  // [GBP]

  void share_intervention(const InterventionCost& cost);
  static double with_total(const PayerCosts& costs, std::size_t payer);
};

}  // namespace revolve::revolving_door

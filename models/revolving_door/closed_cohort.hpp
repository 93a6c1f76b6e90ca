#pragma once
// A closed cohort chosen by a scenario (io::CohortSetting, docs/scenarios.md 'A closed cohort'): the columns whose
// starting states a scenario may choose, and the draw of each person's chosen states. The cohort module draws every
// other attribute and state as it does for its own cohort, and makes them consistent with the chosen ones.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/io/scenario.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {

/// A person's chosen starting states, as category codes; not_chosen where the scenario leaves a column to the model.
struct ChosenStates {
  static constexpr std::uint8_t not_chosen = 0xff;
  std::uint8_t group = not_chosen, need = not_chosen, housing = not_chosen, justice = not_chosen,
               mental_health = not_chosen, substance = not_chosen;
};

class ClosedCohort {
 public:
  /// The columns a closed cohort may choose, with the states each may start in (for io::ScenarioSchema). A start on
  /// recall is not offered: the model starts no one recalled.
  static std::map<std::string, std::vector<std::string>> columns();

  /// From a validated setting (names known, shares summing to 1).
  explicit ClosedCohort(const io::CohortSetting& setting);

  /// Person p's chosen states in run `run`, from the stream "init.closed_cohort" keyed by the person's id alone, so
  /// that a person starts the same in every scenario with the same cohort.
  ChosenStates draw(const random::Stream& stream, std::uint32_t run, std::uint32_t p) const;

 private:
  static constexpr std::size_t column_count = 6;  // group, need, housing, justice, mental_health, substance
  /// Per column, the cumulative share of each category in code order; empty when not chosen.
  std::array<std::vector<double>, column_count> cumulative_;
};

}  // namespace revolve::revolving_door

#pragma once
// The phases of one step, in order, written once, here.
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace revolve {

/// The phases of one step. Their order is step_phases.
enum class Phase : std::uint8_t {
  advance_clock,      ///< the clock moves to the new step; scheduled changes apply (intervention levels)
  system_to_people,   ///< couplers pass this week's capacities and staffing from the stock-flow model
  scheduled_events,   ///< events whose time has come: releases, ends of stays
  interventions,      ///< offers, referrals, changes to hazards
  transitions,        ///< hazard-driven transitions (competing risks)
  exits_and_entries,  ///< deaths and leaving the area; new people arrive
  people_to_system,   ///< couplers pass the step's aggregated counts and flows to the stock-flow model
  integrate_system,   ///< the stock-flow model advances over the step
  record,             ///< analyzers and outputs record the end of the step
};

/// The order of the phases in every step: the single definition the step loop follows. The system
/// speaks to the people before scheduled events, because releases from prison already need this week's
/// free places.
inline constexpr std::array step_phases = {
    Phase::advance_clock,     Phase::system_to_people,  Phase::scheduled_events,
    Phase::interventions,     Phase::transitions,       Phase::exits_and_entries,
    Phase::people_to_system,  Phase::integrate_system,  Phase::record,
};

/// Position of a phase in step_phases.
constexpr std::size_t phase_order(Phase phase) {
  for (std::size_t i = 0; i < step_phases.size(); ++i) {
    if (step_phases[i] == phase) return i;
  }
  return step_phases.size();
}

constexpr std::string_view to_string(Phase phase) {
  switch (phase) {
    case Phase::advance_clock: return "advance_clock";
    case Phase::system_to_people: return "system_to_people";
    case Phase::scheduled_events: return "scheduled_events";
    case Phase::interventions: return "interventions";
    case Phase::transitions: return "transitions";
    case Phase::exits_and_entries: return "exits_and_entries";
    case Phase::people_to_system: return "people_to_system";
    case Phase::integrate_system: return "integrate_system";
    case Phase::record: return "record";
  }
  return "unknown";
}

/// A set of phases, e.g. {Phase::transitions, Phase::record}.
class PhaseSet {
 public:
  constexpr PhaseSet() = default;
  constexpr PhaseSet(std::initializer_list<Phase> phases) {
    for (Phase p : phases) bits_ |= bit(p);
  }
  constexpr bool contains(Phase phase) const { return (bits_ & bit(phase)) != 0; }

 private:
  static constexpr std::uint16_t bit(Phase phase) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(phase)); }
  std::uint16_t bits_ = 0;
};

}  // namespace revolve

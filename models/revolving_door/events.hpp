#pragma once
// The events counted each week (docs/model/design.md, 'Events counted each week'), each by priority group. The
// counters are named "events.<event>[<group>]"; the whole-cohort total is their sum, taken when recording.
#include <array>
#include <cstdint>
#include <string>

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/cost_cells.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

enum class Event : std::uint8_t {
  ae_attendance,
  ambulance_callout,
  emergency_admission,
  emergency_bed_days,
  mh_crisis,
  mh_admission,
  s136_detention,
  arrest,
  court_case,
  custody_entry,
  recall,
  recall_breach,
  recall_further_charge,
  release,
  release_home,
  release_rough_sleeping,
  release_temporary,
  release_supported,
  release_transitional,
  eviction,
  worker_change,
  housing_first_offer,
  housing_first_start,
  housing_first_check_1y,
  housing_first_sustained_1y,
  housing_first_check_3y,
  housing_first_sustained_3y,
  mtam_referral,
  navigator_referral,
  coordinator_episode_end,
  coordinator_episode_positive,
  coordinator_episode_weeks,
  death,
  moved_away,
  positive_exit,
  arrival,
  ae_attendance_homeless,
  emergency_bed_days_homeless,
  death_homeless,
  age_at_death_weeks_homeless,
  death_starting_cohort_6y,
  release_short_sentence,
  rearrest_within_year,
  custody_entry_minority_ethnic,
  count
};

inline constexpr std::size_t event_count = static_cast<std::size_t>(Event::count);

/// What an event counter holds: its name after "events." and its unit.
struct EventInfo {
  const char* name;
  const char* unit;
  const char* meaning;
};

/// One row per Event, in enum order.
const std::array<EventInfo, event_count>& event_info();

/// The events that carry a cost (costs.cpp), also counted by cost cell (cost_cells.hpp) as
/// "cost_events.<event>[<cell>]", in slot order.
inline constexpr std::array<Event, 9> costed_events = {
    Event::ae_attendance, Event::ambulance_callout, Event::emergency_admission, Event::mh_crisis, Event::mh_admission,
    Event::s136_detention, Event::arrest, Event::court_case, Event::eviction};

/// The slot of an event in costed_events, or -1.
constexpr int costed_slot(Event e) {
  for (std::size_t i = 0; i < costed_events.size(); ++i)
    if (costed_events[i] == e) return static_cast<int>(i);
  return -1;
}

/// The counters of every (event, group), and of every (costed event, cost cell), resolved once.
class EventCounters {
 public:
  /// Adds the counters to a run (Module::declare; one module declares them).
  void declare(abm::Run& run);
  /// The counters of a run whose modules declared them (Module::init).
  static EventCounters resolve(const abm::Run& run);

  abm::Counter operator()(Event event, std::uint8_t group) const {
    return counters_[static_cast<std::size_t>(event)][group];
  }
  /// The counter of a costed event (its slot in costed_events) in a cost cell.
  abm::Counter in_cell(std::size_t slot, std::uint8_t cell) const { return cells_[slot][cell]; }

  /// Counts an event of a person of `group` whose week is costed in `cell`: by group, and by cell if it is costed.
  void count(abm::BlockCounts& counts, Event event, std::uint8_t group, std::uint8_t cell, std::int64_t n = 1) const {
    counts.add(counters_[static_cast<std::size_t>(event)][group], n);
    const int slot = slots_[static_cast<std::size_t>(event)];
    if (slot >= 0) counts.add(cells_[static_cast<std::size_t>(slot)][cell], n);
  }

 private:
  std::array<std::array<abm::Counter, group_count>, event_count> counters_{};
  std::array<std::array<abm::Counter, cost_cell_count>, costed_events.size()> cells_{};
  static constexpr std::array<int, event_count> slots_ = [] {
    std::array<int, event_count> s{};
    for (std::size_t e = 0; e < event_count; ++e) s[e] = costed_slot(static_cast<Event>(e));
    return s;
  }();
};

}  // namespace revolve::revolving_door

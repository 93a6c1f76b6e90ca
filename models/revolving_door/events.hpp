#pragma once
// The events counted each week (docs/model/design.md, 'Events counted each week'), each by priority group. The
// counters are named "events.<event>[<group>]"; the whole-cohort total is their sum, taken when recording.
#include <array>
#include <cstdint>
#include <string>

#include "models/revolving_door/categories.hpp"
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

/// The counters of every (event, group), resolved once.
class EventCounters {
 public:
  /// Adds the counters to a run (Module::declare; one module declares them).
  void declare(abm::Run& run);
  /// The counters of a run whose modules declared them (Module::init).
  static EventCounters resolve(const abm::Run& run);

  abm::Counter operator()(Event event, std::uint8_t group) const {
    return counters_[static_cast<std::size_t>(event)][group];
  }

 private:
  std::array<std::array<abm::Counter, group_count>, event_count> counters_{};
};

}  // namespace revolve::revolving_door

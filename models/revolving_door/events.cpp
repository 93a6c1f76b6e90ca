#include "models/revolving_door/events.hpp"

#include "sim/core/error.hpp"

namespace revolve::revolving_door {

const std::array<EventInfo, event_count>& event_info() {
  static const std::array<EventInfo, event_count> info = {{
      {"ae_attendance", "attendances", "A&E attendances (outside crises and at the start of a crisis)"},
      {"ambulance_callout", "call-outs", "attendances that came by ambulance"},
      {"emergency_admission", "admissions", "emergency (physical-health) admissions from A&E"},
      {"emergency_bed_days", "bed days", "bed days of those admissions"},
      {"mh_crisis", "crises", "mental-health crises starting"},
      {"mh_admission", "admissions", "mental-health inpatient admissions at the start of a crisis"},
      {"s136_detention", "detentions", "section 136 detentions at the start of a crisis"},
      {"arrest", "arrests", "arrests"},
      {"court_case", "cases", "arrests ending in custody or a community order"},
      {"custody_entry", "entries", "entries to prison: a custodial sentence or a recall"},
      {"recall", "recalls", "recalls to prison from licence"},
      {"recall_breach", "recalls", "recalls for breaking licence conditions (non-compliance, no further charge)"},
      {"recall_further_charge", "recalls", "recalls after an arrest on licence"},
      {"release", "releases", "releases from custody or recall"},
      {"release_home", "releases", "releases to the home the person kept"},
      {"release_rough_sleeping", "releases", "releases to the street (no fixed abode)"},
      {"release_temporary", "releases", "releases to emergency or temporary accommodation"},
      {"release_supported", "releases", "releases to supported accommodation or approved premises"},
      {"release_transitional", "releases", "releases to transitional accommodation (accommodation on release)"},
      {"eviction", "evictions", "tenancies or placements lost, exclusions from hostels included"},
      {"worker_change", "changes", "people whose worker left (relationships broken)"},
      {"housing_first_offer", "offers", "Housing First offers"},
      {"housing_first_start", "tenancies", "Housing First tenancies started (offers accepted)"},
      {"housing_first_check_1y", "tenancies",
       "Housing First starts reaching one year with the person alive in the area"},
      {"housing_first_sustained_1y", "tenancies", "of those, still in the Housing First tenancy"},
      {"housing_first_check_3y", "tenancies",
       "Housing First starts reaching three years with the person alive in the area"},
      {"housing_first_sustained_3y", "tenancies", "of those, still in the Housing First tenancy"},
      {"mtam_referral", "referrals", "people taken on by an MTAM lead coordinator"},
      {"navigator_referral", "referrals", "people referred to a navigator (engaged or not)"},
      {"coordinator_episode_end", "episodes", "MTAM or navigator episodes ended (closed cases)"},
      {"coordinator_episode_positive", "episodes",
       "closed cases ending with the person stable (positive exit conditions) or by a positive exit"},
      {"coordinator_episode_weeks", "weeks", "length of the closed cases"},
      {"death", "deaths", "deaths"},
      {"moved_away", "people", "people leaving the area"},
      {"positive_exit", "people", "sustained positive exits from multiple disadvantage"},
      {"arrival", "people", "people joining the cohort"},
      {"ae_attendance_homeless", "attendances", "A&E attendances while sleeping rough or in temporary accommodation"},
      {"emergency_bed_days_homeless", "bed days", "emergency bed days of admissions while homeless"},
      {"death_homeless", "deaths", "deaths while sleeping rough or in temporary accommodation"},
      {"age_at_death_weeks_homeless", "weeks", "sum of the ages at death of those deaths"},
      {"death_starting_cohort_6y", "deaths", "deaths of the starting cohort within 313 weeks of the start"},
      {"release_short_sentence", "releases", "releases from custody on a sentence under 12 months"},
      {"rearrest_within_year", "people", "of those, arrested again within 52 weeks"},
      {"custody_entry_minority_ethnic", "entries", "prison entries of people from minority-ethnic communities"},
  }};
  return info;
}

namespace {

std::string counter_name(std::size_t event, std::size_t group) {
  return std::string("events.") + event_info()[event].name + "[" + group_names[group] + "]";
}

std::string cell_counter_name(std::size_t slot, std::size_t cell) {
  static const std::vector<std::string> cells = cost_cell_names();
  return std::string("cost_events.") + event_info()[static_cast<std::size_t>(costed_events[slot])].name + "[" +
         cells[cell] + "]";
}

}  // namespace

void EventCounters::declare(abm::Run& run) {
  for (std::size_t e = 0; e < event_count; ++e) {
    for (std::size_t g = 0; g < group_count; ++g) counters_[e][g] = run.counters().add(counter_name(e, g));
  }
  for (std::size_t s = 0; s < costed_events.size(); ++s) {
    for (std::size_t c = 0; c < cost_cell_count; ++c) cells_[s][c] = run.counters().add(cell_counter_name(s, c));
  }
}

EventCounters EventCounters::resolve(const abm::Run& run) {
  // declare() adds every counter in one stretch, in this order: the first and the last found by name, the rest lie
  // between them (each of the model's modules resolves them at init, and there are thousands).
  const std::uint32_t first = run.counters().find(counter_name(0, 0)).index;
  const std::uint32_t last =
      run.counters().find(cell_counter_name(costed_events.size() - 1, cost_cell_count - 1)).index;
  const std::size_t count = event_count * group_count + costed_events.size() * cost_cell_count;
  if (last < first || last - first + 1 != count) {
    throw Error("the event counters are not in the order EventCounters::declare adds them");
  }
  EventCounters c;
  std::uint32_t next = first;
  for (auto& by_group : c.counters_) {
    for (abm::Counter& counter : by_group) counter = {next++};
  }
  for (auto& by_cell : c.cells_) {
    for (abm::Counter& counter : by_cell) counter = {next++};
  }
  return c;
}

}  // namespace revolve::revolving_door

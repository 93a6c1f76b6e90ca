#include "models/revolving_door/interventions/housing_first.hpp"

#include <algorithm>
#include <cmath>

#include "models/revolving_door/episodes.hpp"
#include "models/revolving_door/housing_moves.hpp"

namespace revolve::revolving_door {

double housing_first_workload(const PeopleView& v, abm::PersonId p, std::uint32_t step, double new_client_workload) {
  const std::int32_t start = v.t_housing_first_start[p];
  const double weeks = start == abm::no_event ? weeks_per_year : static_cast<double>(step) - start;
  return 1.0 + (new_client_workload - 1.0) * std::max(0.0, 1.0 - weeks / weeks_per_year);
}

void HousingFirst::init(abm::Run& run) { waiting_.reserve(run.population().size()); }

void HousingFirst::step(Phase phase, abm::Run& run) {
  InterventionWeek& week = state_->week.interventions;
  if (phase == Phase::advance_clock) {
    const double level = state_->setup->schedule(Intervention::housing_first).level(state_->week.years);
    week.level[code(Intervention::housing_first)] = level;
    week.housing_first_added_places = state_->parameters().housing_first.added_places * level;
    week.ceiling[code(Service::housing_first)] = 1.0;
    return;
  }
  const PeopleView v = state_->view(run);
  make_offers(run, v, update_waiting_list(run, v));
}

std::int64_t HousingFirst::update_waiting_list(abm::Run& run, const PeopleView& v) {
  const HousingFirstParameters& hf = state_->parameters().housing_first;
  const std::uint32_t step = run.clock().step(), run_number = run.key().run;
  const random::Stream dropout = run.stream("housing_first.dropout");
  const double dropout_probability = params::rate_to_probability(hf.waiting_dropout, 1.0);
  double tenancies = 0, workload = 0;
  waiting_.clear();
  for (abm::PersonId p = 0; p < v.size; ++p) {
    if (!v.alive[p]) continue;
    tenancies += v.housing[p] == code(Housing::housing_first);
    if (v.support[p] == code(Support::housing_first))
      workload += housing_first_workload(v, p, step, hf.new_client_workload);
    if (v.in_prison(p) || v.mental_health[p] == code(Mental::inpatient)) continue;
    const bool eligible = homeless(v.housing[p]) && !v.housing_first_off[p] &&
                          (v.group[p] == code(Group::chronic_homeless) || v.need[p] == code(Need::high));
    const bool on_list = v.waiting_for[p] == code(WaitingFor::housing_first);
    if (on_list && !eligible) {
      v.waiting_for[p] = code(WaitingFor::nothing);
    } else if (on_list && dropout.uniform(run_number, p, step) < dropout_probability) {
      v.waiting_for[p] = code(WaitingFor::nothing);
      v.housing_first_off[p] = 1;
    } else if (eligible) {
      v.waiting_for[p] = code(WaitingFor::housing_first);
      waiting_.push_back(p);
    }
  }
  const ServiceWeek& s = state_->week.services;
  const double free_places = s.housing_first_places_ready - tenancies;
  const double free_slots =
      s.staff[code(Service::housing_first)] * hf.caseload * s.capacity_factor_housing_first - workload;
  return static_cast<std::int64_t>(std::floor(std::max(0.0, std::min(free_places, free_slots))));
}

void HousingFirst::make_offers(abm::Run& run, const PeopleView& v, std::int64_t offers) {
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(offers), waiting_.size());
  if (n == 0) return;
  // The longest homeless first; ties by id, so the order never depends on the pass.
  const auto longest_homeless = [&](abm::PersonId a, abm::PersonId b) {
    return v.weeks_homeless[a] > v.weeks_homeless[b] || (v.weeks_homeless[a] == v.weeks_homeless[b] && a < b);
  };
  std::partial_sort(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(n), waiting_.end(),
                    longest_homeless);
  const std::uint32_t step = run.clock().step();
  const random::Stream accept = run.stream("housing_first.accept");
  const EventCounters& events = state_->events;
  SerialCounts serial(run);
  abm::BlockCounts& counts = serial.counts();
  for (std::size_t i = 0; i < n; ++i) {
    const abm::PersonId p = waiting_[i];
    counts.add(events(Event::housing_first_offer, v.group[p]));
    v.waiting_for[p] = code(WaitingFor::nothing);
    if (!(accept.uniform(run.key().run, p, step) < state_->parameters().housing_first.offer_acceptance)) {
      v.housing_first_off[p] = 1;  // declined: not offered again in this homelessness spell
      continue;
    }
    counts.add(events(Event::housing_first_start, v.group[p]));
    close_coordinator_episode(v, p, step, false, events, counts);
    start_support(v, p, Support::housing_first);
    move_housing(v, p, Housing::housing_first, step);
    v.t_housing_first_start[p] = static_cast<std::int32_t>(step);
  }
}

}  // namespace revolve::revolving_door

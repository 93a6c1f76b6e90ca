#include "models/revolving_door/interventions/mtam.hpp"

#include <algorithm>
#include <cmath>

#include "models/revolving_door/episodes.hpp"
#include "models/revolving_door/housing_moves.hpp"

namespace revolve::revolving_door {

void Mtam::init(abm::Run& run) { candidates_.reserve(run.population().size()); }

void Mtam::step(Phase phase, abm::Run& run) {
  if (phase == Phase::advance_clock) {
    set_week();
    return;
  }
  // Closed and closed last week too: no clients, nothing to do.
  const bool running = state_->week.interventions.level[code(Intervention::mtam)] > 0.0;
  if (running || running_) refer(run, state_->view(run));
  running_ = running;
}

void Mtam::set_week() {
  const Parameters& P = state_->parameters();
  const MtamParameters& m = P.mtam;
  const InterventionSchedule& schedule = state_->setup->schedule(Intervention::mtam);
  InterventionWeek& week = state_->week.interventions;
  const double level = schedule.level(state_->week.years);
  const double running = schedule.years_running(state_->week.years).value_or(0.0);  // [years]
  const double coverage = running < 1.0 ? m.coverage_year1 : running < 2.0 ? m.coverage_year2 : m.coverage_year3;
  week.level[code(Intervention::mtam)] = level;
  week.mtam_coverage_target = coverage * level;

  const double maturity = revolving_door::maturity(running * weeks_per_year, P.workforce.team_maturity_time,
                                                   P.workforce.maturity_start_effect);
  CoordinatorEffects& e = week.mtam;
  e.treatment_entry = mature_effect(m.treatment_entry_multiplier, maturity);
  e.dual_diagnosis = std::pow(P.modifier.dual_diagnosis_on_treatment_entry, 1.0 - m.dual_diagnosis_relief * maturity);
  e.crisis_to_treatment =
      P.mental_health.crisis_to_treatment + (m.crisis_to_treatment - P.mental_health.crisis_to_treatment) * maturity;
  e.crisis_end = 1.0 / mature_effect(m.crisis_duration_multiplier, maturity);
  e.tenancy_loss = mature_effect(m.tenancy_loss_multiplier, maturity);
  e.breach = mature_effect(m.breach_multiplier, maturity);
  e.ae = 1.0;
  const double usual = P.engagement.ceiling_usual;
  week.ceiling[code(Service::mtam)] = usual + (1.0 - usual) * maturity;
}

void Mtam::refer(abm::Run& run, const PeopleView& v) {
  const std::uint32_t step = run.clock().step();
  const InterventionWeek& week = state_->week.interventions;
  SerialCounts serial(run);
  double clients = 0;
  for (abm::PersonId p = 0; p < v.size; ++p) {
    if (!v.alive[p] || v.support[p] != code(Support::mtam)) continue;
    if (week.level[code(Intervention::mtam)] <= 0.0) {  // the service has closed: back to usual services
      close_coordinator_episode(v, p, step, false, state_->events, serial.counts());
      start_support(v, p, Support::usual);
    } else {
      clients += 1;
    }
  }
  const double capacity = std::min(
      week.mtam_coverage_target, state_->week.services.staff[code(Service::mtam)] * state_->parameters().mtam.caseload);
  const auto free = static_cast<std::int64_t>(std::floor(capacity - clients));
  if (free <= 0) return;

  candidates_.clear();
  for (abm::PersonId p = 0; p < v.size; ++p) {
    const std::uint8_t s = v.support[p];
    if (v.alive[p] && !v.in_prison(p) &&
        (s == code(Support::none) || s == code(Support::usual) || s == code(Support::navigator))) {
      candidates_.push_back(p);
    }
  }
  // Priority groups first, then the most evictions, recalls and crises; ties by id.
  const auto priority = [&](abm::PersonId a, abm::PersonId b) {
    const bool ga = v.group[a] != code(Group::wider), gb = v.group[b] != code(Group::wider);
    if (ga != gb) return ga;
    const double ha = v.evictions[a] + v.recalls[a] + v.crises[a], hb = v.evictions[b] + v.recalls[b] + v.crises[b];
    return ha > hb || (ha == hb && a < b);
  };
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(free), candidates_.size());
  std::partial_sort(candidates_.begin(), candidates_.begin() + static_cast<std::ptrdiff_t>(n), candidates_.end(),
                    priority);
  for (std::size_t i = 0; i < n; ++i) {
    const abm::PersonId p = candidates_[i];
    serial.counts().add(state_->events(Event::mtam_referral, v.group[p]));
    close_coordinator_episode(v, p, step, false, state_->events, serial.counts());
    start_support(v, p, Support::mtam);
    v.t_coordinator_start[p] = static_cast<std::int32_t>(step);
  }
}

}  // namespace revolve::revolving_door

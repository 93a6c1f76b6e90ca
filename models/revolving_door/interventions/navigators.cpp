#include "models/revolving_door/interventions/navigators.hpp"

#include <algorithm>
#include <cmath>

#include "models/revolving_door/episodes.hpp"
#include "models/revolving_door/housing_moves.hpp"

namespace revolve::revolving_door {

void Navigators::init(abm::Run& run) { candidates_.reserve(run.population().size()); }

void Navigators::step(Phase phase, abm::Run& run) {
  if (phase == Phase::advance_clock) {
    set_week();
    return;
  }
  // Closed and closed last week too: no clients, nothing to do.
  const bool running = state_->week.interventions.level[code(Intervention::navigators)] > 0.0;
  if (running || running_) refer(run, state_->view(run));
  running_ = running;
}

void Navigators::set_week() {
  const Parameters& P = state_->parameters();
  const NavigatorParameters& n = P.navigator;
  const InterventionSchedule& schedule = state_->setup->schedule(Intervention::navigators);
  InterventionWeek& week = state_->week.interventions;
  const double level = schedule.level(state_->week.years);
  const double running = schedule.years_running(state_->week.years).value_or(0.0) * weeks_per_year;  // [weeks]
  week.level[code(Intervention::navigators)] = level;
  week.navigator_posts = n.staff * level;
  week.navigator_referrals_open = level > 0.0 && running >= n.setup_time;

  // Each time the workers' fixed-term contracts run out, some of them leave.
  const auto round = static_cast<std::int64_t>(std::floor(running / n.worker_contract));
  week.navigator_staff_loss = level > 0.0 && round > contract_round_ ? n.contract_end_leaving : 0.0;
  contract_round_ = level > 0.0 ? round : 0;

  const double maturity =
      revolving_door::maturity(running, P.workforce.team_maturity_time, P.workforce.maturity_start_effect);
  week.navigator = CoordinatorEffects{};
  week.navigator.crisis_to_treatment = P.mental_health.crisis_to_treatment;
  week.navigator.ae = mature_effect(n.ae_multiplier, maturity);
  const double usual = P.engagement.ceiling_usual;
  week.ceiling[code(Service::navigator)] = usual + (1.0 - usual) * maturity;
}

void Navigators::refer(abm::Run& run, const PeopleView& v) {
  const NavigatorParameters& n = state_->parameters().navigator;
  const InterventionWeek& week = state_->week.interventions;
  const std::uint32_t step = run.clock().step();
  SerialCounts serial(run);
  double clients = 0;
  candidates_.clear();
  for (abm::PersonId p = 0; p < v.size; ++p) {
    if (!v.alive[p]) continue;
    if (v.navigator_declined[p] && v.ae_past_year[p] < n.referral_threshold) v.navigator_declined[p] = 0;
    const std::uint8_t s = v.support[p];
    if (s == code(Support::navigator)) {
      if (week.level[code(Intervention::navigators)] <= 0.0) {  // the service has closed
        close_coordinator_episode(v, p, step, false, state_->events, serial.counts());
        start_support(v, p, Support::usual);
      } else {
        clients += 1;
      }
    } else if ((s == code(Support::none) || s == code(Support::usual)) && !v.in_prison(p) &&
               v.mental_health[p] != code(Mental::inpatient) && !v.navigator_declined[p] &&
               v.ae_past_year[p] >= n.referral_threshold) {
      candidates_.push_back(p);
    }
  }
  if (!week.navigator_referrals_open) return;
  const auto free = static_cast<std::int64_t>(
      std::floor(state_->week.services.staff[code(Service::navigator)] * n.caseload - clients));
  const auto count =
      std::min<std::size_t>(static_cast<std::size_t>(std::max<std::int64_t>(0, free)), candidates_.size());
  if (count == 0) return;
  const auto most_attendances = [&](abm::PersonId a, abm::PersonId b) {
    return v.ae_past_year[a] > v.ae_past_year[b] || (v.ae_past_year[a] == v.ae_past_year[b] && a < b);
  };
  std::partial_sort(candidates_.begin(), candidates_.begin() + static_cast<std::ptrdiff_t>(count), candidates_.end(),
                    most_attendances);
  const random::Stream engage = run.stream("navigator.engage");
  for (std::size_t i = 0; i < count; ++i) {
    const abm::PersonId p = candidates_[i];
    serial.counts().add(state_->events(Event::navigator_referral, v.group[p]));
    if (!(engage.uniform(run.key().run, p, step) < n.engagement_probability)) {
      v.navigator_declined[p] = 1;  // the referral closes
      continue;
    }
    start_support(v, p, Support::navigator);
    v.t_coordinator_start[p] = static_cast<std::int32_t>(step);
  }
}

}  // namespace revolve::revolving_door

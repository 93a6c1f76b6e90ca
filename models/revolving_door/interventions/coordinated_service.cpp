#include "models/revolving_door/interventions/coordinated_service.hpp"

#include <cmath>

#include "models/revolving_door/episodes.hpp"

namespace revolve::revolving_door {

CoordinatedService::CoordinatedService(std::shared_ptr<const ModelSetup> setup, std::string name, Support support,
                                       Service service)
    : CapacityReferral(std::move(setup), std::move(name)), support_(support), service_(service) {}

void CoordinatedService::declare(abm::Run& run) {
  CapacityReferral::declare(run);
  const std::string service = service_names[code(service_)];
  staff_ = run.signals().read("system.staff[" + service + "]", Phase::interventions);
  run.signals().read("system.staff[" + service + "]", Phase::record);  // costs
  ceiling_ = run.signals().write("support.ceiling[" + service + "]", Phase::advance_clock);
  programme_level_ = run.signals().write("system.programme level[" + service + "]", Phase::advance_clock);
  learning_ = run.signals().read("system.provider learning", Phase::interventions);
}

void CoordinatedService::step(Phase phase, abm::Run& run) {
  // Read after the system is refreshed; the effects published next week use it (a week's lag).
  if (phase == Phase::interventions) learning_seen_ = run.signals().value(learning_);
  CapacityReferral::step(phase, run);
}

void CoordinatedService::set_week(abm::Run& run) {
  const Parameters& P = parameters();
  level_ = level(run);
  strength_ = 1.0 + P.commissioning.learning_effect_gain * learning_seen_;
  run.signals().set(programme_level_, level_);
  const double running = years_running(run);
  const double maturity =
      revolving_door::maturity(running * weeks_per_year, P.workforce.team_maturity_time, P.workforce.maturity_start_effect);
  const double usual = P.engagement.ceiling_usual;
  run.signals().set(ceiling_, usual + (1.0 - usual) * maturity);
  publish(run, level_, running, maturity);
}

bool CoordinatedService::refers_this_week() {
  // Closed and closed last week too: no clients, nothing to do.
  const bool running = level_ > 0.0;
  const bool refers = running || running_;
  running_ = running;
  return refers;
}

void CoordinatedService::hand_back(const ReferralWeek& week, abm::PersonId p) {
  close_coordinator_episode(week.people, p, week.step, false, events(), week.counts);
  start_support(week.people, p, Support::usual);
}

std::int64_t CoordinatedService::room(const ReferralWeek& week) const {
  return static_cast<std::int64_t>(std::floor(capacity(week.run) - clients_));
}

void CoordinatedService::take_on(const ReferralWeek& week, abm::PersonId p) {
  close_coordinator_episode(week.people, p, week.step, false, events(), week.counts);
  start_support(week.people, p, support_);
  week.people.t_coordinator_start[p] = static_cast<std::int32_t>(week.step);
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/costs.hpp"

namespace revolve::revolving_door {
namespace {

double people(const GroupWeek& g, std::size_t t) { return g.people[t]; }
double events(const GroupWeek& g, Event e) { return g.events[static_cast<std::size_t>(e)]; }

/// Each group's share of `total` in proportion to `weights` (to the people alive when they are all 0).
std::array<double, group_count> shares(const GroupWeeks& groups, std::size_t weight_tally) {
  std::array<double, group_count> s{};
  double total = 0;
  for (const auto& g : groups) total += people(g, weight_tally);
  const std::size_t by = total > 0 ? weight_tally : tally::alive;
  if (total <= 0) {
    for (const auto& g : groups) total += people(g, tally::alive);
  }
  for (std::size_t i = 0; i < group_count; ++i) s[i] = total > 0 ? people(groups[i], by) / total : 0.0;
  return s;
}

/// Costs of services, events and weeks in states, for one group [GBP].
std::array<double, payer_count> service_costs(const CostParameters& c, const GroupWeek& g) {
  std::array<double, payer_count> cost{};
  const auto at = [&](Payer payer) -> double& { return cost[static_cast<std::size_t>(payer)]; };
  const auto in = [&](std::size_t block, auto category) { return people(g, block + code(category)); };
  at(Payer::nhs) = events(g, Event::ae_attendance) * c.nhs_ae_attendance +
                   events(g, Event::ambulance_callout) * c.nhs_ambulance_callout +
                   events(g, Event::emergency_admission) * c.nhs_emergency_admission +
                   (events(g, Event::mh_crisis) - events(g, Event::mh_admission)) * c.nhs_crisis_response +
                   events(g, Event::s136_detention) * c.nhs_s136_assessment +
                   in(tally::mental, Mental::inpatient) * c.nhs_mh_inpatient_stay +
                   in(tally::mental, Mental::treatment) * c.nhs_mh_community_treatment;
  at(Payer::la_housing) = events(g, Event::eviction) * c.la_housing_homelessness_casework +
                          in(tally::housing, Housing::temporary) * c.la_housing_temporary_accommodation +
                          (in(tally::housing, Housing::supported) - people(g, tally::in_transition)) *
                              c.la_housing_supported_accommodation +
                          in(tally::housing, Housing::rough_sleeping) * c.la_housing_outreach;
  at(Payer::la_social_care) = in(tally::substance, Substance::treatment) * c.la_social_care_substance_treatment;
  at(Payer::police) =
      events(g, Event::arrest) * c.police_arrest + events(g, Event::s136_detention) * c.police_s136_detention;
  at(Payer::prisons_probation) = people(g, tally::in_prison) * c.prisons_probation_custody +
                                 (in(tally::justice, Justice::licence) + in(tally::justice, Justice::community_order)) *
                                     c.prisons_probation_supervision;
  at(Payer::courts) = events(g, Event::court_case) * c.courts_case;
  at(Payer::voluntary) = in(tally::support, Support::usual) * c.voluntary_usual_support;
  return cost;
}

}  // namespace

Payer payer_of(Intervention intervention) {
  switch (intervention) {
    case Intervention::housing_first:
      return Payer::la_housing;
    case Intervention::mtam:
      return Payer::la_social_care;
    case Intervention::navigators:
      return Payer::nhs;
    case Intervention::release_accommodation:
      return Payer::prisons_probation;
    case Intervention::contracts:
      return Payer::la_housing;
  }
  return Payer::la_housing;
}

WeekCosts week_costs(const Parameters& p, const GroupWeeks& groups, const Week& week) {
  WeekCosts costs;
  const auto& staff = week.services.staff;
  const auto mtam_share = shares(groups, tally::support + code(Support::mtam));
  const auto navigator_share = shares(groups, tally::support + code(Support::navigator));
  const auto everyone = shares(groups, tally::alive);
  for (std::size_t g = 0; g < group_count; ++g) {
    const GroupWeek& w = groups[g];
    auto& by_intervention = costs.by_intervention[g];
    by_intervention[code(Intervention::housing_first)] =
        people(w, tally::support + code(Support::housing_first)) * p.housing_first.support_cost;
    by_intervention[code(Intervention::mtam)] = staff[code(Service::mtam)] * p.mtam.coordinator_cost * mtam_share[g] +
                                                events(w, Event::mtam_referral) * p.mtam.team_cost_per_client;
    by_intervention[code(Intervention::navigators)] =
        staff[code(Service::navigator)] * p.navigator.worker_cost * navigator_share[g];
    by_intervention[code(Intervention::release_accommodation)] =
        people(w, tally::in_transition) * p.release_accommodation.cost;
    by_intervention[code(Intervention::contracts)] =
        week.services.retenders * p.contracts.procurement_cost * everyone[g];

    costs.by_payer[g] = service_costs(p.cost, w);
    for (std::size_t i = 0; i < intervention_count; ++i) {
      costs.by_payer[g][static_cast<std::size_t>(payer_of(static_cast<Intervention>(i)))] += by_intervention[i];
    }
  }
  return costs;
}

}  // namespace revolve::revolving_door

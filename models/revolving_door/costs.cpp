#include "models/revolving_door/costs.hpp"

namespace revolve::revolving_door {
namespace {

double people(const GroupWeek& g, std::size_t t) { return g.people[t]; }
double events(const GroupWeek& g, Event e) { return g.events[static_cast<std::size_t>(e)]; }

}  // namespace

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

}  // namespace revolve::revolving_door

#include "models/revolving_door/costs.hpp"

namespace revolve::revolving_door {
namespace {

double people(const GroupWeek& g, std::size_t t) { return g.people[t]; }
double events(const GroupWeek& g, Event e) { return g.events[static_cast<std::size_t>(e)]; }

/// Weeks in a home that pays rent: a settled or Housing First tenancy, or supported accommodation other than
/// transitional accommodation on release (paid for by that intervention).
double rent(const CostParameters& c, const GroupWeek& g) {
  const auto in = [&](Housing h) { return people(g, tally::housing + code(h)); };
  return in(Housing::settled) * c.rent_settled + in(Housing::housing_first) * c.rent_housing_first +
         (in(Housing::supported) - people(g, tally::in_transition)) * c.rent_supported;
}

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

PayerCosts service_costs(const CostParameters& c, const GroupWeek& g) {
  PayerCosts cost{};
  const auto at = [&](Payer payer) -> double& { return cost[static_cast<std::size_t>(payer)]; };
  const auto in = [&](std::size_t block, auto category) { return people(g, block + code(category)); };
  at(Payer::nhs) = events(g, Event::ae_attendance) * c.nhs_ae_attendance +
                   events(g, Event::ambulance_callout) * c.nhs_ambulance_callout +
                   events(g, Event::emergency_admission) * c.nhs_emergency_admission +
                   (events(g, Event::mh_crisis) - events(g, Event::mh_admission)) * c.nhs_crisis_response +
                   events(g, Event::s136_detention) * c.nhs_s136_assessment +
                   in(tally::mental, Mental::inpatient) * c.nhs_mh_inpatient_stay +
                   in(tally::mental, Mental::treatment) * c.nhs_mh_community_treatment;
  at(Payer::la_homelessness) = in(tally::housing, Housing::temporary) * c.la_homelessness_temporary_accommodation +
                               (in(tally::housing, Housing::supported) - people(g, tally::in_transition)) *
                                   c.la_homelessness_supported_accommodation +
                               in(tally::housing, Housing::rough_sleeping) * c.la_homelessness_outreach;
  const double rent_week = rent(c, g);
  at(Payer::la_housing) =
      events(g, Event::eviction) * c.la_housing_homelessness_casework + rent_week * c.rent_council_share;
  at(Payer::dwp) = rent_week * (1.0 - c.rent_tenant_share - c.rent_council_share);
  at(Payer::tenants) = rent_week * c.rent_tenant_share;
  at(Payer::la_public_health) = in(tally::substance, Substance::treatment) * c.la_public_health_substance_treatment;
  at(Payer::police) =
      events(g, Event::arrest) * c.police_arrest + events(g, Event::s136_detention) * c.police_s136_detention;
  at(Payer::prisons_probation) = people(g, tally::in_prison) * c.prisons_probation_custody +
                                 (in(tally::justice, Justice::licence) + in(tally::justice, Justice::community_order)) *
                                     c.prisons_probation_supervision;
  at(Payer::courts) = events(g, Event::court_case) * c.courts_case;
  at(Payer::voluntary) = in(tally::support, Support::usual) * c.voluntary_usual_support;
  return cost;
}

void CellWeeks::sum_groups(GroupWeeks& groups) {
  // Counts of people (below 2^31) in 32-bit integers, which the compiler adds and turns into doubles in vectors.
  const auto whole = [](std::uint32_t n) { return static_cast<double>(static_cast<std::int32_t>(n)); };
  std::array<PeopleCounts, group_count> by_group{};
  for (std::size_t k = 0; k < cost_cell_count; ++k) {
    PeopleCounts in_cell{};
    for (std::size_t g = 0; g < group_count; ++g) {
      for (std::size_t t = 0; t < tally::count; ++t) {
        by_group[g][t] += people_[k][g][t];
        in_cell[t] += people_[k][g][t];
      }
    }
    for (std::size_t t = 0; t < tally::count; ++t) cells_[k].people[t] = whole(in_cell[t]);
  }
  for (std::size_t g = 0; g < group_count; ++g) {
    for (std::size_t t = 0; t < tally::count; ++t) groups[g].people[t] = whole(by_group[g][t]);
  }
}

void CellWeeks::cost(const abm::Run& run, const EventCounters& counters, const CostParameters& c,
                     std::span<const InterventionCost> interventions) {
  for (std::size_t k = 0; k < cost_cell_count; ++k) {
    GroupWeek& cell = cells_[k];  // its people summed by sum_groups
    cell.events.fill(0.0);
    for (std::size_t s = 0; s < costed_events.size(); ++s) {
      cell.events[static_cast<std::size_t>(costed_events[s])] =
          static_cast<double>(run.counters().total(counters.in_cell(s, static_cast<std::uint8_t>(k))));
    }
    cell_costs_[k] = service_costs(c, cell);
  }
  for (const InterventionCost& i : interventions) share_intervention(i);
}

/// An intervention's cost goes to the cells in proportion to its weight tally (to the people alive if it is 0).
void CellWeeks::share_intervention(const InterventionCost& cost) {
  double total_cost = 0;
  for (double x : *cost.by_group) total_cost += x;
  if (total_cost == 0) return;
  double weight = 0, alive = 0;
  for (const GroupWeek& cell : cells_) {
    weight += cell.people[cost.weight_tally];
    alive += cell.people[tally::alive];
  }
  const std::size_t by = weight > 0 ? cost.weight_tally : tally::alive;
  const double total = weight > 0 ? weight : alive;
  if (total <= 0) return;
  for (std::size_t k = 0; k < cost_cell_count; ++k) {
    cell_costs_[k][static_cast<std::size_t>(cost.payer)] += total_cost * cells_[k].people[by] / total;
  }
}

double CellWeeks::with_total(const PayerCosts& costs, std::size_t payer) {
  if (payer < payer_count) return costs[payer];
  double sum = 0;
  for (double x : costs) sum += x;
  return sum;
}

double CellWeeks::by_place(std::size_t place, std::size_t payer) const {
  double sum = 0;
  for (std::size_t e = 0; e < entry_class_count; ++e) sum += with_total(cell_costs_[cost_cell(place, e)], payer);
  return sum;
}

double CellWeeks::at_entry(std::size_t place, std::size_t payer) const {
  double sum = 0;
  for (std::size_t p = 0; p < place_count; ++p) sum += with_total(cell_costs_[cost_cell(p, place + 1)], payer);
  return sum;
}

double CellWeeks::weeks_by_place(std::size_t place) const {
  double sum = 0;
  for (std::size_t e = 0; e < entry_class_count; ++e) sum += cells_[cost_cell(place, e)].people[tally::alive];
  return sum;
}

double CellWeeks::weeks_at_entry(std::size_t place) const {
  double sum = 0;
  for (std::size_t p = 0; p < place_count; ++p) sum += cells_[cost_cell(p, place + 1)].people[tally::alive];
  return sum;
}

}  // namespace revolve::revolving_door

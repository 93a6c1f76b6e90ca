#include "models/cohort_bench/step_tables.hpp"

namespace revolve::cohort_bench {

namespace {

using abm::Risk;

std::uint8_t code(auto category) { return static_cast<std::uint8_t>(category); }

/// A factor that applies only when `condition` holds.
double if_(bool condition, double factor) { return condition ? factor : 1.0; }

double death_hazard(const Parameters& p, PersonState s) {
  return p.death * if_(s.is(Housing::rough), p.death_if_rough) * if_(s.is(Mental::crisis), p.death_if_crisis);
}

std::vector<Risk> justice_risks(const Parameters& p, PersonState s) {
  if (s.is(Justice::community)) {
    return {{code(Justice::custody), p.custody * if_(s.is(Housing::rough), p.custody_if_rough)}};
  }
  if (s.is(Justice::custody)) return {{code(Justice::licence), p.release}};
  const double recall = p.recall * if_(s.is(Housing::rough), p.recall_if_rough) * if_(s.is(Mental::crisis), p.recall_if_crisis);
  return {{code(Justice::community), p.end_of_licence}, {code(Justice::custody), recall}};
}

std::vector<Risk> housing_risks(const Parameters& p, PersonState s) {
  if (s.is(Justice::custody) || s.is(Mental::inpatient)) return {};  // housing is frozen this step
  std::vector<Risk> risks;
  for (std::uint8_t to = 0; to < housing_count; ++to) {
    const bool towards_rough_or_temporary = to == code(Housing::rough) || to == code(Housing::temporary);
    const double factor = if_(s.is(Mental::crisis) && towards_rough_or_temporary, p.housing_if_crisis);
    risks.push_back({to, p.housing[s.housing][to] * factor});
  }
  return risks;
}

std::vector<Risk> mental_risks(const Parameters& p, PersonState s) {
  if (s.is(Mental::stable)) return {{code(Mental::crisis), p.crisis * if_(s.is(Housing::rough), p.crisis_if_rough)}};
  if (s.is(Mental::crisis)) return {{code(Mental::stable), p.recovery}, {code(Mental::inpatient), p.admission}};
  return {{code(Mental::stable), p.discharge}};
}

double ae_mean(const Parameters& p, PersonState s) {
  if (s.is(Justice::custody) || s.is(Mental::inpatient)) return 0.0;
  return p.ae * if_(s.is(Housing::rough), p.ae_if_rough) * if_(s.is(Mental::crisis), p.ae_if_crisis);
}

}  // namespace

std::vector<StepTable> step_tables(const Parameters& parameters) {
  std::vector<StepTable> tables(PersonState::count);
  for (std::size_t i = 0; i < PersonState::count; ++i) {
    const PersonState s = PersonState::from_index(i);
    StepTable& t = tables[i];
    t.death_probability = params::rate_to_probability(death_hazard(parameters, s), 1.0);  // one step is one week
    t.justice = abm::CompetingRisks(justice_risks(parameters, s));
    t.housing = abm::CompetingRisks(housing_risks(parameters, s));
    t.mental = abm::CompetingRisks(mental_risks(parameters, s));
    t.ae = random::PoissonTable(ae_mean(parameters, s));
  }
  return tables;
}

}  // namespace revolve::cohort_bench

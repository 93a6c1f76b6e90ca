#include "models/revolving_door/hazards.hpp"

#include <algorithm>
#include <span>
#include <string>

#include "sim/core/error.hpp"

namespace revolve::revolving_door {

Start Start::of(const PeopleView& v, abm::PersonId p, const WeekRates& r) {
  Start s;
  s.housing = v.housing[p];
  s.justice = v.justice[p];
  s.mental = v.mental_health[p];
  s.substance = v.substance[p];
  s.support = v.support[p];
  s.group = v.group[p];
  s.homeless = v.homeless_now(p);
  s.rough = s.homeless && s.housing == Housing::rough_sleeping;
  s.problematic = s.substance == Substance::problematic;
  s.high_need = v.need[p] == Need::high;
  s.mtam = s.support == Support::mtam;
  s.long_term = s.group == Group::chronic_homeless || v.weeks_homeless[p] >= r.long_term_spell;
  s.first_year = v.weeks_in_housing[p] < weeks_per_year;
  s.engagement = v.engagement[p];
  return s;
}

Start Start::from(Housing housing, Justice justice, Mental mental, Substance substance, Support support, Group group,
                  Need need, bool long_term, bool first_year, double engagement) {
  Start s{.housing = housing, .justice = justice, .mental = mental, .substance = substance, .support = support,
          .group = group};
  s.homeless = !in_prison(justice) && revolving_door::homeless(housing);
  s.rough = s.homeless && housing == Housing::rough_sleeping;
  s.problematic = substance == Substance::problematic;
  s.high_need = need == Need::high;
  s.mtam = support == Support::mtam;
  s.long_term = group == Group::chronic_homeless || long_term;
  s.first_year = first_year;
  s.engagement = engagement;
  return s;
}

double Hazards::ae_mean(const Start& s) const {
  const ModifierParameters& m = P_.modifier;
  const bool unwell = s.mental == Mental::unwell || s.mental == Mental::treatment;
  return P_.events.ae_base * (s.homeless ? m.homeless_on_ae : 1.0) *
         (s.problematic ? m.problematic_substance_on_ae : 1.0) * (unwell ? m.mh_unwell_on_ae : 1.0) *
         effects_.ae(s.engagement) * (s.support == Support::navigator ? r_.navigator.ae : 1.0);
}

std::array<double, 2> Hazards::justice(const Start& s) const {
  const JusticeParameters& J = P_.justice;
  const ModifierParameters& m = P_.modifier;
  const double arrest = J.arrest_rate * (s.rough ? m.rough_sleeping_on_arrest : 1.0) *
                        (s.problematic ? m.problematic_substance_on_arrest : 1.0) * (s.high_need ? m.high_need : 1.0) *
                        (s.group == Group::young_mec_justice ? m.young_mec_on_arrest : 1.0);
  if (s.justice != Justice::licence) return {arrest, 0.0};
  return {arrest, J.recall_breach_rate * (s.rough ? m.rough_sleeping_on_breach : 1.0) * effects_.breach(s.engagement) *
                      (s.mtam ? r_.mtam.breach : 1.0)};
}

double Hazards::crisis_factor(const Start& s) const {
  const ModifierParameters& m = P_.modifier;
  return (s.rough ? m.rough_sleeping_on_crisis : 1.0) * (s.problematic ? m.problematic_substance_on_crisis : 1.0) *
         (s.high_need ? m.high_need : 1.0) * effects_.crisis(s.engagement);
}

double Hazards::dual_diagnosis(bool need, bool mtam) const {
  return need ? (mtam ? r_.mtam.dual_diagnosis : P_.modifier.dual_diagnosis_on_treatment_entry) : 1.0;
}

double Hazards::treatment_entry(double base, const Start& s, bool dual_need) const {
  return base * dual_diagnosis(dual_need, s.mtam) * effects_.treatment_entry(s.engagement) *
         (s.mtam ? r_.mtam.treatment_entry : 1.0);
}

std::array<double, 3> Hazards::mental(const Start& s) const {
  const MentalHealthParameters& M = P_.mental_health;
  switch (s.mental) {
    case Mental::stable:
      return {M.onset * (s.rough ? P_.modifier.rough_sleeping_on_mh_onset : 1.0), 0.0, 0.0};
    case Mental::unwell:
      return {treatment_entry(M.treatment_entry, s, s.problematic), M.remission_untreated,
              M.crisis_from_unwell * crisis_factor(s)};
    case Mental::treatment:
      return {M.crisis_from_treatment * crisis_factor(s), M.recovery,
              M.treatment_dropout * effects_.dropout(s.engagement)};
    case Mental::crisis:
      return {r_.crisis_end * (s.mtam ? r_.mtam.crisis_end : 1.0), 0.0, 0.0};
    case Mental::inpatient:
      break;
  }
  return {0.0, 0.0, 0.0};
}

double Hazards::tenancy_loss_factor(const Start& s) const {
  const ModifierParameters& m = P_.modifier;
  return (s.problematic ? m.problematic_substance_on_tenancy_loss : 1.0) * (s.high_need ? m.high_need : 1.0) *
         effects_.tenancy_loss(s.engagement) * (s.mtam ? r_.mtam.tenancy_loss : 1.0);
}

std::array<double, 3> Hazards::housing(const Start& s) const {
  const HousingParameters& H = P_.housing;
  const ModifierParameters& m = P_.modifier;
  switch (s.housing) {
    case Housing::rough_sleeping:
      return r_.rough_exit[rough_exit_class(s.high_need, s.long_term)];
    case Housing::temporary:
      return {H.temporary_to_rough * tenancy_loss_factor(s), r_.temporary_to_supported, H.temporary_to_settled};
    case Housing::supported:
      return {H.supported_to_settled, H.supported_loss * tenancy_loss_factor(s), 0.0};
    case Housing::settled: {
      const double base = s.first_year ? H.tenancy_loss_first_year : H.tenancy_loss_established;
      const double unsupported = s.first_year && s.support == Support::none ? m.no_support_on_tenancy_loss : 1.0;
      return {base * tenancy_loss_factor(s) * unsupported, 0.0, 0.0};
    }
    case Housing::housing_first:
      return {P_.housing_first.tenancy_loss * (s.problematic ? m.problematic_substance_on_tenancy_loss : 1.0) *
                  effects_.tenancy_loss(s.engagement) * (s.mtam ? r_.mtam.tenancy_loss : 1.0),
              0.0, 0.0};
  }
  return {0.0, 0.0, 0.0};
}

std::array<double, 2> Hazards::substance(const Start& s) const {
  const SubstanceParameters& S = P_.substance;
  switch (s.substance) {
    case Substance::none:
      return {S.onset * (s.rough ? P_.modifier.rough_sleeping_on_substance_onset : 1.0) *
                  (s.high_need ? P_.modifier.high_need : 1.0),
              0.0};
    case Substance::problematic: {
      const bool mental_need = s.mental == Mental::unwell || s.mental == Mental::crisis;
      return {treatment_entry(S.treatment_entry, s, mental_need), S.remission_untreated};
    }
    case Substance::treatment:
      return {S.completion, S.treatment_dropout * effects_.dropout(s.engagement)};
  }
  return {0.0, 0.0};
}

double Hazards::support(Support support, double engagement) const {
  switch (support) {
    case Support::none:
      return r_.usual_start;
    case Support::usual:
      return P_.support.usual_end * effects_.disengagement(engagement);
    case Support::navigator:
    case Support::mtam:
      return P_.support.coordinator_episode_end;
    case Support::housing_first:
      break;
  }
  return 0.0;
}

double Hazards::worker_change(const Start& s) const {
  return s.support == Support::none ? 0.0 : r_.leaver[code(service_of(s.support))];
}

namespace {

/// A bound made safe against the rounding of PowerTable's interpolation, which may exceed the larger of its two
/// table values by a part in 1e16.
double with_margin(double bound) { return bound * (1.0 + 1e-12); }

template <class Hazards>
double total(const Hazards& hazards) {
  double sum = 0.0;
  for (double h : hazards) sum += h;
  return sum;
}

/// The two ends of engagement, where the largest of any hazard lies (hazards.hpp).
constexpr std::array<double, 2> engagement_ends = {0.0, 1.0};
constexpr std::array<Mental, 5> mentals = {Mental::stable, Mental::unwell, Mental::treatment, Mental::crisis,
                                           Mental::inpatient};
constexpr std::array<Housing, 5> housings = {Housing::settled, Housing::rough_sleeping, Housing::temporary,
                                             Housing::supported, Housing::housing_first};
constexpr std::array<Substance, 3> substances = {Substance::none, Substance::problematic, Substance::treatment};
constexpr std::array<Support, 5> supports = {Support::none, Support::usual, Support::navigator, Support::mtam,
                                             Support::housing_first};
constexpr std::array<Need, 2> needs = {Need::moderate, Need::high};
constexpr std::array<bool, 2> flags = {false, true};

/// Every state a bound is kept by must have been reached by the grid, or its people would never have an event.
void check_covered(std::span<const double> table, const char* domain) {
  if (std::any_of(table.begin(), table.end(), [](double bound) { return bound < 0.0; })) {
    throw Error(std::string("quiet-week bounds: the grid misses a state of ") + domain + " (hazards.cpp)");
  }
}

}  // namespace

QuietBounds::QuietBounds(const Parameters& P, const EngagementEffects& effects, const WeekRates& r) {
  const Hazards h(P, effects, r);
  constexpr double unset = -1.0;
  std::array<double, 5 * 8> ae_mean;
  for (const std::span<double> table : {std::span<double>(ae_mean), std::span<double>(justice_), std::span<double>(mental_),
                      std::span<double>(housing_), std::span<double>(substance_), std::span<double>(support_),
                      std::span<double>(worker_)}) {
    std::fill(table.begin(), table.end(), unset);
  }
  const auto raise = [](double& bound, double hazard) { bound = std::max(bound, with_margin(hazard)); };
  constexpr std::array<Housing, 2> street = {Housing::settled, Housing::rough_sleeping};  // rough or not
  constexpr std::array<Support, 3> coordinators = {Support::none, Support::navigator, Support::mtam};
  for (const double e : engagement_ends) {
    for (const Need need : needs) {
      for (const Substance drugs : substances) {
        for (const Housing home : street) {
          for (const Mental mind : mentals) {
            for (const Support support : coordinators) {
              const Start s = Start::from(home, Justice::none, mind, drugs, support, Group::wider, need, false, false, e);
              raise(ae_mean[ae_key(s)], h.ae_mean(s));
              raise(mental_[mental_key(s)], total(h.mental(s)));
              raise(substance_[substance_key(s)], total(h.substance(s)));
            }
          }
          for (const Justice justice : {Justice::none, Justice::licence}) {
            for (const Group group : {Group::wider, Group::young_mec_justice}) {
              for (const Support support : {Support::none, Support::mtam}) {
                const Start s = Start::from(home, justice, Mental::stable, drugs, support, group, need, false, false, e);
                raise(justice_[justice_key(s)], total(h.justice(s)));
              }
            }
          }
        }
        for (const Housing home : housings) {
          for (const Support support : {Support::none, Support::usual, Support::mtam}) {
            for (const bool long_term : flags) {
              for (const bool first_year : flags) {
                const Start s = Start::from(home, Justice::none, Mental::stable, drugs, support, Group::wider, need,
                                            long_term, first_year, e);
                raise(housing_[housing_key(s)], total(h.housing(s)));
              }
            }
          }
        }
      }
    }
    for (const Support support : supports) {
      const Start s = Start::from(Housing::settled, Justice::none, Mental::stable, Substance::none, support,
                                  Group::wider, Need::moderate, false, false, e);
      raise(support_[support_key(s)], h.support(support, e));
      raise(worker_[support_key(s)], h.worker_change(s));
    }
  }
  check_covered(ae_mean, "A&E");
  check_covered(justice_, "justice");
  check_covered(mental_, "mental health");
  check_covered(housing_, "housing");
  check_covered(substance_, "substance use");
  check_covered(support_, "support");
  check_covered(worker_, "worker change");
  for (std::size_t k = 0; k < ae_none_.size(); ++k) ae_none_[k] = 1.0 - ae_mean[k];
}

}  // namespace revolve::revolving_door

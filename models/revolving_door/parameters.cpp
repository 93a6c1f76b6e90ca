#include "models/revolving_door/parameters.hpp"

#include <set>
#include <string>

#include "sim/core/error.hpp"

namespace revolve::revolving_door {
namespace {

/// Reads values by name and remembers which names were read, so that a parameter in the file that
/// the model never uses is an error rather than a silent no-op.
class Reader {
 public:
  Reader(const params::ParameterSet& set, double scale) : set_(set), scale_(scale) {}

  double operator()(const std::string& name) {
    read_.insert(name);
    return set_[set_.id(name)];
  }
  /// A count of people, places or posts in the area: scaled with the population.
  double scaled(const std::string& name) { return (*this)(name)*scale_; }

  void check_all_read() const {
    std::string unused;
    for (const auto& p : set_.parameters()) {
      if (!read_.count(p.name)) unused += (unused.empty() ? "" : ", ") + p.name;
    }
    if (!unused.empty()) throw ModelError("revolving_door: parameters the model does not use: " + unused);
  }

 private:
  const params::ParameterSet& set_;
  double scale_;
  std::set<std::string> read_;
};

void read_people(Reader& r, Parameters& p) {
  auto& c = p.cohort;
  c.size = r.scaled("cohort.size");
  c.share_young_mec_justice = r("cohort.share_young_mec_justice");
  c.share_women_domestic_abuse = r("cohort.share_women_domestic_abuse");
  c.share_chronic_homeless = r("cohort.share_chronic_homeless");
  c.young_age_max = r("cohort.young_age_max");
  c.age_mean = r("cohort.age_mean");
  c.age_sd = r("cohort.age_sd");
  c.female_share_other = r("cohort.female_share_other");
  c.mec_share_women_domestic_abuse = r("cohort.mec_share_women_domestic_abuse");
  c.mec_share_other = r("cohort.mec_share_other");
  c.high_need_share = r("cohort.high_need_share");
  c.high_need_share_priority = r("cohort.high_need_share_priority");

  auto& i = p.initial;
  i.rough_sleeping = r("initial.rough_sleeping");
  i.temporary = r("initial.temporary");
  i.supported = r("initial.supported");
  i.housing_first = r("initial.housing_first");
  i.custody = r("initial.custody");
  i.licence = r("initial.licence");
  i.community_order = r("initial.community_order");
  i.mh_unwell = r("initial.mh_unwell");
  i.mh_treatment = r("initial.mh_treatment");
  i.mh_crisis = r("initial.mh_crisis");
  i.mh_inpatient = r("initial.mh_inpatient");
  i.substance_problematic = r("initial.substance_problematic");
  i.substance_treatment = r("initial.substance_treatment");
  i.support_usual = r("initial.support_usual");
  i.engagement_usual = r("initial.engagement_usual");
  i.engagement_none = r("initial.engagement_none");
  i.engagement_housing_first = r("initial.engagement_housing_first");

  auto& f = p.flows;
  f.arrivals = r.scaled("flows.arrivals");
  f.arrival_rough_sleeping = r("flows.arrival_rough_sleeping");
  f.arrival_temporary = r("flows.arrival_temporary");
  f.arrival_from_custody = r("flows.arrival_from_custody");
  f.moving_away = r("flows.moving_away");
  f.sustained_exit = r("flows.sustained_exit");
  f.sustained_exit_qualifying = r("flows.sustained_exit_qualifying");
}

void read_domains(Reader& r, Parameters& p) {
  auto& h = p.housing;
  h.rough_to_temporary = r("housing.rough_to_temporary");
  h.rough_to_supported = r("housing.rough_to_supported");
  h.rough_to_settled = r("housing.rough_to_settled");
  h.temporary_to_rough = r("housing.temporary_to_rough");
  h.temporary_to_supported = r("housing.temporary_to_supported");
  h.temporary_to_settled = r("housing.temporary_to_settled");
  h.supported_to_settled = r("housing.supported_to_settled");
  h.supported_loss = r("housing.supported_loss");
  h.tenancy_loss_first_year = r("housing.tenancy_loss_first_year");
  h.tenancy_loss_established = r("housing.tenancy_loss_established");
  h.loss_to_rough_share = r("housing.loss_to_rough_share");

  auto& j = p.justice;
  j.arrest_rate = r("justice.arrest_rate");
  j.arrest_to_custody = r("justice.arrest_to_custody");
  j.arrest_to_community_order = r("justice.arrest_to_community_order");
  j.custody_time_served = r("justice.custody_time_served");
  j.short_sentence_share = r("justice.short_sentence_share");
  j.licence_length = r("justice.licence_length");
  j.community_order_length = r("justice.community_order_length");
  j.recall_breach_rate = r("justice.recall_breach_rate");
  j.recall_on_arrest = r("justice.recall_on_arrest");
  j.fixed_term_share = r("justice.fixed_term_share");
  j.fixed_term_recall_short = r("justice.fixed_term_recall_short");
  j.fixed_term_recall_long = r("justice.fixed_term_recall_long");
  j.standard_recall_time = r("justice.standard_recall_time");
  j.tenancy_loss_in_custody = r("justice.tenancy_loss_in_custody");
  j.release_to_rough_if_no_home = r("justice.release_to_rough_if_no_home");
  j.release_to_supported_if_no_home = r("justice.release_to_supported_if_no_home");

  auto& m = p.mental_health;
  m.onset = r("mental_health.onset");
  m.treatment_entry = r("mental_health.treatment_entry");
  m.remission_untreated = r("mental_health.remission_untreated");
  m.crisis_from_unwell = r("mental_health.crisis_from_unwell");
  m.crisis_from_treatment = r("mental_health.crisis_from_treatment");
  m.recovery = r("mental_health.recovery");
  m.treatment_dropout = r("mental_health.treatment_dropout");
  m.crisis_duration = r("mental_health.crisis_duration");
  m.crisis_admission = r("mental_health.crisis_admission");
  m.crisis_to_treatment = r("mental_health.crisis_to_treatment");
  m.inpatient_stay = r("mental_health.inpatient_stay");
  m.discharge_to_treatment = r("mental_health.discharge_to_treatment");

  auto& s = p.substance;
  s.onset = r("substance.onset");
  s.treatment_entry = r("substance.treatment_entry");
  s.completion = r("substance.completion");
  s.treatment_dropout = r("substance.treatment_dropout");
  s.remission_untreated = r("substance.remission_untreated");

  p.support.usual_start = r("support.usual_start");
  p.support.usual_end = r("support.usual_end");
  p.support.coordinator_episode_end = r("support.coordinator_episode_end");
}

void read_mechanisms(Reader& r, Parameters& p) {
  auto& e = p.engagement;
  e.build_time = r("engagement.build_time");
  e.ceiling_usual = r("engagement.ceiling_usual");
  e.decay_time = r("engagement.decay_time");
  e.loss_on_worker_change = r("engagement.loss_on_worker_change");
  e.women_build_time_multiplier = r("engagement.women_build_time_multiplier");
  e.effect_on_crisis = r("engagement.effect_on_crisis");
  e.effect_on_treatment_entry = r("engagement.effect_on_treatment_entry");
  e.effect_on_dropout = r("engagement.effect_on_dropout");
  e.effect_on_breach = r("engagement.effect_on_breach");
  e.effect_on_tenancy_loss = r("engagement.effect_on_tenancy_loss");
  e.effect_on_ae = r("engagement.effect_on_ae");
  e.effect_on_disengagement = r("engagement.effect_on_disengagement");

  auto& m = p.modifier;
  m.rough_sleeping_on_mh_onset = r("modifier.rough_sleeping_on_mh_onset");
  m.rough_sleeping_on_crisis = r("modifier.rough_sleeping_on_crisis");
  m.rough_sleeping_on_substance_onset = r("modifier.rough_sleeping_on_substance_onset");
  m.rough_sleeping_on_breach = r("modifier.rough_sleeping_on_breach");
  m.rough_sleeping_on_arrest = r("modifier.rough_sleeping_on_arrest");
  m.rough_sleeping_on_s136 = r("modifier.rough_sleeping_on_s136");
  m.homeless_on_ae = r("modifier.homeless_on_ae");
  m.problematic_substance_on_crisis = r("modifier.problematic_substance_on_crisis");
  m.problematic_substance_on_tenancy_loss = r("modifier.problematic_substance_on_tenancy_loss");
  m.problematic_substance_on_arrest = r("modifier.problematic_substance_on_arrest");
  m.problematic_substance_on_ae = r("modifier.problematic_substance_on_ae");
  m.mh_unwell_on_ae = r("modifier.mh_unwell_on_ae");
  m.dual_diagnosis_on_treatment_entry = r("modifier.dual_diagnosis_on_treatment_entry");
  m.high_need = r("modifier.high_need");
  m.no_support_on_tenancy_loss = r("modifier.no_support_on_tenancy_loss");
  m.young_mec_on_arrest = r("modifier.young_mec_on_arrest");

  auto& d = p.mortality;
  d.base_rate = r("mortality.base_rate");
  d.age_ratio_per_decade = r("mortality.age_ratio_per_decade");
  d.rough_sleeping = r("mortality.rough_sleeping");
  d.problematic_substance = r("mortality.problematic_substance");
  d.crisis = r("mortality.crisis");
  d.recent_release = r("mortality.recent_release");
  d.release_window = r("mortality.release_window");

  auto& v = p.events;
  v.ae_base = r("events.ae_base");
  v.ae_at_crisis = r("events.ae_at_crisis");
  v.ambulance_share = r("events.ambulance_share");
  v.admission_share = r("events.admission_share");
  v.emergency_stay = r("events.emergency_stay");
  v.s136_at_crisis = r("events.s136_at_crisis");
}

void read_system(Reader& r, Parameters& p) {
  p.capacity.temporary_places = r.scaled("capacity.temporary_places");
  p.capacity.supported_places = r.scaled("capacity.supported_places");

  auto& w = p.workforce;
  w.turnover = r("workforce.turnover");
  w.vacancy_fill_time = r("workforce.vacancy_fill_time");
  w.new_service_recruitment_time = r("workforce.new_service_recruitment_time");
  w.team_maturity_time = r("workforce.team_maturity_time");
  w.maturity_start_effect = r("workforce.maturity_start_effect");
  w.last_year_turnover_multiplier = r("workforce.last_year_turnover_multiplier");
  w.overload_build_time_multiplier = r("workforce.overload_build_time_multiplier");

  auto& c = p.contracts;
  c.term = r("contracts.term");
  c.extension = r("contracts.extension");
  c.extension_probability = r("contracts.extension_probability");
  c.provider_change_probability = r("contracts.provider_change_probability");
  c.staff_loss_on_provider_change = r("contracts.staff_loss_on_provider_change");
  c.mobilisation_delay = r("contracts.mobilisation_delay");
  c.mobilisation_capacity = r("contracts.mobilisation_capacity");
  c.bidding_window = r("contracts.bidding_window");
  c.bidding_capacity_loss = r("contracts.bidding_capacity_loss");
  c.procurement_cost = r("contracts.procurement_cost");
  c.alliance_turnover_multiplier = r("contracts.alliance_turnover_multiplier");
  c.alliance_provider_change_probability = r("contracts.alliance_provider_change_probability");
  c.alliance_ceiling_usual = r("contracts.alliance_ceiling_usual");
}

void read_costs(Reader& r, Parameters& p) {
  auto& c = p.cost;
  c.nhs_ae_attendance = r("cost.nhs.ae_attendance");
  c.nhs_emergency_admission = r("cost.nhs.emergency_admission");
  c.nhs_ambulance_callout = r("cost.nhs.ambulance_callout");
  c.nhs_mh_inpatient_week = r("cost.nhs.mh_inpatient_day");  // GBP per day, converted to per week at load
  c.nhs_mh_community_treatment = r("cost.nhs.mh_community_treatment");
  c.nhs_crisis_response = r("cost.nhs.crisis_response");
  c.nhs_s136_assessment = r("cost.nhs.s136_assessment");
  c.la_housing_temporary_accommodation = r("cost.la_housing.temporary_accommodation");
  c.la_housing_supported_accommodation = r("cost.la_housing.supported_accommodation");
  c.la_housing_homelessness_casework = r("cost.la_housing.homelessness_casework");
  c.la_housing_outreach = r("cost.la_housing.outreach");
  c.la_social_care_substance_treatment = r("cost.la_social_care.substance_treatment");
  c.police_arrest = r("cost.police.arrest");
  c.police_s136_detention = r("cost.police.s136_detention");
  c.prisons_probation_custody = r("cost.prisons_probation.custody");
  c.prisons_probation_supervision = r("cost.prisons_probation.supervision");
  c.courts_case = r("cost.courts.case");
  c.voluntary_usual_support = r("cost.voluntary.usual_support");
  p.discount_rate = r("economics.discount_rate");
}

void read_interventions(Reader& r, Parameters& p) {
  auto& h = p.housing_first;
  h.places = r.scaled("housing_first.places");
  h.added_places = r.scaled("housing_first.added_places");
  h.supply_lead_time = r("housing_first.supply_lead_time");
  h.caseload = r("housing_first.caseload");
  h.new_client_workload = r("housing_first.new_client_workload");
  h.offer_acceptance = r("housing_first.offer_acceptance");
  h.waiting_dropout = r("housing_first.waiting_dropout");
  h.tenancy_loss = r("housing_first.tenancy_loss");
  h.support_cost = r("housing_first.support_cost");

  auto& m = p.mtam;
  m.coverage_year1 = r.scaled("mtam.coverage_year1");
  m.coverage_year2 = r.scaled("mtam.coverage_year2");
  m.coverage_year3 = r.scaled("mtam.coverage_year3");
  m.caseload = r("mtam.caseload");
  m.treatment_entry_multiplier = r("mtam.treatment_entry_multiplier");
  m.dual_diagnosis_relief = r("mtam.dual_diagnosis_relief");
  m.crisis_to_treatment = r("mtam.crisis_to_treatment");
  m.crisis_duration_multiplier = r("mtam.crisis_duration_multiplier");
  m.tenancy_loss_multiplier = r("mtam.tenancy_loss_multiplier");
  m.breach_multiplier = r("mtam.breach_multiplier");
  m.coordinator_cost = r("mtam.coordinator_cost");
  m.team_cost_per_client = r("mtam.team_cost_per_client");

  auto& n = p.navigator;
  n.staff = r.scaled("navigator.staff");
  n.caseload = r("navigator.caseload");
  n.referral_threshold = r("navigator.referral_threshold");
  n.engagement_probability = r("navigator.engagement_probability");
  n.ae_multiplier = r("navigator.ae_multiplier");
  n.setup_time = r("navigator.setup_time");
  n.worker_contract = r("navigator.worker_contract");
  n.contract_end_leaving = r("navigator.contract_end_leaving");
  n.worker_cost = r("navigator.worker_cost");

  auto& a = p.release_accommodation;
  a.share_offered = r("release_accommodation.share_offered");
  a.acceptance = r("release_accommodation.acceptance");
  a.stay = r("release_accommodation.stay");
  a.move_on_to_settled = r("release_accommodation.move_on_to_settled");
  a.cost = r("release_accommodation.cost");
}

}  // namespace

Parameters read_parameters(const params::ParameterSet& set, double population_scale) {
  Reader r(set, population_scale);
  Parameters p;
  read_people(r, p);
  read_domains(r, p);
  read_mechanisms(r, p);
  read_system(r, p);
  read_costs(r, p);
  read_interventions(r, p);
  r.check_all_read();
  return p;
}

}  // namespace revolve::revolving_door

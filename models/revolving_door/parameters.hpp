#pragma once
// The model's parameters as plain numbers in model units (weeks, GBP at 2023/24 prices), read once
// from a frozen ParameterSet when a scenario is prepared. The hot loops read these fields; no name
// is looked up during a run. Field names follow parameters.yaml (section.key).
#include "sim/params/parameter_set.hpp"

namespace revolve::revolving_door {

struct CohortParameters {
  double size = 0;  // [people], scaled by the scenario's population scale
  double share_young_mec_justice = 0, share_women_domestic_abuse = 0, share_chronic_homeless = 0;
  double young_age_max = 0, age_mean = 0, age_sd = 0;  // [weeks]
  double female_share_other = 0, mec_share_women_domestic_abuse = 0, mec_share_other = 0;
  double high_need_share = 0, high_need_share_priority = 0;
};

struct InitialParameters {
  double rough_sleeping = 0, temporary = 0, supported = 0, housing_first = 0;
  double custody = 0, licence = 0, community_order = 0;
  double mh_unwell = 0, mh_treatment = 0, mh_crisis = 0, mh_inpatient = 0;
  double substance_problematic = 0, substance_treatment = 0;
  double support_usual = 0;
  double engagement_usual = 0, engagement_none = 0, engagement_housing_first = 0;
};

struct FlowParameters {
  double arrivals = 0;  // [people per week], scaled
  double arrival_rough_sleeping = 0, arrival_temporary = 0, arrival_from_custody = 0;
  double moving_away = 0, sustained_exit = 0;  // [per week]
  double sustained_exit_qualifying = 0;        // [weeks]
};

struct HousingParameters {  // rates [per week]
  double rough_to_temporary = 0, rough_to_supported = 0, rough_to_settled = 0;
  double temporary_to_rough = 0, temporary_to_supported = 0, temporary_to_settled = 0;
  double supported_to_settled = 0, supported_loss = 0;
  double tenancy_loss_first_year = 0, tenancy_loss_established = 0;
  double loss_to_rough_share = 0;
};

struct JusticeParameters {
  double arrest_rate = 0;  // [per week]
  double arrest_to_custody = 0, arrest_to_community_order = 0;
  double custody_time_served = 0;  // [weeks]
  double short_sentence_share = 0;
  double licence_length = 0, community_order_length = 0;  // [weeks]
  double recall_breach_rate = 0;                          // [per week]
  double recall_on_arrest = 0, fixed_term_share = 0;
  double fixed_term_recall_short = 0, fixed_term_recall_long = 0, standard_recall_time = 0;  // [weeks]
  double tenancy_loss_in_custody = 0, release_to_rough_if_no_home = 0, release_to_supported_if_no_home = 0;
};

struct MentalHealthParameters {  // rates [per week]
  double onset = 0, treatment_entry = 0, remission_untreated = 0;
  double crisis_from_unwell = 0, crisis_from_treatment = 0, recovery = 0, treatment_dropout = 0;
  double crisis_duration = 0;  // [weeks]
  double crisis_admission = 0, crisis_to_treatment = 0;
  double inpatient_stay = 0;  // [weeks]
  double discharge_to_treatment = 0;
};

struct SubstanceParameters {  // rates [per week]
  double onset = 0, treatment_entry = 0, completion = 0, treatment_dropout = 0, remission_untreated = 0;
};

struct SupportParameters {  // rates [per week]
  double usual_start = 0, usual_end = 0, coordinator_episode_end = 0;
};

/// Engagement: effects are multipliers at full engagement (effect^e at engagement e).
struct EngagementParameters {
  double build_time = 0, decay_time = 0;  // [weeks]
  double ceiling_usual = 0, loss_on_worker_change = 0, women_build_time_multiplier = 0;
  double effect_on_crisis = 0, effect_on_treatment_entry = 0, effect_on_dropout = 0, effect_on_breach = 0;
  double effect_on_tenancy_loss = 0, effect_on_ae = 0, effect_on_disengagement = 0;
};

struct ModifierParameters {
  double rough_sleeping_on_mh_onset = 0, rough_sleeping_on_crisis = 0, rough_sleeping_on_substance_onset = 0;
  double rough_sleeping_on_breach = 0, rough_sleeping_on_arrest = 0, rough_sleeping_on_s136 = 0;
  double homeless_on_ae = 0;
  double problematic_substance_on_crisis = 0, problematic_substance_on_tenancy_loss = 0;
  double problematic_substance_on_arrest = 0, problematic_substance_on_ae = 0;
  double mh_unwell_on_ae = 0, dual_diagnosis_on_treatment_entry = 0, high_need = 0;
  double no_support_on_tenancy_loss = 0, young_mec_on_arrest = 0;
};

struct MortalityParameters {
  double base_rate = 0;  // [per week] at age 40
  double age_ratio_per_decade = 0, rough_sleeping = 0, problematic_substance = 0, crisis = 0, recent_release = 0;
  double release_window = 0;  // [weeks]
};

struct EventParameters {
  double ae_base = 0;  // [per week]
  double ae_at_crisis = 0, ambulance_share = 0, admission_share = 0;
  double emergency_stay = 0;  // [weeks]
  double s136_at_crisis = 0;
};

struct CapacityParameters {
  double temporary_places = 0, supported_places = 0;  // [places], scaled
};

struct WorkforceParameters {
  double turnover = 0;                                                                     // [per week]
  double vacancy_fill_time = 0, new_service_recruitment_time = 0, team_maturity_time = 0;  // [weeks]
  double maturity_start_effect = 0, last_year_turnover_multiplier = 0, overload_build_time_multiplier = 0;
};

struct ContractParameters {
  double term = 0, extension = 0;  // [weeks]
  double extension_probability = 0, provider_change_probability = 0, staff_loss_on_provider_change = 0;
  double mobilisation_delay = 0;  // [weeks]
  double mobilisation_capacity = 0;
  double bidding_window = 0;  // [weeks]
  double bidding_capacity_loss = 0;
  double procurement_cost = 0;  // [GBP]
  double alliance_turnover_multiplier = 0, alliance_provider_change_probability = 0, alliance_ceiling_usual = 0;
};

/// Unit costs [GBP per event, or GBP per person-week in a state].
struct CostParameters {
  double nhs_ae_attendance = 0, nhs_emergency_admission = 0, nhs_ambulance_callout = 0;
  double nhs_mh_inpatient_week = 0, nhs_mh_community_treatment = 0, nhs_crisis_response = 0, nhs_s136_assessment = 0;
  double la_housing_temporary_accommodation = 0, la_housing_supported_accommodation = 0;
  double la_housing_homelessness_casework = 0, la_housing_outreach = 0;
  double la_social_care_substance_treatment = 0;
  double police_arrest = 0, police_s136_detention = 0;
  double prisons_probation_custody = 0, prisons_probation_supervision = 0;
  double courts_case = 0;
  double voluntary_usual_support = 0;
};

struct HousingFirstParameters {
  double places = 0, added_places = 0;  // [places], scaled
  double supply_lead_time = 0;          // [weeks]
  double caseload = 0, new_client_workload = 0, offer_acceptance = 0;
  double waiting_dropout = 0, tenancy_loss = 0;  // [per week]
  double support_cost = 0;                       // [GBP per week]
};

struct MtamParameters {
  double coverage_year1 = 0, coverage_year2 = 0, coverage_year3 = 0;  // [people], scaled
  double caseload = 0, treatment_entry_multiplier = 0, dual_diagnosis_relief = 0, crisis_to_treatment = 0;
  double crisis_duration_multiplier = 0, tenancy_loss_multiplier = 0, breach_multiplier = 0;
  double coordinator_cost = 0;      // [GBP per week]
  double team_cost_per_client = 0;  // [GBP per new client]
};

struct NavigatorParameters {
  double staff = 0;  // [posts at level 1], scaled
  double caseload = 0, referral_threshold = 0, engagement_probability = 0, ae_multiplier = 0;
  double setup_time = 0, worker_contract = 0;  // [weeks]
  double contract_end_leaving = 0;
  double worker_cost = 0;  // [GBP per week]
};

struct ReleaseAccommodationParameters {
  double share_offered = 0, acceptance = 0;
  double stay = 0;  // [weeks]
  double move_on_to_settled = 0;
  double cost = 0;  // [GBP per week]
};

struct Parameters {
  CohortParameters cohort;
  InitialParameters initial;
  FlowParameters flows;
  HousingParameters housing;
  JusticeParameters justice;
  MentalHealthParameters mental_health;
  SubstanceParameters substance;
  SupportParameters support;
  EngagementParameters engagement;
  ModifierParameters modifier;
  MortalityParameters mortality;
  EventParameters events;
  CapacityParameters capacity;
  WorkforceParameters workforce;
  ContractParameters contracts;
  CostParameters cost;
  double discount_rate = 0;  // [per week, compounding]
  HousingFirstParameters housing_first;
  MtamParameters mtam;
  NavigatorParameters navigator;
  ReleaseAccommodationParameters release_accommodation;
};

/// Every parameter of `set` in model units, with counts of people, places and posts multiplied by
/// `population_scale` (the area scaled as a whole). Throws ModelError if the file holds a parameter
/// the model does not read, or lacks one it does.
Parameters read_parameters(const params::ParameterSet& set, double population_scale);

}  // namespace revolve::revolving_door

#include "models/revolving_door/dictionary.hpp"

#include <map>

#include <yaml-cpp/yaml.h>

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/costs.hpp"
#include "models/revolving_door/interventions/registry.hpp"
#include "models/revolving_door/outputs.hpp"
#include "sim/core/error.hpp"
#include "sim/core/files.hpp"

namespace revolve::revolving_door {
namespace {

using ensemble::Label;

/// Measures with a plain-English name, in the order reports list them. The outcomes that matter to people
/// carry a direction: they are headlined in comparisons and get a cost per outcome.
const std::vector<std::pair<std::string, MeasureWords>>& named_measures() {
  static const std::vector<std::pair<std::string, MeasureWords>> words = {
      {"person_weeks.rough_sleeping", {"Weeks sleeping rough", -1}},
      {"person_weeks.homeless", {"Weeks homeless (street or hostel)", -1}},
      {"person_weeks.in_prison", {"Weeks in prison", -1}},
      {"events.custody_days", {"Days in prison", -1}},
      {"events.ae_attendance", {"A&E attendances", -1}},
      {"events.ambulance_callout", {"Ambulance call-outs", -1}},
      {"events.emergency_admission", {"Emergency hospital admissions", -1}},
      {"events.emergency_bed_days", {"Emergency hospital bed days", -1}},
      {"events.mh_crisis", {"Mental-health crises", -1}},
      {"events.mh_admission", {"Mental-health hospital admissions", -1}},
      {"events.s136_detention", {"Section 136 detentions (police, mental health)", -1}},
      {"events.arrest", {"Arrests", -1}},
      {"events.recall", {"Recalls to prison", -1}},
      {"events.eviction", {"Evictions", -1}},
      {"events.death", {"Deaths", -1}},
      {"events.positive_exit", {"Positive exits (stable, moved on)", +1}},
      {"events.housing_first_sustained_1y", {"Housing First tenancies kept a year", +1}},
      {"positive_outcomes.reported", {"Positive outcomes as providers report them (closed cases)", +1}},
      {"positive_outcomes.true", {"Positive outcomes as they are (closed cases)", +1}},
      {"person_weeks.housed", {"Weeks housed", 0}},
      {"people.settled", {"Settled tenancy", 0}},
      {"people.housing_first", {"People in a Housing First tenancy", 0}},
      {"people.supported", {"Supported accommodation", 0}},
      {"people.temporary", {"Hostel or temporary accommodation", 0}},
      {"people.rough_sleeping", {"People sleeping rough", 0}},
      {"people.homeless", {"People homeless (street or hostel)", 0}},
      {"people.in_prison", {"People in prison", 0}},
      {"people.justice_none", {"No current order", 0}},
      {"people.community_order", {"Community order", 0}},
      {"people.licence", {"On licence after prison", 0}},
      {"people.custody", {"In prison", 0}},
      {"people.recalled", {"Recalled to prison", 0}},
      {"people.mh_stable", {"Stable", 0}},
      {"people.mh_treatment", {"In community treatment", 0}},
      {"people.mh_unwell", {"Unwell, not treated", 0}},
      {"people.mh_crisis", {"People in a mental-health crisis", 0}},
      {"people.mh_inpatient", {"In hospital", 0}},
      {"people.waiting_housing_first", {"People waiting for Housing First", 0}},
      {"system.housing_first_places_short_of_staff", {"Housing First places ready but short of support staff", 0}},
      {"people.alive", {"People in the cohort", 0}},
      {"year_end.housed_all_last_26_weeks", {"People housed in every one of the year's last 26 weeks", 0}},
      {"year_end.present_last_26_weeks", {"People in the cohort throughout the year's last 26 weeks", 0}},
      {"entry_cohort_52w.housing_first.people", {"People who joined the Housing First list (year after)", 0}},
      {"entry_cohort_52w.mtam.people", {"People who joined MTAM (year after)", 0}},
      {"entry_cohort_52w.navigator.people", {"People who met a navigator (year after)", 0}},
      // No direction, as for the cohorts' weeks: a cohort's measure, not an outcome of the area (no net cost per).
      {"entry_cohort_52w.housing_first.ae_attendances", {"A&E attendances of those who joined the Housing First list "
                                                         "(year after)", 0}},
      {"entry_cohort_52w.mtam.ae_attendances", {"A&E attendances of those who joined MTAM (year after)", 0}},
      {"entry_cohort_52w.navigator.ae_attendances", {"A&E attendances of those who met a navigator (year after)", 0}},
      {"releases_followed_52w.rough_sleeping", {"Releases followed a year: to the street", 0}},
      {"releases_returned_52w.rough_sleeping", {"Of those, back in court or recalled", 0}},
      {"releases_followed_52w.temporary", {"Releases followed a year: to a hostel or temporary accommodation", 0}},
      {"releases_returned_52w.temporary", {"Of those, back in court or recalled", 0}},
      {"releases_followed_52w.transitional", {"Releases followed a year: to accommodation given on release", 0}},
      {"releases_returned_52w.transitional", {"Of those, back in court or recalled", 0}},
      {"releases_followed_52w.supported", {"Releases followed a year: to supported housing", 0}},
      {"releases_returned_52w.supported", {"Of those, back in court or recalled", 0}},
      {"releases_followed_52w.settled", {"Releases followed a year: to a settled home", 0}},
      {"releases_returned_52w.settled", {"Of those, back in court or recalled", 0}},
      {"releases_followed_52w.housing_first", {"Releases followed a year: to a Housing First tenancy", 0}},
      {"releases_returned_52w.housing_first", {"Of those, back in court or recalled", 0}},
  };
  return words;
}

std::vector<Label> group_labels() {
  const std::map<std::string, Label> by_name = {
      {"young_mec_justice",
       {"young_mec_justice", "Young people from minority-ethnic communities, in the justice system",
        "Young, minority-\nethnic, justice"}},
      {"women_domestic_abuse", {"women_domestic_abuse", "Women facing domestic abuse", "Women facing\ndomestic abuse"}},
      {"chronic_homeless", {"chronic_homeless", "People chronically homeless", "Chronically\nhomeless"}},
      {"wider", {"wider", "Everyone else", "Everyone\nelse"}},
  };
  std::vector<Label> groups = {{"", "Everyone", "Everyone"}};
  for (const auto& name : group_names) groups.push_back(by_name.at(name));
  return groups;
}

std::vector<Label> payer_labels() {
  const std::map<std::string, std::string> words = {
      {"nhs", "NHS"},
      {"la_housing", "Council: housing"},
      {"la_homelessness", "Council: homelessness"},
      {"la_social_care", "Council: social care"},
      {"la_public_health", "Council: public health"},
      {"police", "Police"},
      {"prisons_probation", "Prisons and probation"},
      {"courts", "Courts"},
      {"dwp", "DWP (housing benefit)"},
      {"tenants", "Tenants"},
      {"voluntary", "Voluntary sector"},
  };
  std::vector<Label> payers;
  for (const auto& name : payer_names) payers.push_back({name, words.at(name), ""});
  return payers;
}

std::vector<Label> intervention_labels() {
  std::vector<Label> out;
  for (const InterventionType& type : intervention_types()) out.push_back({type.name, type.label, ""});
  return out;
}

/// Labels of the given measures, in the given order.
std::vector<Label> labelled(const std::vector<std::string>& measures) {
  std::vector<Label> out;
  for (const auto& m : measures) out.push_back({m, measure_words(m).label, ""});
  return out;
}

std::vector<ensemble::StateDomain> state_domains() {
  return {
      {"Housing",
       labelled({"people.settled", "people.housing_first", "people.supported", "people.temporary",
                 "people.rough_sleeping"})},
      {"Justice",
       labelled({"people.justice_none", "people.community_order", "people.licence", "people.custody",
                 "people.recalled"})},
      {"Mental health",
       labelled({"people.mh_stable", "people.mh_treatment", "people.mh_unwell", "people.mh_crisis",
                 "people.mh_inpatient"})},
  };
}

/// One person's states, column by column, as a story of their life calls them (lives.csv), best placed first.
std::vector<ensemble::StateDomain> life_columns() {
  return {
      {"Home",
       {{"settled", "Settled tenancy", ""},
        {"housing_first", "Housing First tenancy", ""},
        {"supported", "Supported accommodation", ""},
        {"temporary", "Hostel or temporary accommodation", ""},
        {"rough_sleeping", "Sleeping rough", ""}},
       "housing"},
      {"Justice",
       {{"none", "No current order", ""},
        {"community_order", "Community order", ""},
        {"licence", "On licence after prison", ""},
        {"custody", "In prison", ""},
        {"recalled", "Recalled to prison", ""}},
       "justice"},
      {"Mental health",
       {{"stable", "Stable", ""},
        {"treatment", "In community treatment", ""},
        {"unwell", "Unwell, not treated", ""},
        {"crisis", "In crisis", ""},
        {"inpatient", "In hospital", ""}},
       "mental_health"},
      {"Support",
       {{"housing_first", "Housing First support", ""},
        {"mtam", "MTAM coordinator", ""},
        {"navigator", "A&E navigator", ""},
        {"usual", "Usual services", ""},
        {"none", "No support", ""}},
       "support"},
  };
}

[[noreturn]] void malformed(const std::filesystem::path& file, const YAML::Mark& mark, const std::string& what) {
  throw InputError(where(file.string(), mark.line + 1) + what);
}

}  // namespace

MeasureWords measure_words(const std::string& measure) {
  for (const auto& [name, words] : named_measures())
    if (name == measure) return words;
  return {measure, 0};
}

std::vector<std::string> read_limitations(const std::filesystem::path& file) {
  constexpr std::size_t max_bytes = 1 << 20;  // a list of sentences [bytes]
  YAML::Node root;
  try {
    root = YAML::Load(read_text_file(file, max_bytes));
  } catch (const YAML::Exception& e) {
    malformed(file, e.mark, "malformed YAML: " + e.msg);
  }
  const YAML::Node list = root.IsMap() ? root["limitations"] : YAML::Node();
  if (!list || !list.IsSequence() || list.size() == 0) {
    malformed(file, root.Mark(), "expected the key 'limitations' with a list of sentences");
  }
  std::vector<std::string> sentences;
  for (const auto& item : list) {
    if (!item.IsScalar() || item.Scalar().empty()) malformed(file, item.Mark(), "each limitation must be a sentence");
    sentences.push_back(item.Scalar());
  }
  return sentences;
}

ensemble::ModelDictionary revolving_door_dictionary(const std::filesystem::path& limitations_file) {
  ensemble::ModelDictionary d;
  // The named measures first, in their order, then the rest in output order.
  std::vector<ensemble::MeasureInfo> whole_cohort;
  for (const auto& m : measure_infos())
    if (m.group.empty()) whole_cohort.push_back(m);
  const auto is_named = [](const ensemble::MeasureInfo& m) { return m.label != m.measure; };
  for (const auto& [name, words] : named_measures()) {
    for (const auto& m : whole_cohort)
      if (m.measure == name) d.measures.push_back(m);
  }
  for (const auto& m : whole_cohort)
    if (!is_named(m)) d.measures.push_back(m);
  d.groups = group_labels();
  d.payers = payer_labels();
  d.interventions = intervention_labels();
  d.trajectories = labelled({"people.rough_sleeping", "people.homeless", "people.in_prison", "people.mh_crisis",
                             "people.housing_first", "people.waiting_housing_first", "people.alive"});
  d.state_domains = state_domains();
  d.life_columns = life_columns();
  d.limitations = read_limitations(limitations_file);
  return d;
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/system.hpp"

#include "models/revolving_door/categories.hpp"
#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/model_file.hpp"

namespace revolve::revolving_door {

std::shared_ptr<const sd::CompiledModel> compile_system(const std::filesystem::path& file, const Parameters& p) {
  const sd::Model model = sd::load_model_file(file);
  sd::CompileOptions options;
  options.overrides = {
      {"turnover", p.workforce.turnover},
      {"vacancy fill time", p.workforce.vacancy_fill_time},
      {"new service recruitment time", p.workforce.new_service_recruitment_time},
      {"navigator setup time", p.navigator.setup_time},
      {"housing first caseload", p.housing_first.caseload},
      {"housing first staff funding", p.housing_first.staff_funding},
      {"mtam caseload", p.mtam.caseload},
      {"navigator caseload", p.navigator.caseload},
      {"temporary places", p.capacity.temporary_places},
      {"supported places", p.capacity.supported_places},
      {"housing first existing places", p.housing_first.places},
      {"housing first supply lead time", p.housing_first.supply_lead_time},
      {"initial trust", p.commissioning.initial_trust},
      {"trust build time", p.commissioning.trust_build_time},
      {"trust loss per retender", p.commissioning.trust_loss_per_retender},
      {"performance management erosion time", p.commissioning.performance_management_erosion_time},
      {"learning time", p.commissioning.learning_time},
      {"resilience drain", p.commissioning.resilience_drain},
      {"resilience recovery time", p.commissioning.resilience_recovery_time},
      {"mainstream pullback", p.commissioning.mainstream_pullback},
      {"mainstream pullback time", p.commissioning.mainstream_pullback_time},
      {"mainstream recovery time", p.commissioning.mainstream_recovery_time},
  };
  for (const auto& [name, value] : options.overrides) {
    const sd::Variable* v = model.find(name);
    // A parameter without a default: a number left in the file would hide a value that was never set.
    if (!v || !v->parameter || !v->equation.empty()) {
      throw ModelError(file.string() + ": the system needs 'parameter: " + name + "' without a default");
    }
  }
  return std::make_shared<const sd::CompiledModel>(sd::compile(model, options));
}

const std::vector<SystemOutput>& system_outputs() {
  using ensemble::Aggregation;
  static const std::vector<SystemOutput> outputs = [] {
    std::vector<SystemOutput> o = {
        {"system.temporary_places", "temporary places", "places"},
        {"system.temporary_free_places", "temporary free places", "places"},
        {"system.supported_places", "supported places", "places"},
        {"system.supported_free_places", "supported free places", "places"},
        {"system.housing_first_places_funded", "housing first places funded", "places"},
        {"system.housing_first_places_ready", "housing first places ready", "places"},
        {"system.housing_first_free_places", "housing first free places", "places"},
        {"system.housing_first_free_slots", "housing first free slots", "people"},
        {"system.housing_first_places_short_of_staff", "housing first places short of staff", "places"},
        {"system.mtam_coverage_target", "mtam coverage target", "people"},
        {"system.capacity_factor_usual", "capacity factor usual", "share of normal intake"},
        {"system.capacity_factor_housing_first", "capacity factor housing first", "share of normal intake"},
        {"system.retenders", "retenders", "re-tenders", Aggregation::flow},
        {"system.provider_changes", "provider changes", "changes", Aggregation::flow},
        {"system.commissioner_trust", "commissioner trust", "score 0 to 1"},
        {"system.provider_learning", "provider learning", "score 0 to 1"},
        {"system.resilience", "resilience", "score 0 to 1"},
        {"system.mainstream_provision", "mainstream provision", "share of usual intake"},
    };
    for (const auto& s : service_names) {
      o.push_back({"system.staff_" + s, "staff[" + s + "]", "staff"});
      o.push_back({"system.posts_" + s, "posts[" + s + "]", "posts"});
      o.push_back({"system.leavers_" + s, "leavers[" + s + "]", "staff", Aggregation::flow});
      o.push_back({"system.leaver_fraction_" + s, "leaver fraction[" + s + "]", "share of staff per week"});
      o.push_back({"system.caseload_ratio_" + s, "caseload ratio[" + s + "]", "clients per caseload place"});
    }
    return o;
  }();
  return outputs;
}

}  // namespace revolve::revolving_door

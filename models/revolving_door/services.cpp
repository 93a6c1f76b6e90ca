#include "models/revolving_door/services.hpp"

#include <cmath>
#include <sstream>

#include "models/revolving_door/interventions/housing_first.hpp"
#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/model_file.hpp"

namespace revolve::revolving_door {
namespace {

std::string exact(double value) {
  std::ostringstream text;
  text.precision(17);
  text << value;
  return text.str();
}

std::string element(const std::string& variable, Service s) { return variable + "[" + service_names[code(s)] + "]"; }

}  // namespace

std::shared_ptr<const sd::CompiledModel> compile_system(const std::filesystem::path& file, const Parameters& p) {
  sd::Model model = sd::load_model_file(file);
  const std::pair<const char*, double> bindings[] = {
      {"turnover", p.workforce.turnover},
      {"vacancy fill time", p.workforce.vacancy_fill_time},
      {"new service recruitment time", p.workforce.new_service_recruitment_time},
      {"navigator setup time", p.navigator.setup_time},
      {"housing first caseload", p.housing_first.caseload},
      {"mtam caseload", p.mtam.caseload},
      {"navigator caseload", p.navigator.caseload},
      {"temporary places", p.capacity.temporary_places},
      {"supported places", p.capacity.supported_places},
      {"housing first existing places", p.housing_first.places},
      {"housing first supply lead time", p.housing_first.supply_lead_time},
  };
  for (const auto& [name, value] : bindings) {
    sd::Variable* v = model.find(name);
    if (!v || v->kind != sd::VariableKind::aux || v->input) {
      throw ModelError(file.string() + ": the system needs an auxiliary '" + name + "' for a parameter");
    }
    v->equation = exact(value);
  }
  return std::make_shared<const sd::CompiledModel>(sd::compile(model));
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
        {"system.mtam_coverage_target", "mtam coverage target", "people"},
        {"system.capacity_factor_usual", "capacity factor usual", "share of normal intake"},
        {"system.capacity_factor_housing_first", "capacity factor housing first", "share of normal intake"},
        {"system.retenders", "retenders", "re-tenders", Aggregation::flow},
        {"system.provider_changes", "provider changes", "changes", Aggregation::flow},
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

void Services::init(abm::Run& run) {
  const auto& model = *state_->setup->system;
  system_.emplace(state_->setup->system, run.key().seed, run.key().run);
  slots_.added_places = model.slot("housing first added places");
  slots_.coverage_target = model.slot("mtam coverage target");
  slots_.navigator_posts = model.slot("navigator posts");
  slots_.capacity_factor_usual = model.slot("capacity factor usual");
  slots_.capacity_factor_housing_first = model.slot("capacity factor housing first");
  slots_.temporary_occupancy = model.slot("temporary occupancy");
  slots_.supported_occupancy = model.slot("supported occupancy");
  slots_.housing_first_tenancies = model.slot("housing first tenancies");
  slots_.waiting_temporary = model.slot("waiting temporary");
  slots_.waiting_supported = model.slot("waiting supported");
  slots_.waiting_housing_first = model.slot("waiting housing first");
  slots_.temporary_free = model.slot("temporary free places");
  slots_.supported_free = model.slot("supported free places");
  slots_.housing_first_ready = model.slot("housing first places ready");
  slots_.retenders = model.slot("retenders");
  slots_.provider_changes = model.slot("provider changes");
  for (std::size_t s = 0; s < service_count; ++s) {
    const auto service = static_cast<Service>(s);
    slots_.turnover_multiplier[s] = model.slot(element("turnover multiplier", service));
    slots_.staff_loss[s] = model.slot(element("staff loss", service));
    slots_.clients[s] = model.slot(element("clients", service));
    slots_.staff[s] = model.slot(element("staff", service));
    slots_.leaver_fraction[s] = model.slot(element("leaver fraction", service));
    slots_.caseload_ratio[s] = model.slot(element("caseload ratio", service));
  }
  output_slots_.clear();
  for (const auto& o : system_outputs()) output_slots_.push_back(model.slot(o.variable));

  // Each contract starts at a random point of its first term (stream contracts.phase).
  const random::Stream phase = run.stream("contracts.phase");
  const ContractTerms terms = contract_terms();
  usual_contract_.emplace(phase.uniform(run.key().run, code(Service::usual), 0) * terms.term, terms);
  housing_first_contract_.emplace(phase.uniform(run.key().run, code(Service::housing_first), 0) * terms.term, terms);

  feed_people(run);  // the starting cohort's occupancy, so week 1 sees the right free places
}

void Services::step(Phase phase, abm::Run& run) {
  switch (phase) {
    case Phase::advance_clock:
      advance_contracts(run);
      set_interventions();
      system_->refresh();
      read_for_people();
      break;
    case Phase::people_to_system:
      feed_people(run);
      break;
    case Phase::integrate_system:
      system_->step();
      break;
    default:
      break;
  }
}

ContractTerms Services::contract_terms() const {
  const Parameters& P = state_->parameters();
  const ContractsParameters& c = P.contracts;
  const double alliance = state_->week.interventions.alliance;
  return {
      .term = c.term,
      .extension = c.extension,
      .extension_probability = c.extension_probability,
      .provider_change_probability =
          c.provider_change_probability +
          (c.alliance_provider_change_probability - c.provider_change_probability) * alliance,
      .staff_loss_on_provider_change = c.staff_loss_on_provider_change,
      .mobilisation_delay = c.mobilisation_delay,
      .mobilisation_capacity = c.mobilisation_capacity,
      .bidding_window = c.bidding_window,
      .bidding_capacity_loss = c.bidding_capacity_loss,
      .last_year_turnover_multiplier = P.workforce.last_year_turnover_multiplier,
  };
}

void Services::advance_contracts(abm::Run& run) {
  const ContractTerms terms = contract_terms();
  const random::Stream retender = run.stream("contracts.retender");
  const std::uint32_t step = run.clock().step();
  const double alliance_turnover =
      1.0 + (state_->parameters().contracts.alliance_turnover_multiplier - 1.0) * state_->week.interventions.alliance;
  ServiceWeek& services = state_->week.services;
  services.retenders = services.provider_changes = 0;
  const auto advance = [&](ContractCycle& cycle, Service service, double& capacity_factor) {
    const auto u = retender.uniforms4(run.key().run, code(service), step);
    const ContractWeek week = cycle.advance(terms, u[0], u[1]);
    capacity_factor = week.capacity_factor;
    services.retenders += week.retendered;
    services.provider_changes += week.provider_changed;
    system_->set_value(slots_.turnover_multiplier[code(service)], week.turnover_multiplier * alliance_turnover);
    system_->set_value(slots_.staff_loss[code(service)], week.staff_loss);
  };
  advance(*usual_contract_, Service::usual, services.capacity_factor_usual);
  advance(*housing_first_contract_, Service::housing_first, services.capacity_factor_housing_first);
  system_->set_value(slots_.capacity_factor_usual, services.capacity_factor_usual);
  system_->set_value(slots_.capacity_factor_housing_first, services.capacity_factor_housing_first);
  system_->set_value(slots_.retenders, services.retenders);
  system_->set_value(slots_.provider_changes, services.provider_changes);
}

void Services::set_interventions() {
  const InterventionWeek& i = state_->week.interventions;
  system_->set_value(slots_.added_places, i.housing_first_added_places);
  system_->set_value(slots_.coverage_target, i.mtam_coverage_target);
  system_->set_value(slots_.navigator_posts, i.navigator_posts);
  system_->set_value(slots_.staff_loss[code(Service::navigator)], i.navigator_staff_loss);
}

void Services::read_for_people() {
  ServiceWeek& s = state_->week.services;
  for (std::size_t k = 0; k < service_count; ++k) {
    s.leaver_fraction[k] = system_->value(slots_.leaver_fraction[k]);
    s.caseload_ratio[k] = system_->value(slots_.caseload_ratio[k]);
    s.staff[k] = system_->value(slots_.staff[k]);
  }
  s.housing_first_places_ready = system_->value(slots_.housing_first_ready);
  state_->week.places.temporary = static_cast<std::int64_t>(std::floor(system_->value(slots_.temporary_free)));
  state_->week.places.supported = static_cast<std::int64_t>(std::floor(system_->value(slots_.supported_free)));
}

void Services::feed_people(abm::Run& run) {
  const PeopleView v = state_->view(run);
  const std::uint32_t step = run.clock().step();
  const HousingFirstParameters& hf = state_->parameters().housing_first;
  double temporary = 0, supported = 0, tenancies = 0;
  double waiting_temporary = 0, waiting_supported = 0, waiting_housing_first = 0;
  std::array<double, service_count> clients{};
  for (abm::PersonId p = 0; p < v.size; ++p) {
    if (!v.alive[p]) continue;
    const std::uint8_t h = v.housing[p];
    temporary += h == code(Housing::temporary) && !v.in_prison(p);
    supported += h == code(Housing::supported) && !v.in_transition(p);  // a place is held in prison
    tenancies += h == code(Housing::housing_first);
    waiting_temporary += v.waiting_for[p] == code(WaitingFor::temporary);
    waiting_supported += v.waiting_for[p] == code(WaitingFor::supported);
    waiting_housing_first += v.waiting_for[p] == code(WaitingFor::housing_first);
    switch (static_cast<Support>(v.support[p])) {
      case Support::usual:
        clients[code(Service::usual)] += 1;
        break;
      case Support::mtam:
        clients[code(Service::mtam)] += 1;
        break;
      case Support::navigator:
        clients[code(Service::navigator)] += 1;
        break;
      case Support::housing_first:
        clients[code(Service::housing_first)] += housing_first_workload(v, p, step, hf.new_client_workload);
        break;
      case Support::none:
        break;
    }
  }
  system_->set_value(slots_.temporary_occupancy, temporary);
  system_->set_value(slots_.supported_occupancy, supported);
  system_->set_value(slots_.housing_first_tenancies, tenancies);
  system_->set_value(slots_.waiting_temporary, waiting_temporary);
  system_->set_value(slots_.waiting_supported, waiting_supported);
  system_->set_value(slots_.waiting_housing_first, waiting_housing_first);
  for (std::size_t k = 0; k < service_count; ++k) system_->set_value(slots_.clients[k], clients[k]);
  system_->refresh();
}

void Services::read_outputs(std::vector<double>& values) const {
  values.resize(output_slots_.size());
  for (std::size_t i = 0; i < output_slots_.size(); ++i) values[i] = system_->value(output_slots_[i]);
}

}  // namespace revolve::revolving_door

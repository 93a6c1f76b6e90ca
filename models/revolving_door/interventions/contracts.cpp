// Commissioning (docs/model/design.md, 'Contract cycles' and 'Longer and alliance contracts'). The contracts of the
// usual pathway and of Housing First support run their cycles every week (contract_cycle.cpp: term, extension,
// re-tender, provider change), whether or not the intervention is on; contract length is the parameters
// contracts.term and contracts.extension (3+2 years in the baseline, 5+5 after Bristol's 2016 change). The
// intervention is the alliance (collaborative) contract: at its level (0 to 1) staff turnover falls towards
// contracts.alliance_turnover_multiplier, a re-tender rarely changes the provider, and usual services can build
// more trust (engagement ceiling towards contracts.alliance_ceiling_usual).
#include <algorithm>
#include <optional>

#include "models/revolving_door/contract_cycle.hpp"
#include "models/revolving_door/costs.hpp"
#include "models/revolving_door/interventions/intervention.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

/// One commissioned service's cycle and the system inputs it sets.
struct Commissioned {
  Service service;
  std::optional<ContractCycle> cycle;
  Signal turnover_multiplier, staff_loss, capacity_factor;
};

class Contracts : public Intervention {
 public:
  explicit Contracts(std::shared_ptr<const ModelSetup> setup) : Intervention(std::move(setup), "contracts") {}

  PhaseSet phases() const override { return {Phase::advance_clock}; }

  void declare(abm::Run& run) override {
    Signals& s = run.signals();
    for (Commissioned& c : services_) {
      const std::string service = service_names[code(c.service)];
      c.turnover_multiplier = s.write("system.turnover multiplier[" + service + "]", Phase::advance_clock);
      c.staff_loss = s.write("system.staff loss[" + service + "]", Phase::advance_clock);
    }
    services_[0].capacity_factor = s.write("system.contract capacity factor usual", Phase::advance_clock);
    services_[1].capacity_factor = s.write("system.capacity factor housing first", Phase::advance_clock);
    retenders_signal_ = s.write("system.retenders", Phase::advance_clock);
    provider_changes_ = s.write("system.provider changes", Phase::advance_clock);
    ceiling_usual_ = s.write("support.ceiling[usual]", Phase::advance_clock);
    shared_risk_ = s.write("system.shared risk", Phase::advance_clock);  // builds commissioner trust
  }

  void init(abm::Run& run) override {
    // Each contract starts at a random point of its first term (stream contracts.phase).
    const random::Stream phase = run.stream("contracts.phase");
    const ContractTerms terms = contract_terms(0.0);
    for (Commissioned& c : services_) c.cycle.emplace(phase.uniform(run.key().run, code(c.service), 0) * terms.term, terms);
    retender_ = run.stream("contracts.retender");
  }

  void step(Phase, abm::Run& run) override {
    const Parameters& P = parameters();
    const double alliance = std::clamp(level(run), 0.0, 1.0);
    Signals& s = run.signals();
    s.set(ceiling_usual_, P.engagement.ceiling_usual + (P.contracts.alliance_ceiling_usual - P.engagement.ceiling_usual) * alliance);
    s.set(shared_risk_, alliance);
    const ContractTerms terms = contract_terms(alliance);
    const double alliance_turnover = 1.0 + (P.contracts.alliance_turnover_multiplier - 1.0) * alliance;
    const std::uint32_t step = run.clock().step();
    retenders_ = 0;
    std::int32_t provider_changes = 0;
    for (Commissioned& c : services_) {
      const auto u = retender_.uniforms4(run.key().run, code(c.service), step);
      const ContractWeek week = c.cycle->advance(terms, u[0], u[1]);
      retenders_ += week.retendered;
      provider_changes += week.provider_changed;
      s.set(c.turnover_multiplier, week.turnover_multiplier * alliance_turnover);
      s.set(c.staff_loss, week.staff_loss);
      s.set(c.capacity_factor, week.capacity_factor);
    }
    s.set(retenders_signal_, retenders_);
    s.set(provider_changes_, provider_changes);
  }

  /// Procurement, shared among groups by the people alive.
  void week_costs(const abm::Run&, const GroupWeeks& week, std::array<double, group_count>& cost) const override {
    const auto everyone = shares(week, tally::alive);
    for (std::size_t g = 0; g < group_count; ++g) cost[g] = retenders_ * parameters().contracts.procurement_cost * everyone[g];
  }

 private:
  std::array<Commissioned, 2> services_ = {{{Service::usual}, {Service::housing_first}}};
  Signal retenders_signal_, provider_changes_, ceiling_usual_, shared_risk_;
  random::Stream retender_;
  std::int32_t retenders_ = 0;  // this week

  ContractTerms contract_terms(double alliance) const {
    const Parameters& P = parameters();
    const ContractsParameters& c = P.contracts;
    return {
        .term = c.term,
        .extension = c.extension,
        .extension_probability = c.extension_probability,
        .provider_change_probability =
            c.provider_change_probability + (c.alliance_provider_change_probability - c.provider_change_probability) * alliance,
        .staff_loss_on_provider_change = c.staff_loss_on_provider_change,
        .mobilisation_delay = c.mobilisation_delay,
        .mobilisation_capacity = c.mobilisation_capacity,
        .bidding_window = c.bidding_window,
        .bidding_capacity_loss = c.bidding_capacity_loss,
        .last_year_turnover_multiplier = P.workforce.last_year_turnover_multiplier,
    };
  }
};

}  // namespace

std::unique_ptr<Intervention> make_contracts(std::shared_ptr<const ModelSetup> setup) {
  return std::make_unique<Contracts>(std::move(setup));
}

}  // namespace revolve::revolving_door

// Payment by reported outcomes (docs/model/design.md, 'Commissioning loops'): providers of the capacity-limited
// services are paid for the outcomes they report. Under that pressure, at the intervention's level, a share of each
// service's offers goes to the easiest candidates (payment_by_results.selection_share, read by the referral ranking
// of capacity_referral.cpp) and a share of closed cases that did not end positively are recorded as positive
// (payment_by_results.gaming_share, read by the recorder for positive_outcomes.reported). Its targets and monitoring
// erode the commissioner's trust (system.performance management). The outcome payments come out of the services'
// existing budgets, so it has no cost of its own in the model: what differs is what the money buys.
#include <algorithm>

#include "models/revolving_door/interventions/intervention.hpp"

namespace revolve::revolving_door {
namespace {

class PaymentByResults : public Intervention {
 public:
  explicit PaymentByResults(std::shared_ptr<const ModelSetup> setup)
      : Intervention(std::move(setup), "payment_by_results") {}

  PhaseSet phases() const override { return {Phase::advance_clock}; }

  void declare(abm::Run& run) override {
    Signals& s = run.signals();
    selection_share_ = s.write("commissioning.selection_share", Phase::advance_clock);
    gaming_share_ = s.write("commissioning.gaming_share", Phase::advance_clock);
    performance_management_ = s.write("system.performance management", Phase::advance_clock);
  }

  void step(Phase, abm::Run& run) override {
    const PaymentByResultsParameters& p = parameters().payment_by_results;
    const double pressure = std::clamp(level(run), 0.0, 1.0);
    Signals& s = run.signals();
    s.set(selection_share_, p.selection_share * pressure);
    s.set(gaming_share_, p.gaming_share * pressure);
    s.set(performance_management_, pressure);
  }

  void week_costs(const abm::Run&, const GroupWeeks&, std::array<double, group_count>& cost) const override {
    cost.fill(0.0);
  }

 private:
  Signal selection_share_, gaming_share_, performance_management_;
};

}  // namespace

std::unique_ptr<Intervention> make_payment_by_results(std::shared_ptr<const ModelSetup> setup) {
  return std::make_unique<PaymentByResults>(std::move(setup));
}

}  // namespace revolve::revolving_door

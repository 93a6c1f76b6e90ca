// Commissioning for learning (docs/model/design.md, 'Commissioning loops'; HLS): flexible funding, shared risk, no
// outcome payments, and discretion for workers to learn what works. At its level it builds the commissioner's trust
// and lets providers learn (system.learning commissioning, in system.yaml), and what they learn strengthens the
// effects of the coordinated services (coordinated_service.hpp). Learning reviews are part of running the services,
// so it has no cost of its own in the model.
#include <algorithm>

#include "models/revolving_door/interventions/intervention.hpp"

namespace revolve::revolving_door {
namespace {

class CommissioningForLearning : public Intervention {
 public:
  explicit CommissioningForLearning(std::shared_ptr<const ModelSetup> setup)
      : Intervention(std::move(setup), "commissioning_for_learning") {}

  PhaseSet phases() const override { return {Phase::advance_clock}; }

  void declare(abm::Run& run) override {
    learning_commissioning_ = run.signals().write("system.learning commissioning", Phase::advance_clock);
  }

  void step(Phase, abm::Run& run) override {
    run.signals().set(learning_commissioning_, std::clamp(level(run), 0.0, 1.0));
  }

  void week_costs(const abm::Run&, const GroupWeeks&, std::array<double, group_count>& cost) const override {
    cost.fill(0.0);
  }

 private:
  Signal learning_commissioning_;
};

}  // namespace

std::unique_ptr<Intervention> make_commissioning_for_learning(std::shared_ptr<const ModelSetup> setup) {
  return std::make_unique<CommissioningForLearning>(std::move(setup));
}

}  // namespace revolve::revolving_door

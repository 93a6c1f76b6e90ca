#pragma once
// Couples a stock-flow model (the system: capacities, waiting lists, workforce) to the people of
// a run. The coupler is a module of the run and owns the stock-flow simulation:
//   Phase::system_to_people  reads the stock-flow variables the people's rules use (read());
//   Phase::people_to_system  sets the model's input variables from the people (feed_*());
//   Phase::integrate_system  advances the stock-flow model over the step (dt / model dt steps).
// Rules read values through handles (value()), so nothing is looked up by name after init.
//
// Timing: a read in step t sees the system at the end of step t - 1. After feeding the inputs the
// coupler refreshes the system's flows, so what the people did in step t flows into the stocks
// during step t (Euler: stock(t) = stock(t - 1) + dt x flow(inputs of step t)).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/abm/run.hpp"
#include "sim/sd/compiled_model.hpp"
#include "sim/sd/simulation.hpp"

namespace revolve::coupling {

/// Handle of a stock-flow variable that the people's rules read.
struct SystemValue {
  std::uint32_t index = 0;
};

class SystemCoupling : public abm::Module {
 public:
  /// What the people give the system each step, computed once per step (never per person).
  using Measure = std::function<double(const abm::Run&)>;

  explicit SystemCoupling(std::shared_ptr<const sd::CompiledModel> model) : model_(std::move(model)) {}

  // -- Declared before the run starts; names are resolved at init ------------------------------

  /// A stock-flow variable the people read each step.
  SystemValue read(std::string variable);
  /// Set input variable `input` to the number of people alive in `category` of `state`.
  void feed_count(std::string input, std::string state, std::string category);
  /// Set input variable `input` to the step's total of an event counter per unit of model time
  /// (a flow [events per time unit]).
  void feed_events(std::string input, std::string counter);
  /// Set input variable `input` to any measure of the run.
  void feed(std::string input, Measure measure);

  // -- Used by rules during the run ------------------------------------------------------------

  /// The value of a read variable at the end of the previous step (the system's initial values in
  /// step 1).
  double value(SystemValue v) const { return values_[v.index]; }
  const sd::Simulation& system() const { return *system_; }

  PhaseSet phases() const override {
    return {Phase::system_to_people, Phase::people_to_system, Phase::integrate_system};
  }
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  struct Feed {
    std::string input;
    std::function<Measure(const abm::Run&)> resolve;  // names to handles, at init
    Measure measure;
    std::uint32_t slot = 0;
  };
  std::shared_ptr<const sd::CompiledModel> model_;
  std::optional<sd::Simulation> system_;
  std::vector<std::string> read_names_;
  std::vector<std::uint32_t> read_slots_;
  std::vector<double> values_;
  std::vector<Feed> feeds_;
  std::uint32_t steps_per_step_ = 1;  // stock-flow steps per people step

  std::uint32_t input_slot(const std::string& input) const;
};

}  // namespace revolve::coupling

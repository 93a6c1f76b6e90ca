#pragma once
// Couples a stock-flow model (the system: capacities, waiting lists, workforce) to the people of
// a run. The coupler is a module of the run named after its system ("system" by default) and owns
// the stock-flow simulation; the people's modules meet it only through signals (sim/core/signals.hpp)
// named "<name>.<variable>":
//   - a module that reads "system.staff[mtam]" gets the variable's value, published by the coupler
//     in Phase::system_to_people (a module that takes from "system.temporary free places" gets a pool
//     of the variable's whole places); a name the model lacks is an error at init, with suggestions;
//   - a module that writes "system.<input>" sets that input variable: the coupler copies every written
//     input into the model in Phase::system_to_people (then refreshes, then publishes) and again in
//     Phase::people_to_system (then refreshes, so the step's flows see the people's step);
//   - feed_count, feed_events and feed set inputs from measures of the whole population, computed by
//     the coupler in Phase::people_to_system;
//   - Phase::integrate_system advances the model over the step (dt / model dt steps).
// An input nobody writes or feeds keeps its own equation.
//
// Timing: a read in step t sees the stocks at the end of step t - 1 with this step's written inputs;
// after feeding, the flows of step t see the people's step t (Euler: stock(t) = stock(t - 1) +
// dt x flow(inputs of step t)).
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

class SystemCoupling : public abm::Module {
 public:
  /// What the people give the system each step, computed once per step (never per person).
  using Measure = std::function<double(const abm::Run&)>;

  explicit SystemCoupling(std::shared_ptr<const sd::CompiledModel> model, std::string name = "system")
      : model_(std::move(model)), name_(std::move(name)) {}

  // -- Declared before the run starts; names are resolved at init ------------------------------

  /// Set input variable `input` to the number of people alive in `category` of `state`.
  void feed_count(std::string input, std::string state, std::string category);
  /// Set input variable `input` to the step's total of an event counter per unit of model time
  /// (a flow [events per time unit]).
  void feed_events(std::string input, std::string counter);
  /// Set input variable `input` to any measure of the run.
  void feed(std::string input, Measure measure);
  /// Record `variable` in output column `column` at the end of every step, after the system has
  /// advanced (another module adds the column, so the layout of the outputs stays in one place).
  void record_output(std::string column, std::string variable);

  /// The stock-flow simulation (for tests and outputs that read it directly).
  const sd::Simulation& system() const { return *system_; }

  std::string name() const override { return name_; }
  PhaseSet phases() const override {
    return {Phase::system_to_people, Phase::people_to_system, Phase::integrate_system};
  }
  void declare(abm::Run& run) override;
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;
  void record(abm::Run& run) override;

 private:
  struct Feed {
    std::string input;
    std::function<Measure(const abm::Run&)> resolve;  // names to handles, at init
    Measure measure;
    std::uint32_t slot = 0;
  };
  /// A signal tied to a variable of the model.
  struct Binding {
    Signal signal;
    std::uint32_t slot = 0;
  };
  std::shared_ptr<const sd::CompiledModel> model_;
  std::string name_;
  std::optional<sd::Simulation> system_;
  std::size_t module_ = 0;             // this module's index in the run's signals
  std::vector<Binding> inputs_;        // every input variable
  std::vector<Binding> written_;       // inputs other modules write
  std::vector<Binding> published_;     // variables other modules read
  std::vector<Feed> feeds_;
  struct Recorded {
    std::string column, variable;
    abm::Output output;
    std::uint32_t slot = 0;
  };
  std::vector<Recorded> recorded_;
  std::uint32_t steps_per_step_ = 1;  // stock-flow steps per people step

  std::uint32_t input_slot(const std::string& input) const;
  std::uint32_t variable_slot(const std::string& signal) const;
  void set_written_inputs(const abm::Run& run);
};

}  // namespace revolve::coupling

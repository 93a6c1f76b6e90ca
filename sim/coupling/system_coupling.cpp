#include "sim/coupling/system_coupling.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/error.hpp"
#include "sim/core/suggest.hpp"

namespace revolve::coupling {
namespace {

bool is_input(const sd::CompiledModel& model, std::uint32_t slot) {
  const auto& inputs = model.input_slots;
  return std::find(inputs.begin(), inputs.end(), slot) != inputs.end();
}

}  // namespace

void SystemCoupling::feed(std::string input, Measure measure) {
  feeds_.push_back({std::move(input), [measure = std::move(measure)](const abm::Run&) { return measure; }});
}

void SystemCoupling::feed_count(std::string input, std::string state, std::string category) {
  feeds_.push_back({std::move(input), [state, category](const abm::Run& run) -> Measure {
                      const abm::Population& p = run.population();
                      const abm::StateColumn column = p.state(state);
                      const std::uint8_t code = p.category(column, category);
                      return [column, code](const abm::Run& r) {
                        return static_cast<double>(r.population().count_alive(column, code));
                      };
                    }});
}

void SystemCoupling::feed_events(std::string input, std::string counter) {
  feeds_.push_back({std::move(input), [counter](const abm::Run& run) -> Measure {
                      const abm::Counter handle = run.counters().find(counter);
                      return [handle](const abm::Run& r) {
                        return static_cast<double>(r.counters().total(handle)) / r.clock().dt();
                      };
                    }});
}

void SystemCoupling::record_output(std::string column, std::string variable) {
  recorded_.push_back({std::move(column), std::move(variable), {}, 0});
}

std::uint32_t SystemCoupling::input_slot(const std::string& input) const {
  const std::uint32_t slot = model_->slot(input);
  if (!is_input(*model_, slot)) {
    throw ModelError("coupling: '" + input + "' is not an input variable of stock-flow model '" + model_->name +
                     "' (declare it with input: true)");
  }
  return slot;
}

std::uint32_t SystemCoupling::variable_slot(const std::string& signal) const {
  const std::string variable = signal.substr(name_.size() + 1);
  if (const auto slot = model_->find(variable)) return *slot;
  throw ModelError("signal '" + signal + "': stock-flow model '" + model_->name + "' has no variable '" + variable +
                   "'" + did_you_mean(variable, model_->variable_names));
}

void SystemCoupling::declare(abm::Run& run) {
  Signals& signals = run.signals();
  module_ = signals.declaring_module();
  signals.provide(name_ + ".", Phase::system_to_people);
  // Every input may be written by a module; the last write of a step comes in people_to_system.
  inputs_.clear();
  for (const std::string& variable : model_->variable_names) {
    const std::uint32_t slot = model_->slot(variable);
    if (!is_input(*model_, slot)) continue;
    inputs_.push_back({signals.read(name_ + "." + variable, Phase::people_to_system, ReadKind::optional), slot});
  }
}

void SystemCoupling::init(abm::Run& run) {
  const double ratio = run.clock().dt() / model_->specs.dt;
  if (!(ratio >= 1.0) || std::abs(ratio - std::round(ratio)) > 1e-9) {
    throw ModelError("coupling: the people's step (" + std::to_string(run.clock().dt()) +
                     ") is not a whole number of the stock-flow model's dt (" + std::to_string(model_->specs.dt) + ")");
  }
  steps_per_step_ = static_cast<std::uint32_t>(std::lround(ratio));
  system_.emplace(model_, run.key().seed, run.key().run);
  const Signals& signals = run.signals();
  published_.clear();
  for (const auto& [signal, name] : signals.provided_by(module_)) published_.push_back({signal, variable_slot(name)});
  written_.clear();
  for (const Binding& input : inputs_) {
    if (signals.has_writer(input.signal)) written_.push_back(input);
  }
  for (Recorded& r : recorded_) {
    r.slot = model_->slot(r.variable);
    r.output = run.outputs().find(r.column);
  }
  for (Feed& f : feeds_) {
    f.slot = input_slot(f.input);
    const bool also_written = std::any_of(written_.begin(), written_.end(), [&](const Binding& b) { return b.slot == f.slot; });
    if (also_written) throw ModelError("coupling: input '" + f.input + "' is both fed from the people and written by a module");
    f.measure = f.resolve(run);
  }
}

void SystemCoupling::set_written_inputs(const abm::Run& run) {
  for (const Binding& b : written_) system_->set_value(b.slot, run.signals().value(b.signal));
}

void SystemCoupling::step(Phase phase, abm::Run& run) {
  switch (phase) {
    case Phase::system_to_people:
      set_written_inputs(run);
      system_->refresh();
      for (const Binding& b : published_) run.signals().set(b.signal, system_->value(b.slot));
      break;
    case Phase::people_to_system:
      set_written_inputs(run);
      for (const Feed& f : feeds_) system_->set_value(f.slot, f.measure(run));
      system_->refresh();  // flows see this step's inputs before the system integrates the step
      break;
    case Phase::integrate_system:
      for (std::uint32_t k = 0; k < steps_per_step_; ++k) system_->step();
      break;
    default:
      break;
  }
}

void SystemCoupling::record(abm::Run& run) {
  for (const Recorded& r : recorded_) run.outputs().set(r.output, system_->value(r.slot));
}

}  // namespace revolve::coupling

#include "sim/coupling/system_coupling.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/error.hpp"

namespace revolve::coupling {

SystemValue SystemCoupling::read(std::string variable) {
  read_names_.push_back(std::move(variable));
  return {static_cast<std::uint32_t>(read_names_.size() - 1)};
}

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

std::uint32_t SystemCoupling::input_slot(const std::string& input) const {
  const std::uint32_t slot = model_->slot(input);
  const auto& inputs = model_->input_slots;
  if (std::find(inputs.begin(), inputs.end(), slot) == inputs.end()) {
    throw ModelError("coupling: '" + input + "' is not an input variable of stock-flow model '" + model_->name +
                     "' (declare it with input: true)");
  }
  return slot;
}

void SystemCoupling::init(abm::Run& run) {
  const double ratio = run.clock().dt() / model_->specs.dt;
  if (!(ratio >= 1.0) || std::abs(ratio - std::round(ratio)) > 1e-9) {
    throw ModelError("coupling: the people's step (" + std::to_string(run.clock().dt()) +
                     ") is not a whole number of the stock-flow model's dt (" + std::to_string(model_->specs.dt) + ")");
  }
  steps_per_step_ = static_cast<std::uint32_t>(std::lround(ratio));
  system_.emplace(model_, run.key().seed, run.key().run);
  read_slots_.clear();
  for (const auto& name : read_names_) read_slots_.push_back(model_->slot(name));
  values_.assign(read_slots_.size(), 0.0);
  for (Feed& f : feeds_) {
    f.slot = input_slot(f.input);
    f.measure = f.resolve(run);
  }
}

void SystemCoupling::step(Phase phase, abm::Run& run) {
  switch (phase) {
    case Phase::system_to_people:
      for (std::size_t i = 0; i < read_slots_.size(); ++i) values_[i] = system_->value(read_slots_[i]);
      break;
    case Phase::people_to_system:
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

}  // namespace revolve::coupling

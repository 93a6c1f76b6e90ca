#pragma once
// Small models for the engine's tests: a population module and a rule with known hazards.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "sim/abm/run.hpp"
#include "tests/cpp/support/transition_rule.hpp"

namespace revolve::test {

/// Declares state columns and, at init, adds `count` people (in each state's first category unless
/// `setup` moves them).
class People : public abm::Module {
 public:
  using States = std::vector<std::pair<std::string, std::vector<std::string>>>;
  People(std::size_t count, States states, std::function<void(abm::Population&)> setup = {})
      : count_(count), states_(std::move(states)), setup_(std::move(setup)) {}

  void declare(abm::Run& run) override {
    for (const auto& [name, categories] : states_) run.population().add_state(name, categories);
  }
  void init(abm::Run& run) override {
    run.population().add_people(count_);
    if (setup_) setup_(run.population());
  }

 private:
  std::size_t count_;
  States states_;
  std::function<void(abm::Population&)> setup_;
};

/// well <-> ill, and ill people may die: hazards [per step] well -> ill 0.05, ill -> well 0.2,
/// ill -> died 0.02.
inline test::TransitionSpec illness_rule() {
  return {.name = "illness",
          .column = "health",
          .context = {},
          .exits = {"died"},
          .hazards = [](const test::Situation& s) -> std::vector<test::Hazard> {
            if (s.is("health", "well")) return {{"ill", 0.05}};
            return {{"well", 0.2}, {"died", 0.02}};
          }};
}

/// Builds a run of the illness model with `count` people.
inline void add_illness_model(abm::Run& run, std::size_t count) {
  run.add<People>(count, People::States{{"health", {"well", "ill"}}});
  run.add<test::TransitionRule>(illness_rule());
}

}  // namespace revolve::test

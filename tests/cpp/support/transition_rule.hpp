#pragma once
// A test helper for toy models: a declarative transition rule, competing risks on one state column, with hazards that depend on
// the start-of-step categories of that column and of other state columns (the context).
//
// The hazard function is called at init, once for every joint category, with names; the answers
// become a table of CompetingRisks, so the hot loop looks up its row with a few multiply-adds and
// draws one uniform from the rule's own stream (named after the rule).
//
// Rules in the same phase run one after another, in the order they were added: a later rule sees
// the categories an earlier one set. A model whose domains must all read the start-of-step state
// (synchronous update) resolves them in one kernel, as models/cohort_bench does.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/abm/competing_risks.hpp"
#include "sim/abm/run.hpp"
#include "sim/abm/state_space.hpp"

namespace revolve::test {
using namespace revolve::abm;

/// Hazard [per step] towards one destination: a category of the rule's column, or one of its exits.
struct Hazard {
  std::string to;
  double per_step = 0.0;
};

/// The joint category a hazard function is asked about, by name.
class Situation {
 public:
  Situation(const Population& population, std::span<const StateColumn> columns,
            std::span<const std::uint8_t> categories)
      : population_(population), columns_(columns), categories_(categories) {}

  /// True if `column` (the rule's column or a context column) is in `category`. Throws
  /// revolve::ModelError if the rule does not read that column or it has no such category.
  bool is(std::string_view column, std::string_view category) const;

 private:
  const Population& population_;
  std::span<const StateColumn> columns_;
  std::span<const std::uint8_t> categories_;
};

using HazardFunction = std::function<std::vector<Hazard>(const Situation&)>;

struct TransitionSpec {
  std::string name;                  ///< names the rule's random stream
  std::string column;                ///< the state column the rule changes
  std::vector<std::string> context;  ///< other state columns the hazards depend on
  std::vector<std::string> exits;    ///< destinations that remove the person; each is counted as an event
  HazardFunction hazards;            ///< hazards out of a joint category; called at init only
  Phase phase = Phase::transitions;
};

class TransitionRule : public abm::Module {
 public:
  explicit TransitionRule(TransitionSpec spec) : spec_(std::move(spec)) {}

  PhaseSet phases() const override { return {spec_.phase}; }
  void declare(Run& run) override;
  void init(Run& run) override;
  void step(Phase phase, Run& run) override;

  /// Joint categories a rule can depend on: its column and up to seven context columns.
  static constexpr std::size_t max_columns = 8;

 private:
  TransitionSpec spec_;
  std::vector<StateColumn> columns_;  // the rule's column, then the context columns
  StateSpace space_;
  std::vector<CompetingRisks> table_;  // one entry per joint category
  std::vector<Counter> exit_counters_;
  std::uint8_t first_exit_code_ = 0;  // destination codes from here on are exits
  random::Stream stream_;

  CompetingRisks risks_for(const Population& population, std::size_t joint_index) const;
  std::uint8_t destination_code(const Population& population, const Hazard& hazard) const;
};

}  // namespace revolve::test

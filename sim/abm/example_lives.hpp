#pragma once
// An analyzer that follows a few people through a run, so a report can show lives beside the aggregates: the
// states of chosen columns, week by week, of people chosen at the start by a seeded rule (people in a priority
// group who are homeless, say). At the end of the run it hands the run's outputs a small table of episodes, one row
// per stretch of steps a person spends in one state of one column, which a results folder writes as <name>.csv.
// People are named A, B, C ... in the order they were chosen, never by their row. Like every analyzer it changes no
// result: it only reads, and its choice draws from a stream of its own. Two scenarios run with the same seed and run
// number start with the same people, so they follow the same people under each.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/abm/run.hpp"

namespace revolve::abm {

/// The state recorded once a person has left the run (died or moved away: `alive` is 0).
inline constexpr const char* left_state = "left";

/// Who to follow, and what to record of them.
struct ExampleLivesSpec {
  std::string name = "lives";        ///< the table's name: a results folder writes it as <name>.csv
  std::size_t people = 4;            ///< how many to follow (fewer if fewer meet the rule), at most 26
  std::vector<std::string> columns;  ///< state columns to record, e.g. {"housing", "justice"}
  /// The rule, checked on everyone alive when the first step starts (after every module's init, before anything
  /// acts, wherever the analyzer is in the run's modules): each listed state column must hold one of its
  /// categories, e.g. {{"housing", {"rough_sleeping", "temporary"}}}. Among those who meet it, the people with the
  /// smallest draws of the stream "<name>.choose" are followed.
  std::vector<std::pair<std::string, std::vector<std::string>>> chosen_from;
};

class ExampleLives : public Module {
 public:
  /// Throws revolve::Error when the spec asks for no columns or more than 26 people.
  explicit ExampleLives(ExampleLivesSpec spec);

  /// Chooses the people in the first step's first phase.
  PhaseSet phases() const override { return {Phase::advance_clock}; }
  void init(Run& run) override;
  void step(Phase phase, Run& run) override;
  void record(Run& run) override;
  void finalize(Run& run) override;

 private:
  ExampleLivesSpec spec_;
  std::vector<StateColumn> columns_;
  std::vector<std::pair<StateColumn, std::vector<std::uint8_t>>> rule_;
  std::vector<PersonId> people_;  // their rows (no_row once a compaction removed them)
  std::uint32_t compactions_seen_ = 0;  // Population::compactions() at the last record
  /// Per recorded step, per person, per column: the category, or `gone` once the person has left the run.
  std::vector<std::uint8_t> states_;

  void choose(const Run& run);
  Table episodes(const Run& run) const;
};

}  // namespace revolve::abm

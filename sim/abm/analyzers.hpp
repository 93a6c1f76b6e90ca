#pragma once
// Analyzers: modules that only record. Adding one changes no result, because nothing else reads
// what they record and every decision draws from its own stream.
#include <string>
#include <vector>

#include "sim/abm/run.hpp"

namespace revolve::abm {

/// Records the number of people alive in each category of some state columns at the end of every
/// step, as outputs "<column>.<category>" ("housing.rough").
class StateCounts : public Module {
 public:
  explicit StateCounts(std::vector<std::string> columns) : names_(std::move(columns)) {}

  void declare(Run& run) override;
  void init(Run& run) override;
  void record(Run& run) override;

 private:
  std::vector<std::string> names_;
  std::vector<StateColumn> columns_;
  std::vector<std::size_t> first_output_;  // per column: position of its first category's tally
  std::vector<Output> outputs_;            // one per tally
  std::vector<std::int64_t> tallies_;      // one row per block, reused every step
};

/// Records event counters' totals for the step, as outputs of the same names.
class EventCounts : public Module {
 public:
  explicit EventCounts(std::vector<std::string> counters) : names_(std::move(counters)) {}

  void declare(Run& run) override;
  void init(Run& run) override;
  void record(Run& run) override;

 private:
  std::vector<std::string> names_;
  std::vector<Counter> counters_;
  std::vector<Output> outputs_;
};

}  // namespace revolve::abm

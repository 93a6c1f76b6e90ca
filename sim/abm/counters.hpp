#pragma once
// Per-step event counters (deaths, recalls, A&E attendances, ...). Parallel passes count into one
// row per block of people; the rows are added to the step's totals in block order afterwards.
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/abm/names.hpp"

namespace revolve::abm {

/// Handle of an event counter.
struct Counter {
  std::uint32_t index = 0;
};

/// The counts of one block of people during one parallel pass.
class BlockCounts {
 public:
  explicit BlockCounts(std::span<std::int64_t> counts) : counts_(counts) {}
  void add(Counter counter, std::int64_t n = 1) { counts_[counter.index] += n; }

 private:
  std::span<std::int64_t> counts_;
};

/// Events counted during the current step; reset at the start of every step.
class EventCounters {
 public:
  Counter add(std::string name) {
    const Counter c{names_.add(std::move(name))};
    totals_.push_back(0);
    return c;
  }
  Counter find(std::string_view name) const { return {names_.find(name)}; }
  const std::string& name(Counter c) const { return names_[c.index]; }
  std::size_t size() const { return names_.size(); }
  void freeze() { names_.freeze(); }

  /// Events counted so far in the current step.
  std::int64_t total(Counter c) const { return totals_[c.index]; }
  /// Count from serial code (one phase of one module, not a parallel pass).
  void add_to(Counter c, std::int64_t n = 1) { totals_[c.index] += n; }
  /// Add one row of block counts (size() values) to the totals.
  void add_row(std::span<const std::int64_t> row) {
    for (std::size_t i = 0; i < totals_.size(); ++i) totals_[i] += row[i];
  }
  void reset() { std::fill(totals_.begin(), totals_.end(), 0); }

 private:
  Names names_{"counter"};
  std::vector<std::int64_t> totals_;
};

}  // namespace revolve::abm

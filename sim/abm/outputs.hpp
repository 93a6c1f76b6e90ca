#pragma once
// What a run records: one row per step, one column per output (state counts at the end of the
// step, event counts during it, anything an analyzer measures), and small tables that analyzers hand
// over at the end of the run (a few people's lives, sim/abm/example_lives.hpp), and who entered the groups
// the model follows (an intervention's entry cohorts), for comparisons matched by person.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/abm/names.hpp"
#include "sim/abm/population.hpp"

namespace revolve::abm {

/// Handle of an output column.
struct Output {
  std::uint32_t index = 0;
};

/// A person who joined a followed group in a step: an intervention's entry cohort. A comparison follows the same
/// people (the same ids under common random numbers) in the baseline, for an intention-to-treat difference
/// (PreparedScenario::following).
struct Entry {
  PersonId person = 0;       ///< the person's id (Population::ids), not their row
  std::int32_t step = 0;    ///< the first step in the group [step]
  std::uint32_t group = 0;  ///< which of the model's followed groups
};

/// A small table of text: a header, then rows of as many cells.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

class Outputs {
 public:
  Output add(std::string name) {
    const Output o{names_.add(std::move(name))};
    current_.push_back(0.0);
    return o;
  }
  Output find(std::string_view name) const { return {names_.find(name)}; }
  const std::vector<std::string>& names() const { return names_.all(); }
  std::size_t size() const { return names_.size(); }
  void freeze() { names_.freeze(); }

  /// Set an output for the current step (in Phase::record).
  void set(Output o, double value) { current_[o.index] = value; }
  /// Append the current values as the next row; they carry over unless set again.
  void commit_row() { values_.insert(values_.end(), current_.begin(), current_.end()); }
  void reserve_rows(std::size_t rows) { values_.reserve(rows * size()); }

  std::size_t rows() const { return size() == 0 ? 0 : values_.size() / size(); }
  double at(std::size_t row, Output o) const { return values_[row * size() + o.index]; }
  std::span<const double> row(std::size_t r) const { return std::span(values_).subspan(r * size(), size()); }
  /// Every row, row-major.
  std::span<const double> values() const { return values_; }

  /// Hand over a table at the end of a run (Module::finalize). Its name, the file name a results folder gives it
  /// (<name>.csv), is lower-case letters, digits and '_'; throws revolve::Error otherwise or if it is taken.
  void attach(const std::string& name, Table table);
  const std::map<std::string, Table>& tables() const { return tables_; }

  /// Hand over the run's entries into followed groups (Module::finalize), in step order within each group.
  void set_entries(std::vector<Entry> entries) { entries_ = std::move(entries); }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  std::map<std::string, Table> tables_;
  Names names_{"output"};
  std::vector<double> current_;
  std::vector<double> values_;
};

}  // namespace revolve::abm

#pragma once
// A population stored as columns (structure of arrays): one array per state, attribute and
// scheduled event time, indexed by person. Blocks of people can then be stepped in parallel, a
// pass over one state touches only that state's bytes, and a person costs a few bytes.
//
// Columns are declared by name, then the layout is frozen; the hot loop reaches a column through a
// handle resolved once at init, never through its name. A person who exits stays as a row with
// alive = 0 until a compaction (compact()) removes the rows of those neither alive nor held. Rows
// keep the order people entered in, and each row carries its person's id, which never changes and
// keys their random numbers: a run that compacts has the same people, in the same order, with the
// same draws as one that never does. Before the first compaction a person's row is their id.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/abm/keep_rows.hpp"

namespace revolve::abm {

using PersonId = std::uint32_t;

/// The row of a person who is no longer in the population (compact()).
inline constexpr PersonId no_row = std::numeric_limits<PersonId>::max();

/// Step number of a scheduled event time that is not set.
inline constexpr std::int32_t no_event = std::numeric_limits<std::int32_t>::max();

/// Handle of a categorical state column (one byte per person: at most 256 categories).
struct StateColumn {
  std::uint32_t index = 0;
};
/// Handle of a numeric attribute column.
struct AttributeColumn {
  std::uint32_t index = 0;
};
/// Handle of a column of scheduled event times [step number; no_event if none].
struct EventTimeColumn {
  std::uint32_t index = 0;
};

class Population {
 public:
  // -- Layout: declared before freeze(), looked up at init ------------------------------------

  /// A categorical state; new people start in the first category.
  StateColumn add_state(std::string name, std::vector<std::string> categories);
  AttributeColumn add_attribute(std::string name, double initial = 0.0);
  EventTimeColumn add_event_time(std::string name);
  /// After this no column can be added. People can still enter.
  void freeze() { frozen_ = true; }
  bool frozen() const { return frozen_; }

  /// Look-ups by name: throw revolve::Error naming the column (and the known ones) if absent.
  StateColumn state(std::string_view name) const;
  AttributeColumn attribute(std::string_view name) const;
  EventTimeColumn event_time(std::string_view name) const;
  /// Index of `category` in a state column; throws revolve::Error naming the column if absent.
  std::uint8_t category(StateColumn column, std::string_view category) const;
  const std::string& name(StateColumn column) const { return states_[column.index].name; }
  const std::vector<std::string>& categories(StateColumn column) const { return states_[column.index].categories; }
  std::size_t state_count() const { return states_.size(); }

  // -- People ----------------------------------------------------------------------------------

  /// The rows: everyone who entered, alive or not, less those a compaction removed.
  std::size_t size() const { return alive_.size(); }
  /// Everyone who ever entered: the id the next person to enter gets.
  PersonId entered() const { return entered_; }
  /// Add `count` people at the end: alive, in each state's first category, attributes at their
  /// initial values, no scheduled events, ids entered() onward. Returns the first new row.
  PersonId add_people(std::size_t count);
  /// Room for `count` rows without reallocating (entries during a run then never allocate).
  void reserve(std::size_t count);
  /// People alive in `category` of `column` (a serial pass: for once-a-step use, not hot loops).
  std::size_t count_alive(StateColumn column, std::uint8_t category) const;

  // -- Compaction: rows of the dead removed, the order of the rest kept --------------------------

  /// Each row's person id, ascending.
  std::span<const PersonId> ids() const { return ids_; }
  /// The row of person `id`, or no_row if they never entered or a compaction removed them (a binary search).
  PersonId row_of(PersonId id) const;
  /// Keeps a row through compactions while its person is not alive, for a module that will still read it (an
  /// entrant followed after death). Holds count: each hold is ended by one let_go.
  void hold(PersonId row);
  void let_go(PersonId row);
  /// Removes the rows neither alive nor held, moving the rest up in order. Columns keep their capacity, so no
  /// pointer into them moves; their sizes shrink. Returns the rows removed.
  std::size_t compact();
  /// Compactions that removed rows so far.
  std::uint32_t compactions() const { return compactions_; }
  /// For a module keeping rows of its own, which must look after every compaction (once a step will do): whether
  /// there has been one since `seen` (its count at the last look), which it then follows with moved() or
  /// compact_like(). Updates `seen`; throws revolve::ModelError if it missed one, which can no longer be followed.
  bool follow_compactions(std::uint32_t& seen) const;
  /// The row that row `before` of the last compaction is now, or no_row if it was removed.
  PersonId moved(PersonId before) const;
  /// Applies the last compaction to a module's own column (bytes, 32-bit values or doubles), one value per row before
  /// it: the values of the rows kept move up in order. A column shorter than the rows then is cut to those kept of
  /// the rows it had; a longer one is an error (revolve::ModelError).
  template <class T>
  void compact_like(std::vector<T>& by_row) const {
    if (by_row.size() > rows_before_) throw_longer_than_rows(by_row.size());
    by_row.resize(keep_rows(by_row.data(), by_row.size(), kept_.data()));
  }

  // -- Columns: spans over every row -----------------------------------------------------------

  std::span<std::uint8_t> alive() { return alive_; }
  std::span<const std::uint8_t> alive() const { return alive_; }
  std::span<std::uint8_t> states(StateColumn c) { return states_[c.index].values; }
  std::span<const std::uint8_t> states(StateColumn c) const { return states_[c.index].values; }
  std::span<double> attributes(AttributeColumn c) { return attributes_[c.index].values; }
  std::span<const double> attributes(AttributeColumn c) const { return attributes_[c.index].values; }
  std::span<std::int32_t> event_times(EventTimeColumn c) { return event_times_[c.index].values; }
  std::span<const std::int32_t> event_times(EventTimeColumn c) const { return event_times_[c.index].values; }

 private:
  template <class T>
  struct Column {
    std::string name;
    T initial{};
    std::vector<T> values;
  };
  struct CategoricalColumn {
    std::string name;
    std::vector<std::string> categories;
    std::vector<std::uint8_t> values;
  };

  std::vector<CategoricalColumn> states_;
  std::vector<Column<double>> attributes_;
  std::vector<Column<std::int32_t>> event_times_;
  std::vector<std::uint8_t> alive_;
  std::vector<PersonId> ids_;
  std::vector<std::uint8_t> held_;     // holds on each row (hold, let_go)
  // The last compaction: the rows before it, a bit set for each row it kept, and the rows kept before each word.
  std::size_t rows_before_ = 0;
  std::vector<std::uint64_t> kept_;
  std::vector<PersonId> kept_before_;
  PersonId entered_ = 0;
  std::uint32_t compactions_ = 0;
  bool frozen_ = false;

  void check_new_column(const std::string& name) const;
  [[noreturn]] void throw_longer_than_rows(std::size_t size) const;
};

}  // namespace revolve::abm

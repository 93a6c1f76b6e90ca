#pragma once
// A population stored as columns (structure of arrays): one array per state, attribute and
// scheduled event time, indexed by person. Blocks of people can then be stepped in parallel, a
// pass over one state touches only that state's bytes, and a person costs a few bytes.
//
// Columns are declared by name, then the layout is frozen; the hot loop reaches a column through a
// handle resolved once at init, never through its name. People are never removed or reordered:
// a person who exits stays as a row with alive = 0, so a person's id (the row) is stable and keys
// their random numbers for the whole run.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace revolve::abm {

using PersonId = std::uint32_t;

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

  /// Everyone who ever entered, alive or not (the number of rows).
  std::size_t size() const { return alive_.size(); }
  /// Add `count` people at the end: alive, in each state's first category, attributes at their
  /// initial values, no scheduled events. Returns the first new id.
  PersonId add_people(std::size_t count);
  /// Room for `count` rows without reallocating (entries during a run then never allocate).
  void reserve(std::size_t count);
  /// People alive in `category` of `column` (a serial pass: for once-a-step use, not hot loops).
  std::size_t count_alive(StateColumn column, std::uint8_t category) const;

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
  bool frozen_ = false;

  void check_new_column(const std::string& name) const;
};

}  // namespace revolve::abm

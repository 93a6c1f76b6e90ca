#include "sim/abm/population.hpp"

#include <algorithm>
#include <bit>

#include "sim/core/error.hpp"

namespace revolve::abm {

namespace {

template <class Columns>
std::string known_names(const Columns& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c.name;
  return out.empty() ? "none" : out;
}

template <class Columns>
std::uint32_t find_column(const Columns& columns, std::string_view name, const char* kind) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<std::uint32_t>(i);
  }
  throw ModelError("population: no " + std::string(kind) + " column '" + std::string(name) +
                   "' (known: " + known_names(columns) + ")");
}

}  // namespace

void Population::check_new_column(const std::string& name) const {
  if (frozen_) throw ModelError("population: column '" + name + "' declared after the layout was frozen");
  const auto taken = [&](const auto& columns) {
    for (const auto& c : columns) {
      if (c.name == name) return true;
    }
    return false;
  };
  if (taken(states_) || taken(attributes_) || taken(event_times_)) {
    throw ModelError("population: column '" + name + "' is declared twice");
  }
}

StateColumn Population::add_state(std::string name, std::vector<std::string> categories) {
  check_new_column(name);
  if (categories.empty() || categories.size() > 256) {
    throw ModelError("population: state '" + name + "' needs 1 to 256 categories, has " +
                     std::to_string(categories.size()));
  }
  states_.push_back({std::move(name), std::move(categories), std::vector<std::uint8_t>(size(), 0)});
  return {static_cast<std::uint32_t>(states_.size() - 1)};
}

AttributeColumn Population::add_attribute(std::string name, double initial) {
  check_new_column(name);
  attributes_.push_back({std::move(name), initial, std::vector<double>(size(), initial)});
  return {static_cast<std::uint32_t>(attributes_.size() - 1)};
}

EventTimeColumn Population::add_event_time(std::string name) {
  check_new_column(name);
  event_times_.push_back({std::move(name), no_event, std::vector<std::int32_t>(size(), no_event)});
  return {static_cast<std::uint32_t>(event_times_.size() - 1)};
}

StateColumn Population::state(std::string_view name) const { return {find_column(states_, name, "state")}; }

AttributeColumn Population::attribute(std::string_view name) const {
  return {find_column(attributes_, name, "attribute")};
}

EventTimeColumn Population::event_time(std::string_view name) const {
  return {find_column(event_times_, name, "event time")};
}

std::uint8_t Population::category(StateColumn column, std::string_view category) const {
  const auto& c = states_[column.index];
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    if (c.categories[i] == category) return static_cast<std::uint8_t>(i);
  }
  std::string known;
  for (const auto& k : c.categories) known += (known.empty() ? "" : ", ") + k;
  throw ModelError("population: state '" + c.name + "' has no category '" + std::string(category) +
                   "' (known: " + known + ")");
}

PersonId Population::add_people(std::size_t count) {
  const std::size_t first = size();
  const std::size_t rows = first + count;  // at most entered() + count
  if (entered_ + count > std::numeric_limits<PersonId>::max()) {
    throw ModelError("population: more than 2^32 - 1 people entered");
  }
  alive_.resize(rows, 1);
  held_.resize(rows, 0);
  for (std::size_t k = 0; k < count; ++k) ids_.push_back(entered_++);
  for (auto& c : states_) c.values.resize(rows, 0);
  for (auto& c : attributes_) c.values.resize(rows, c.initial);
  for (auto& c : event_times_) c.values.resize(rows, c.initial);
  return static_cast<PersonId>(first);
}

void Population::reserve(std::size_t count) {
  alive_.reserve(count);
  ids_.reserve(count);
  held_.reserve(count);
  for (auto& c : states_) c.values.reserve(count);
  for (auto& c : attributes_) c.values.reserve(count);
  for (auto& c : event_times_) c.values.reserve(count);
}

std::size_t Population::count_alive(StateColumn column, std::uint8_t category) const {
  const std::vector<std::uint8_t>& values = states_[column.index].values;
  std::size_t n = 0;
  for (std::size_t i = 0; i < values.size(); ++i) n += alive_[i] && values[i] == category;
  return n;
}

bool Population::follow_compactions(std::uint32_t& seen) const {
  if (seen == compactions_) return false;
  if (compactions_ - seen > 1) {
    throw ModelError("population: " + std::to_string(compactions_ - seen) +
                     " compactions since a module's last look; it can follow only the last");
  }
  seen = compactions_;
  return true;
}

void Population::throw_longer_than_rows(std::size_t size) const {
  throw ModelError("population: a column of " + std::to_string(size) + " rows follows a compaction of " +
                   std::to_string(rows_before_));
}

PersonId Population::moved(PersonId before) const {
  if (before >= rows_before_) return no_row;
  const std::uint64_t word = kept_[before / 64], below = (std::uint64_t{1} << (before % 64)) - 1;
  if (!((word >> (before % 64)) & 1u)) return no_row;
  return kept_before_[before / 64] + static_cast<PersonId>(std::popcount(word & below));
}

PersonId Population::row_of(PersonId id) const {
  const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  return it != ids_.end() && *it == id ? static_cast<PersonId>(it - ids_.begin()) : no_row;
}

void Population::hold(PersonId row) {
  if (held_.at(row) == std::numeric_limits<std::uint8_t>::max()) {
    throw ModelError("population: row " + std::to_string(row) + " is held 255 times");
  }
  ++held_[row];
}

void Population::let_go(PersonId row) {
  if (held_.at(row) == 0) throw ModelError("population: row " + std::to_string(row) + " let go but not held");
  --held_[row];
}

std::size_t Population::compact() {
  const std::size_t rows = size();
  std::vector<std::uint64_t> keep = keep_mask(alive_.data(), held_.data(), rows);
  std::vector<PersonId> kept_before(keep.size());
  std::size_t kept = 0;
  for (std::size_t w = 0; w < keep.size(); ++w) {
    kept_before[w] = static_cast<PersonId>(kept);
    kept += static_cast<std::size_t>(std::popcount(keep[w]));
  }
  if (kept == rows) return 0;
  rows_before_ = rows;
  kept_ = std::move(keep);
  kept_before_ = std::move(kept_before);
  compact_like(alive_);
  compact_like(ids_);
  compact_like(held_);
  for (auto& c : states_) compact_like(c.values);
  for (auto& c : attributes_) compact_like(c.values);
  for (auto& c : event_times_) compact_like(c.values);
  ++compactions_;
  return rows - kept;
}

}  // namespace revolve::abm

#pragma once
// Moves between housing states, shared by every rule that rehouses people: the housing counters
// that go with a move, the queue for capped places (design 8.1) and the release rule for people
// with no home to go back to (design 5.2).
#include <cstdint>
#include <vector>

#include "models/revolving_door/run_state.hpp"
#include "sim/abm/run.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {

/// Counts events from serial code through the same BlockCounts interface as the parallel kernels,
/// then adds them to the step's totals.
class SerialCounts {
 public:
  explicit SerialCounts(abm::Run& run) : run_(run), row_(run.counters().size(), 0), counts_(row_) {}
  ~SerialCounts() { run_.counters().add_row(row_); }
  SerialCounts(const SerialCounts&) = delete;
  SerialCounts& operator=(const SerialCounts&) = delete;
  abm::BlockCounts& counts() { return counts_; }

 private:
  abm::Run& run_;
  std::vector<std::int64_t> row_;
  abm::BlockCounts counts_;
};

/// Moves person p to `to`, resets the time in housing, records moves between the street and
/// hostels (the "revolving" measure), ends a wait for a hostel or supported place, and ends a
/// homelessness spell when the person is housed.
void move_housing(const PeopleView& v, abm::PersonId p, Housing to, std::uint32_t step);

/// Moving on from a hostel, supported housing or transitional accommodation into a settled tenancy
/// through the pathway: the person keeps or is given usual (floating) support for the new tenancy.
void move_on_to_tenancy(const PeopleView& v, abm::PersonId p, std::uint32_t step);

/// A lost tenancy or placement (or an exclusion from a hostel): counted, and remembered in the
/// person's count of evictions.
void count_eviction(const PeopleView& v, abm::PersonId p, const EventCounters& events, abm::BlockCounts& counts);

/// Grants this week's requests for capped places (the request column) in a random order from
/// stream `housing.queue`, while places are free. A request that finds no place leaves the person
/// where they are (on the street after an eviction), on the waiting list for that place.
class HousingQueue {
 public:
  explicit HousingQueue(std::size_t capacity) { requests_.reserve(capacity); }
  void grant(abm::Run& run, RunState& state);

 private:
  struct Entry {
    double key;
    abm::PersonId person;
  };
  std::vector<Entry> requests_;
};

/// The release rule for a person with no home (design 5.2): accommodation on release if offered
/// and accepted; else the street with justice.release_to_rough_if_no_home; else supported
/// accommodation, else a hostel, while places are free; else the street, waiting for a hostel.
/// Returns the release event for the destination.
Event place_without_home(const PeopleView& v, abm::PersonId p, RunState& state, const random::Stream& stream,
                         std::uint32_t run, std::uint32_t step);

}  // namespace revolve::revolving_door

#pragma once
// Moves between housing states, shared by every rule that rehouses people: the housing counters
// that go with a move, the free places in capped accommodation (design 8.1), the queue for them, and
// the release rule for people with no home to go back to (design 5.2).
#include <cstdint>
#include <vector>

#include "models/revolving_door/events.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
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

/// This week's free places in hostels and supported housing: pools the system publishes, taken as
/// people move in.
class FreePlaces {
 public:
  /// Declares that the current module takes places in `phase`.
  void declare(Signals& signals, Phase phase);
  /// Takes a place in `housing` (temporary or supported) if one is free.
  bool take(Signals& signals, Housing housing) const;

 private:
  Signal temporary_, supported_;
};

/// Grants this week's requests for capped places (the request column) in a random order from
/// stream `housing.queue`, while places are free. A request that finds no place leaves the person
/// where they are (on the street after an eviction), on the waiting list for that place.
class HousingQueue {
 public:
  void declare(Signals& signals) { places_.declare(signals, Phase::transitions); }
  void grant(abm::Run& run, const PeopleView& v);

 private:
  struct Entry {
    double key;
    abm::PersonId person;
  };
  FreePlaces places_;
  std::vector<Entry> requests_;
};

/// The release rule for a person with no home (design 5.2): accommodation on release if offered
/// and accepted; else the street with justice.release_to_rough_if_no_home; else supported
/// accommodation, else a hostel, while places are free; else the street, waiting for a hostel.
class ReleaseRule {
 public:
  /// Declares the places and the share offered accommodation that the current module reads in `phase`.
  void declare(abm::Run& run, Phase phase);
  /// Places person p; returns the release event for the destination.
  Event place(const PeopleView& v, abm::PersonId p, abm::Run& run, const Parameters& P, std::uint32_t step) const;

 private:
  FreePlaces places_;
  Signal share_offered_;
  random::Stream stream_;  // justice.release
};

}  // namespace revolve::revolving_door

#pragma once
// The people in each state, by cost cell and group, kept from week to week (the recorder's tally, tallies.hpp).
// Most people's week changes none of what the tally counts of them, so recounting everyone every week repeats last
// week's sums. Instead each person's tally is summed up in one 32-bit signature: their cell, group and every state
// the tally reads. Each week a loop the compiler vectorises makes everyone's signature; only the people whose
// signature changed are taken out of last week's counts and put back into this week's. The counts are integers,
// which add exactly in any order, so they are the same as a recount's.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "models/revolving_door/cost_cells.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/tallies.hpp"

namespace revolve::revolving_door {

/// A person's tally signature: 0 for the dead, else bit 0 set and each field at its shift.
namespace signature {
inline constexpr unsigned housing = 1, prison = 4, justice = 5, mental = 8, substance = 11, support = 13, waiting = 16,
                          revolving = 18, homeless = 19, in_transition = 20, group = 21, cell = 23;
constexpr unsigned field(std::uint32_t s, unsigned shift, unsigned bits) { return (s >> shift) & ((1u << bits) - 1); }
constexpr unsigned cell_of(std::uint32_t s) { return field(s, cell, 6); }
constexpr unsigned group_of(std::uint32_t s) { return field(s, group, 2); }
constexpr unsigned housing_of(std::uint32_t s) { return field(s, housing, 3); }
/// Alive, outside prison and not homeless.
constexpr bool housed(std::uint32_t s) { return (s & 1u) && !field(s, prison, 1) && !field(s, homeless, 1); }
static_assert(cost_cell_count <= 64 && group_count <= 4, "the signature's fields are too narrow");
}  // namespace signature

/// The columns a signature is made from, each from the first row of a stretch (tally_signatures).
struct TallyRows {
  const std::uint8_t *alive, *housing, *justice, *mental, *substance, *support, *waiting, *group;
  const std::int32_t *street_hostel_move_before, *transition_end;
  std::uint8_t* cost_cell;  // this week's cell in, next week's out (cost_cells.hpp)
  std::int32_t* entered;    // the week each person joined the cohort [step]; no_event if they joined this week
};

/// For rows [0, n): each one's signature this week into `now` (0 for the dead); `changed` 1 where it differs from
/// `before`, else 0; and, for the living, the cost cell of next week (a newcomer's entry week set to `step` first).
void tally_signatures(std::size_t n, const TallyRows& rows, std::int32_t step, const std::uint32_t* __restrict before,
                      std::uint32_t* __restrict now, std::uint8_t* __restrict changed);

class StateTally {
 public:
  /// A person whose signature changed in the week counted: from `was` (0: not counted before) to `is` (0: died).
  struct Change {
    abm::PersonId person;
    std::uint32_t was, is;
  };

  /// Forgets every person and count (at a run's init).
  void reset();
  /// Moves the signatures as the population's last compaction moved its rows, if there has been one since the last
  /// look (before update). A row removed was of someone dead and counted as dead: their signature was 0.
  void follow_compaction(const abm::Population& population);
  /// Brings the counts up to the end of week `step` for the people of `v`, and moves each living person's cost cell
  /// on to next week (Recorder::next_cost_cell, which this replaces). `entered`: the recorder's entry weeks.
  /// `last_housing`: housing code + 1 at the last count (0: never counted).
  void update(const PeopleView& v, std::int32_t step, std::int32_t* entered, std::uint8_t* last_housing);
  /// Adds the housing moves of the week counted (since the count before) to `moves`, by this week's cell and group.
  void add_moves(CellCounts& moves) const;
  /// The people in each state at the end of the week counted (tally positions before tally::moves; the rest 0).
  const CellCounts& counts() const { return counts_; }
  /// The people whose signature changed in the week counted, in id order.
  std::span<const Change> changes() const { return changes_; }
  /// The cell and group person p (alive) was counted in this week.
  unsigned cell(abm::PersonId p) const { return signature::cell_of(signatures_[p]); }
  unsigned group(abm::PersonId p) const { return signature::group_of(signatures_[p]); }

 private:
  std::vector<std::uint32_t> signatures_;  // by person: the signature counted
  std::vector<Change> changes_;            // of the week counted (its capacity kept from week to week)
  std::uint32_t compactions_seen_ = 0;     // Population::compactions() when signatures_ last followed them
  CellCounts counts_{};

  /// Adds `n` to every count of a person of signature s (n = 2^32 - 1 subtracts one: unsigned counts wrap).
  void add(std::uint32_t s, std::uint32_t n);
};

}  // namespace revolve::revolving_door

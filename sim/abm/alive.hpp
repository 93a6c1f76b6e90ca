#pragma once
// Visiting only the people still alive. A person who exits keeps their row (population.hpp), so after a
// few years of a model with arrivals and exits, dead rows lie scattered among the living: a loop that
// tests alive[p] row by row mispredicts that branch about once in every two dead rows.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "sim/abm/population.hpp"

namespace revolve::abm {

/// Writes first + i, in order, to out for every i in [0, n) with marks[i] != 0, and returns how many: a list of the
/// marked made with no branch on the marks (sixteen at a time in AVX-512 lanes where random::may_use allows), for a
/// pass that then visits them, where a branch on each mark mispredicts. out must hold n ids.
std::size_t list_marked(PersonId first, const std::uint8_t* marks, std::size_t n, PersonId* out);

/// Calls fn(first + i), in order, for every i in [0, n) with marks[i] != 0: the marked of each 256 rows listed
/// first (list_marked), then visited, so the cost does not depend on how the marks are scattered. fn may change
/// person p's own row, not the marks.
template <class Fn>
void for_each_marked(PersonId first, const std::uint8_t* marks, std::size_t n, Fn&& fn) {
  constexpr std::size_t stretch = 256;  // [people] listed at a time: 1 KiB on the stack
  std::array<PersonId, stretch> ids;
  for (std::size_t from = 0; from < n; from += stretch) {
    const std::size_t count =
        list_marked(first + static_cast<PersonId>(from), marks + from, std::min(stretch, n - from), ids.data());
    for (std::size_t k = 0; k < count; ++k) fn(ids[k]);
  }
}

/// Calls fn(p) for every person p in [first, last) with alive[p] != 0, in id order: the living are the rows alive
/// marks (for_each_marked), so the cost does not depend on how the dead are scattered. fn may change person p's own
/// row, including alive[p].
template <class Fn>
void for_each_alive(const std::uint8_t* alive, PersonId first, PersonId last, Fn&& fn) {
  for_each_marked(first, alive + first, last - first, fn);
}

/// Calls fn(p), in id order, for every person p in [first, last) that mark marks: mark(begin, n, marks) sets marks[i]
/// to 1 for each row begin + i of a stretch [begin, begin + n) whose person acts, 0 for the others. For a pass in
/// which few people act and the test of many rows at a time is a function of its own: one over columns that cannot
/// overlap (restrict) the compiler vectorises, and can build for AVX2 too (sim/core/vector_clones.hpp). fn may
/// change person p's own row only: the marks of p's stretch are made before any of its people is visited.
template <class Mark, class Fn>
void for_each_marked_by(PersonId first, PersonId last, Mark&& mark, Fn&& fn) {
  constexpr PersonId stretch = 256;  // [people] tested at a time
  alignas(64) std::array<std::uint8_t, stretch> acts;
  for (PersonId begin = first; begin < last; begin += stretch) {
    const PersonId n = std::min(stretch, last - begin);
    mark(begin, n, acts.data());
    for_each_marked(begin, acts.data(), n, fn);
  }
}

/// Calls fn(p), in id order, for every person p in [first, last) for whom may_act(p) is true: for a pass in which
/// few people act. may_act(std::size_t p) tests a person's columns, alive[p] among them, with no branch or call, so that the
/// compiler makes the tests of a stretch of rows many at a time; the few people found are then visited. fn may
/// change person p's own row only: the tests of p's stretch are made before any of its people is visited.
template <class MayAct, class Fn>
void for_each_where(PersonId first, PersonId last, MayAct&& may_act, Fn&& fn) {
  const auto mark = [&](PersonId begin, PersonId n, std::uint8_t* acts) {
    // A 64-bit row index, which cannot wrap, lets the compiler vectorise the tests.
    for (std::size_t i = 0; i < n; ++i) acts[i] = may_act(std::size_t{begin} + i) ? 1 : 0;
  };
  for_each_marked_by(first, last, mark, fn);
}

}  // namespace revolve::abm

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

/// Calls fn(p) for every person p in [first, last) with alive[p] != 0, in id order. The ids of each
/// stretch of rows are gathered first without a branch, then visited, so the cost does not depend on
/// how the dead are scattered. fn may change person p's own row, including alive[p].
template <class Fn>
void for_each_alive(const std::uint8_t* alive, PersonId first, PersonId last, Fn&& fn) {
  constexpr PersonId stretch = 256;  // [people] ids gathered at a time: 1 KiB on the stack
  std::array<PersonId, stretch> ids;
  for (PersonId begin = first; begin < last;) {
    const PersonId end = begin + std::min(stretch, last - begin);
    std::size_t n = 0;
    for (PersonId p = begin; p < end; ++p) {
      ids[n] = p;
      n += alive[p] != 0;
    }
    for (std::size_t k = 0; k < n; ++k) fn(ids[k]);
    begin = end;
  }
}

}  // namespace revolve::abm

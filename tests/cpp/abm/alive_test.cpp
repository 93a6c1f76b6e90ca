#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/abm/alive.hpp"
#include "sim/random/stream.hpp"

using revolve::abm::for_each_alive;
using revolve::abm::PersonId;

namespace {

/// The ids a plain loop testing alive[p] visits: what for_each_alive must match.
std::vector<PersonId> alive_ids(const std::vector<std::uint8_t>& alive, PersonId first, PersonId last) {
  std::vector<PersonId> ids;
  for (PersonId p = first; p < last; ++p) {
    if (alive[p]) ids.push_back(p);
  }
  return ids;
}

}  // namespace

TEST_CASE("for_each_alive visits exactly the living, in id order, across stretch boundaries") {
  std::vector<std::uint8_t> alive(1000);
  for (std::size_t p = 0; p < alive.size(); ++p) alive[p] = (p * 7919 % 13) < 8;  // scattered dead rows
  for (const auto& [first, last] : {std::pair<PersonId, PersonId>{0, 1000}, {0, 256}, {255, 257}, {300, 300},
                                    {3, 997}, {512, 768}}) {
    std::vector<PersonId> visited;
    for_each_alive(alive.data(), first, last, [&](PersonId p) { visited.push_back(p); });
    CHECK(visited == alive_ids(alive, first, last));
  }
}

TEST_CASE("for_each_alive lets the visit end the person it visits, and no one else is skipped") {
  std::vector<std::uint8_t> alive(600, 1);
  std::vector<PersonId> visited;
  for_each_alive(alive.data(), 0, 600, [&](PersonId p) {
    visited.push_back(p);
    alive[p] = 0;  // an exit, as the model's Exits module does
  });
  CHECK(visited.size() == 600);
  CHECK(alive_ids(alive, 0, 600).empty());
}

TEST_CASE("for_each_where visits exactly those whose test holds, in id order, across stretch and word edges") {
  using revolve::abm::for_each_where;
  std::vector<std::uint8_t> alive(1000), flag(1000);
  for (std::size_t p = 0; p < alive.size(); ++p) {
    alive[p] = (p * 7919 % 13) < 8;
    flag[p] = (p * 104729 % 17) < 3;  // few people act, scattered
  }
  // The last byte of a word and of a stretch; and rows 4 to 7, whose tests a short last stretch must not reuse.
  for (std::size_t p : {4, 5, 6, 7, 8, 255, 256, 999}) flag[p] = alive[p] = 1;
  const auto acts = [&](std::size_t p) { return alive[p] & flag[p]; };
  for (const auto& [first, last] : {std::pair<PersonId, PersonId>{0, 1000}, {0, 256}, {255, 257}, {300, 300},
                                    {3, 997}, {1, 9}, {992, 1000}, {0, 260}}) {
    std::vector<PersonId> visited, expected;
    for (PersonId p = first; p < last; ++p) {
      if (acts(p)) expected.push_back(p);
    }
    for_each_where(first, last, acts, [&](PersonId p) { visited.push_back(p); });
    CHECK(visited == expected);
  }
}

TEST_CASE("for_each_where lets the visit change the person it visits") {
  std::vector<std::uint8_t> alive(300, 1);
  std::vector<PersonId> visited;
  revolve::abm::for_each_where(
      0, 300, [&](std::size_t p) { return alive[p] != 0; },
      [&](PersonId p) {
        visited.push_back(p);
        alive[p] = 0;
      });
  CHECK(visited.size() == 300);
  CHECK(alive_ids(alive, 0, 300).empty());
}

TEST_CASE("list_marked lists the marked rows' ids in order at every vector width, whatever the length") {
  for (const auto width : {revolve::random::VectorWidth::scalar, revolve::random::VectorWidth::avx512}) {
    const auto before = revolve::random::limit_vector_width(width);
    // Dense marks, and sparse ones (rows 70 and 255 only), where whole sixty-fours without a mark are passed over.
    for (const auto& [n, sparse] : {std::pair<std::size_t, bool>{0, false}, {1, false}, {15, false}, {16, false},
                                   {17, false}, {33, false}, {256, false}, {200, true}, {256, true}}) {
      std::vector<std::uint8_t> marks(n);
      std::vector<PersonId> expected;
      for (std::size_t i = 0; i < n; ++i) {
        const bool marked = sparse ? i == 70 || i == 255 : (i * 7 + i / 5) % 3 == 0;
        marks[i] = static_cast<std::uint8_t>(marked ? 1 + i % 2 : 0);  // any non-zero marks
        if (marks[i] != 0) expected.push_back(static_cast<PersonId>(1000 + i));
      }
      std::vector<PersonId> out(n + 1, 7u);  // one more: nothing written past the n ids
      const std::size_t count = revolve::abm::list_marked(1000, marks.data(), n, out.data());
      INFO("width " << static_cast<int>(width) << ", n " << n << ", sparse " << sparse);
      REQUIRE(count == expected.size());
      CHECK(std::equal(expected.begin(), expected.end(), out.begin()));
      CHECK(out[n] == 7u);
    }
    revolve::random::limit_vector_width(before);
  }
}

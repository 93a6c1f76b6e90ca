#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "sim/abm/alive.hpp"

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

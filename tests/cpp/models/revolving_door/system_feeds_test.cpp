// What the people tell the system each week (models/revolving_door/system_feeds.hpp): the counts of the places,
// waiting lists and services, by the AVX-512 loop (where the processor has it) and by the compiler's, each against a
// count of one row at a time.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "models/revolving_door/system_feeds.hpp"
#include "sim/random/stream.hpp"

using namespace revolve;
using namespace revolve::revolving_door;

TEST_CASE("the occupancy, waiting lists and clients told to the system are the same at every vector width") {
  // Rows in every combination of the states counted, at random; from row 0 and from row 5, so that the rows after
  // the whole sixteens are counted by the narrower loop.
  constexpr std::size_t rows = 2003;
  std::mt19937 random(2026);
  const auto below = [&](unsigned n) { return static_cast<std::uint8_t>(random() % n); };
  std::vector<std::uint8_t> alive(rows), housing(rows), justice(rows), waiting(rows), support(rows);
  std::vector<std::int32_t> transition_end(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    alive[i] = below(4) != 0;
    housing[i] = below(housing_count);
    justice[i] = below(5);
    waiting[i] = below(4);
    support[i] = below(5);
    transition_end[i] = below(3) == 0 ? 40 : abm::no_event;
  }
  const auto width = GENERATE(random::VectorWidth::avx512, random::VectorWidth::scalar);
  const std::size_t from = GENERATE(0u, 5u);
  CAPTURE(static_cast<int>(width), from);

  PlaceCounts expected;
  for (std::size_t i = from; i < rows; ++i) {
    if (!alive[i]) continue;
    const auto h = Housing{housing[i]};
    const auto w = WaitingFor{waiting[i]};
    const auto s = Support{support[i]};
    expected.temporary += h == Housing::temporary && !in_prison(Justice{justice[i]});
    expected.supported += h == Housing::supported && transition_end[i] == abm::no_event;
    expected.tenancies += h == Housing::housing_first;
    expected.waiting_temporary += w == WaitingFor::temporary;
    expected.waiting_supported += w == WaitingFor::supported;
    expected.waiting_housing_first += w == WaitingFor::housing_first;
    expected.usual += s == Support::usual;
    expected.mtam += s == Support::mtam;
    expected.navigator += s == Support::navigator;
  }
  const random::VectorWidth before = random::limit_vector_width(width);
  const PlaceCounts counted = count_places(rows - from, alive.data() + from, housing.data() + from,
                                           justice.data() + from, transition_end.data() + from,
                                           waiting.data() + from, support.data() + from);
  random::limit_vector_width(before);
  CHECK(counted.temporary == expected.temporary);
  CHECK(counted.supported == expected.supported);
  CHECK(counted.tenancies == expected.tenancies);
  CHECK(counted.waiting_temporary == expected.waiting_temporary);
  CHECK(counted.waiting_supported == expected.waiting_supported);
  CHECK(counted.waiting_housing_first == expected.waiting_housing_first);
  CHECK(counted.usual == expected.usual);
  CHECK(counted.mtam == expected.mtam);
  CHECK(counted.navigator == expected.navigator);
  CHECK(counted == expected);
  CHECK(expected.temporary > 0);  // every count has people in it, so a count left out would show
  CHECK(expected.navigator > 0);
}

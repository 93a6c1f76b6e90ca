// The one hash (sim/core/hash.hpp): its values are part of every result, since random stream keys are hashes of
// stream names. This pins them, so that "fixing" the offset basis to FNV's published one fails here, by name,
// before it silently moves every result.
#include <catch2/catch.hpp>

#include "sim/core/hash.hpp"

using namespace revolve;

TEST_CASE("the hash keeps its own offset basis and FNV-1a's steps, so stream keys never move") {
  STATIC_REQUIRE(core::fnv1a("") == 1469598103934665603ULL);  // not FNV's 14695981039346656037
  CHECK(core::fnv1a("justice.move") == 6479374925904113551ULL);
  CHECK(core::fnv1a_update(core::fnv1a("justice."), "move") == core::fnv1a("justice.move"));  // read in pieces
  CHECK(core::fnv1a("justice.move") != core::fnv1a("justice.movf"));
}

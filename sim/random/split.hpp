#pragma once
// Draws made in two halves, for decisions that most entities pass on half a draw.
//
// A weekly decision with a small chance needs, for most entities, only to know that the draw is clear of the
// chance's bound, and a draw's high 16 bits say so for all but about one in 65,536 of them. So up to eight decisions
// take their draws' high halves from one Philox call an entity (Stream::fill_words, block `high_block`), and the low
// halves from a second call (block `low_block`) made only for the entities the high halves leave in doubt. Draw k
// is high << 16 | low, the halves taken from word k / 2 of each call (its upper half for even k). Each draw is still
// a fixed function of (seed, stream name, run, entity, step, k): 32 uniform bits, independent of every other draw.
// Who is let through decides only which draws are completed, never their values, so results do not depend on the
// bounds, and scenarios with the same seed share every draw (common random numbers).
#include <cstdint>

#include "sim/random/stream.hpp"

namespace revolve::random::split {

/// The blocks of a stream's two calls an entity and step (Stream::bits' last counter word).
inline constexpr std::uint32_t high_block = 0, low_block = 1;
/// The draws one pair of calls holds: two halves a word.
inline constexpr unsigned draws = 8;

/// Draw k's half (high or low, as the call) in the words of one call.
constexpr std::uint32_t half(std::uint32_t word, unsigned k) { return k % 2 == 0 ? word >> 16 : word & 0xFFFFu; }
/// The smallest and the largest a draw can be, given its high part of `bits` bits, 0 < bits < 32 (a half, unless a
/// caller packs the high parts of its draws otherwise).
constexpr std::uint32_t lowest(std::uint32_t high, unsigned bits = 16) { return high << (32 - bits); }
constexpr std::uint32_t highest(std::uint32_t high, unsigned bits = 16) {
  return lowest(high, bits) | 0xFFFFFFFFu >> bits;
}
/// The whole draw from its high part of `bits` bits (0 < bits < 32) and the low 32 - bits bits of `low`.
constexpr std::uint32_t join(std::uint32_t high, std::uint32_t low, unsigned bits = 16) {
  return lowest(high, bits) | (low & 0xFFFFFFFFu >> bits);
}
/// Draw k from word k / 2 of each of the two calls: the one place the halves are put together.
constexpr std::uint32_t join_words(std::uint32_t high_word, std::uint32_t low_word, unsigned k) {
  return join(half(high_word, k), half(low_word, k));
}
static_assert(lowest(0xABCDu) == 0xABCD0000u && highest(0xABCDu) == 0xABCDFFFFu &&
              join_words(0x12345678u, 0x9ABCDEF0u, 0) == 0x12349ABCu &&
              join_words(0x12345678u, 0x9ABCDEF0u, 1) == 0x5678DEF0u);

/// Draw k < draws of one entity in full: both calls, for a single entity and for tests.
inline std::uint32_t draw(const Stream& s, std::uint32_t run, std::uint32_t entity, std::uint32_t step, unsigned k) {
  return join_words(s.bits(run, entity, step, high_block)[k / 2], s.bits(run, entity, step, low_block)[k / 2], k);
}

}  // namespace revolve::random::split

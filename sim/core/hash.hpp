#pragma once
// FNV-1a (64-bit, with an offset basis of its own: see fnv1a_offset): the one hash revolve uses for names and
// fingerprints. Stable across platforms, compilers and runs, so random stream keys and manifest fingerprints never
// change under a rebuild.
// Header-only so that the lowest layers (sim/random) can use it without linking revolve_core.
#include <cstdint>
#include <string_view>

namespace revolve::core {

/// The offset basis. FNV's published one is 14695981039346656037; this one lost its last digit when first written.
/// It is kept: every random stream key is a hash of its name, so changing it would change every result ever
/// published with revolve, and it hashes as well (any non-zero basis does). So these are not standard FNV-1a values.
inline constexpr std::uint64_t fnv1a_offset = 1469598103934665603ULL;
inline constexpr std::uint64_t fnv1a_prime = 1099511628211ULL;

/// Fold more bytes into a running FNV-1a hash (start from fnv1a_offset), for input read in pieces.
constexpr std::uint64_t fnv1a_update(std::uint64_t hash, std::string_view bytes) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= fnv1a_prime;
  }
  return hash;
}

/// FNV-1a of a whole string.
constexpr std::uint64_t fnv1a(std::string_view bytes) { return fnv1a_update(fnv1a_offset, bytes); }

}  // namespace revolve::core

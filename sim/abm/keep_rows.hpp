#pragma once
// The loops of a compaction (Population::compact): a column's values of the rows kept moved to its front, in order.
// Rows kept are bits of a mask, 64 rows a word; the loops pack 8 or 16 rows at a time in AVX-512 lanes where the
// processor has them (random::may_use), and give the same values at every width.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace revolve::abm {

/// Bit r % 64 of word r / 64 set for each row r of [0, n) to keep (alive or held).
std::vector<std::uint64_t> keep_mask(const std::uint8_t* alive, const std::uint8_t* held, std::size_t n);

/// Moves values[r] of every row r of [0, n) whose bit is set in `keep` to the front, in order. Returns how many.
std::size_t keep_rows(std::uint8_t* values, std::size_t n, const std::uint64_t* keep);
std::size_t keep_rows(std::int32_t* values, std::size_t n, const std::uint64_t* keep);
std::size_t keep_rows(std::uint32_t* values, std::size_t n, const std::uint64_t* keep);
std::size_t keep_rows(double* values, std::size_t n, const std::uint64_t* keep);

}  // namespace revolve::abm

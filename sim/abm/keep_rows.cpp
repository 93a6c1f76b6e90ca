#include "sim/abm/keep_rows.hpp"

#include <immintrin.h>

#include <bit>

#include "sim/random/stream.hpp"

namespace revolve::abm {
namespace {

bool kept(const std::uint64_t* keep, std::size_t row) { return (keep[row / 64] >> (row % 64)) & 1u; }

/// Rows [from, n), one at a time: each value written at `to`, which moves on only past a row kept.
template <class T>
std::size_t keep_rows_from(T* values, std::size_t from, std::size_t n, const std::uint64_t* keep, std::size_t to) {
  for (std::size_t row = from; row < n; ++row) {
    values[to] = values[row];
    to += kept(keep, row);
  }
  return to;
}

#if defined(__GNUC__) && defined(__x86_64__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
// GCC 12 warns of the undefined vector inside its own AVX-512 intrinsics (GCC bug 105593): a false positive.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
/// All 64 rows from `row` kept and none removed before them: they stay where they are.
inline bool stay(std::uint64_t bits, std::size_t row, std::size_t to) { return bits == ~std::uint64_t{0} && to == row; }

// Each pack reads a stretch of rows into a register before it writes their kept values at `to`, which is at or
// before the stretch: a full-width store there overwrites only rows already read.

/// Sixteen rows of 32-bit values.
struct PackWords {
  static constexpr std::size_t width = 16;
  [[gnu::target("avx512f"), gnu::always_inline]] void operator()(const std::uint32_t* from, std::uint32_t* to,
                                                                  unsigned mask) const {
    _mm512_storeu_si512(to, _mm512_maskz_compress_epi32(static_cast<__mmask16>(mask), _mm512_loadu_si512(from)));
  }
};

/// Eight rows of doubles.
struct PackDoubles {
  static constexpr std::size_t width = 8;
  [[gnu::target("avx512f"), gnu::always_inline]] void operator()(const double* from, double* to, unsigned mask) const {
    _mm512_storeu_pd(to, _mm512_maskz_compress_pd(static_cast<__mmask8>(mask), _mm512_loadu_pd(from)));
  }
};

/// Sixteen rows of bytes, widened to 32 bits for the compress and narrowed back.
struct PackBytes {
  static constexpr std::size_t width = 16;
  [[gnu::target("avx512f"), gnu::always_inline]] void operator()(const std::uint8_t* from, std::uint8_t* to,
                                                                  unsigned mask) const {
    const __m512i wide = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(from)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to),
                     _mm512_cvtepi32_epi8(_mm512_maskz_compress_epi32(static_cast<__mmask16>(mask), wide)));
  }
};

/// Whole words of 64 rows, Pack::width rows a pack. Returns the rows done (a multiple of 64), their count kept in
/// `to`.
template <class Pack, class T>
__attribute__((target("avx512f"))) std::size_t keep_packs(T* values, std::size_t n, const std::uint64_t* keep,
                                                          std::size_t& to) {
  constexpr std::uint64_t pack_mask = (std::uint64_t{1} << Pack::width) - 1;
  std::size_t row = 0;
  for (; row + 64 <= n; row += 64) {
    const std::uint64_t bits = keep[row / 64];
    if (stay(bits, row, to)) {
      to += 64;
      continue;
    }
    for (std::size_t k = 0; k < 64 / Pack::width; ++k) {
      const auto mask = static_cast<unsigned>((bits >> (Pack::width * k)) & pack_mask);
      Pack{}(values + row + Pack::width * k, values + to, mask);
      to += static_cast<std::size_t>(std::popcount(mask));
    }
  }
  return row;
}
#pragma GCC diagnostic pop
#define REVOLVE_KEEP_ROWS_AVX512 1
#else
struct PackWords {};
struct PackDoubles {};
struct PackBytes {};
#endif

/// A column's kept values moved up: whole words of rows in the widest lanes allowed, then the rest one at a time.
template <class Pack, class T>
std::size_t keep_all(T* values, std::size_t n, const std::uint64_t* keep) {
  std::size_t to = 0, done = 0;
#ifdef REVOLVE_KEEP_ROWS_AVX512
  if (random::may_use(random::VectorWidth::avx512)) done = keep_packs<Pack>(values, n, keep, to);
#endif
  return keep_rows_from(values, done, n, keep, to);
}

}  // namespace

std::vector<std::uint64_t> keep_mask(const std::uint8_t* alive, const std::uint8_t* held, std::size_t n) {
  std::vector<std::uint64_t> keep((n + 63) / 64, 0);
  for (std::size_t row = 0; row < n; ++row) {
    keep[row / 64] |= static_cast<std::uint64_t>((alive[row] | held[row]) != 0) << (row % 64);
  }
  return keep;
}

std::size_t keep_rows(std::uint8_t* values, std::size_t n, const std::uint64_t* keep) {
  return keep_all<PackBytes>(values, n, keep);
}

std::size_t keep_rows(std::uint32_t* values, std::size_t n, const std::uint64_t* keep) {
  return keep_all<PackWords>(values, n, keep);
}

std::size_t keep_rows(std::int32_t* values, std::size_t n, const std::uint64_t* keep) {
  static_assert(sizeof(std::int32_t) == sizeof(std::uint32_t));
  // The same bits moved: an int32 column is compacted as words.
  return keep_rows(reinterpret_cast<std::uint32_t*>(values), n, keep);
}

std::size_t keep_rows(double* values, std::size_t n, const std::uint64_t* keep) {
  return keep_all<PackDoubles>(values, n, keep);
}

}  // namespace revolve::abm

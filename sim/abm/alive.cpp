#include "sim/abm/alive.hpp"

#include <immintrin.h>

#include <bit>

#include "sim/random/stream.hpp"

namespace revolve::abm {
namespace {

/// The marked rows' ids in order, one row at a time: each id written, the count moved on only past a marked one.
std::size_t list_rows(PersonId first, const std::uint8_t* marks, std::size_t from, std::size_t n, PersonId* out,
                      std::size_t count) {
  for (std::size_t i = from; i < n; ++i) {
    out[count] = first + static_cast<PersonId>(i);
    count += marks[i] != 0;
  }
  return count;
}

#if defined(__GNUC__) && defined(__x86_64__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
// GCC 12 warns of the undefined vector inside its own AVX-512 intrinsics (GCC bug 105593): a false positive.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
/// The ids of sixteen rows from `at` whose marks are set, packed to the front of a register (a compress) and stored
/// at out + count, as many as there are. Returns the count after them.
[[gnu::target("avx512f"), gnu::always_inline]] inline std::size_t list16(PersonId first, const std::uint8_t* marks,
                                                                         std::size_t at, PersonId* out,
                                                                         std::size_t count) {
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i row_marks = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(marks + at)));
  const __mmask16 marked = _mm512_test_epi32_mask(row_marks, row_marks);
  const __m512i ids = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(first + at)), lane);
  const auto found = static_cast<unsigned>(std::popcount(static_cast<unsigned>(marked)));
  _mm512_mask_storeu_epi32(out + count, static_cast<__mmask16>((1u << found) - 1),
                           _mm512_maskz_compress_epi32(marked, ids));
  return count + found;
}

/// list_rows for rows [0, n), n a multiple of 16, sixteen at a time (list16). Sixty-four rows with no mark are
/// passed over on one test, as most are in a pass in which few act. Returns the count.
__attribute__((target("avx512f"))) std::size_t list_rows_avx512(PersonId first, const std::uint8_t* marks,
                                                                 std::size_t n, PersonId* out) {
  static_assert(sizeof(PersonId) == 4);
  std::size_t count = 0, i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m512i any = _mm512_loadu_si512(marks + i);
    if (_mm512_test_epi64_mask(any, any) == 0) continue;
    for (std::size_t at = i; at < i + 64; at += 16) count = list16(first, marks, at, out, count);
  }
  for (; i < n; i += 16) count = list16(first, marks, i, out, count);
  return count;
}
#pragma GCC diagnostic pop
#endif

}  // namespace

std::size_t list_marked(PersonId first, const std::uint8_t* marks, std::size_t n, PersonId* out) {
  std::size_t count = 0, done = 0;
#if defined(__GNUC__) && defined(__x86_64__)
  if (random::may_use(random::VectorWidth::avx512)) {
    done = n / 16 * 16;
    count = list_rows_avx512(first, marks, done, out);
  }
#endif
  return list_rows(first, marks, done, n, out, count);
}

}  // namespace revolve::abm

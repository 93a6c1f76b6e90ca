#pragma once
// Sixteen rows at a time in AVX-512 lanes (eight for columns of doubles), for the few loops where the compiler's own
// vectorisation is slow (table look-ups it turns into gathers or one insert a lane): a byte column widened to 32-bit
// or 64-bit lanes, tests of a category, keys built from flags, small tables looked up in registers, and the marks
// stored as bytes. Only on
// x86-64 with GCC or Clang (REVOLVE_LANES16); a caller runs such a loop only where random::may_use allows AVX-512
// and keeps a portable loop for the rest. Each function is built for AVX-512 alone and inlined into a caller built
// alike, so no vector crosses a call (hence -Wpsabi is quiet between REVOLVE_LANES16_BEGIN and _END).
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "models/revolving_door/categories.hpp"

#define REVOLVE_LANES16 1
// GCC 12 also warns of the undefined vector inside its own AVX-512 intrinsics (GCC bug 105593): a false positive.
#define REVOLVE_LANES16_BEGIN                                                  \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wpsabi\"") \
      _Pragma("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
#define REVOLVE_LANES16_END _Pragma("GCC diagnostic pop")

namespace revolve::revolving_door::lanes16 {

REVOLVE_LANES16_BEGIN

/// Entries [0, 32) from `entries`, each lane's chosen by the low five bits of its key.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i look_up_32(const std::uint32_t* entries, __m512i key) {
  return _mm512_permutex2var_epi32(_mm512_loadu_si512(entries), key, _mm512_loadu_si512(entries + 16));
}

/// Entries [0, 16) of `entries`, each lane's chosen by the low four bits of its key.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i look_up_16(const std::uint32_t* entries, __m512i key) {
  return _mm512_permutexvar_epi32(key, _mm512_loadu_si512(entries));
}

/// table[key] for each of sixteen lanes, from a table of a multiple of 32 entries held in registers: each 32 are
/// looked up by the key's low five bits (two registers, one instruction), and the lanes whose key lies in that 32
/// take the result. No gather: the tables are small, and the same for every row.
template <std::size_t N>
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i look_up(const std::array<std::uint32_t, N>& table,
                                                                      __m512i key) {
  static_assert(N % 32 == 0);
  __m512i value = look_up_32(table.data(), key);
  for (std::size_t from = 32; from < N; from += 32) {
    const __mmask16 in_part = _mm512_cmpge_epu32_mask(key, _mm512_set1_epi32(static_cast<int>(from)));
    value = _mm512_mask_mov_epi32(value, in_part, look_up_32(table.data() + from, key));
  }
  return value;
}

/// Sixteen rows of a byte column, as 32-bit lanes.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i lanes(const std::uint8_t* column) {
  return _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(column)));
}

/// The lanes whose value is this category.
template <class Category>
[[gnu::target("avx512f"), gnu::always_inline]] inline __mmask16 is(__m512i codes, Category c) {
  return _mm512_cmpeq_epi32_mask(codes, _mm512_set1_epi32(code(c)));
}

/// The lanes in custody or recalled to prison (categories.hpp's in_prison).
[[gnu::target("avx512f"), gnu::always_inline]] inline __mmask16 in_prison(__m512i justice) {
  return is(justice, Justice::custody) | is(justice, Justice::recalled);
}

/// The lanes homeless now: sleeping rough or in temporary accommodation, outside prison (categories.hpp's homeless,
/// as PeopleView::homeless_now). `prison`: in_prison of the same rows.
[[gnu::target("avx512f"), gnu::always_inline]] inline __mmask16 homeless_now(__m512i housing, __mmask16 prison) {
  return static_cast<__mmask16>(~prison & (is(housing, Housing::rough_sleeping) | is(housing, Housing::temporary)));
}

/// key + `add` in the lanes of `mask`.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i plus(__m512i key, __mmask16 mask, int add) {
  return _mm512_mask_add_epi32(key, mask, key, _mm512_set1_epi32(add));
}

/// code x `scale`, in every lane.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i times(__m512i codes, int scale) {
  return _mm512_mullo_epi32(codes, _mm512_set1_epi32(scale));
}

/// Sixteen rows of a 32-bit column.
template <class Int>
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i lanes32(const Int* column) {
  static_assert(sizeof(Int) == 4);
  return _mm512_loadu_si512(column);
}

/// The lanes of two halves of eight (each from the comparison of doubles), low then high, as one mask of sixteen.
inline __mmask16 joined(__mmask8 low, __mmask8 high) {
  return static_cast<__mmask16>(low | static_cast<unsigned>(high) << 8);
}

/// Eight rows of a byte column as 64-bit lanes, for loops over columns of doubles (eight to a register).
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i lanes64(const std::uint8_t* column) {
  return _mm512_cvtepu8_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(column)));
}

/// The 64-bit lanes whose value is this category.
template <class Category>
[[gnu::target("avx512f"), gnu::always_inline]] inline __mmask8 is64(__m512i codes, Category c) {
  return _mm512_cmpeq_epi64_mask(codes, _mm512_set1_epi64(code(c)));
}

/// Stores 1 for each lane of `marked` and 0 for the others, as sixteen bytes.
[[gnu::target("avx512f"), gnu::always_inline]] inline void store_marks(__mmask16 marked, std::uint8_t* marks) {
  const __m512i mark = _mm512_maskz_mov_epi32(marked, _mm512_set1_epi32(1));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(marks), _mm512_cvtepi32_epi8(mark));
}

REVOLVE_LANES16_END

}  // namespace revolve::revolving_door::lanes16
#endif

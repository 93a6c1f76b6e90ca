#include "sim/random/stream.hpp"

#include <immintrin.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <stdexcept>

#include "sim/core/vector_clones.hpp"

namespace revolve::random {

namespace {

/// A draw as the caller keeps it: a uniform (to_unit) or the bits themselves.
inline void put(double& out, std::uint32_t bits) { out = to_unit(bits); }
inline void put(std::uint32_t& out, std::uint32_t bits) { out = bits; }

/// One Philox call per group of four entities: out[4 i + w] = word w of group first_group + i.
template <class Out>
void fill_groups_scalar(r123::Philox4x32::key_type key, std::uint32_t run, std::uint32_t step, std::uint32_t word3,
                        std::uint32_t first_group, std::size_t groups, Out* out) {
  const r123::Philox4x32 philox;
  for (std::size_t i = 0; i < groups; ++i) {
    const auto r = philox({{run, first_group + static_cast<std::uint32_t>(i), step, word3}}, key);
    for (std::size_t w = 0; w < 4; ++w) put(out[4 * i + w], r[w]);
  }
}

// Philox4x32-10 constants (Salmon et al. 2011, as in Random123's philox.h).
constexpr std::uint32_t philox_m0 = 0xD2511F53u, philox_m1 = 0xCD9E8D57u;
constexpr std::uint32_t philox_w0 = 0x9E3779B9u, philox_w1 = 0xBB67AE85u;

/// High and low 32 bits of m * x for eight 32-bit lanes (m in the low half of each 64-bit lane).
__attribute__((target("avx2"))) inline void mulhilo8(__m256i m, __m256i x, __m256i& hi, __m256i& lo) {
  const __m256i even = _mm256_mul_epu32(m, x);                         // lanes 0, 2, 4, 6
  const __m256i odd = _mm256_mul_epu32(m, _mm256_srli_epi64(x, 32));  // lanes 1, 3, 5, 7
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

/// Eight uint32 lanes to doubles (b + 0.5) / 2^32, exactly as to_unit: flipping the sign bit and
/// adding 2^31 back makes the signed conversion exact for unsigned values.
__attribute__((target("avx2"))) inline void store_units(__m256i bits, double* out) {
  const __m256i flipped = _mm256_xor_si256(bits, _mm256_set1_epi32(static_cast<int>(0x80000000u)));
  const __m256d offset = _mm256_set1_pd(2147483648.0 + 0.5), scale = _mm256_set1_pd(1.0 / 4294967296.0);
  const __m256d low = _mm256_cvtepi32_pd(_mm256_castsi256_si128(flipped));
  const __m256d high = _mm256_cvtepi32_pd(_mm256_extracti128_si256(flipped, 1));
  _mm256_storeu_pd(out, _mm256_mul_pd(_mm256_add_pd(low, offset), scale));
  _mm256_storeu_pd(out + 4, _mm256_mul_pd(_mm256_add_pd(high, offset), scale));
}

/// Eight uint32 lanes as they are.
__attribute__((target("avx2"))) inline void store_units(__m256i bits, std::uint32_t* out) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), bits);
}

/// Words 0 to 3 of eight groups, one vector per word, stored as out[4 g + w] (in units, or bits: store_units).
template <class Out>
__attribute__((target("avx2"))) inline void store_groups8(__m256i c0, __m256i c1, __m256i c2, __m256i c3, Out* out) {
  // Transpose words-by-group into group-major order: [g0 w0..w3, g1 w0..w3, ...].
  const __m256i t0 = _mm256_unpacklo_epi32(c0, c1), t1 = _mm256_unpackhi_epi32(c0, c1);
  const __m256i t2 = _mm256_unpacklo_epi32(c2, c3), t3 = _mm256_unpackhi_epi32(c2, c3);
  const __m256i g04 = _mm256_unpacklo_epi64(t0, t2), g15 = _mm256_unpackhi_epi64(t0, t2);
  const __m256i g26 = _mm256_unpacklo_epi64(t1, t3), g37 = _mm256_unpackhi_epi64(t1, t3);
  store_units(_mm256_permute2x128_si256(g04, g15, 0x20), out);       // groups 0, 1
  store_units(_mm256_permute2x128_si256(g26, g37, 0x20), out + 8);   // groups 2, 3
  store_units(_mm256_permute2x128_si256(g04, g15, 0x31), out + 16);  // groups 4, 5
  store_units(_mm256_permute2x128_si256(g26, g37, 0x31), out + 24);  // groups 6, 7
}

/// Counters of eight groups in AVX2 lanes, one vector per word.
struct Counters8 {
  __m256i c0, c1, c2, c3;
};

/// The counters of groups first to first + 7 (the other words the same for all).
__attribute__((target("avx2"))) inline Counters8 counters8(std::uint32_t run, std::uint32_t step, std::uint32_t word3,
                                                           std::uint32_t first) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return {_mm256_set1_epi32(static_cast<int>(run)), _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(first)), lane),
          _mm256_set1_epi32(static_cast<int>(step)), _mm256_set1_epi32(static_cast<int>(word3))};
}

/// One Philox round with the round's key words k0, k1 broadcast.
__attribute__((target("avx2"))) inline void round8(Counters8& c, __m256i k0, __m256i k1) {
  const __m256i m0 = _mm256_set1_epi64x(philox_m0), m1 = _mm256_set1_epi64x(philox_m1);
  __m256i hi0, lo0, hi1, lo1;
  mulhilo8(m0, c.c0, hi0, lo0);
  mulhilo8(m1, c.c2, hi1, lo1);
  c.c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c.c1), k0);
  c.c1 = lo1;
  c.c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c.c3), k1);
  c.c3 = lo0;
}

/// Philox's ten rounds for each set of counters, the sets side by side.
template <class... Sets>
__attribute__((target("avx2"))) inline void rounds8(r123::Philox4x32::key_type key, Sets&... sets) {
  std::uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < 10; ++round, k0 += philox_w0, k1 += philox_w1) {
    const __m256i key0 = _mm256_set1_epi32(static_cast<int>(k0)), key1 = _mm256_set1_epi32(static_cast<int>(k1));
    (round8(sets, key0, key1), ...);
  }
}

/// fill_groups_scalar for eight groups at a time (groups must be a multiple of 8): the same integer arithmetic in AVX2
/// lanes, so the same bits. Two sets of eight go through the rounds side by side where there are 16 groups left, so
/// that one set's multiplications run while the other's wait for theirs.
template <class Out>
__attribute__((target("avx2"))) void fill_groups_avx2(r123::Philox4x32::key_type key, std::uint32_t run,
                                                      std::uint32_t step, std::uint32_t word3,
                                                      std::uint32_t first_group, std::size_t groups, Out* out) {
  std::size_t g = 0;
  for (; g + 16 <= groups; g += 16, out += 64) {
    Counters8 a = counters8(run, step, word3, first_group + static_cast<std::uint32_t>(g));
    Counters8 b = counters8(run, step, word3, first_group + static_cast<std::uint32_t>(g + 8));
    rounds8(key, a, b);
    store_groups8(a.c0, a.c1, a.c2, a.c3, out);
    store_groups8(b.c0, b.c1, b.c2, b.c3, out + 32);
  }
  for (; g < groups; g += 8, out += 32) {
    Counters8 a = counters8(run, step, word3, first_group + static_cast<std::uint32_t>(g));
    rounds8(key, a);
    store_groups8(a.c0, a.c1, a.c2, a.c3, out);
  }
}

/// The counters of calls i to i + 7 of fill_words_avx2: the entity words from the list, or first + i on.
__attribute__((target("avx2"))) inline Counters8 entity_counters8(std::uint32_t run, std::uint32_t step,
                                                                  std::uint32_t block, std::uint32_t first,
                                                                  const std::uint32_t* entities, std::size_t i) {
  Counters8 c = counters8(run, step, block, first + static_cast<std::uint32_t>(i));
  if (entities) c.c1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(entities + i));
  return c;
}

/// Words 0 to 3 of eight calls into four columns at `at`.
__attribute__((target("avx2"))) inline void store_words8(const Counters8& c, const Stream::WordColumns& out,
                                                         std::size_t at) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[0] + at), c.c0);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[1] + at), c.c1);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[2] + at), c.c2);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[3] + at), c.c3);
}

/// Stream::fill_words and fill_words_of in AVX2 lanes, eight calls at a time while eight are left (the entity of call
/// i is entities[i], or first + i where entities is null), two sets side by side where sixteen are left. Returns
/// the calls made; the caller makes the rest one at a time.
__attribute__((target("avx2"))) std::size_t fill_words_avx2(r123::Philox4x32::key_type key, std::uint32_t run,
                                                            std::uint32_t step, std::uint32_t block,
                                                            std::uint32_t first, const std::uint32_t* entities,
                                                            std::size_t n, const Stream::WordColumns& out) {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    Counters8 a = entity_counters8(run, step, block, first, entities, i);
    Counters8 b = entity_counters8(run, step, block, first, entities, i + 8);
    rounds8(key, a, b);
    store_words8(a, out, i);
    store_words8(b, out, i + 8);
  }
  for (; i + 8 <= n; i += 8) {
    Counters8 a = entity_counters8(run, step, block, first, entities, i);
    rounds8(key, a);
    store_words8(a, out, i);
  }
  return i;
}

// GCC 12 warns of the undefined vector inside its own AVX-512 intrinsics (GCC bug 105593): a false positive.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

/// High and low 32 bits of m * x for sixteen 32-bit lanes, as mulhilo8.
__attribute__((target("avx512f"))) inline void mulhilo16(__m512i m, __m512i x, __m512i& hi, __m512i& lo) {
  const __m512i even = _mm512_mul_epu32(m, x);
  const __m512i odd = _mm512_mul_epu32(m, _mm512_srli_epi64(x, 32));
  lo = _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
  hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 32), odd);
}

/// Sixteen uint32 lanes to doubles as store_units, eight to a vector.
__attribute__((target("avx512f"))) inline void store_units16(__m512i bits, double* out) {
  const __m512i flipped = _mm512_xor_si512(bits, _mm512_set1_epi32(static_cast<int>(0x80000000u)));
  const __m512d offset = _mm512_set1_pd(2147483648.0 + 0.5), scale = _mm512_set1_pd(1.0 / 4294967296.0);
  const __m512d low = _mm512_cvtepi32_pd(_mm512_castsi512_si256(flipped));
  const __m512d high = _mm512_cvtepi32_pd(_mm512_extracti64x4_epi64(flipped, 1));
  _mm512_storeu_pd(out, _mm512_mul_pd(_mm512_add_pd(low, offset), scale));
  _mm512_storeu_pd(out + 8, _mm512_mul_pd(_mm512_add_pd(high, offset), scale));
}

/// Sixteen uint32 lanes as they are.
__attribute__((target("avx512f"))) inline void store_units16(__m512i bits, std::uint32_t* out) {
  _mm512_storeu_si512(out, bits);
}

/// Words 0 to 3 of sixteen groups, one vector per word, stored as out[4 g + w], as store_groups8 does for eight: a
/// transpose within each 128-bit lane leaves groups 4k..4k+3 in lane k of four vectors, and a transpose of the lanes
/// puts them in order.
template <class Out>
__attribute__((target("avx512f"))) inline void store_groups16(__m512i c0, __m512i c1, __m512i c2, __m512i c3,
                                                              Out* out) {
  const __m512i t0 = _mm512_unpacklo_epi32(c0, c1), t1 = _mm512_unpackhi_epi32(c0, c1);
  const __m512i t2 = _mm512_unpacklo_epi32(c2, c3), t3 = _mm512_unpackhi_epi32(c2, c3);
  // Lane k of each: groups 4k (g0), 4k + 1 (g1), 4k + 2 (g2), 4k + 3 (g3), words 0 to 3.
  const __m512i g0 = _mm512_unpacklo_epi64(t0, t2), g1 = _mm512_unpackhi_epi64(t0, t2);
  const __m512i g2 = _mm512_unpacklo_epi64(t1, t3), g3 = _mm512_unpackhi_epi64(t1, t3);
  const __m512i g01_low = _mm512_shuffle_i32x4(g0, g1, 0x44), g01_high = _mm512_shuffle_i32x4(g0, g1, 0xEE);
  const __m512i g23_low = _mm512_shuffle_i32x4(g2, g3, 0x44), g23_high = _mm512_shuffle_i32x4(g2, g3, 0xEE);
  store_units16(_mm512_shuffle_i32x4(g01_low, g23_low, 0x88), out);        // groups 0 to 3
  store_units16(_mm512_shuffle_i32x4(g01_low, g23_low, 0xDD), out + 16);   // groups 4 to 7
  store_units16(_mm512_shuffle_i32x4(g01_high, g23_high, 0x88), out + 32);  // groups 8 to 11
  store_units16(_mm512_shuffle_i32x4(g01_high, g23_high, 0xDD), out + 48);  // groups 12 to 15
}

/// Counters of sixteen groups in AVX-512 lanes, one vector per word.
struct Counters16 {
  __m512i c0, c1, c2, c3;
};

/// The counters of groups first_group + g to + 15 (the other words the same for all).
__attribute__((target("avx512f"))) inline Counters16 counters16(std::uint32_t run, std::uint32_t step,
                                                                std::uint32_t word3, std::uint32_t first) {
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  return {_mm512_set1_epi32(static_cast<int>(run)), _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(first)), lane),
          _mm512_set1_epi32(static_cast<int>(step)), _mm512_set1_epi32(static_cast<int>(word3))};
}

/// One Philox round with the round's key words k0, k1 broadcast.
__attribute__((target("avx512f"))) inline void round16(Counters16& c, __m512i k0, __m512i k1) {
  const __m512i m0 = _mm512_set1_epi64(philox_m0), m1 = _mm512_set1_epi64(philox_m1);
  __m512i hi0, lo0, hi1, lo1;
  mulhilo16(m0, c.c0, hi0, lo0);
  mulhilo16(m1, c.c2, hi1, lo1);
  c.c0 = _mm512_xor_si512(_mm512_xor_si512(hi1, c.c1), k0);
  c.c1 = lo1;
  c.c2 = _mm512_xor_si512(_mm512_xor_si512(hi0, c.c3), k1);
  c.c3 = lo0;
}

/// Philox's ten rounds for each set of counters, the sets side by side.
template <class... Sets>
__attribute__((target("avx512f"))) inline void rounds16(r123::Philox4x32::key_type key, Sets&... sets) {
  std::uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < 10; ++round, k0 += philox_w0, k1 += philox_w1) {
    const __m512i key0 = _mm512_set1_epi32(static_cast<int>(k0)), key1 = _mm512_set1_epi32(static_cast<int>(k1));
    (round16(sets, key0, key1), ...);
  }
}

/// fill_groups_avx2 for sixteen groups at a time (groups must be a multiple of 16), in AVX-512 lanes: the same
/// bits, about half the time of the ten rounds. Two sets of sixteen go through the rounds side by side where there
/// are 32 groups left, so that one set's multiplications run while the other's wait for theirs.
template <class Out>
__attribute__((target("avx512f"))) void fill_groups_avx512(r123::Philox4x32::key_type key, std::uint32_t run,
                                                          std::uint32_t step, std::uint32_t word3,
                                                          std::uint32_t first_group, std::size_t groups, Out* out) {
  std::size_t g = 0;
  for (; g + 32 <= groups; g += 32, out += 128) {
    Counters16 a = counters16(run, step, word3, first_group + static_cast<std::uint32_t>(g));
    Counters16 b = counters16(run, step, word3, first_group + static_cast<std::uint32_t>(g + 16));
    rounds16(key, a, b);
    store_groups16(a.c0, a.c1, a.c2, a.c3, out);
    store_groups16(b.c0, b.c1, b.c2, b.c3, out + 64);
  }
  for (; g < groups; g += 16, out += 64) {
    Counters16 a = counters16(run, step, word3, first_group + static_cast<std::uint32_t>(g));
    rounds16(key, a);
    store_groups16(a.c0, a.c1, a.c2, a.c3, out);
  }
}

/// Words 0 to 3 of sixteen calls into four columns at `at`, the first `count` lanes (up to sixteen) only.
__attribute__((target("avx512f"))) inline void store_words16(const Counters16& c, const Stream::WordColumns& out,
                                                             std::size_t at, __mmask16 count) {
  _mm512_mask_storeu_epi32(out[0] + at, count, c.c0);
  _mm512_mask_storeu_epi32(out[1] + at, count, c.c1);
  _mm512_mask_storeu_epi32(out[2] + at, count, c.c2);
  _mm512_mask_storeu_epi32(out[3] + at, count, c.c3);
}

/// The counters of calls i to i + 15 of fill_words_avx512, the entity words of the `lanes` wanted.
__attribute__((target("avx512f"))) inline Counters16 entity_counters16(std::uint32_t run, std::uint32_t step,
                                                                       std::uint32_t block, std::uint32_t first,
                                                                       const std::uint32_t* entities, std::size_t i,
                                                                       __mmask16 lanes) {
  Counters16 c = counters16(run, step, block, first + static_cast<std::uint32_t>(i));
  if (entities) c.c1 = _mm512_maskz_loadu_epi32(lanes, entities + i);
  return c;
}

/// Stream::fill_words and fill_words_of in AVX-512 lanes, one entity a lane, from i = 0 to n: the entity of call i
/// is entities[i], or first + i where entities is null. Two sets of sixteen go through the rounds side by side
/// where there are 32 left, as in fill_groups_avx512; the last few (under sixteen) in masked lanes.
__attribute__((target("avx512f"))) void fill_words_avx512(r123::Philox4x32::key_type key, std::uint32_t run,
                                                         std::uint32_t step, std::uint32_t block, std::uint32_t first,
                                                         const std::uint32_t* entities, std::size_t n,
                                                         const Stream::WordColumns& out) {
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    Counters16 a = entity_counters16(run, step, block, first, entities, i, 0xFFFF);
    Counters16 b = entity_counters16(run, step, block, first, entities, i + 16, 0xFFFF);
    rounds16(key, a, b);
    store_words16(a, out, i, 0xFFFF);
    store_words16(b, out, i + 16, 0xFFFF);
  }
  for (; i < n; i += 16) {
    const auto lanes = static_cast<__mmask16>(n - i >= 16 ? 0xFFFFu : (1u << (n - i)) - 1);
    Counters16 a = entity_counters16(run, step, block, first, entities, i, lanes);
    rounds16(key, a);
    store_words16(a, out, i, lanes);
  }
}

/// out[i] = drawn[entities[i] - start] for i in [0, n), n a multiple of 16, sixteen at a time. Sixteen ascending ids
/// with few gaps lie within 32 entries of drawn, which two loads and a permute pick from; others are gathered.
/// Returns whether any entity fell outside [start, start + filled), whose value is then not defined. `drawn` holds
/// `room` entries.
__attribute__((target("avx512f"))) bool pick_avx512(const std::uint32_t* entities, std::size_t n, std::uint32_t start,
                                                    std::uint32_t filled, const std::uint32_t* drawn, std::size_t room,
                                                    std::uint32_t* out) {
  const __m512i from = _mm512_set1_epi32(static_cast<int>(start)), size = _mm512_set1_epi32(static_cast<int>(filled));
  const __m512i near = _mm512_set1_epi32(32);
  __mmask16 inside = 0xFFFF;
  for (std::size_t i = 0; i < n; i += 16) {
    const __m512i at = _mm512_sub_epi32(_mm512_loadu_si512(entities + i), from);
    const __mmask16 in = _mm512_cmplt_epu32_mask(at, size);
    inside &= in;
    const std::uint32_t first = entities[i] - start;  // the lowest, if ascending
    const __m512i offset = _mm512_sub_epi32(at, _mm512_set1_epi32(static_cast<int>(first)));
    __m512i picked;
    if (_mm512_cmplt_epu32_mask(offset, near) == 0xFFFF && std::size_t{first} + 32 <= room) {
      picked = _mm512_permutex2var_epi32(_mm512_loadu_si512(drawn + first), offset,
                                         _mm512_loadu_si512(drawn + first + 16));
    } else {
      picked = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), in, at, drawn, 4);
    }
    _mm512_storeu_si512(out + i, picked);
  }
  return inside != 0xFFFF;
}

#pragma GCC diagnostic pop

/// Whether this processor has AVX2 and AVX-512, asked once. The answers change speed, never results.
bool has_avx2() {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2;
}
bool has_avx512() {
  static const bool avx512 = __builtin_cpu_supports("avx512f");
  return avx512;
}

std::atomic<VectorWidth> widest_allowed{VectorWidth::avx512};

/// Whether each value is at least the one before: a loop with no early exit, which the compiler vectorises.
REVOLVE_AVX2_CLONES bool ascending(std::span<const std::uint32_t> values) {
  bool descends = false;
  for (std::size_t i = 1; i < values.size(); ++i) descends |= values[i] < values[i - 1];
  return !descends;
}

/// The grouped draws of entities first, first + 1, ... into out: a few one at a time up to a whole group of four,
/// then whole groups in the widest vectors allowed, then the last few one at a time.
template <class Out, class One>
void fill_grouped(r123::Philox4x32::key_type key, std::uint32_t run, std::uint32_t step, std::uint32_t first,
                  std::span<Out> out, std::uint32_t k, One&& one) {
  std::size_t i = 0;
  for (; i < out.size() && (first + i) % 4 != 0; ++i) out[i] = one(first + static_cast<std::uint32_t>(i));
  const auto first_group = static_cast<std::uint32_t>((first + i) / 4);
  const std::size_t groups = (out.size() - i) / 4;
  const std::uint32_t word3 = Stream::grouped_block + k;
  std::size_t done = 0;  // groups generated
  const auto generate = [&](auto fill, std::size_t count) {
    fill(key, run, step, word3, first_group + static_cast<std::uint32_t>(done), count, out.data() + i + 4 * done);
    done += count;
  };
  if (may_use(VectorWidth::avx512)) generate(fill_groups_avx512<Out>, groups / 16 * 16);
  if (may_use(VectorWidth::avx2)) generate(fill_groups_avx2<Out>, (groups - done) / 8 * 8);
  generate(fill_groups_scalar<Out>, groups - done);
  for (i += 4 * groups; i < out.size(); ++i) out[i] = one(first + static_cast<std::uint32_t>(i));
}

}  // namespace

void Stream::fill_grouped_uniforms(std::uint32_t run, std::uint32_t step, std::uint32_t first,
                                   std::span<double> out, std::uint32_t k) const {
  fill_grouped(key_, run, step, first, out, k, [&](std::uint32_t e) { return grouped_uniform(run, e, step, k); });
}

void Stream::fill_grouped_bits(std::uint32_t run, std::uint32_t step, std::uint32_t first,
                               std::span<std::uint32_t> out, std::uint32_t k) const {
  fill_grouped(key_, run, step, first, out, k, [&](std::uint32_t e) { return grouped_bits(run, e, step, k); });
}

void Stream::fill_grouped_bits_of(std::uint32_t run, std::uint32_t step, std::span<const std::uint32_t> entities,
                                  std::span<std::uint32_t> out, std::uint32_t k) const {
  if (out.size() != entities.size()) {
    throw std::invalid_argument("fill_grouped_bits_of: out and entities differ in size");
  }
  // Entities close together are drawn as a range, in fill_grouped_bits' lanes, and picked from it: a window of
  // ids from a group's first, holding the entities that follow up to the first past it.
  constexpr std::uint32_t window = 2048;  // a block of 1024 rows, after a few compactions
  std::array<std::uint32_t, window> drawn;
  const auto not_ascending = [] {
    return std::invalid_argument("fill_grouped_bits_of: the entities are not in ascending order");
  };
  if (!ascending(entities)) throw not_ascending();  // as lower_bound needs
  for (std::size_t from = 0, to = 0; from < entities.size(); from = to) {
    const std::uint32_t start = entities[from] & ~3u;
    const std::uint32_t end = start > ~window ? ~0u : start + window;  // [start, end) fits in drawn
    to = std::max(from + 1, static_cast<std::size_t>(
                                std::lower_bound(entities.begin() + from, entities.end(), end) - entities.begin()));
    if (entities[to - 1] < start || entities[to - 1] - start >= window) throw not_ascending();
    const std::uint32_t filled = entities[to - 1] - start + 1;
    fill_grouped_bits(run, step, start, std::span(drawn).first(filled), k);
    bool outside = false;
    std::size_t i = from;
    if (may_use(VectorWidth::avx512)) {
      const std::size_t wide = (to - from) / 16 * 16;
      outside =
          pick_avx512(entities.data() + from, wide, start, filled, drawn.data(), drawn.size(), out.data() + from);
      i += wide;
    }
    for (; i < to; ++i) {
      const std::uint32_t at = entities[i] - start;
      outside |= at >= filled;
      out[i] = drawn[at < filled ? at : 0];
    }
    if (outside) throw not_ascending();
  }
}

void Stream::fill_words(std::uint32_t run, std::uint32_t step, std::uint32_t first, std::size_t n,
                        std::uint32_t block, const WordColumns& out) const {
  fill_words_from(run, step, first, nullptr, n, block, out);
}

void Stream::fill_words_of(std::uint32_t run, std::uint32_t step, std::span<const std::uint32_t> entities,
                           std::uint32_t block, const WordColumns& out) const {
  fill_words_from(run, step, 0, entities.data(), entities.size(), block, out);
}

void Stream::fill_words_from(std::uint32_t run, std::uint32_t step, std::uint32_t first, const std::uint32_t* entities,
                             std::size_t n, std::uint32_t block, const WordColumns& out) const {
  if (may_use(VectorWidth::avx512)) {
    fill_words_avx512(key_, run, step, block, first, entities, n, out);
    return;
  }
  std::size_t i = 0;
  if (may_use(VectorWidth::avx2)) i = fill_words_avx2(key_, run, step, block, first, entities, n, out);
  for (; i < n; ++i) {
    const auto r = bits(run, entities ? entities[i] : first + static_cast<std::uint32_t>(i), step, block);
    for (std::size_t w = 0; w < 4; ++w) out[w][i] = r[w];
  }
}

VectorWidth limit_vector_width(VectorWidth widest) { return widest_allowed.exchange(widest); }

bool may_use(VectorWidth width) {
  if (widest_allowed.load(std::memory_order_relaxed) < width) return false;
  return width == VectorWidth::avx512 ? has_avx512() : width == VectorWidth::avx2 ? has_avx2() : true;
}

}  // namespace revolve::random

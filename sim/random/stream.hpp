#pragma once
// Counter-based random streams (Philox4x32-10 from Random123).
//
// A draw is a pure function of (seed, stream name, run, entity, step, k): there is no generator
// state to advance. So results are identical on any number of threads, adding a module that draws
// from its own stream changes nobody else's numbers, and two scenarios run with the same seed share
// every draw their decisions have in common (common random numbers).
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

#include <Random123/philox.h>

#include "sim/core/hash.hpp"

namespace revolve::random {

/// 64-bit FNV-1a hash of a stream name (stable across platforms and runs).
constexpr std::uint64_t hash_name(std::string_view name) { return core::fnv1a(name); }

/// SplitMix64 finaliser: spreads nearby seeds to unrelated keys.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// Map 32 random bits to a double strictly inside (0, 1): never 0, so log(u) is finite.
constexpr double to_unit(std::uint32_t bits) { return (bits + 0.5) * (1.0 / 4294967296.0); }

/// floor(u x 2^32) within [0, 2^32 - 1], for tests of a draw's 32 random bits x in integers: to_unit(x) < u implies
/// x <= draw_bits(u), and to_unit(x) > u implies x >= draw_bits(u). Only the one x equal to it can pass the integer
/// test and fail the exact one, so a caller that marks by bits and then decides with to_unit(x) gets the exact
/// result. u must not be NaN: a NaN gives 0, defined but not a bound.
inline std::uint32_t draw_bits(double u) {
  const double scaled = std::floor(u * 4294967296.0);  // exact: a power of two, then an integer part
  if (!(scaled > 0.0)) return 0u;
  return scaled >= 4294967295.0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(scaled);
}

/// One named stream under one seed. Cheap to copy; holds only the Philox key.
class Stream {
 public:
  Stream() = default;
  Stream(std::uint64_t seed, std::string_view name) {
    const std::uint64_t k = mix64(seed ^ mix64(hash_name(name)));
    key_ = {{static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k >> 32)}};
  }

  /// Four independent uniforms in (0,1) for one (run, entity, step, block) counter.
  std::array<double, 4> uniforms4(std::uint32_t run, std::uint32_t entity, std::uint32_t step,
                                  std::uint32_t block = 0) const {
    const r123::Philox4x32::ctr_type ctr = {{run, entity, step, block}};
    const auto r = r123::Philox4x32()(ctr, key_);
    return {to_unit(r[0]), to_unit(r[1]), to_unit(r[2]), to_unit(r[3])};
  }

  /// The k-th uniform in (0,1) for (run, entity, step). Draws k = 0..3 share one Philox call.
  double uniform(std::uint32_t run, std::uint32_t entity, std::uint32_t step,
                 std::uint32_t k = 0) const {
    const r123::Philox4x32::ctr_type ctr = {{run, entity, step, k / 4}};
    const auto r = r123::Philox4x32()(ctr, key_);
    return to_unit(r[k % 4]);
  }

  /// Raw 4x32 random bits, for callers that build their own variates.
  r123::Philox4x32::ctr_type bits(std::uint32_t run, std::uint32_t entity, std::uint32_t step,
                                  std::uint32_t block = 0) const {
    return r123::Philox4x32()({{run, entity, step, block}}, key_);
  }

  /// One uniform in (0,1) per entity, four consecutive entities to one Philox call: entity e's
  /// k-th draw at (run, step) is word e % 4 of the counter (run, e / 4, step, grouped_block + k).
  /// Like uniform(), a pure function of (seed, name, run, entity, step, k), but a quarter of the
  /// Philox calls when a whole block of entities draws (see fill_grouped_uniforms). A stream used
  /// this way keeps k < 2^31 and the `block` of uniforms4 and bits below grouped_block.
  double grouped_uniform(std::uint32_t run, std::uint32_t entity, std::uint32_t step,
                         std::uint32_t k = 0) const {
    return to_unit(grouped_bits(run, entity, step, k));
  }

  /// The 32 random bits grouped_uniform(run, entity, step, k) maps to (0,1) with to_unit.
  std::uint32_t grouped_bits(std::uint32_t run, std::uint32_t entity, std::uint32_t step, std::uint32_t k = 0) const {
    const r123::Philox4x32::ctr_type ctr = {{run, entity / 4, step, grouped_block + k}};
    return r123::Philox4x32()(ctr, key_)[entity % 4];
  }

  /// out[i] = grouped_uniform(run, first + i, step, k) for every i, generated in one tight loop.
  /// A draw is the same whether or not the entity uses it, so generating a block's draws in bulk
  /// changes no result.
  void fill_grouped_uniforms(std::uint32_t run, std::uint32_t step, std::uint32_t first,
                             std::span<double> out, std::uint32_t k = 0) const;

  /// out[i] = grouped_bits(run, first + i, step, k) for every i, as fill_grouped_uniforms: for a caller that tests
  /// most draws against thresholds of its own in integers, and makes uniforms only of the few it needs.
  void fill_grouped_bits(std::uint32_t run, std::uint32_t step, std::uint32_t first, std::span<std::uint32_t> out,
                         std::uint32_t k = 0) const;

  /// out[i] = grouped_bits(run, entities[i], step, k) for every i: as fill_grouped_bits for a list of entities in
  /// ascending order (std::invalid_argument if they are not, or out's size differs), fastest with few gaps: each
  /// stretch of ids is drawn whole, gaps included.
  void fill_grouped_bits_of(std::uint32_t run, std::uint32_t step, std::span<const std::uint32_t> entities,
                            std::span<std::uint32_t> out, std::uint32_t k = 0) const;

  /// Four columns of words, for fill_words and fill_words_of: column w gets word w of each entity's call.
  using WordColumns = std::array<std::uint32_t*, 4>;

  /// out[w][i] = bits(run, first + i, step, block)[w] for i < n and every w: each entity's own Philox call, its four
  /// words as four columns, generated in AVX-512 or AVX2 lanes where allowed (VectorWidth). For a caller that uses parts of the words for
  /// several decisions of each entity (split.hpp).
  void fill_words(std::uint32_t run, std::uint32_t step, std::uint32_t first, std::size_t n, std::uint32_t block,
                  const WordColumns& out) const;

  /// out[w][i] = bits(run, entities[i], step, block)[w] for every i and w: as fill_words for a list of entities, the
  /// few of many who need these draws.
  void fill_words_of(std::uint32_t run, std::uint32_t step, std::span<const std::uint32_t> entities,
                     std::uint32_t block, const WordColumns& out) const;

  /// The fourth counter word of grouped draws: the upper half of the range, apart from the
  /// small block numbers of uniforms4 and bits.
  static constexpr std::uint32_t grouped_block = 0x80000000u;

 private:
  r123::Philox4x32::key_type key_ = {{0, 0}};

  /// fill_words (entities null: first, first + 1, ...) and fill_words_of (first unused).
  void fill_words_from(std::uint32_t run, std::uint32_t step, std::uint32_t first, const std::uint32_t* entities,
                       std::size_t n, std::uint32_t block, const WordColumns& out) const;
};

/// One entity's uniforms of a step by k, u(k) = stream.uniform(run, entity, step, k): a Philox call gives four, so
/// a caller reading k = 0, 1, 2, ... makes one call for each four instead of one for each.
class EntityUniforms {
 public:
  EntityUniforms(const Stream& stream, std::uint32_t run, std::uint32_t entity, std::uint32_t step)
      : stream_(stream), run_(run), entity_(entity), step_(step) {}
  double operator()(std::uint32_t k) {
    if (k / 4 != block_) {
      block_ = k / 4;
      four_ = stream_.uniforms4(run_, entity_, step_, block_);
    }
    return four_[k % 4];
  }

 private:
  const Stream& stream_;
  std::uint32_t run_, entity_, step_;
  std::uint32_t block_ = ~0u;  // none made yet
  std::array<double, 4> four_{};
};

/// The widest vector instructions Stream's fills (fill_grouped_*, fill_words) and the other hand-vectorised loops
/// that ask may_use (abm::list_marked, the revolving-door model's marking and summing loops) may use: by default the
/// widest the processor has.
/// Every width gives the same bits; a narrower one is for testing that (a processor with AVX-512 would otherwise
/// never run the AVX2 loop) and for timing.
enum class VectorWidth : std::uint8_t { scalar, avx2, avx512 };
/// Sets the widest width for every thread and returns the one before.
VectorWidth limit_vector_width(VectorWidth widest);
/// Whether a width may be used: the processor has it and limit_vector_width allows it. For other hand-vectorised
/// loops that give the same results at every width, so that tests can run each.
bool may_use(VectorWidth width);

/// Standard normal from two uniforms (Box-Muller, first output).
double standard_normal(double u1, double u2);

/// Poisson variate with the given mean: exact inversion from u1 for means up to 500; above that a
/// normal approximation (uses u2), whose skewness error is below 1/sqrt(500) = 4.5%.
std::uint32_t poisson(double mean, double u1, double u2);

}  // namespace revolve::random

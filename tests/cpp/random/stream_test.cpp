// Counter-based streams: every draw is a pure function of (seed, name, run, entity, step, k).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <vector>

#include "sim/random/split.hpp"
#include "sim/random/stream.hpp"

using revolve::random::EntityUniforms;
using revolve::random::Stream;
using revolve::random::limit_vector_width;
using revolve::random::VectorWidth;
using revolve::random::draw_bits;
using revolve::random::to_unit;

TEST_CASE("uniforms4 and uniform are Philox4x32-10 of (run, entity, step, block) under the stream's key") {
  // The stock-flow engine relies on these meanings; grouped draws must not have changed them.
  const Stream s(7, "housing_first.accept");
  const auto four = s.uniforms4(1, 2, 3, 0);
  for (std::uint32_t k = 0; k < 4; ++k) CHECK(s.uniform(1, 2, 3, k) == four[k]);
  CHECK(s.uniform(1, 2, 3, 5) == s.uniforms4(1, 2, 3, 1)[1]);
  const auto bits = s.bits(1, 2, 3, 0);
  for (std::uint32_t k = 0; k < 4; ++k) CHECK(to_unit(bits[k]) == four[k]);
}

TEST_CASE("a grouped draw depends on seed, stream name, run, entity, step and k, and on nothing else") {
  const Stream s(7, "cohort.death");
  const double u = s.grouped_uniform(0, 10, 3);
  CHECK(u == Stream(7, "cohort.death").grouped_uniform(0, 10, 3));
  CHECK(u != Stream(8, "cohort.death").grouped_uniform(0, 10, 3));
  CHECK(u != Stream(7, "cohort.mh").grouped_uniform(0, 10, 3));
  CHECK(u != s.grouped_uniform(1, 10, 3));
  CHECK(u != s.grouped_uniform(0, 11, 3));
  CHECK(u != s.grouped_uniform(0, 10, 4));
  CHECK(u != s.grouped_uniform(0, 10, 3, 1));
}

TEST_CASE("grouped draws do not reuse the counters of uniforms4") {
  const Stream s(3, "x");
  const auto four = s.uniforms4(0, 0, 0, 0);
  for (std::uint32_t e = 0; e < 4; ++e) CHECK(s.grouped_uniform(0, e, 0) != four[e]);
}

TEST_CASE("fill_grouped_uniforms and fill_grouped_bits give each entity its grouped draw, whatever the first "
          "entity, length and vector width") {
  const Stream s(11, "bulk");
  // Each width the processor has (a wider one falls back to the next it has), restored at the end.
  for (const VectorWidth width : {VectorWidth::scalar, VectorWidth::avx2, VectorWidth::avx512}) {
    const VectorWidth before = limit_vector_width(width);
    // 100 entities are 25 groups: 16 in AVX-512, 8 in AVX2 and one scalar.
    for (std::uint32_t first : {0u, 1u, 2u, 3u, 4u, 1021u}) {
      for (std::size_t length : {0u, 1u, 3u, 4u, 5u, 17u, 100u, 1024u}) {
        std::vector<double> out(length);
        s.fill_grouped_uniforms(5, 9, first, out, 2);
        for (std::size_t i = 0; i < length; ++i) {
          INFO("width " << static_cast<int>(width) << ", first " << first << ", i " << i);
          REQUIRE(out[i] == s.grouped_uniform(5, first + static_cast<std::uint32_t>(i), 9, 2));
        }
        std::vector<std::uint32_t> bits(length);
        s.fill_grouped_bits(5, 9, first, bits, 2);
        for (std::size_t i = 0; i < length; ++i) {
          INFO("bits: width " << static_cast<int>(width) << ", first " << first << ", i " << i);
          REQUIRE(to_unit(bits[i]) == out[i]);
        }
      }
    }
    limit_vector_width(before);
  }
}

TEST_CASE("grouped draws are uniform on (0,1) and uncorrelated between neighbouring entities") {
  const Stream s(1, "check");
  constexpr std::size_t n = 400'000;
  std::vector<double> u(n);
  s.fill_grouped_uniforms(0, 0, 0, u);
  double sum = 0.0, sum_sq = 0.0, lag = 0.0;
  std::vector<int> bins(10, 0);
  for (std::size_t i = 0; i < n; ++i) {
    REQUIRE(u[i] > 0.0);
    REQUIRE(u[i] < 1.0);
    sum += u[i];
    sum_sq += u[i] * u[i];
    if (i > 0) lag += (u[i] - 0.5) * (u[i - 1] - 0.5);
    ++bins[static_cast<std::size_t>(u[i] * 10)];
  }
  // Tolerances are 5 standard errors of each statistic for n uniform draws.
  CHECK(std::abs(sum / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  CHECK(std::abs(sum_sq / n - 1.0 / 3) < 5 * std::sqrt(4.0 / 45 / n));
  CHECK(std::abs(lag / n) < 5 * (1.0 / 12) / std::sqrt(n));
  for (int b : bins) CHECK(std::abs(b - n / 10.0) < 5 * std::sqrt(n * 0.1 * 0.9));
}

TEST_CASE("draw_bits: a draw below a bound has bits at most the bound's, above it at least, whatever the bound") {
  const std::vector<double> bounds = {std::nan(""),       -0.5,  0.0,        1e-12, 0.3 / 4294967296.0,
                                      0.5 / 4294967296.0, 1.0 / 4294967296.0, 1.5 / 4294967296.0,
                                      0.001,              0.01234567, 0.5,   1.0 - 1e-12, 1.0, 1.7};
  for (const double bound : bounds) {
    const std::uint32_t at = draw_bits(bound);
    // The bits around where the bound falls, and both ends.
    std::vector<std::uint32_t> near = {0u, 1u, 2u, 0xFFFFFFFEu, 0xFFFFFFFFu};
    for (std::int64_t d = -3; d <= 3; ++d) {
      const std::int64_t xs = static_cast<std::int64_t>(at) + d;
      if (xs >= 0 && xs <= 0xFFFFFFFFll) near.push_back(static_cast<std::uint32_t>(xs));
    }
    if (std::isnan(bound)) {
      CHECK(at == 0u);  // defined, though not a bound
      continue;
    }
    for (const std::uint32_t x : near) {
      INFO("bound " << bound << ", bits " << x << ", draw_bits " << at);
      if (to_unit(x) < bound) REQUIRE(x <= at);
      if (to_unit(x) > bound) REQUIRE(x >= at);
      // Only the bits equal to draw_bits pass the integer test and fail the exact one.
      if (x != at) REQUIRE((x <= at) == (to_unit(x) < bound));
      if (x != at) REQUIRE((x >= at) == (to_unit(x) > bound));
    }
  }
}

TEST_CASE("fill_words and fill_words_of give each entity's call as four columns, whatever the first entity, length, "
          "list and vector width") {
  const Stream s(13, "words");
  for (const VectorWidth width : {VectorWidth::scalar, VectorWidth::avx2, VectorWidth::avx512}) {
    const VectorWidth before = limit_vector_width(width);
    // Lengths either side of one and two vectors of sixteen, and more.
    for (std::uint32_t first : {0u, 3u, 1021u}) {
      for (std::size_t length : {0u, 1u, 15u, 16u, 17u, 31u, 32u, 33u, 100u}) {
        std::array<std::vector<std::uint32_t>, 4> words;
        for (auto& column : words) column.assign(length + 1, 7u);  // one word more: nothing written past the end
        const Stream::WordColumns out = {words[0].data(), words[1].data(), words[2].data(), words[3].data()};
        s.fill_words(5, 9, first, length, 3, out);
        // A list in no order, with a repeat.
        std::vector<std::uint32_t> entities(length);
        for (std::size_t i = 0; i < length; ++i) entities[i] = static_cast<std::uint32_t>((i * 37 + first) % 50);
        std::array<std::vector<std::uint32_t>, 4> listed;
        for (auto& column : listed) column.assign(length + 1, 7u);
        s.fill_words_of(5, 9, entities, 3,
                        {listed[0].data(), listed[1].data(), listed[2].data(), listed[3].data()});
        for (std::size_t i = 0; i < length; ++i) {
          INFO("width " << static_cast<int>(width) << ", first " << first << ", length " << length << ", i " << i);
          const auto call = s.bits(5, first + static_cast<std::uint32_t>(i), 9, 3);
          const auto of_list = s.bits(5, entities[i], 9, 3);
          for (std::size_t w = 0; w < 4; ++w) {
            REQUIRE(words[w][i] == call[w]);
            REQUIRE(listed[w][i] == of_list[w]);
          }
        }
        for (std::size_t w = 0; w < 4; ++w) {
          CHECK(words[w][length] == 7u);
          CHECK(listed[w][length] == 7u);
        }
      }
    }
    limit_vector_width(before);
  }
}

TEST_CASE("fill_grouped_bits_of gives each listed entity its grouped draw, for ids with gaps across windows, at every "
          "width, and refuses ids out of order") {
  const Stream s(17, "grouped list");
  for (const VectorWidth width : {VectorWidth::scalar, VectorWidth::avx2, VectorWidth::avx512}) {
    const VectorWidth before = limit_vector_width(width);
    // Ascending ids: runs with gaps of 1 to 7 (a row list after compactions), a jump past the 2048-id window, and
    // lengths either side of a vector of sixteen.
    for (std::size_t length : {0u, 1u, 15u, 16u, 17u, 700u, 3000u}) {
      std::vector<std::uint32_t> entities;
      std::uint32_t id = 5;
      for (std::size_t i = 0; i < length; ++i) {
        entities.push_back(id);
        id += 1 + static_cast<std::uint32_t>((i * 7919) % 11 == 0 ? (i % 7) : 0) + (i == 400 ? 5000u : 0u);
      }
      std::vector<std::uint32_t> out(length + 1, 7u);
      s.fill_grouped_bits_of(3, 11, entities, std::span(out).first(length), 2);
      for (std::size_t i = 0; i < length; ++i) {
        INFO("width " << static_cast<int>(width) << ", length " << length << ", i " << i);
        REQUIRE(out[i] == s.grouped_bits(3, entities[i], 11, 2));
      }
      CHECK(out[length] == 7u);  // nothing written past the end
    }
    std::vector<std::uint32_t> out(40);
    std::vector<std::uint32_t> descending(40);
    for (std::size_t i = 0; i < descending.size(); ++i) descending[i] = static_cast<std::uint32_t>(900 - 3 * i);
    CHECK_THROWS_WITH(s.fill_grouped_bits_of(3, 11, descending, out), Catch::Contains("ascending"));
    std::vector<std::uint32_t> swapped(40);
    for (std::size_t i = 0; i < swapped.size(); ++i) swapped[i] = static_cast<std::uint32_t>(i ^ 1u) + 100;
    swapped[0] = 104;  // one id past its neighbours, then lower ones
    CHECK_THROWS_WITH(s.fill_grouped_bits_of(3, 11, swapped, out), Catch::Contains("ascending"));
    CHECK_THROWS(s.fill_grouped_bits_of(3, 11, swapped, std::span(out).first(39)));  // sizes differ
    // Sixteen ascending, then one just below them: a stretch that would start below its window.
    std::vector<std::uint32_t> dips(33);
    for (std::size_t i = 0; i < dips.size(); ++i) dips[i] = static_cast<std::uint32_t>(i < 16 ? 100 + i : 83 + i);
    std::vector<std::uint32_t> dips_out(33);
    CHECK_THROWS_WITH(s.fill_grouped_bits_of(3, 11, dips, dips_out), Catch::Contains("ascending"));
    // Two neighbours swapped inside one window.
    std::vector<std::uint32_t> shuffled = {4, 6, 5, 7};
    std::vector<std::uint32_t> shuffled_out(4);
    CHECK_THROWS_WITH(s.fill_grouped_bits_of(3, 11, shuffled, shuffled_out), Catch::Contains("ascending"));
    limit_vector_width(before);
  }
}

TEST_CASE("EntityUniforms gives uniform(run, entity, step, k) for each k, in any order") {
  const Stream s(23, "entity uniforms");
  EntityUniforms u(s, 4, 1234, 17);
  for (const std::uint32_t k : {0u, 1u, 5u, 2u, 3u, 4u, 9u, 8u, 0u, 13u, 7u, 7u}) {
    INFO("k " << k);
    CHECK(u(k) == s.uniform(4, 1234, 17, k));
  }
}

TEST_CASE("a split draw joins the halves of its two calls, and its high half alone bounds it") {
  namespace split = revolve::random::split;
  const Stream s(17, "split");
  for (std::uint32_t entity : {0u, 1u, 99u}) {
    const auto high = s.bits(2, entity, 4, split::high_block), low = s.bits(2, entity, 4, split::low_block);
    for (unsigned k = 0; k < split::draws; ++k) {
      INFO("entity " << entity << ", draw " << k);
      const std::uint32_t x = split::draw(s, 2, entity, 4, k);
      // Draw k's halves are the upper half of word k / 2 for even k, its lower half for odd k.
      const unsigned shift = k % 2 == 0 ? 16 : 0;
      CHECK(x >> 16 == (high[k / 2] >> shift & 0xFFFFu));
      CHECK((x & 0xFFFFu) == (low[k / 2] >> shift & 0xFFFFu));
      CHECK(split::lowest(split::half(high[k / 2], k)) <= x);
      CHECK(x <= split::highest(split::half(high[k / 2], k)));
    }
  }
  CHECK(split::lowest(0xABCDu) == 0xABCD0000u);
  CHECK(split::highest(0xABCDu) == 0xABCDFFFFu);
}

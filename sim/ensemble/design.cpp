#include "sim/ensemble/design.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/core/error.hpp"
#include "sim/random/stream.hpp"

namespace revolve::ensemble {
namespace {

// 3667 dimensions: the Joe-Kuo table Boost ships (BOOST_RANDOM_SOBOL_MAX_DIMENSION).
constexpr std::size_t sobol_max_dimensions = boost::random::default_sobol_table::max_dimension;

std::uint64_t random_bits(const random::Stream& stream, std::uint32_t dimension) {
  const auto bits = stream.bits(dimension, 0, 0);
  return (static_cast<std::uint64_t>(bits[0]) << 32) | bits[1];
}

}  // namespace

std::string to_string(DesignKind kind) { return kind == DesignKind::lhs ? "lhs" : "sobol"; }

std::optional<DesignKind> parse_design_kind(std::string_view text) {
  if (text == "lhs") return DesignKind::lhs;
  if (text == "sobol") return DesignKind::sobol;
  return std::nullopt;
}

std::vector<double> latin_hypercube(std::uint32_t draws, std::size_t dimensions, std::uint64_t seed) {
  const random::Stream stream(seed, "psa.lhs");
  std::vector<double> points(static_cast<std::size_t>(draws) * dimensions);
  std::vector<std::uint32_t> slice(draws);
  std::vector<double> order(draws);
  for (std::size_t d = 0; d < dimensions; ++d) {
    const auto dimension = static_cast<std::uint32_t>(d);
    // A random permutation of the slices: draws sorted by a uniform key each (ties broken by draw number).
    for (std::uint32_t i = 0; i < draws; ++i) order[i] = stream.uniform(dimension, i, 0, 0);
    std::iota(slice.begin(), slice.end(), 0u);
    std::sort(slice.begin(), slice.end(), [&](std::uint32_t a, std::uint32_t b) {
      return order[a] < order[b] || (order[a] == order[b] && a < b);
    });
    for (std::uint32_t rank = 0; rank < draws; ++rank) {
      const std::uint32_t i = slice[rank];
      points[i * dimensions + d] = (rank + stream.uniform(dimension, i, 0, 1)) / draws;
    }
  }
  return points;
}

std::vector<double> shifted_sobol(std::uint32_t draws, std::size_t dimensions, std::uint64_t seed) {
  if (dimensions == 0) return {};
  if (dimensions > sobol_max_dimensions) {
    throw Error("a Sobol design has at most " + std::to_string(sobol_max_dimensions) + " dimensions, not " +
                std::to_string(dimensions) + " (use a Latin hypercube)");
  }
  const random::Stream stream(seed, "psa.sobol");
  std::vector<std::uint64_t> shift(dimensions);
  for (std::size_t d = 0; d < dimensions; ++d) shift[d] = random_bits(stream, static_cast<std::uint32_t>(d));
  // Boost's engine gives the coordinates of one point after another, from the second point of the sequence on:
  // the first, the origin, is put back here, so any 2^m first points are balanced.
  boost::random::sobol sequence(dimensions);
  std::vector<double> points(static_cast<std::size_t>(draws) * dimensions);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::uint64_t x = (i < dimensions ? 0 : sequence()) ^ shift[i % dimensions];
    points[i] = (static_cast<double>(x >> 11) + 0.5) * 0x1p-53;  // the top 53 bits, strictly inside (0, 1)
  }
  return points;
}

Design::Design(const params::ParameterSet& parameters, DesignKind kind, std::uint32_t draws, std::uint64_t seed)
    : kind_(kind), seed_(seed), draws_(draws) {
  std::vector<const params::Parameter*> uncertain;
  for (const auto& p : parameters.parameters()) {
    if (std::holds_alternative<params::Fixed>(p.uncertainty)) continue;
    uncertain.push_back(&p);
    parameters_.push_back({p.name, p.unit.text, params::describe(p.uncertainty)});
  }
  const auto points = kind == DesignKind::lhs ? latin_hypercube(draws, uncertain.size(), seed)
                                              : shifted_sobol(draws, uncertain.size(), seed);
  values_.resize(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const params::Parameter& p = *uncertain[i % uncertain.size()];
    values_[i] = params::draw(p.uncertainty, p.value, points[i]);
  }
}

std::vector<params::Override> Design::overrides(std::uint32_t draw, const std::set<std::string>& held) const {
  std::vector<params::Override> out;
  const params::Origin origin{"psa draw " + std::to_string(draw), 0};
  for (std::size_t p = 0; p < parameters_.size(); ++p) {
    if (held.count(parameters_[p].name) == 0) out.push_back({parameters_[p].name, value(draw, p), "", origin});
  }
  return out;
}

}  // namespace revolve::ensemble

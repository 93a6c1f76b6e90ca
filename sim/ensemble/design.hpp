#pragma once
// The design of a probabilistic sensitivity analysis (PSA): the list of parameter draws it runs.
//
// Draw d gives every uncertain parameter (every one whose uncertainty is not 'none') a value in its own unit: the
// quantile of its distribution at coordinate (d, parameter) of a point set in the unit hypercube, either a Latin
// hypercube or a digitally shifted Sobol sequence. The design is a pure function of (parameters, kind, draws, seed)
// and is made whole before anything runs, so a process given draws 100 to 199 sees exactly the draws that a
// process running all of them sees.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/params/parameter_set.hpp"

namespace revolve::ensemble {

/// How the points of the unit hypercube are spread.
enum class DesignKind {
  lhs,    ///< Latin hypercube: each parameter's range cut into N equal-probability slices, one draw in each
  sobol,  ///< Sobol low-discrepancy sequence, each dimension XORed with random bits (a digital shift)
};

/// "lhs" or "sobol".
std::string to_string(DesignKind kind);
/// Parse "lhs" or "sobol"; nullopt otherwise.
std::optional<DesignKind> parse_design_kind(std::string_view text);

/// Latin hypercube: `draws` points of `dimensions` coordinates in (0, 1), draw-major. In every dimension each of
/// the slices [k/N, (k+1)/N) holds exactly one point, at a random place; the slices are paired across dimensions by
/// independent random permutations. From the named stream "psa.lhs" under `seed`.
std::vector<double> latin_hypercube(std::uint32_t draws, std::size_t dimensions, std::uint64_t seed);

/// The first `draws` points of the Sobol sequence (Joe and Kuo's direction numbers, as in Boost.Random) in
/// `dimensions` dimensions, each dimension's 64-bit coordinates XORed with random bits from the stream "psa.sobol"
/// under `seed`: the points keep their even spread, and the first is no longer the corner (0, ..., 0). Best
/// balanced when `draws` is a power of two. At most 3667 dimensions.
std::vector<double> shifted_sobol(std::uint32_t draws, std::size_t dimensions, std::uint64_t seed);

/// One uncertain parameter of a design.
struct DesignParameter {
  std::string name;  ///< e.g. "housing_first.places"
  std::string unit;  ///< the unit its values are written in, e.g. "places"
  std::string distribution;  ///< as the parameter tables describe it, e.g. "uniform 20 to 40"
};

class Design {
 public:
  /// Draws `draws` values of every uncertain parameter of `parameters` (in file order) with `kind` under `seed`.
  Design(const params::ParameterSet& parameters, DesignKind kind, std::uint32_t draws, std::uint64_t seed);

  DesignKind kind() const { return kind_; }
  std::uint64_t seed() const { return seed_; }
  std::uint32_t draws() const { return draws_; }
  const std::vector<DesignParameter>& parameters() const { return parameters_; }
  /// Draw `draw`'s value of parameter `parameter`, in the parameter's own unit.
  double value(std::uint32_t draw, std::size_t parameter) const { return values_[draw * parameters_.size() + parameter]; }

  /// Draw `draw` as scenario parameter overrides (each in the parameter's own unit), less the parameters named
  /// in `held`.
  std::vector<params::Override> overrides(std::uint32_t draw, const std::set<std::string>& held) const;

 private:
  DesignKind kind_;
  std::uint64_t seed_;
  std::uint32_t draws_;
  std::vector<DesignParameter> parameters_;
  std::vector<double> values_;  // draw-major: draws x parameters
};

}  // namespace revolve::ensemble

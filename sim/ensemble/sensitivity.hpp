#pragma once
// Global sensitivity analysis on plain arrays: designs of points in the unit hypercube, and indices
// computed from the model's outputs at those points. Nothing here runs a model: the caller maps each
// point's coordinates u (0 < u < 1) to parameter values through each parameter's quantile function,
// runs the model, and passes one output per design row back.
//
//   Morris screening (elementary effects): few runs, ranks parameters by mu* (the mean absolute
//     effect of moving one parameter) and shows non-linearity or interaction by sigma.
//   Sobol indices (variance decomposition): first order S_i (the share of the output's variance
//     explained by parameter i alone) and total order ST_i (including all its interactions), by the
//     Saltelli (2010) estimator for S_i and Jansen's for ST_i on A, B and AB_i matrices.
//
// Intervals are percentile bootstraps over trajectories (Morris) or base rows (Sobol), drawn from a
// counter-based stream, so the same seed gives the same intervals on any machine.
#include <cstdint>
#include <span>
#include <vector>

namespace revolve::ensemble {

/// Points in the unit hypercube, row-major: row r is `row(r)`, one coordinate per parameter.
struct UnitDesign {
  std::size_t parameters = 0;
  std::vector<double> points;

  std::size_t rows() const { return parameters == 0 ? 0 : points.size() / parameters; }
  std::span<const double> row(std::size_t r) const { return {points.data() + r * parameters, parameters}; }
};

/// An index with its bootstrap interval.
struct IndexEstimate {
  double estimate = 0, low = 0, high = 0;
};

struct BootstrapOptions {
  int resamples = 1000;
  double coverage = 0.95;  ///< of the percentile interval
  std::uint64_t seed = 1;
};

// ---- Morris ----

/// Morris trajectories. Each coordinate takes one of `levels` values, the midpoints of equally likely
/// bins, (j + 0.5) / levels for j = 0..levels-1, so every level maps to a finite quantile; a move
/// jumps levels / 2 bins, that is by delta = 0.5 (the usual choice delta = p / (2 (p - 1)) on a grid
/// that includes 0 and 1, moved inside). A trajectory is parameters + 1 rows; between rows s and s + 1
/// only parameter moved[t * parameters + s] changes.
struct MorrisDesign {
  UnitDesign design;
  std::size_t trajectories = 0;
  int levels = 4;
  std::vector<std::size_t> moved;

  static constexpr double delta = 0.5;
};

/// `trajectories` random trajectories (start levels, directions and the order of moves drawn from the
/// stream "sensitivity.morris" under `seed`). Throws Error for fewer than 2 trajectories, no parameters,
/// or an odd or smaller-than-2 number of levels.
MorrisDesign morris_design(std::size_t parameters, std::size_t trajectories, std::uint64_t seed, int levels = 4);

/// Elementary-effect statistics per parameter, in output units per unit of quantile scale (an effect is
/// the change in output when the parameter moves by delta, divided by delta).
struct MorrisIndices {
  std::vector<IndexEstimate> mu_star;  ///< mean absolute effect: the ranking measure
  std::vector<IndexEstimate> mu;       ///< mean signed effect: near 0 with a large mu* means the sign changes
  std::vector<IndexEstimate> sigma;    ///< standard deviation of effects: non-linearity or interactions
};

/// Indices from one output per design row (`outputs.size() == design.design.rows()`). Throws Error
/// naming the row when the sizes differ or an output is not a finite number.
MorrisIndices morris_indices(const MorrisDesign& design, std::span<const double> outputs,
                             const BootstrapOptions& bootstrap = {});

// ---- Sobol ----

/// Saltelli's design from base matrices A and B (N rows each). Rows come in blocks of parameters + 2,
/// one block per base row j: A_j, B_j, then AB_1j .. AB_kj, where AB_ij is A_j with coordinate i
/// taken from B_j. N (k + 2) model runs in all.
struct SobolDesign {
  UnitDesign design;
  std::size_t base_rows = 0;
  std::size_t block() const { return design.parameters + 2; }
};

/// The design from given A and B (N x k each, row-major, coordinates in (0, 1)): for instance the first
/// and last k coordinates of a 2k-dimensional quasi-random sequence.
SobolDesign sobol_design(std::span<const double> a, std::span<const double> b, std::size_t parameters);

/// The design from A and B of independent uniforms from the stream "sensitivity.sobol" under `seed`.
SobolDesign sobol_design(std::size_t parameters, std::size_t base_rows, std::uint64_t seed);

struct SobolIndices {
  std::vector<IndexEstimate> first;  ///< S_i
  std::vector<IndexEstimate> total;  ///< ST_i
  double variance = 0;               ///< of the output over A and B
};

/// First- and total-order indices from one output per design row. Throws Error naming the row when the
/// sizes differ or an output is not finite, and when the output does not vary at all (the indices
/// would be 0 / 0).
SobolIndices sobol_indices(const SobolDesign& design, std::span<const double> outputs,
                           const BootstrapOptions& bootstrap = {});

}  // namespace revolve::ensemble

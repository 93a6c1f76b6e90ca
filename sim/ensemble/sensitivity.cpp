#include "sim/ensemble/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <string>

#include "sim/core/error.hpp"
#include "sim/ensemble/comparison.hpp"
#include "sim/random/stream.hpp"

namespace revolve::ensemble {
namespace {

using Picks = std::vector<std::size_t>;

std::uint32_t counter(std::size_t i) { return static_cast<std::uint32_t>(i); }

/// Resample `resample` of a bootstrap: n indices drawn with replacement from 0..n-1.
void draw_picks(const random::Stream& stream, int resample, Picks& picks) {
  const std::size_t n = picks.size();
  for (std::size_t j = 0; j < n; j += 4) {
    const auto u = stream.uniforms4(static_cast<std::uint32_t>(resample), counter(j / 4), 0);
    for (std::size_t m = 0; m < 4 && j + m < n; ++m)
      picks[j + m] = std::min(n - 1, static_cast<std::size_t>(u[m] * static_cast<double>(n)));
  }
}

Picks all_of(std::size_t n) {
  Picks picks(n);
  std::iota(picks.begin(), picks.end(), std::size_t{0});
  return picks;
}

/// Estimates of several indices from the units in `picks`, written to `out` (one per index).
using Estimator = std::function<void(const Picks& picks, std::vector<double>& out)>;

/// Each index at the full sample, with the percentile interval of its bootstrap distribution.
std::vector<IndexEstimate> with_intervals(std::size_t units, std::size_t indices, const Estimator& estimate,
                                          const BootstrapOptions& options, const char* stream_name) {
  if (options.resamples < 2 || !(options.coverage > 0 && options.coverage < 1))
    throw Error("sensitivity: the bootstrap needs at least 2 resamples and a coverage between 0 and 1");
  std::vector<double> point(indices);
  estimate(all_of(units), point);
  std::vector<std::vector<double>> draws(indices, std::vector<double>(static_cast<std::size_t>(options.resamples)));
  const random::Stream stream(options.seed, stream_name);
  Picks picks(units);
  std::vector<double> one(indices);
  for (int b = 0; b < options.resamples; ++b) {
    draw_picks(stream, b, picks);
    estimate(picks, one);
    for (std::size_t i = 0; i < indices; ++i) draws[i][static_cast<std::size_t>(b)] = one[i];
  }
  // A resample can be degenerate (every pick the same unit, so a variance of 0): it says nothing, so it is
  // left out rather than sorted in as NaN.
  for (auto& d : draws) std::erase_if(d, [](double x) { return !std::isfinite(x); });
  std::vector<IndexEstimate> result(indices);
  for (std::size_t i = 0; i < indices; ++i) {
    const Interval spread = interval(std::move(draws[i]), options.coverage);
    result[i] = {point[i], spread.low, spread.high};
  }
  return result;
}

void check_outputs(const UnitDesign& design, std::span<const double> outputs, const char* method) {
  if (outputs.size() != design.rows())
    throw Error(std::string(method) + ": " + std::to_string(outputs.size()) + " outputs for a design of " +
                std::to_string(design.rows()) + " rows");
  for (std::size_t r = 0; r < outputs.size(); ++r) {
    if (!std::isfinite(outputs[r]))
      throw Error(std::string(method) + ": the output of design row " + std::to_string(r) + " is not a finite number");
  }
}

// ---- Morris ----

void check_morris(std::size_t parameters, std::size_t trajectories, int levels) {
  if (parameters == 0) throw Error("morris: no parameters to screen");
  if (trajectories < 2) throw Error("morris: at least 2 trajectories are needed for sigma");
  if (levels < 2 || levels % 2 != 0) throw Error("morris: the number of levels must be even and at least 2");
}

/// Elementary effects, trajectory-major: effects[t * k + i] is parameter i's effect in trajectory t.
std::vector<double> elementary_effects(const MorrisDesign& m, std::span<const double> outputs) {
  const std::size_t k = m.design.parameters;
  std::vector<double> effects(m.trajectories * k);
  for (std::size_t t = 0; t < m.trajectories; ++t) {
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t r = t * (k + 1) + s, i = m.moved[t * k + s];
      const double step = m.design.row(r + 1)[i] - m.design.row(r)[i];
      effects[t * k + i] = (outputs[r + 1] - outputs[r]) / step;
    }
  }
  return effects;
}

// ---- Sobol ----

/// S_i (Saltelli 2010) and ST_i (Jansen 1999) over the base rows in `picks`: out holds the k first-order
/// indices, then the k total-order ones. Returns the variance of f over A and B.
double sobol_estimates(const SobolDesign& s, std::span<const double> y, const Picks& picks, std::vector<double>& out) {
  const std::size_t k = s.design.parameters, block = s.block();
  const double n = static_cast<double>(picks.size());
  double mean = 0;
  for (std::size_t j : picks) mean += y[j * block] + y[j * block + 1];
  mean /= 2 * n;
  double variance = 0;
  for (std::size_t j : picks) {
    variance += (y[j * block] - mean) * (y[j * block] - mean) + (y[j * block + 1] - mean) * (y[j * block + 1] - mean);
  }
  variance /= 2 * n;
  std::fill(out.begin(), out.end(), variance > 0 ? 0.0 : std::nan(""));
  for (std::size_t j : picks) {
    const double fa = y[j * block], fb = y[j * block + 1];
    for (std::size_t i = 0; i < k; ++i) {
      const double fab = y[j * block + 2 + i];
      out[i] += fb * (fab - fa);
      out[k + i] += (fa - fab) * (fa - fab);
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    out[i] /= n * variance;
    out[k + i] /= 2 * n * variance;
  }
  return variance;
}

}  // namespace

MorrisDesign morris_design(std::size_t parameters, std::size_t trajectories, std::uint64_t seed, int levels) {
  check_morris(parameters, trajectories, levels);
  const random::Stream stream(seed, "sensitivity.morris");
  const std::size_t k = parameters, half = static_cast<std::size_t>(levels / 2);
  const auto level_value = [levels](std::size_t j) { return (static_cast<double>(j) + 0.5) / levels; };
  MorrisDesign m{{k, {}}, trajectories, levels, {}};
  m.design.points.reserve(trajectories * (k + 1) * k);
  m.moved.reserve(trajectories * k);
  for (std::size_t t = 0; t < trajectories; ++t) {
    std::vector<std::size_t> start(k), order = all_of(k);
    for (std::size_t i = 0; i < k; ++i) {
      const double u = stream.uniform(counter(t), counter(i), 0);
      start[i] = std::min(static_cast<std::size_t>(levels) - 1, static_cast<std::size_t>(u * levels));
    }
    for (std::size_t i = k; i > 1; --i) {  // Fisher-Yates: the order in which parameters move
      const double u = stream.uniform(counter(t), counter(i), 1);
      std::swap(order[i - 1], order[std::min(i - 1, static_cast<std::size_t>(u * static_cast<double>(i)))]);
    }
    std::vector<double> row(k);
    for (std::size_t i = 0; i < k; ++i) row[i] = level_value(start[i]);
    m.design.points.insert(m.design.points.end(), row.begin(), row.end());
    for (std::size_t i : order) {
      // Jump half the levels, up from the lower half and down from the upper, so every move stays on the grid.
      row[i] = level_value(start[i] < half ? start[i] + half : start[i] - half);
      m.design.points.insert(m.design.points.end(), row.begin(), row.end());
      m.moved.push_back(i);
    }
  }
  return m;
}

MorrisIndices morris_indices(const MorrisDesign& design, std::span<const double> outputs,
                             const BootstrapOptions& bootstrap) {
  check_morris(design.design.parameters, design.trajectories, design.levels);
  check_outputs(design.design, outputs, "morris");
  const std::size_t k = design.design.parameters;
  const std::vector<double> effects = elementary_effects(design, outputs);
  // out holds mu*, mu and sigma for each parameter, in that order of blocks of k.
  const Estimator estimate = [&](const Picks& picks, std::vector<double>& out) {
    const double n = static_cast<double>(picks.size());
    for (std::size_t i = 0; i < k; ++i) {
      double sum = 0, sum_abs = 0;
      for (std::size_t t : picks) {
        sum += effects[t * k + i];
        sum_abs += std::abs(effects[t * k + i]);
      }
      const double mean = sum / n;
      double squares = 0;
      for (std::size_t t : picks) squares += (effects[t * k + i] - mean) * (effects[t * k + i] - mean);
      out[i] = sum_abs / n;
      out[k + i] = mean;
      out[2 * k + i] = std::sqrt(squares / (n - 1));
    }
  };
  auto all = with_intervals(design.trajectories, 3 * k, estimate, bootstrap, "sensitivity.morris.bootstrap");
  MorrisIndices result;
  result.mu_star.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k));
  result.mu.assign(all.begin() + static_cast<std::ptrdiff_t>(k), all.begin() + static_cast<std::ptrdiff_t>(2 * k));
  result.sigma.assign(all.begin() + static_cast<std::ptrdiff_t>(2 * k), all.end());
  return result;
}

SobolDesign sobol_design(std::span<const double> a, std::span<const double> b, std::size_t parameters) {
  if (parameters == 0) throw Error("sobol: no parameters");
  if (a.size() != b.size() || a.size() % parameters != 0 || a.size() < 2 * parameters)
    throw Error("sobol: A and B must have the same number of rows, at least 2, of " + std::to_string(parameters) +
                " coordinates");
  const std::size_t k = parameters, n = a.size() / k;
  SobolDesign s{{k, {}}, n};
  s.design.points.reserve(n * (k + 2) * k);
  for (std::size_t j = 0; j < n; ++j) {
    const auto a_row = a.subspan(j * k, k), b_row = b.subspan(j * k, k);
    s.design.points.insert(s.design.points.end(), a_row.begin(), a_row.end());
    s.design.points.insert(s.design.points.end(), b_row.begin(), b_row.end());
    for (std::size_t i = 0; i < k; ++i) {
      s.design.points.insert(s.design.points.end(), a_row.begin(), a_row.end());
      s.design.points[s.design.points.size() - k + i] = b_row[i];
    }
  }
  return s;
}

SobolDesign sobol_design(std::size_t parameters, std::size_t base_rows, std::uint64_t seed) {
  const random::Stream stream(seed, "sensitivity.sobol");
  std::vector<double> a(parameters * base_rows), b(a.size());
  for (std::size_t j = 0; j < base_rows; ++j) {
    for (std::size_t i = 0; i < parameters; ++i) {
      const auto u = stream.uniforms4(counter(j), counter(i), 0);
      a[j * parameters + i] = u[0];
      b[j * parameters + i] = u[1];
    }
  }
  return sobol_design(a, b, parameters);
}

SobolIndices sobol_indices(const SobolDesign& design, std::span<const double> outputs,
                           const BootstrapOptions& bootstrap) {
  check_outputs(design.design, outputs, "sobol");
  const std::size_t k = design.design.parameters;
  SobolIndices result;
  std::vector<double> point(2 * k);
  result.variance = sobol_estimates(design, outputs, all_of(design.base_rows), point);
  if (!(result.variance > 0))
    throw Error("sobol: the output is the same at every design row, so no parameter explains any of its variance");
  const Estimator estimate = [&](const Picks& picks, std::vector<double>& out) {
    sobol_estimates(design, outputs, picks, out);
  };
  auto all = with_intervals(design.base_rows, 2 * k, estimate, bootstrap, "sensitivity.sobol.bootstrap");
  result.first.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k));
  result.total.assign(all.begin() + static_cast<std::ptrdiff_t>(k), all.end());
  return result;
}

}  // namespace revolve::ensemble

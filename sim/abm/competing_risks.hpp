#pragma once
// Competing risks over one step. A person in a state with hazards h_1..h_n [per step] towards
// destinations 1..n leaves with probability 1 - exp(-H), H = h_1 + ... + h_n, and goes to
// destination k with probability (1 - exp(-H)) h_k / H.
//
// CompetingRisks computes the probabilities once (at init) into cumulative thresholds, so the hot
// loop draws one uniform and makes a few comparisons: no exp, no allocation. choose_destination
// does the same per person, for hazards that depend on continuous attributes (one exp a call).
// Both send a uniform u to the same destination, up to rounding.
#include <array>
#include <cstdint>
#include <span>

#include "sim/params/units.hpp"

namespace revolve::abm {

/// The hazard [per step] of moving to one destination (a category, or a rule's exit code).
struct Risk {
  std::uint8_t to = 0;
  double hazard = 0.0;
};

class CompetingRisks {
 public:
  static constexpr std::size_t max_destinations = 8;

  /// No risk: everyone stays.
  CompetingRisks() = default;
  /// Destinations with zero hazard are dropped. Throws revolve::ModelError if a hazard is negative
  /// or not finite, or if more than max_destinations have a positive hazard.
  explicit CompetingRisks(std::span<const Risk> risks);

  /// Where a person goes given a uniform u in (0,1): a destination, or `stay`.
  std::uint8_t choose(double u, std::uint8_t stay) const {
    if (u >= leave_probability_) return stay;  // the common case, decided by one comparison
    for (std::size_t k = 0; k + 1 < count_; ++k) {
      if (u < threshold_[k]) return to_[k];
    }
    return to_[count_ - 1];
  }

  double leave_probability() const { return leave_probability_; }
  /// Probability of moving to `to` within the step, (1 - exp(-H)) h_to / H; 0 if not a destination.
  double probability(std::uint8_t to) const;
  /// Probability of being in `to` at the end of the step when starting in `from`.
  double transition_probability(std::uint8_t from, std::uint8_t to) const {
    return to == from ? 1.0 - leave_probability_ + probability(to) : probability(to);
  }

 private:
  std::array<double, max_destinations> threshold_{};    // cumulative probabilities
  std::array<double, max_destinations> probability_{};  // of each destination
  std::array<std::uint8_t, max_destinations> to_{};
  std::size_t count_ = 0;
  double leave_probability_ = 0.0;
};

/// Competing risks for one person whose hazards [per step] are known only at run time: the index
/// of the destination that uniform u in (0,1) selects, or hazards.size() if the person stays.
inline std::size_t choose_destination(double u, std::span<const double> hazards) {
  double total = 0.0;
  for (double h : hazards) total += h;
  const double leave = params::rate_to_probability(total, 1.0);
  if (!(u < leave)) return hazards.size();
  // Given that the person leaves, u / leave is uniform on (0, 1): split it in proportion to hazards.
  const double target = u / leave * total;
  double cumulative = 0.0;
  std::size_t last_positive = 0;
  for (std::size_t k = 0; k < hazards.size(); ++k) {
    if (hazards[k] <= 0.0) continue;
    cumulative += hazards[k];
    last_positive = k;
    if (target < cumulative) return k;
  }
  return last_positive;  // rounding left target at the very top
}

}  // namespace revolve::abm

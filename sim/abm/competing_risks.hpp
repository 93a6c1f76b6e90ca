#pragma once
// Competing risks over one step. A person in a state with hazards h_1..h_n [per step] towards
// destinations 1..n leaves with probability 1 - exp(-H), H = h_1 + ... + h_n, and goes to
// destination k with probability (1 - exp(-H)) h_k / H.
//
// The probabilities are computed once (at init) into cumulative thresholds, so the hot loop draws
// one uniform and makes a few comparisons: no exp, no allocation.
#include <array>
#include <cmath>
#include <cstdint>
#include <span>

namespace revolve::abm {

/// Probability that at least one event with total hazard h [per step] happens within one step.
inline double probability_within_step(double hazard_per_step) { return -std::expm1(-hazard_per_step); }

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

}  // namespace revolve::abm

#include "sim/abm/competing_risks.hpp"

#include <string>

#include "sim/core/error.hpp"

namespace revolve::abm {

CompetingRisks::CompetingRisks(std::span<const Risk> risks) {
  double total = 0.0;
  for (const Risk& r : risks) {
    if (!(r.hazard >= 0.0) || !std::isfinite(r.hazard)) {
      throw ModelError("competing risks: hazard " + std::to_string(r.hazard) + " towards category " +
                       std::to_string(r.to) + " must be finite and non-negative");
    }
    if (r.hazard == 0.0) continue;
    if (count_ == max_destinations) {
      throw ModelError("competing risks: more than " + std::to_string(max_destinations) + " destinations");
    }
    to_[count_] = r.to;
    probability_[count_] = r.hazard;  // scaled below, once the total is known
    total += r.hazard;
    ++count_;
  }
  if (count_ == 0) return;
  leave_probability_ = params::rate_to_probability(total, 1.0);
  double cumulative = 0.0;
  for (std::size_t k = 0; k < count_; ++k) {
    probability_[k] = leave_probability_ * probability_[k] / total;
    cumulative += probability_[k];
    threshold_[k] = cumulative;
  }
}

double CompetingRisks::probability(std::uint8_t to) const {
  double p = 0.0;
  for (std::size_t k = 0; k < count_; ++k) {
    if (to_[k] == to) p += probability_[k];
  }
  return p;
}

}  // namespace revolve::abm

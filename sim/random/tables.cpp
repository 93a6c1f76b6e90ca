#include "sim/random/tables.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/random/stream.hpp"

namespace revolve::random {

PoissonTable::PoissonTable(double mean) : mean_(mean) {
  if (!(mean >= 0.0) || mean > 500.0) {
    throw std::invalid_argument("PoissonTable: mean " + std::to_string(mean) + " is outside [0, 500]");
  }
  // The same recurrence as poisson(), so both give the same k for the same u. The table stops
  // where it covers the largest uniform to_unit returns, or at poisson()'s own cap of 10000.
  const double largest_uniform = to_unit(0xFFFFFFFFu);
  double p = std::exp(-mean);
  double cumulative = p;
  cumulative_.push_back(cumulative);
  for (std::uint32_t k = 1; mean > 0.0 && cumulative < largest_uniform && k <= 10000; ++k) {
    p *= mean / k;
    cumulative += p;
    cumulative_.push_back(cumulative);
  }
  last_ = static_cast<std::uint32_t>(cumulative_.size() - 1);
  zero_or_one_ = {cumulative_[0], last_ >= 1 ? cumulative_[1] : 1.0};
}

Categorical::Categorical(std::span<const double> probabilities) {
  double total = 0.0;
  for (double p : probabilities) {
    if (!(p >= 0.0)) throw std::invalid_argument("Categorical: probability " + std::to_string(p) + " is negative");
    total += p;
  }
  if (!(total > 0.0)) throw std::invalid_argument("Categorical: every probability is zero");
  double cumulative = 0.0;
  for (double p : probabilities) {
    cumulative += p / total;
    cumulative_.push_back(cumulative);
  }
  cumulative_.back() = 1.0;  // rounding must not leave a gap below 1
}

}  // namespace revolve::random

#include "models/revolving_door/mortality.hpp"

#include "sim/core/vector_clones.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {

REVOLVE_AVX2_CLONES
std::size_t oldest_row(std::size_t n, const double* __restrict age, std::size_t rows) {
  const auto last = static_cast<double>(rows - 1);
  std::uint32_t oldest = 0;  // a row index below 2^32: the table covers 120 years [weeks]
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = static_cast<std::uint32_t>(std::min(last, age[i] > 0.0 ? age[i] : 0.0));
    oldest = std::max(oldest, row);
  }
  return oldest;
}

DeathBounds::DeathBounds(const MortalityParameters& m, std::span<const double> age_factor)
    : m_(m), largest_factor_(age_factor.begin(), age_factor.end()) {
  // A running maximum, so that the bound holds whichever way the factor moves with age.
  for (std::size_t row = 1; row < largest_factor_.size(); ++row) {
    largest_factor_[row] = std::max(largest_factor_[row], largest_factor_[row - 1]);
  }
}

DeathBounds::Bits DeathBounds::bits(std::size_t oldest) const {
  const double factor = largest_factor_[std::min(oldest, largest_factor_.size() - 1)];
  Bits bits{};
  for (unsigned risks = 0; risks < death_risk::combinations; ++risks) {
    bits[risks] = random::draw_bits(death_hazard(m_, factor, risks));
  }
  return bits;
}

}  // namespace revolve::revolving_door

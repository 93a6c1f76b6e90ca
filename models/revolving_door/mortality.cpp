#include "models/revolving_door/mortality.hpp"

#include <array>

#include "sim/core/vector_clones.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {

REVOLVE_AVX2_CLONES
std::size_t oldest_row(std::size_t n, const double* __restrict age, std::size_t rows) {
  // age_factor_row rises with age, so the oldest age gives the largest row: a maximum of doubles, with no conversion
  // a row. Eight maxima side by side, which the compiler keeps in one register, where one would wait on the last
  // row's. Starting at 0.0 (and a NaN never larger) gives row 0 for no rows or none but negative or NaN ages.
  constexpr std::size_t lanes = 8;
  std::array<double, lanes> oldest{};
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    for (std::size_t k = 0; k < lanes; ++k) oldest[k] = age[i + k] > oldest[k] ? age[i + k] : oldest[k];
  }
  for (; i < n; ++i) oldest[0] = age[i] > oldest[0] ? age[i] : oldest[0];
  double largest = 0.0;
  for (double a : oldest) largest = a > largest ? a : largest;
  return age_factor_row(largest, rows);
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

#include "models/revolving_door/model_setup.hpp"

#include <cmath>

namespace revolve::revolving_door {

EngagementEffects engagement_effects(const EngagementParameters& e) {
  return {PowerTable(e.effect_on_crisis),       PowerTable(e.effect_on_treatment_entry),
          PowerTable(e.effect_on_dropout),      PowerTable(e.effect_on_breach),
          PowerTable(e.effect_on_tenancy_loss), PowerTable(e.effect_on_ae),
          PowerTable(e.effect_on_disengagement)};
}

std::vector<double> mortality_age_factors(const MortalityParameters& m) {
  constexpr double reference_age = 40.0;  // [years] the age at which mortality.base_rate applies (its definition)
  const auto weeks = static_cast<std::size_t>(std::ceil(120.0 * weeks_per_year));
  std::vector<double> factors(weeks);
  for (std::size_t w = 0; w < weeks; ++w) {
    factors[w] = std::pow(m.age_ratio_per_decade, (static_cast<double>(w) / weeks_per_year - reference_age) / 10.0);
  }
  return factors;
}

}  // namespace revolve::revolving_door

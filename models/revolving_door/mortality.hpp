#pragma once
// A person's weekly hazard of death (docs/model/design.md 5.7), and bounds of it that let exits.cpp test most
// people's death draw in integers without computing their hazard: deaths are rare (about one person in 7,000 a
// week in the Bristol baseline), so the hazard is computed only for the few whose draw may fall below the bound of
// their risks at the oldest age in their block (the draw's high part at its lowest, exits.cpp's ExitPart).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/parameters.hpp"
#include "sim/abm/population.hpp"

namespace revolve::revolving_door {

/// Which of the death-rate multipliers apply to a person, one bit each, in the order the hazard multiplies them.
namespace death_risk {
inline constexpr unsigned rough_sleeping = 1, problematic_substance = 2, crisis = 4, recent_release = 8;
inline constexpr std::size_t combinations = 16;
}  // namespace death_risk

/// The death_risk bits of a person's start of the week: sleeping rough outside prison, problematic substance use, a
/// mental-health crisis, released within `release_window` [weeks] of `now` (released: abm::no_event if never).
inline unsigned death_risks(Housing housing, Justice justice, Mental mental, Substance substance, std::int32_t released,
                            std::int32_t now, double release_window) {
  const bool rough = !in_prison(justice) & homeless(housing) & (housing == Housing::rough_sleeping);
  const bool recently_released = (released != abm::no_event) & (now - released < release_window);
  return rough * death_risk::rough_sleeping +
         (substance == Substance::problematic) * death_risk::problematic_substance +
         (mental == Mental::crisis) * death_risk::crisis + recently_released * death_risk::recent_release;
}

/// The hazard of death [per week] at an age factor with these risks: the base rate, times the age factor, times each
/// multiplier that applies, multiplied in that order. Every factor is non-negative and floating-point products are
/// monotone in each factor, so a larger age factor never gives a smaller hazard.
inline double death_hazard(const MortalityParameters& m, double age_factor, unsigned risks) {
  return m.base_rate * age_factor * ((risks & death_risk::rough_sleeping) ? m.rough_sleeping : 1.0) *
         ((risks & death_risk::problematic_substance) ? m.problematic_substance : 1.0) *
         ((risks & death_risk::crisis) ? m.crisis : 1.0) *
         ((risks & death_risk::recent_release) ? m.recent_release : 1.0);
}

/// The row of an age factor table (by whole week of age, not empty) for an age [weeks]: the whole week, from 0 to the
/// table's last (older people have the oldest age's factor); written so that even a NaN age gives a row.
inline std::size_t age_factor_row(double age, std::size_t rows) {
  const auto last = static_cast<double>(rows - 1);
  return static_cast<std::size_t>(std::min(last, age > 0.0 ? age : 0.0));
}

/// The largest age_factor_row of rows [0, n) of an age column [weeks], the dead's included (their age stopped at
/// death, so it only loosens the bound). A loop the compiler vectorises.
std::size_t oldest_row(std::size_t n, const double* __restrict age, std::size_t rows);

/// The bounds of the death hazard, by death_risks, over everyone whose age factor row is at most a given one, as
/// random::draw_bits: a draw whose bits are above the bound of a person's risks is not below their hazard.
class DeathBounds {
 public:
  using Bits = std::array<std::uint32_t, death_risk::combinations>;

  /// age_factor: ModelSetup::mortality_age_factor, not empty.
  DeathBounds(const MortalityParameters& m, std::span<const double> age_factor);

  /// The bounds for people whose age factor row is at most `oldest`.
  Bits bits(std::size_t oldest) const;

 private:
  MortalityParameters m_;
  std::vector<double> largest_factor_;  // the largest age factor at or below each row
};

}  // namespace revolve::revolving_door

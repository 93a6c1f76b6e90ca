// The death hazard's bounds (mortality.hpp): exits test a person's death draw in integers against the bound of
// their risks at the oldest age in their block, and compute their hazard only when the draw is at or below it. A
// bound below any person's hazard would lose deaths, silently.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/mortality.hpp"
#include "sim/random/stream.hpp"

using namespace revolve;
using namespace revolve::revolving_door;

namespace {

MortalityParameters mortality(double age_ratio_per_decade) {
  MortalityParameters m;
  m.base_rate = 0.004 / 52.18;
  m.age_ratio_per_decade = age_ratio_per_decade;
  m.rough_sleeping = 3.0;
  m.problematic_substance = 0.5;  // below 1: a multiplier that lowers the hazard must still be bounded
  m.crisis = 5.0;
  m.recent_release = 4.0;
  m.release_window = 4.0;
  return m;
}

}  // namespace

TEST_CASE("death_risks sets one bit for each multiplier that applies", "[mortality]") {
  const std::int32_t now = 100;
  CHECK(death_risks(Housing::settled, Justice::none, Mental::stable, Substance::none, abm::no_event, now, 4.0) == 0);
  CHECK(death_risks(Housing::rough_sleeping, Justice::none, Mental::stable, Substance::none, abm::no_event, now,
                    4.0) == death_risk::rough_sleeping);
  // Sleeping rough in prison means no home to return to, not the street's risk.
  CHECK(death_risks(Housing::rough_sleeping, Justice::custody, Mental::stable, Substance::none, abm::no_event, now,
                    4.0) == 0);
  CHECK(death_risks(Housing::settled, Justice::none, Mental::crisis, Substance::problematic, now - 3, now, 4.0) ==
        (death_risk::crisis | death_risk::problematic_substance | death_risk::recent_release));
  CHECK(death_risks(Housing::settled, Justice::none, Mental::stable, Substance::none, now - 4, now, 4.0) == 0);
}

TEST_CASE("oldest_row is the largest age factor row of a column, NaN and negative ages at row 0", "[mortality]") {
  const std::vector<double> age = {std::nan(""), -3.0, 2000.5, 1999.0, 10.0};
  CHECK(oldest_row(age.size(), age.data(), 6000) == 2000);
  CHECK(oldest_row(age.size(), age.data(), 1500) == 1499);  // older than the table: its last row
  CHECK(oldest_row(2, age.data(), 6000) == 0);
  const std::vector<double> extremes = {std::numeric_limits<double>::infinity(), -0.0, 5e-324};
  CHECK(oldest_row(extremes.size(), extremes.data(), 6000) == 5999);
  CHECK(oldest_row(2, extremes.data() + 1, 6000) == 0);
  // More rows than one vector holds, the oldest in the middle: every lane's maximum is taken.
  std::vector<double> many(37, 30.0 * 52.18);
  many[19] = 61.5 * 52.18;
  CHECK(oldest_row(many.size(), many.data(), 6000) == static_cast<std::size_t>(61.5 * 52.18));
}

TEST_CASE("A death draw below a person's hazard is always at or below the bound of their block", "[mortality]") {
  for (const double ratio : {1.6, 0.7}) {  // the factor rising with age, and falling
    CAPTURE(ratio);
    const MortalityParameters m = mortality(ratio);
    const std::vector<double> factor = mortality_age_factors(m);
    const DeathBounds bounds(m, factor);
    for (const double oldest_age : {20.0 * 52.18, 45.0 * 52.18, 90.0 * 52.18}) {
      const std::size_t oldest = age_factor_row(oldest_age, factor.size());
      const DeathBounds::Bits bits = bounds.bits(oldest);
      for (std::size_t row = 0; row <= oldest; row += 7) {
        for (unsigned risks = 0; risks < death_risk::combinations; ++risks) {
          const double hazard = death_hazard(m, factor[row], risks);
          // The largest draw below the hazard passes the integer test.
          std::uint32_t below = random::draw_bits(hazard);
          if (!(random::to_unit(below) < hazard)) --below;
          REQUIRE(random::to_unit(below) < hazard);
          REQUIRE(below <= bits[risks]);
        }
      }
    }
  }
}

TEST_CASE("The bounds are tight where the factor rises with age: the oldest row's own hazards", "[mortality]") {
  const MortalityParameters m = mortality(1.6);
  const std::vector<double> factor = mortality_age_factors(m);
  const DeathBounds bounds(m, factor);
  const std::size_t oldest = age_factor_row(70.0 * 52.18, factor.size());
  const DeathBounds::Bits bits = bounds.bits(oldest);
  for (unsigned risks = 0; risks < death_risk::combinations; ++risks) {
    CHECK(bits[risks] == random::draw_bits(death_hazard(m, factor[oldest], risks)));
  }
}

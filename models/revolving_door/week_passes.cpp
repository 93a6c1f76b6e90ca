#include "models/revolving_door/week_passes.hpp"


#include "models/revolving_door/categories.hpp"
#include "sim/abm/population.hpp"
#include "sim/core/vector_clones.hpp"

namespace revolve::revolving_door {

REVOLVE_AVX2_CLONES
void pass_engagement(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict justice,
                     const std::uint8_t* __restrict support, const std::uint8_t* __restrict sex,
                     double* __restrict engagement, double* __restrict weeks_with_worker, const double* ceiling,
                     const double* build, double decay) {
  for (std::size_t i = 0; i < n; ++i) {
    const bool outside = (alive[i] != 0) & !in_prison(static_cast<Justice>(justice[i]));
    const unsigned s = support[i];
    const bool none = s == code(Support::none);
    const unsigned k = s * 2u + sex[i];
    const double e = engagement[i], weeks = weeks_with_worker[i];
    const double decayed = e * decay, built = e + (ceiling[k] - e) * build[k];
    const double next = none ? decayed : built;
    const double next_weeks = none ? 0.0 : weeks + 1;
    engagement[i] = outside ? next : e;
    weeks_with_worker[i] = outside ? next_weeks : weeks;
  }
}

REVOLVE_AVX2_CLONES
void pass_time(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict justice,
               const std::uint8_t* __restrict housing, const std::uint32_t* __restrict attendances,
               double* __restrict age, double* __restrict weeks_in_housing, double* __restrict weeks_homeless,
               double* __restrict ae_past_year, double* __restrict ae_this_week, double memory) {
  for (std::size_t i = 0; i < n; ++i) {
    const bool living = alive[i] != 0;
    const bool outside = living & !in_prison(static_cast<Justice>(justice[i]));
    age[i] += living;  // adding 0 leaves a row as it was
    weeks_in_housing[i] += outside;
    weeks_homeless[i] += outside & homeless(static_cast<Housing>(housing[i]));
    const auto count = static_cast<double>(static_cast<std::int32_t>(attendances[i]));  // a few a week
    const double past = ae_past_year[i], weighted = past * memory + count, this_week = ae_this_week[i];
    ae_past_year[i] = living ? weighted : past;
    ae_this_week[i] = living ? count : this_week;
  }
}

}  // namespace revolve::revolving_door

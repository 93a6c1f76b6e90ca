#include "models/revolving_door/week_passes.hpp"

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/lanes16.hpp"
#include "sim/abm/population.hpp"
#include "sim/core/vector_clones.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {

namespace {

/// pass_engagement for rows [first, n), in a loop the compiler vectorises.
REVOLVE_AVX2_CLONES
void engagement_rows(std::size_t first, std::size_t n, const std::uint8_t* __restrict alive,
                     const std::uint8_t* __restrict justice, const std::uint8_t* __restrict support,
                     const std::uint8_t* __restrict sex, double* __restrict engagement,
                     double* __restrict weeks_with_worker, const double* ceiling, const double* build, double decay) {
  for (std::size_t i = first; i < n; ++i) {
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

#ifdef REVOLVE_LANES16
REVOLVE_LANES16_BEGIN
using namespace lanes16;

/// engagement_rows for rows [0, n), n a multiple of 8, eight rows at a time: the same operations on the same values,
/// the tables looked up in two registers each. Returns n.
__attribute__((target("avx512f"))) std::size_t engagement_rows_avx512(
    std::size_t n, const std::uint8_t* alive, const std::uint8_t* justice, const std::uint8_t* support,
    const std::uint8_t* sex, double* engagement, double* weeks_with_worker, const double* ceiling,
    const double* build, double decay) {
  const __m512d ceiling_low = _mm512_loadu_pd(ceiling), ceiling_high = _mm512_loadu_pd(ceiling + 8);
  const __m512d build_low = _mm512_loadu_pd(build), build_high = _mm512_loadu_pd(build + 8);
  const __m512d one = _mm512_set1_pd(1.0), zero = _mm512_setzero_pd(), decay_by = _mm512_set1_pd(decay);
  for (std::size_t i = 0; i < n; i += 8) {
    const __m512i justice_codes = lanes64(justice + i), support_codes = lanes64(support + i);
    const __mmask8 prison = is64(justice_codes, Justice::custody) | is64(justice_codes, Justice::recalled);
    const __mmask8 living = _mm512_cmpneq_epi64_mask(lanes64(alive + i), _mm512_setzero_si512());
    const __mmask8 outside = static_cast<__mmask8>(living & ~prison);
    const __mmask8 none = is64(support_codes, Support::none);
    const __m512i key = _mm512_add_epi64(_mm512_slli_epi64(support_codes, 1), lanes64(sex + i));
    const __m512d e = _mm512_loadu_pd(engagement + i), weeks = _mm512_loadu_pd(weeks_with_worker + i);
    const __m512d gap = _mm512_sub_pd(_mm512_permutex2var_pd(ceiling_low, key, ceiling_high), e);
    const __m512d built = _mm512_add_pd(e, _mm512_mul_pd(gap, _mm512_permutex2var_pd(build_low, key, build_high)));
    const __m512d next = _mm512_mask_blend_pd(none, built, _mm512_mul_pd(e, decay_by));
    const __m512d next_weeks = _mm512_mask_blend_pd(none, _mm512_add_pd(weeks, one), zero);
    _mm512_storeu_pd(engagement + i, _mm512_mask_blend_pd(outside, e, next));
    _mm512_storeu_pd(weeks_with_worker + i, _mm512_mask_blend_pd(outside, weeks, next_weeks));
  }
  return n;
}
REVOLVE_LANES16_END
#endif

}  // namespace

void pass_engagement(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict justice,
                     const std::uint8_t* __restrict support, const std::uint8_t* __restrict sex,
                     double* __restrict engagement, double* __restrict weeks_with_worker, const double* ceiling,
                     const double* build, double decay) {
  std::size_t done = 0;
#ifdef REVOLVE_LANES16
  if (random::may_use(random::VectorWidth::avx512)) {
    done = engagement_rows_avx512(n / 8 * 8, alive, justice, support, sex, engagement, weeks_with_worker, ceiling,
                                  build, decay);
  }
#endif
  engagement_rows(done, n, alive, justice, support, sex, engagement, weeks_with_worker, ceiling, build, decay);
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

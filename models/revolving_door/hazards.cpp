#include "models/revolving_door/hazards.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include "models/revolving_door/lanes16.hpp"
#include "sim/core/error.hpp"
#include "sim/core/vector_clones.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {

namespace {

/// A bound made safe against the rounding of PowerTable's interpolation, which may exceed the larger of its two
/// table values by a part in 1e16.
double with_margin(double bound) { return bound * (1.0 + 1e-12); }

/// The two ends of engagement, where the largest of any hazard lies (hazards.hpp).
constexpr std::array<double, 2> engagement_ends = {0.0, 1.0};
constexpr std::array<Mental, 5> mentals = {Mental::stable, Mental::unwell, Mental::treatment, Mental::crisis,
                                           Mental::inpatient};
constexpr std::array<Housing, 5> housings = {Housing::settled, Housing::rough_sleeping, Housing::temporary,
                                             Housing::supported, Housing::housing_first};
constexpr std::array<Substance, 3> substances = {Substance::none, Substance::problematic, Substance::treatment};
constexpr std::array<Support, 5> supports = {Support::none, Support::usual, Support::navigator, Support::mtam,
                                             Support::housing_first};
constexpr std::array<Need, 2> needs = {Need::moderate, Need::high};
constexpr std::array<bool, 2> flags = {false, true};

/// Every state a bound is kept by must have been reached by the grid, or its people would never have an event.
void check_covered(std::span<const double> table, const char* domain) {
  if (std::any_of(table.begin(), table.end(), [](double bound) { return bound < 0.0; })) {
    throw Error(std::string("quiet-week bounds: the grid misses a state of ") + domain + " (hazards.cpp)");
  }
}

/// Raises a bound to a hazard. A hazard below zero or not a number has no bound (and std::max would pass over a
/// NaN), so it is an error of the week's parameters or signals, named here.
void raise(double& bound, double hazard, const char* domain) {
  if (!(hazard >= 0.0) || !std::isfinite(hazard)) {
    throw ModelError(std::string("a hazard of ") + domain + " this week is " + std::to_string(hazard) +
                     ": hazards must be finite and not negative (parameters or signals)");
  }
  bound = std::max(bound, with_margin(hazard));
}

#ifdef REVOLVE_LANES16
REVOLVE_LANES16_BEGIN
using namespace lanes16;

/// random::split::lowest of draw k's high half (WeekDraw) in rows i to i + 15.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i lowest_draws(const QuietBounds::Rows& r, std::size_t i,
                                                                         unsigned k) {
  static_assert(random::split::lowest(random::split::half(0x12345678u, 0)) == 0x12340000u &&
                random::split::lowest(random::split::half(0x12345678u, 1)) == 0x56780000u);
  const __m512i w = _mm512_loadu_si512(r.high[k / 2] + i);
  return k % 2 == 0 ? _mm512_and_si512(w, _mm512_set1_epi32(static_cast<int>(0xFFFF0000u))) : _mm512_slli_epi32(w, 16);
}

/// QuietBounds::mark_busy for rows [0, n), n a multiple of 16, sixteen rows at a time in AVX-512 lanes: the same
/// flags (Start::from) and keys (QuietBounds' *_key) in integers, the tables looked up in registers (look_up).
/// Returns n. quiet_week_test.cpp checks it, and the loop it stands in for, against quiet() for every state.
__attribute__((target("avx512f"))) std::size_t mark_busy_avx512(std::size_t n, const QuietBounds::Rows& r,
                                                                 const QuietBounds::Bits& bits, std::uint8_t* marks) {
  for (std::size_t i = 0; i < n; i += 16) {
    const __m512i housing = lanes(r.housing + i), justice = lanes(r.justice + i), mental = lanes(r.mental + i);
    const __m512i substance = lanes(r.substance + i), support = lanes(r.support + i), group = lanes(r.group + i);
    const __m512i need = lanes(r.need + i), alive = lanes(r.alive + i);
    const __mmask16 prison = in_prison(justice);
    const __mmask16 homeless = homeless_now(housing, prison);
    const __mmask16 rough = homeless & is(housing, Housing::rough_sleeping);
    const __mmask16 problematic = is(substance, Substance::problematic), high_need = is(need, Need::high);
    const __mmask16 mtam = is(support, Support::mtam), navigator = is(support, Support::navigator);
    const __mmask16 licence = is(justice, Justice::licence), young = is(group, Group::young_mec_justice);
    const __m512i zero = _mm512_setzero_si512();
    const __m512i ae_key = plus(plus(plus(times(mental, 8), homeless, 4), problematic, 2), navigator, 1);
    const __m512i justice_key =
        plus(plus(plus(plus(plus(zero, licence, 16), rough, 8), problematic, 4), high_need, 2), young, 1);
    const __m512i mental_key =
        plus(plus(plus(plus(times(mental, 16), rough, 8), problematic, 4), high_need, 2), mtam, 1);
    const __m512d one_year = _mm512_set1_pd(weeks_per_year);  // Start::in_first_year: below it
    const __mmask16 first_year =
        joined(_mm512_cmp_pd_mask(_mm512_loadu_pd(r.weeks_in_housing + i), one_year, _CMP_LT_OQ),
               _mm512_cmp_pd_mask(_mm512_loadu_pd(r.weeks_in_housing + i + 8), one_year, _CMP_LT_OQ));
    const __mmask16 other_support = static_cast<__mmask16>(~is(support, Support::none) & ~mtam);
    const __m512i housing_key = plus(
        plus(plus(plus(plus(times(housing, 24), first_year, 12), mtam, 4), other_support, 8), problematic, 2),
        high_need, 1);
    const __m512i substance_key = plus(plus(plus(times(substance, 8), rough, 4), high_need, 2), mtam, 1);
    const __m512i ae_highest = _mm512_or_si512(lowest_draws(r, i, ae_draw), _mm512_set1_epi32(0xFFFF));
    const __mmask16 busy =
        _mm512_cmpge_epu32_mask(ae_highest, look_up(bits.ae_none, ae_key)) |
        _mm512_cmple_epu32_mask(lowest_draws(r, i, justice_draw), look_up(bits.justice, justice_key)) |
        _mm512_cmple_epu32_mask(lowest_draws(r, i, mental_draw), look_up(bits.mental, mental_key)) |
        _mm512_cmple_epu32_mask(lowest_draws(r, i, housing_draw), look_up(bits.housing, housing_key)) |
        _mm512_cmple_epu32_mask(lowest_draws(r, i, substance_draw), look_up(bits.substance, substance_key)) |
        _mm512_cmple_epu32_mask(lowest_draws(r, i, support_draw), look_up(bits.support, support)) |
        _mm512_cmple_epu32_mask(lowest_draws(r, i, worker_draw), look_up(bits.worker, support));
    const __mmask16 living = _mm512_cmpneq_epi32_mask(alive, zero);
    store_marks(busy & living, marks + i);
  }
  return n;
}
REVOLVE_LANES16_END
#endif

}  // namespace

QuietBounds::QuietBounds(const Parameters& P, const EngagementEffects& effects, const HazardRates& r) {
  const Hazards h(P, effects, r);
  constexpr double unset = -1.0;
  std::array<double, mental_states * 8> ae_mean;
  using Table = std::span<double>;
  for (const Table table : {Table(ae_mean), Table(justice_), Table(mental_), Table(housing_), Table(substance_),
                            Table(support_), Table(worker_)}) {
    std::fill(table.begin(), table.end(), unset);
  }
  constexpr std::array<Housing, 2> street = {Housing::settled, Housing::rough_sleeping};  // rough or not
  constexpr std::array<Support, 3> coordinators = {Support::none, Support::navigator, Support::mtam};
  for (const double e : engagement_ends) {
    for (const Need need : needs) {
      for (const Substance drugs : substances) {
        for (const Housing home : street) {
          for (const Mental mind : mentals) {
            for (const Support support : coordinators) {
              const Start s =
                  Start::from(home, Justice::none, mind, drugs, support, Group::wider, need, false, false, e);
              raise(ae_mean[ae_key(s)], h.ae_mean(s), "A&E");
              raise(mental_[mental_key(s)], total_hazard(h.mental(s)), "mental health");
              raise(substance_[substance_key(s)], total_hazard(h.substance(s)), "substance use");
            }
          }
          for (const Justice justice : {Justice::none, Justice::licence}) {
            for (const Group group : {Group::wider, Group::young_mec_justice}) {
              for (const Support support : {Support::none, Support::mtam}) {
                const Start s =
                    Start::from(home, justice, Mental::stable, drugs, support, group, need, false, false, e);
                raise(justice_[justice_key(s)], total_hazard(h.justice(s)), "justice");
              }
            }
          }
        }
        for (const Housing home : housings) {
          for (const Support support : {Support::none, Support::usual, Support::mtam}) {
            for (const bool long_term : flags) {
              for (const bool first_year : flags) {
                const Start s = Start::from(home, Justice::none, Mental::stable, drugs, support, Group::wider, need,
                                            long_term, first_year, e);
                raise(housing_[housing_key(s)], total_hazard(h.housing(s)), "housing");
              }
            }
          }
        }
      }
    }
    for (const Support support : supports) {
      const Start s = Start::from(Housing::settled, Justice::none, Mental::stable, Substance::none, support,
                                  Group::wider, Need::moderate, false, false, e);
      raise(support_[support_key(s)], h.support(support, e), "support");
      raise(worker_[support_key(s)], h.worker_change(s), "worker change");
    }
  }
  check_covered(ae_mean, "A&E");
  check_covered(justice_, "justice");
  check_covered(mental_, "mental health");
  check_covered(housing_, "housing");
  check_covered(substance_, "substance use");
  check_covered(support_, "support");
  check_covered(worker_, "worker change");
  for (std::size_t k = 0; k < ae_none_.size(); ++k) ae_none_[k] = 1.0 - ae_mean[k];
  const auto as_bits = [](const auto& bounds, auto& bits) {
    std::transform(bounds.begin(), bounds.end(), bits.begin(), random::draw_bits);
  };
  as_bits(ae_none_, bits_.ae_none);
  as_bits(justice_, bits_.justice);
  as_bits(mental_, bits_.mental);
  as_bits(housing_, bits_.housing);
  as_bits(substance_, bits_.substance);
  as_bits(support_, bits_.support);
  as_bits(worker_, bits_.worker);
}

void QuietBounds::mark_busy(std::size_t n, const Rows& rows, std::uint8_t* __restrict marks) const {
  std::size_t done = 0;
#ifdef REVOLVE_LANES16
  if (random::may_use(random::VectorWidth::avx512)) done = mark_busy_avx512(n / 16 * 16, rows, bits_, marks);
#endif
  mark_busy_from(done, n, rows, marks);
}

REVOLVE_AVX2_CLONES
void QuietBounds::mark_busy_from(std::size_t first, std::size_t n, const Rows& rows,
                                 std::uint8_t* __restrict marks) const {
  const Rows r = rows;  // a copy: stores to marks might otherwise alias the struct, and its pointers be reloaded
  for (std::size_t i = first; i < n; ++i) {
    const Start s = Start::from(static_cast<Housing>(r.housing[i]), static_cast<Justice>(r.justice[i]),
                                static_cast<Mental>(r.mental[i]), static_cast<Substance>(r.substance[i]),
                                static_cast<Support>(r.support[i]), static_cast<Group>(r.group[i]),
                                static_cast<Need>(r.need[i]), false, Start::in_first_year(r.weeks_in_housing[i]),
                                0.0);
    // Not quiet (quiet()): a draw that may be inside its bound, A&E's above its bound of no attendance.
    const auto lowest = [&](unsigned k) { return random::split::lowest(random::split::half(r.high[k / 2][i], k)); };
    const std::uint32_t ae_highest = random::split::highest(random::split::half(r.high[ae_draw / 2][i], ae_draw));
    const bool busy = (ae_highest >= bits_.ae_none.data()[ae_key(s)]) |
                      (lowest(justice_draw) <= bits_.justice.data()[justice_key(s)]) |
                      (lowest(mental_draw) <= bits_.mental.data()[mental_key(s)]) |
                      (lowest(housing_draw) <= bits_.housing.data()[housing_key(s)]) |
                      (lowest(substance_draw) <= bits_.substance.data()[substance_key(s)]) |
                      (lowest(support_draw) <= bits_.support.data()[support_key(s)]) |
                      (lowest(worker_draw) <= bits_.worker.data()[support_key(s)]);
    marks[i] = (r.alive[i] != 0) & busy;
  }
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/exits.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "models/revolving_door/episodes.hpp"
#include "models/revolving_door/lanes16.hpp"
#include "models/revolving_door/mortality.hpp"
#include "sim/abm/alive.hpp"
#include "sim/core/error.hpp"
#include "sim/core/vector_clones.hpp"
#include "sim/random/split.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

constexpr std::int32_t six_years = 313;  // [weeks] the window of calibration target 7 (a definition)

/// Weeks from the start of a Housing First tenancy to its sustainment checks, one and three years on [weeks]
/// (rounded to the nearest week, as std::lround would: the values are positive).
constexpr std::int32_t check_1y = static_cast<std::int32_t>(weeks_per_year + 0.5);
constexpr std::int32_t check_3y = static_cast<std::int32_t>(3 * weeks_per_year + 0.5);

/// Each person's three exit draws of the week, split (random::split): their high parts packed in one 32-bit grouped
/// draw of the stream a person, compared in integers with the bounds of the block's death hazards and the week's
/// chances of the others; their low parts from words 0 to 2 of the person's own call (block 0) of the same stream,
/// made only for the few marked. A quarter of a Philox call a person, where three grouped draws took three quarters.
struct ExitPart {
  unsigned shift, bits;  // where the draw's high part lies in the packed word, and its width
  /// The draw at its lowest given the packed word: the draw is never below this, so where this is above a bound's
  /// bits, so is the draw.
  constexpr std::uint32_t lowest(std::uint32_t packed) const {
    return random::split::lowest(packed >> shift & (0xFFFFFFFFu >> (32 - bits)), bits);
  }
  /// The whole draw, from the packed word and the low part's word.
  constexpr std::uint32_t draw(std::uint32_t packed, std::uint32_t low) const {
    return random::split::join(packed >> shift & (0xFFFFFFFFu >> (32 - bits)), low, bits);
  }
};
// Death's part widest: its bounds vary most from person to person. The three fill the word, none overlapping.
constexpr ExitPart death_part{20, 12}, move_part{10, 10}, positive_part{0, 10};
static_assert(positive_part.shift + positive_part.bits == move_part.shift &&
              move_part.shift + move_part.bits == death_part.shift && death_part.shift + death_part.bits == 32);
static_assert(death_part.lowest(0xABCDEF12u) == 0xABC00000u && move_part.lowest(0xABCDEF12u) == 0xDEC00000u &&
              positive_part.lowest(0xABCDEF12u) == 0xC4800000u);

/// The packed high parts of a block's draws (ExitPart), one word a person.
using ExitDraws = std::array<std::uint32_t, abm::Run::block_size>;

/// Who may leave this week, or has a Housing First tenancy to check this week, by row of a block
/// (abm::for_each_marked).
using ExitMarks = std::array<std::uint8_t, abm::Run::block_size>;

/// The thresholds of a block's exits: a death, moving away, a sustained exit.
struct ExitThresholds {
  DeathBounds::Bits death_bits;  // by death_risks, at the oldest age in the block
  std::uint32_t move_bits, exit_bits;  // random::draw_bits of the week's chances of moving away and of a sustained exit
  double qualifying;      // [weeks] stable before a sustained exit
  double release_window;  // [weeks] mortality.release_window
  std::int32_t now;       // [step] the week, for the Housing First checks and the window since release
};

/// Whether a Housing First tenancy that started at `start` (abm::no_event if none) has a sustainment check this week.
/// Unsigned, so that the difference from no_event wraps, well defined, to a number of weeks no check has.
inline bool housing_first_check_due(std::int32_t start, std::int32_t now) {
  const std::uint32_t weeks = static_cast<std::uint32_t>(now) - static_cast<std::uint32_t>(start);
  return (start != abm::no_event) & ((weeks == std::uint32_t{check_1y}) | (weeks == std::uint32_t{check_3y}));
}

/// The columns mark_rows reads, and weeks_stable, which it counts, from a block's first row.
struct ExitColumns {
  const std::uint8_t *alive, *housing, *justice, *mental, *substance;
  const std::int32_t *released, *housing_first_start;
  double* weeks_stable;
};

/// mark_rows for rows [first, n), in a loop with no branch over columns that cannot overlap (restrict), which the
/// compiler vectorises.
REVOLVE_AVX2_CLONES
void mark_rows_from(std::size_t first, std::size_t n, const std::uint8_t* __restrict alive,
                    const std::uint8_t* __restrict housing, const std::uint8_t* __restrict justice,
                    const std::uint8_t* __restrict mental, const std::uint8_t* __restrict substance,
                    const std::int32_t* __restrict released, const std::int32_t* __restrict housing_first_start,
                    double* __restrict weeks_stable, const ExitDraws& d, const ExitThresholds& at,
                    std::uint8_t* __restrict marks) {
  for (std::size_t i = first; i < n; ++i) {
    const auto h = static_cast<Housing>(housing[i]);
    const auto j = static_cast<Justice>(justice[i]);
    const auto mh = static_cast<Mental>(mental[i]);
    const auto sub = static_cast<Substance>(substance[i]);
    const bool met = meets_exit_conditions(h, j, mh, sub);
    const double stable = met * (weeks_stable[i] + 1);
    weeks_stable[i] = stable;
    const unsigned risks = death_risks(h, j, mh, sub, released[i], at.now, at.release_window);
    const bool may_die = death_part.lowest(d[i]) <= at.death_bits.data()[risks];
    const bool moves = !in_prison(j) & (move_part.lowest(d[i]) <= at.move_bits);
    const bool exits = (stable >= at.qualifying) & (positive_part.lowest(d[i]) <= at.exit_bits);
    const bool check = housing_first_check_due(housing_first_start[i], at.now);
    marks[i] = (alive[i] != 0) & (may_die | moves | exits | check);
  }
}

#ifdef REVOLVE_LANES16
REVOLVE_LANES16_BEGIN
using namespace lanes16;

/// Weeks stable counted for eight rows (half 0 or 1 of sixteen, whose `met` lanes meet the exit conditions), and
/// the lanes whose count reaches `qualifying` [weeks]: met x (weeks + 1), as mark_rows_from computes it.
__attribute__((target("avx512f"))) inline __mmask8 count_stable(double* weeks_stable, __mmask16 met, int half,
                                                              double qualifying) {
  double* weeks = weeks_stable + 8 * half;
  const __m512d one = _mm512_set1_pd(1.0);
  const __m512d met_one = _mm512_maskz_mov_pd(static_cast<__mmask8>(met >> (8 * half)), one);  // 1.0 or +0.0
  const __m512d stable = _mm512_mul_pd(met_one, _mm512_add_pd(_mm512_loadu_pd(weeks), one));
  _mm512_storeu_pd(weeks, stable);
  return _mm512_cmp_pd_mask(stable, _mm512_set1_pd(qualifying), _CMP_GE_OQ);
}

/// The lanes of sixteen rows whose whole weeks `since` are below `window` [weeks], compared as doubles, as
/// death_risks compares them.
__attribute__((target("avx512f"))) inline __mmask16 below_window(__m512i since, double window) {
  const __m512d w = _mm512_set1_pd(window);
  const __m512d low = _mm512_cvtepi32_pd(_mm512_castsi512_si256(since));
  const __m512d high = _mm512_cvtepi32_pd(_mm512_extracti64x4_epi64(since, 1));
  return joined(_mm512_cmp_pd_mask(low, w, _CMP_LT_OQ), _mm512_cmp_pd_mask(high, w, _CMP_LT_OQ));
}

/// ExitPart::lowest in sixteen lanes: the part shifted to the top, the bits below it cleared.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i lowest(__m512i packed, ExitPart part) {
  return _mm512_slli_epi32(_mm512_srli_epi32(packed, part.shift), 32 - part.bits);
}

/// mark_rows_from for rows [0, n), n a multiple of 16, sixteen rows at a time in AVX-512 lanes: the same tests, the
/// death bounds looked up in a register. Returns n. quiet_week_test.cpp runs the model with it and without it and
/// compares every output of every week.
__attribute__((target("avx512f"))) std::size_t mark_rows_avx512(std::size_t n, const ExitColumns& c,
                                                                 const ExitDraws& d, const ExitThresholds& at,
                                                                 std::uint8_t* marks) {
  const __m512i zero = _mm512_setzero_si512(), now = _mm512_set1_epi32(at.now);
  const __m512i no_event = _mm512_set1_epi32(abm::no_event);
  for (std::size_t i = 0; i < n; i += 16) {
    const __m512i housing = lanes(c.housing + i), justice = lanes(c.justice + i), mental = lanes(c.mental + i);
    const __m512i substance = lanes(c.substance + i);
    const __mmask16 prison = in_prison(justice);
    const __mmask16 problematic = is(substance, Substance::problematic);
    // meets_exit_conditions
    const __mmask16 met = (is(housing, Housing::settled) | is(housing, Housing::housing_first)) &
                          (is(justice, Justice::none) | is(justice, Justice::community_order)) &
                          (is(mental, Mental::stable) | is(mental, Mental::treatment)) & ~problematic;
    const __mmask16 qualifies = joined(count_stable(c.weeks_stable + i, met, 0, at.qualifying),
                                       count_stable(c.weeks_stable + i, met, 1, at.qualifying));
    // death_risks
    const __mmask16 homeless = homeless_now(housing, prison);
    const __mmask16 rough = homeless & is(housing, Housing::rough_sleeping);
    const __m512i released = lanes32(c.released + i);
    const __mmask16 recent = _mm512_cmpneq_epi32_mask(released, no_event) &
                             below_window(_mm512_sub_epi32(now, released), at.release_window);
    const __m512i risks =
        plus(plus(plus(plus(zero, rough, death_risk::rough_sleeping), problematic, death_risk::problematic_substance),
                  is(mental, Mental::crisis), death_risk::crisis),
             recent, death_risk::recent_release);
    const __m512i packed = lanes32(d.data() + i);
    const __mmask16 may_die =
        _mm512_cmple_epu32_mask(lowest(packed, death_part), look_up_16(at.death_bits.data(), risks));
    const __mmask16 moves = ~prison & _mm512_cmple_epu32_mask(lowest(packed, move_part),
                                                              _mm512_set1_epi32(static_cast<int>(at.move_bits)));
    const __mmask16 exits = qualifies & _mm512_cmple_epu32_mask(lowest(packed, positive_part),
                                                                _mm512_set1_epi32(static_cast<int>(at.exit_bits)));
    // housing_first_check_due
    const __m512i start = lanes32(c.housing_first_start + i), weeks = _mm512_sub_epi32(now, start);
    const __mmask16 check = _mm512_cmpneq_epi32_mask(start, no_event) &
                            (_mm512_cmpeq_epi32_mask(weeks, _mm512_set1_epi32(check_1y)) |
                             _mm512_cmpeq_epi32_mask(weeks, _mm512_set1_epi32(check_3y)));
    const __mmask16 living = _mm512_cmpneq_epi32_mask(lanes(c.alive + i), zero);
    store_marks(living & (may_die | moves | exits | check), marks + i);
  }
  return n;
}
REVOLVE_LANES16_END
#endif

/// Rows [0, n) of one block: counts every row's weeks meeting the exit conditions, and marks who may leave this
/// week (a draw at or below the bound of their death hazard or the chance of moving away or a sustained exit) or
/// has a Housing First tenancy to check; sixteen rows at a time in AVX-512 lanes where the processor has them
/// (random::may_use), the rest in the loop the compiler vectorises. The marks must take in everyone the visit in
/// Exits::step can act on. Weeks stable are counted for the dead and those who die this week too: a dead row's count
/// means nothing, and nothing reads it (only the test here, of the living); it must not be exported as the person's.
void mark_rows(std::size_t n, const ExitColumns& c, const ExitDraws& d, const ExitThresholds& at,
               std::uint8_t* marks) {
  std::size_t done = 0;
#ifdef REVOLVE_LANES16
  if (random::may_use(random::VectorWidth::avx512)) done = mark_rows_avx512(n / 16 * 16, c, d, at, marks);
#endif
  mark_rows_from(done, n, c.alive, c.housing, c.justice, c.mental, c.substance, c.released, c.housing_first_start,
                 c.weeks_stable, d, at, marks);
}

/// mark_rows for the block of rows from `first`.
void mark_exits(std::size_t n, const PeopleView& v, abm::PersonId first, const ExitDraws& d, const ExitThresholds& at,
                std::uint8_t* marks) {
  mark_rows(n,
            {.alive = v.alive + first,
             .housing = v.housing.codes_from(first),
             .justice = v.justice.codes_from(first),
             .mental = v.mental_health.codes_from(first),
             .substance = v.substance.codes_from(first),
             .released = v.t_released + first,
             .housing_first_start = v.t_housing_first_start + first,
             .weeks_stable = v.weeks_stable + first},
            d, at, marks);
}

/// Whether an event with this weekly hazard happens, given uniform u (cheap when u >= h).
bool happens(double u, double hazard) { return u < hazard && u < -std::expm1(-hazard); }

/// Person p's hazard of death this week [per week] (docs/model/design.md 5.7).
double death_hazard_of(const PeopleView& v, abm::PersonId p, const MortalityParameters& m,
                       std::span<const double> age_factor, std::int32_t now) {
  const unsigned risks = death_risks(v.housing[p], v.justice[p], v.mental_health[p], v.substance[p], v.t_released[p],
                                     now, m.release_window);
  return death_hazard(m, age_factor[age_factor_row(v.age[p], age_factor.size())], risks);
}

/// Counts the sustainment of Housing First tenancies one and three years after they started.
void check_housing_first_anniversary(const PeopleView& v, abm::PersonId p, std::int32_t now,
                                     const EventCounters& events, abm::BlockCounts& counts) {
  if (!housing_first_check_due(v.t_housing_first_start[p], now)) return;
  const bool one = now - v.t_housing_first_start[p] == check_1y;
  const bool sustained = v.housing[p] == Housing::housing_first;
  const std::uint8_t g = v.group.code(p);
  counts.add(events(one ? Event::housing_first_check_1y : Event::housing_first_check_3y, g));
  if (sustained) counts.add(events(one ? Event::housing_first_sustained_1y : Event::housing_first_sustained_3y, g));
}

}  // namespace

void Exits::init(abm::Run& run) {
  PeopleModule::init(run);
  if (setup_->mortality_age_factor.empty()) throw Error("the mortality age factors are not set (ModelSetup)");
  death_bounds_.emplace(setup_->parameters.mortality, setup_->mortality_age_factor);
}

void Exits::step(Phase, abm::Run& run) {
  const ModelSetup& setup = *setup_;
  const FlowsParameters& f = setup.parameters.flows;
  const auto starting_cohort = static_cast<abm::PersonId>(std::lround(setup.parameters.cohort.size));
  const PeopleView v = PeopleView::of(run.population(), columns_);
  const std::uint32_t run_number = run.key().run, step = run.clock().step();
  const auto now = static_cast<std::int32_t>(step);
  const random::Stream week = run.stream("exits.week");  // death, moving away, a sustained exit (ExitPart)
  const double move_probability = -std::expm1(-f.moving_away), exit_probability = -std::expm1(-f.sustained_exit);
  const std::uint32_t move_bits = random::draw_bits(move_probability), exit_bits = random::draw_bits(exit_probability);
  const EventCounters& events = events_;
  const MortalityParameters& mortality = setup.parameters.mortality;
  const std::span<const double> age_factor = setup.mortality_age_factor;
  const DeathBounds& death_bounds = *death_bounds_;
  run.for_each_block([&](abm::PersonId first, abm::PersonId last, abm::BlockCounts& counts) {
    const std::size_t n = last - first;
    ExitDraws d;
    week.fill_grouped_bits_of(run_number, step, std::span(v.id + first, n), std::span(d).first(n));
    const DeathBounds::Bits death_bits = death_bounds.bits(oldest_row(n, v.age + first, age_factor.size()));
    ExitMarks marks{};
    mark_exits(n, v, first, d,
               {death_bits, move_bits, exit_bits, f.sustained_exit_qualifying, mortality.release_window, now},
               marks.data());
    // With quiet weeks off, every living person is visited and every exit decided in full, whatever the bounds and
    // the high parts say: the test that this changes no result covers the marking (quiet_week_test.cpp).
    if (!setup.quiet_weeks) std::copy_n(v.alive + first, n, marks.begin());
    abm::for_each_marked(first, marks.data(), n, [&](abm::PersonId p) {
      const std::uint32_t packed = d[p - first];
      const auto low = week.bits(run_number, v.id[p], step);
      const std::uint8_t g = v.group.code(p);
      if (happens(random::to_unit(death_part.draw(packed, low[0])), death_hazard_of(v, p, mortality, age_factor, now))) {
        counts.add(events(Event::death, g));
        if (v.homeless_now(p)) {
          counts.add(events(Event::death_homeless, g));
          counts.add(events(Event::age_at_death_weeks_homeless, g), static_cast<std::int64_t>(v.age[p]));
        }
        if (v.id[p] < starting_cohort && now <= six_years) counts.add(events(Event::death_starting_cohort_6y, g));
        close_coordinator_episode(v, p, step, false, events, counts);
        v.alive[p] = 0;
        return;
      }
      check_housing_first_anniversary(v, p, now, events, counts);
      const double stable = v.weeks_stable[p];
      const bool moves = !v.in_prison(p) & (random::to_unit(move_part.draw(packed, low[1])) < move_probability);
      const bool exits = (stable >= f.sustained_exit_qualifying) &
                         (random::to_unit(positive_part.draw(packed, low[2])) < exit_probability);
      if (!(moves | exits)) return;
      if (moves) {
        counts.add(events(Event::moved_away, g));
        close_coordinator_episode(v, p, step, false, events, counts);
        v.alive[p] = 0;
      } else {
        counts.add(events(Event::positive_exit, g));
        close_coordinator_episode(v, p, step, true, events, counts);
        v.left_positively[p] = 1;
        v.alive[p] = 0;
      }
    });
  });
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/state_tally.hpp"

#include <algorithm>

#include "models/revolving_door/lanes16.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "sim/abm/alive.hpp"
#include "sim/core/vector_clones.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

/// Rows whose signatures are made and then visited together (1 KiB of signatures, in the L1 cache).
constexpr abm::PersonId tally_stretch = 256;

// Every column a separate restrict parameter, so that the compiler knows the writes to cost_cell and entered
// change no column read, and vectorises the loop. Each value is computed for every row, then kept or not.
REVOLVE_AVX2_CLONES
void signatures_of(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict housing,
                   const std::uint8_t* __restrict justice, const std::uint8_t* __restrict mental,
                   const std::uint8_t* __restrict substance, const std::uint8_t* __restrict support,
                   const std::uint8_t* __restrict waiting, const std::uint8_t* __restrict group,
                   const std::int32_t* __restrict move_before, const std::int32_t* __restrict transition_end,
                   std::uint8_t* __restrict cost_cell_now, std::int32_t* __restrict entered, std::int32_t step,
                   const std::uint32_t* __restrict before, std::uint32_t* __restrict now,
                   std::uint8_t* __restrict changed) {
  for (std::size_t i = 0; i < n; ++i) {
    const bool living = alive[i] != 0;
    const std::uint8_t h = housing[i], j = justice[i];
    const bool prison = in_prison(static_cast<Justice>(j));
    const bool homeless_now = !prison & homeless(static_cast<Housing>(h));
    // Where this week is costed and where next week's will be (Recorder::next_cost_cell).
    const std::uint8_t place = prison ? prison_place : h;
    const std::int32_t joined = entered[i];
    const bool newcomer = joined == abm::no_event;  // joined this week, after the people's pass
    const std::int32_t entry = newcomer ? step : joined;
    const std::uint8_t cell = newcomer ? cost_cell(place, static_cast<std::uint8_t>(place + 1)) : cost_cell_now[i];
    const bool first_year_next = step + 1 - entry < entry_year_weeks;
    const std::uint8_t next_cell = cost_cell(place, first_year_next ? cell_entry_class(cell) : 0);
    entered[i] = living ? entry : joined;
    cost_cell_now[i] = living ? next_cell : cost_cell_now[i];
    // Two moves between the street and hostels within 52 weeks (no_event: fewer than two moves).
    const std::int32_t moved = move_before[i];
    const bool revolving = (moved != abm::no_event) & (moved > step - past_year_weeks);
    using namespace signature;
    const std::uint32_t s = 1u | std::uint32_t{h} << signature::housing | std::uint32_t{prison} << signature::prison |
                            std::uint32_t{j} << signature::justice | std::uint32_t{mental[i]} << signature::mental |
                            std::uint32_t{substance[i]} << signature::substance |
                            std::uint32_t{support[i]} << signature::support |
                            std::uint32_t{waiting[i]} << signature::waiting |
                            std::uint32_t{revolving} << signature::revolving |
                            std::uint32_t{homeless_now} << signature::homeless |
                            std::uint32_t{transition_end[i] != abm::no_event} << signature::in_transition |
                            std::uint32_t{group[i]} << signature::group | std::uint32_t{cell} << signature::cell;
    now[i] = living ? s : 0u;
    changed[i] = now[i] != before[i];
  }
}

#ifdef REVOLVE_LANES16
REVOLVE_LANES16_BEGIN
using namespace lanes16;

/// A cell's entry class (cell_entry_class, a division by place_count) as a product and a shift, which AVX-512 has
/// and a division it has not; the same for every cell (checked here).
constexpr unsigned entry_class_multiplier = (256 + place_count - 1) / place_count;
static_assert([] {
  for (unsigned cell = 0; cell < cost_cell_count; ++cell) {
    if ((cell * entry_class_multiplier >> 8) != cell_entry_class(static_cast<std::uint8_t>(cell))) return false;
  }
  return true;
}());

/// A field of the signature: the lanes' codes at their shift.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i at(__m512i codes, unsigned shift) {
  return _mm512_slli_epi32(codes, shift);
}
/// A flag of the signature: the bit at `shift` in the lanes of `mask`.
[[gnu::target("avx512f"), gnu::always_inline]] inline __m512i flag(__mmask16 mask, unsigned shift) {
  return _mm512_maskz_mov_epi32(mask, _mm512_set1_epi32(static_cast<int>(1u << shift)));
}

/// signatures_of for rows [0, n), n a multiple of 16, sixteen rows at a time in AVX-512 lanes, where the compiler's
/// loop spends most of its time packing bytes into words and back. Returns n. state_tally_test.cpp runs the tally
/// with it and without it against a recount.
__attribute__((target("avx512f"))) std::size_t signatures_avx512(std::size_t n, const TallyRows& r, std::int32_t step,
                                                                 const std::uint32_t* before, std::uint32_t* now,
                                                                 std::uint8_t* changed) {
  const __m512i zero = _mm512_setzero_si512(), no_event = _mm512_set1_epi32(abm::no_event);
  const __m512i one = _mm512_set1_epi32(1), places = _mm512_set1_epi32(place_count);
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 living = _mm512_cmpneq_epi32_mask(lanes(r.alive + i), zero);
    const __m512i h = lanes(r.housing + i), j = lanes(r.justice + i);
    const __mmask16 prison = in_prison(j);
    const __mmask16 homeless = homeless_now(h, prison);
    const __m512i place = _mm512_mask_mov_epi32(h, prison, _mm512_set1_epi32(prison_place));
    // Where this week is costed and where next week's will be, as signatures_of.
    const __m512i joined = lanes32(r.entered + i);
    const __mmask16 newcomer = _mm512_cmpeq_epi32_mask(joined, no_event);
    const __m512i entry = _mm512_mask_mov_epi32(joined, newcomer, _mm512_set1_epi32(step));
    const __m512i cell_now = lanes(r.cost_cell + i);
    // cost_cell(place, place + 1)
    const __m512i entry_cell = _mm512_add_epi32(place, _mm512_mullo_epi32(_mm512_add_epi32(place, one), places));
    const __m512i cell = _mm512_mask_mov_epi32(cell_now, newcomer, entry_cell);
    const __mmask16 first_year_next = _mm512_cmplt_epi32_mask(_mm512_sub_epi32(_mm512_set1_epi32(step + 1), entry),
                                                              _mm512_set1_epi32(entry_year_weeks));
    const __m512i entry_class = _mm512_srli_epi32(times(cell, entry_class_multiplier), 8);
    const __m512i next_cell =
        _mm512_add_epi32(place, _mm512_maskz_mov_epi32(first_year_next, _mm512_mullo_epi32(entry_class, places)));
    _mm512_storeu_si512(r.entered + i, _mm512_mask_mov_epi32(joined, living, entry));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(r.cost_cell + i),
                     _mm512_cvtepi32_epi8(_mm512_mask_mov_epi32(cell_now, living, next_cell)));
    const __m512i moved = lanes32(r.street_hostel_move_before + i);
    const __mmask16 revolving = _mm512_cmpneq_epi32_mask(moved, no_event) &
                                _mm512_cmpgt_epi32_mask(moved, _mm512_set1_epi32(step - past_year_weeks));
    const __mmask16 in_transition = _mm512_cmpneq_epi32_mask(lanes32(r.transition_end + i), no_event);
    namespace sig = signature;
    const __m512i s = _mm512_or_si512(
        _mm512_or_si512(
            _mm512_or_si512(_mm512_or_si512(one, at(h, sig::housing)),
                            _mm512_or_si512(flag(prison, sig::prison), at(j, sig::justice))),
            _mm512_or_si512(_mm512_or_si512(at(lanes(r.mental + i), sig::mental),
                                            at(lanes(r.substance + i), sig::substance)),
                            _mm512_or_si512(at(lanes(r.support + i), sig::support),
                                            at(lanes(r.waiting + i), sig::waiting)))),
        _mm512_or_si512(_mm512_or_si512(_mm512_or_si512(flag(revolving, sig::revolving),
                                                        flag(homeless, sig::homeless)),
                                        flag(in_transition, sig::in_transition)),
                        _mm512_or_si512(at(lanes(r.group + i), sig::group), at(cell, sig::cell))));
    const __m512i signature = _mm512_maskz_mov_epi32(living, s);
    _mm512_storeu_si512(now + i, signature);
    store_marks(_mm512_cmpneq_epi32_mask(signature, lanes32(before + i)), changed + i);
  }
  return n;
}
REVOLVE_LANES16_END
#endif

}  // namespace

void tally_signatures(std::size_t n, const TallyRows& r, std::int32_t step, const std::uint32_t* __restrict before,
                      std::uint32_t* __restrict now, std::uint8_t* __restrict changed) {
  std::size_t i = 0;  // the first row left to the compiler's loop
#ifdef REVOLVE_LANES16
  if (random::may_use(random::VectorWidth::avx512)) i = signatures_avx512(n / 16 * 16, r, step, before, now, changed);
#endif
  signatures_of(n - i, r.alive + i, r.housing + i, r.justice + i, r.mental + i, r.substance + i, r.support + i,
                r.waiting + i, r.group + i, r.street_hostel_move_before + i, r.transition_end + i, r.cost_cell + i,
                r.entered + i, step, before + i, now + i, changed + i);
}

void StateTally::reset() {
  signatures_.clear();
  changes_.clear();
  counts_ = {};
  compactions_seen_ = 0;
}

void StateTally::follow_compaction(const abm::Population& population) {
  if (population.follow_compactions(compactions_seen_)) population.compact_like(signatures_);
}

void StateTally::update(const PeopleView& v, std::int32_t step, std::int32_t* entered, std::uint8_t* last_housing) {
  signatures_.resize(v.size, 0u);  // newcomers since last week: never counted
  changes_.clear();
  alignas(64) std::array<std::uint32_t, tally_stretch> now;
  alignas(64) std::array<std::uint8_t, tally_stretch> changed;
  for (abm::PersonId first = 0; first < v.size; first += tally_stretch) {
    const abm::PersonId n = std::min<abm::PersonId>(tally_stretch, static_cast<abm::PersonId>(v.size) - first);
    const TallyRows rows{.alive = v.alive + first,
                         .housing = v.housing.codes_from(first),
                         .justice = v.justice.codes_from(first),
                         .mental = v.mental_health.codes_from(first),
                         .substance = v.substance.codes_from(first),
                         .support = v.support.codes_from(first),
                         .waiting = v.waiting_for.codes_from(first),
                         .group = v.group.codes_from(first),
                         .street_hostel_move_before = v.t_street_hostel_move_before + first,
                         .transition_end = v.ti_transition_end + first,
                         .cost_cell = v.cost_cell + first,
                         .entered = entered + first};
    tally_signatures(n, rows, step, signatures_.data() + first, now.data(), changed.data());
    abm::for_each_marked(first, changed.data(), n, [&](abm::PersonId p) {
      const std::uint32_t was = signatures_[p], is = now[p - first];
      if (was != 0) add(was, ~0u);
      if (is != 0) {
        add(is, 1u);
        last_housing[p] = static_cast<std::uint8_t>(signature::housing_of(is) + 1);
      }
      signatures_[p] = is;
      changes_.push_back({p, was, is});
    });
  }
}

void StateTally::add_moves(CellCounts& moves) const {
  for (const Change& c : changes_) {
    // A move since the last count (the dead are not counted, and no one comes back).
    if (c.was == 0 || c.is == 0) continue;
    const unsigned from = signature::housing_of(c.was), to = signature::housing_of(c.is);
    if (from != to) {
      moves[signature::cell_of(c.is)][signature::group_of(c.is)][tally::moves + from * housing_count + to] += 1;
    }
  }
}

void StateTally::add(std::uint32_t s, std::uint32_t n) {
  using signature::field;
  PeopleCounts& t = counts_[signature::cell_of(s)][signature::group_of(s)];
  // n where a condition holds, else 0: no branch on a person's states, which a changed person's week makes random.
  const auto when = [n](bool condition) { return n & (0u - condition); };
  const bool prison = field(s, signature::prison, 1) != 0, homeless_now = field(s, signature::homeless, 1) != 0;
  const unsigned mental = field(s, signature::mental, 3), waiting = field(s, signature::waiting, 2);
  t[tally::housing + signature::housing_of(s)] += when(!prison);  // housing counts leave out people in prison
  t[tally::justice + field(s, signature::justice, 3)] += n;
  t[tally::mental + mental] += n;
  t[tally::substance + field(s, signature::substance, 2)] += n;
  t[tally::support + field(s, signature::support, 3)] += n;
  t[tally::waiting + (waiting + 2) % 3] += when(waiting != 0);  // waiting code - 1; nothing's adds 0 to the last
  t[tally::alive] += n;
  t[tally::revolving] += when(field(s, signature::revolving, 1) != 0);
  t[tally::homeless] += when(homeless_now);
  t[tally::homeless_mental_need] += when(homeless_now & (mental != code(Mental::stable)));
  t[tally::housed] += when(!prison & !homeless_now);
  t[tally::in_prison] += when(prison);
  t[tally::in_transition] += when(field(s, signature::in_transition, 1) != 0);
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/exits.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "models/revolving_door/episodes.hpp"
#include "sim/abm/alive.hpp"
#include "sim/core/error.hpp"
#include "sim/core/vector_clones.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

constexpr std::int32_t six_years = 313;  // [weeks] the window of calibration target 7 (a definition)

/// One uniform per person of a block for each exit, generated in bulk.
struct ExitDraws {
  std::array<double, abm::Run::block_size> death, move, positive;
};

/// Who may leave this week, or has a Housing First tenancy to check, by row of a block (abm::for_each_marked).
using ExitMarks = std::array<std::uint8_t, abm::Run::block_size>;

/// The weekly death hazard of person p (design 5.7) [per week].
double death_hazard(const PeopleView& v, abm::PersonId p, const ModelSetup& setup, std::int32_t now) {
  const MortalityParameters& m = setup.parameters.mortality;
  const bool recently_released = v.t_released[p] != abm::no_event && now - v.t_released[p] < m.release_window;
  return m.base_rate * setup.age_factor(v.age[p]) *
         (v.homeless_now(p) && v.housing[p] == Housing::rough_sleeping ? m.rough_sleeping : 1.0) *
         (v.substance[p] == Substance::problematic ? m.problematic_substance : 1.0) *
         (v.mental_health[p] == Mental::crisis ? m.crisis : 1.0) * (recently_released ? m.recent_release : 1.0);
}

/// The largest of [begin, end) (not empty, no NaN), in four running maxima: one would wait on the last at each row.
double largest(const double* begin, const double* end) {
  std::array<double, 4> lanes;
  lanes.fill(*begin);
  const double* x = begin;
  for (; end - x >= 4; x += 4) {
    for (std::size_t k = 0; k < 4; ++k) lanes[k] = x[k] > lanes[k] ? x[k] : lanes[k];
  }
  for (; x < end; ++x) lanes[0] = *x > lanes[0] ? *x : lanes[0];
  return std::max(std::max(lanes[0], lanes[1]), std::max(lanes[2], lanes[3]));
}

/// The thresholds of a block's exits: a death, moving away, a sustained exit.
struct ExitThresholds {
  double death_bound, move_probability, exit_probability;
  double qualifying;  // [weeks] stable before a sustained exit
};

/// Rows [0, n) of one block: counts every row's weeks meeting the exit conditions, and marks who may leave this
/// week or has a Housing First tenancy to check. A loop with no branch over columns that cannot overlap
/// (restrict), which the compiler vectorises. The marks must take in everyone the visit in Exits::step can act on.
/// Weeks stable are counted for the dead and those who die this week too: a dead row's count means nothing, and
/// nothing reads it (only the test below, of the living); it must not be exported as the person's.
REVOLVE_AVX2_CLONES
void mark_rows(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict housing,
               const std::uint8_t* __restrict justice, const std::uint8_t* __restrict mental,
               const std::uint8_t* __restrict substance, const std::int32_t* __restrict housing_first_start,
               double* __restrict weeks_stable, const ExitDraws& d, const ExitThresholds& at,
               std::uint8_t* __restrict marks) {
  for (std::size_t i = 0; i < n; ++i) {
    const bool met = meets_exit_conditions(static_cast<Housing>(housing[i]), static_cast<Justice>(justice[i]),
                                           static_cast<Mental>(mental[i]), static_cast<Substance>(substance[i]));
    const double stable = met * (weeks_stable[i] + 1);
    weeks_stable[i] = stable;
    const bool may_die = d.death[i] < at.death_bound;
    const bool moves = !in_prison(static_cast<Justice>(justice[i])) & (d.move[i] < at.move_probability);
    const bool exits = (stable >= at.qualifying) & (d.positive[i] < at.exit_probability);
    const bool tenancy = housing_first_start[i] != abm::no_event;
    marks[i] = (alive[i] != 0) & (may_die | moves | exits | tenancy);
  }
}

/// mark_rows for the block of rows from `first`.
void mark_exits(std::size_t n, const PeopleView& v, abm::PersonId first, const ExitDraws& d, const ExitThresholds& at,
                std::uint8_t* marks) {
  mark_rows(n, v.alive + first, v.housing.codes_from(first), v.justice.codes_from(first),
            v.mental_health.codes_from(first), v.substance.codes_from(first), v.t_housing_first_start + first,
            v.weeks_stable + first, d, at, marks);
}

/// Whether an event with this weekly hazard happens, given uniform u (cheap when u >= h).
bool happens(double u, double hazard) { return u < hazard && u < -std::expm1(-hazard); }

/// Counts the sustainment of Housing First tenancies one and three years after they started.
void check_housing_first_anniversary(const PeopleView& v, abm::PersonId p, std::int32_t now,
                                     const EventCounters& events, abm::BlockCounts& counts) {
  if (v.t_housing_first_start[p] == abm::no_event) return;
  const std::int32_t weeks = now - v.t_housing_first_start[p];
  const bool one = weeks == static_cast<std::int32_t>(std::lround(weeks_per_year));
  const bool three = weeks == static_cast<std::int32_t>(std::lround(3 * weeks_per_year));
  if (!one && !three) return;
  const bool sustained = v.housing[p] == Housing::housing_first;
  const std::uint8_t g = v.group.code(p);
  counts.add(events(one ? Event::housing_first_check_1y : Event::housing_first_check_3y, g));
  if (sustained) counts.add(events(one ? Event::housing_first_sustained_1y : Event::housing_first_sustained_3y, g));
}

}  // namespace

void Exits::init(abm::Run& run) {
  PeopleModule::init(run);
  age_factor_up_to_ = setup_->mortality_age_factor;
  if (age_factor_up_to_.empty()) throw Error("the mortality age factors are not set (ModelSetup)");
  for (std::size_t w = 1; w < age_factor_up_to_.size(); ++w) {
    age_factor_up_to_[w] = std::max(age_factor_up_to_[w], age_factor_up_to_[w - 1]);
  }
}

/// An upper bound of death_hazard over the people of rows [first, last) [per week]: the same product, in the same
/// order, of the largest value each factor can take, the age factor at the oldest row's age. Since rounding is
/// monotone, a draw at or above it means no death without looking at the person, which most people's draws are.
double Exits::death_hazard_bound(const PeopleView& v, abm::PersonId first, abm::PersonId last) const {
  const MortalityParameters& m = setup_->parameters.mortality;
  const double oldest = largest(v.age + first, v.age + last);  // [weeks]; the dead's rows too, harmlessly
  const auto week = static_cast<std::size_t>(std::max(oldest, 0.0));
  const double age_factor = age_factor_up_to_[std::min(week, age_factor_up_to_.size() - 1)];
  return m.base_rate * age_factor * std::max(m.rough_sleeping, 1.0) * std::max(m.problematic_substance, 1.0) *
         std::max(m.crisis, 1.0) * std::max(m.recent_release, 1.0);
}

void Exits::step(Phase, abm::Run& run) {
  const ModelSetup& setup = *setup_;
  const FlowsParameters& f = setup.parameters.flows;
  const auto starting_cohort = static_cast<abm::PersonId>(std::lround(setup.parameters.cohort.size));
  const PeopleView v = PeopleView::of(run.population(), columns_);
  const std::uint32_t run_number = run.key().run, step = run.clock().step();
  const auto now = static_cast<std::int32_t>(step);
  const random::Stream death = run.stream("mortality.death"), move = run.stream("flows.moving_away"),
                       positive = run.stream("flows.sustained_exit");
  const double move_probability = -std::expm1(-f.moving_away), exit_probability = -std::expm1(-f.sustained_exit);
  const EventCounters& events = events_;
  run.for_each_block([&](abm::PersonId first, abm::PersonId last, abm::BlockCounts& counts) {
    const std::size_t n = last - first;
    ExitDraws d;
    death.fill_grouped_uniforms(run_number, step, first, std::span(d.death).first(n));
    move.fill_grouped_uniforms(run_number, step, first, std::span(d.move).first(n));
    positive.fill_grouped_uniforms(run_number, step, first, std::span(d.positive).first(n));
    const double death_bound = death_hazard_bound(v, first, last);
    ExitMarks marks{};
    mark_exits(n, v, first, d, {death_bound, move_probability, exit_probability, f.sustained_exit_qualifying},
               marks.data());
    abm::for_each_marked(first, marks.data(), n, [&](abm::PersonId p) {
      const std::size_t i = p - first;
      const std::uint8_t g = v.group.code(p);
      if (d.death[i] < death_bound && happens(d.death[i], death_hazard(v, p, setup, now))) {
        counts.add(events(Event::death, g));
        if (v.homeless_now(p)) {
          counts.add(events(Event::death_homeless, g));
          counts.add(events(Event::age_at_death_weeks_homeless, g), static_cast<std::int64_t>(v.age[p]));
        }
        if (p < starting_cohort && now <= six_years) counts.add(events(Event::death_starting_cohort_6y, g));
        close_coordinator_episode(v, p, step, false, events, counts);
        v.alive[p] = 0;
        return;
      }
      check_housing_first_anniversary(v, p, now, events, counts);
      const double stable = v.weeks_stable[p];
      const bool moves = !v.in_prison(p) & (d.move[i] < move_probability);
      const bool exits = (stable >= f.sustained_exit_qualifying) & (d.positive[i] < exit_probability);
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

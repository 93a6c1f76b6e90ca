// The recorder's tally kept from week to week (models/revolving_door/state_tally.hpp) against a recount of everyone,
// as the recorder made it every week before: people whose states change at random, who die and who join, over two
// years. Any state left out of the signature, or a change missed, makes the counts differ. The signatures are made
// by the AVX-512 loop (where the processor has it) and by the compiler's, each checked.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "models/revolving_door/cost_cells.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/state_tally.hpp"
#include "sim/random/stream.hpp"

using namespace revolve;
using namespace revolve::revolving_door;

namespace {

/// The recount: every living person's tally, cell and housing move, as Recorder::tally_people made them one by one.
struct Recount {
  CellCounts counts{};
  std::vector<std::uint8_t> cost_cell, last_housing;
  std::vector<std::int32_t> entered;

  void week(const PeopleView& v, std::int32_t step) {
    counts = {};
    for (std::size_t p = 0; p < v.size; ++p) {
      if (!v.alive[p]) continue;
      const std::uint8_t place = place_of(v.housing[p], v.in_prison(p));
      std::uint8_t cell = cost_cell[p];
      if (entered[p] == abm::no_event) {
        entered[p] = step;
        cell = revolving_door::cost_cell(place, static_cast<std::uint8_t>(place + 1));
      }
      const bool first_year_next = step + 1 - entered[p] < entry_year_weeks;
      cost_cell[p] = revolving_door::cost_cell(place, first_year_next ? cell_entry_class(cell) : 0);
      PeopleCounts& t = counts[cell][v.group.code(p)];
      const std::uint8_t last = last_housing[p], housing = v.housing.code(p);
      if (last != 0 && last - 1 != housing) t[tally::moves + (last - 1) * housing_count + housing] += 1;
      last_housing[p] = static_cast<std::uint8_t>(housing + 1);
      const bool prison = v.in_prison(p), homeless = v.homeless_now(p);
      t[tally::housing + housing] += !prison;
      t[tally::justice + v.justice.code(p)] += 1;
      t[tally::mental + v.mental_health.code(p)] += 1;
      t[tally::substance + v.substance.code(p)] += 1;
      t[tally::support + v.support.code(p)] += 1;
      if (v.waiting_for[p] != WaitingFor::nothing) t[tally::waiting + v.waiting_for.code(p) - 1] += 1;
      t[tally::alive] += 1;
      const std::int32_t before = v.t_street_hostel_move_before[p];
      if (before != abm::no_event && step - before < past_year_weeks) t[tally::revolving] += 1;
      t[tally::homeless] += homeless;
      t[tally::homeless_mental_need] += homeless && v.mental_health[p] != Mental::stable;
      t[tally::housed] += !prison && !homeless;
      t[tally::in_prison] += prison;
      t[tally::in_transition] += v.in_transition(p);
    }
  }
};

/// A population with the model's columns and the recorder's two, in random states.
struct People {
  abm::Population population;
  Columns columns;
  abm::EventTimeColumn entered;
  abm::StateColumn last_housing;
  std::mt19937 random{2026};

  People() {
    Columns::declare(population);
    entered = population.add_event_time("recorded_entry");
    last_housing = population.add_state("recorded_housing", {"not_recorded", "1", "2", "3", "4", "5"});
    population.freeze();
    columns = Columns::resolve(population);
  }
  PeopleView view() { return PeopleView::of(population, columns); }
  std::uint8_t below(unsigned n) { return static_cast<std::uint8_t>(random() % n); }
  bool chance(double p) { return std::uniform_real_distribution<>(0.0, 1.0)(random) < p; }

  /// Sets every state the tally reads of person p at random (times around `step`).
  void shuffle(abm::PersonId p, std::int32_t step) {
    PeopleView v = view();
    v.housing[p] = static_cast<Housing>(below(housing_count));
    v.justice[p] = static_cast<Justice>(below(5));
    v.mental_health[p] = static_cast<Mental>(below(5));
    v.substance[p] = static_cast<Substance>(below(3));
    v.support[p] = static_cast<Support>(below(5));
    v.waiting_for[p] = static_cast<WaitingFor>(below(4));
    v.group[p] = static_cast<Group>(below(group_count));
    v.t_street_hostel_move_before[p] = chance(0.3) ? abm::no_event : step - below(80);
    v.ti_transition_end[p] = chance(0.7) ? abm::no_event : step + 5;
  }
  /// Changes one state the tally reads of person p, or one of the times it reads.
  void nudge(abm::PersonId p, std::int32_t step) {
    PeopleView v = view();
    switch (below(9)) {
      case 0: v.housing[p] = static_cast<Housing>(below(housing_count)); break;
      case 1: v.justice[p] = static_cast<Justice>(below(5)); break;
      case 2: v.mental_health[p] = static_cast<Mental>(below(5)); break;
      case 3: v.substance[p] = static_cast<Substance>(below(3)); break;
      case 4: v.support[p] = static_cast<Support>(below(5)); break;
      case 5: v.waiting_for[p] = static_cast<WaitingFor>(below(4)); break;
      case 6: v.t_street_hostel_move_before[p] = step - below(3); break;
      case 7: v.ti_transition_end[p] = chance(0.5) ? abm::no_event : step + 3; break;
      default: v.alive[p] = 0; break;
    }
  }
};

}  // namespace

TEST_CASE("the tally kept from week to week equals a recount of everyone every week") {
  const auto width = GENERATE(random::VectorWidth::avx512, random::VectorWidth::scalar);
  CAPTURE(static_cast<int>(width));
  struct Limit {  // the widest loop allowed, until the test ends however it ends
    random::VectorWidth before;
    ~Limit() { random::limit_vector_width(before); }
  } limit{random::limit_vector_width(width)};
  People people;
  people.population.add_people(400);
  for (abm::PersonId p = 0; p < 400; ++p) people.shuffle(p, 0);
  Recount recount;
  StateTally tally;
  tally.reset();
  std::size_t changed = 0, counted = 0;
  abm::PersonId rows_counted = 0;  // rows at the last count: those after it are newcomers
  for (std::int32_t step = 1; step <= 104; ++step) {
    const auto size = static_cast<abm::PersonId>(people.population.size());
    for (abm::PersonId p = 0; p < size; ++p) {
      if (people.view().alive[p] && people.chance(0.05)) people.nudge(p, step);
    }
    const abm::PersonId first_new = people.population.add_people(people.below(12));
    for (abm::PersonId p = first_new; p < people.population.size(); ++p) people.shuffle(p, step);
    PeopleView v = people.view();
    recount.cost_cell.assign(v.cost_cell, v.cost_cell + v.size);
    recount.last_housing.resize(v.size, 0);
    const auto entered = people.population.event_times(people.entered);
    recount.entered.assign(entered.begin(), entered.end());
    recount.week(v, step);

    CellCounts moves{};
    tally.update(v, step, entered.data(), people.population.states(people.last_housing).data());
    tally.add_moves(moves);
    INFO("week " << step);
    for (std::size_t k = 0; k < cost_cell_count; ++k) {
      for (std::size_t g = 0; g < group_count; ++g) {
        for (std::size_t t = 0; t < tally::count; ++t) {
          INFO("cell " << k << ", group " << g << ", tally " << t);
          REQUIRE(tally.counts()[k][g][t] + moves[k][g][t] == recount.counts[k][g][t]);
        }
      }
    }
    REQUIRE(std::vector<std::uint8_t>(v.cost_cell, v.cost_cell + v.size) == recount.cost_cell);
    REQUIRE(std::vector<std::int32_t>(entered.begin(), entered.end()) == recount.entered);
    const auto last_housing = people.population.states(people.last_housing);
    for (std::size_t p = 0; p < v.size; ++p) {
      if (v.alive[p]) REQUIRE(last_housing[p] == recount.last_housing[p]);
    }
    // The changes: in id order, a newcomer from 0 and a death to 0, each living person in their cell and group.
    for (std::size_t i = 1; i < tally.changes().size(); ++i) {
      REQUIRE(tally.changes()[i - 1].person < tally.changes()[i].person);
    }
    for (const StateTally::Change& c : tally.changes()) {
      REQUIRE((c.person >= rows_counted) == (c.was == 0));
      REQUIRE((v.alive[c.person] == 0) == (c.is == 0));
    }
    for (abm::PersonId p = 0; p < v.size; ++p) {
      if (!v.alive[p]) continue;
      REQUIRE(tally.group(p) == v.group.code(p));
      counted += 1;
    }
    changed += tally.changes().size();
    rows_counted = static_cast<abm::PersonId>(v.size);
  }
  // Most people's weeks change nothing counted: the point of keeping the tally.
  CHECK(changed < counted / 4);
  CHECK(changed > 0);
}

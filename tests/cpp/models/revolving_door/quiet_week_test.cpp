// The people kernel's quiet-week path (hazards.hpp): a person whose draws all clear QuietBounds has no event in
// any domain, so skipping the hazards' branches for them changes no result. Its marking loop, and the exits', run in
// AVX-512 lanes where the processor has them; every vector width gives the same results.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "models/revolving_door/hazards.hpp"
#include "sim/abm/run.hpp"
#include "sim/random/stream.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;
using namespace revolve::revolving_door;

namespace {

/// A week's rates with every intervention effect set, some above 1 and some below, as signals could make them, and
/// street exits that fall (or, with `rising`, rise) with rough_exit_class, so that each class is the largest once.
WeekRates rates_with_effects(double effect, bool rising = false) {
  WeekRates r;
  r.usual_start = 0.02;
  for (std::size_t c = 0; c < r.rough_exit.size(); ++c) {
    r.rough_exit[c] = {rising ? 0.01 * (c + 1.0) : 0.04 / (c + 1.0), 0.02, 0.01};
  }
  r.long_term_spell = 26;
  r.temporary_to_supported = 0.03;
  r.leaver = {0.01, 0.02, 0.005, 0.03};
  r.crisis_end = 0.5;
  r.mtam = {.treatment_entry = effect, .dual_diagnosis = 1.0 / effect, .crisis_to_treatment = 0.3,
            .crisis_end = effect, .tenancy_loss = 1.0 / effect, .breach = effect, .ae = 1.0};
  r.navigator.ae = 1.0 / effect;
  return r;
}

/// Every start state a person can have, at several engagements.
template <class Fn>
void for_each_start(Fn&& fn) {
  for (std::uint8_t h = 0; h < 5; ++h) {
    for (std::uint8_t j = 0; j < 5; ++j) {
      for (std::uint8_t m = 0; m < 5; ++m) {
        for (std::uint8_t sub = 0; sub < 3; ++sub) {
          for (std::uint8_t sup = 0; sup < 5; ++sup) {
            for (std::uint8_t g = 0; g < 4; ++g) {
              for (std::uint8_t need = 0; need < 2; ++need) {
                for (const bool long_term : {false, true}) {
                  for (const bool first_year : {false, true}) {
                    for (const double e : {0.0, 0.1, 0.37, 0.5, 0.93, 1.0}) {
                      fn(Start::from(Housing{h}, Justice{j}, Mental{m}, Substance{sub}, Support{sup}, Group{g},
                                     Need{need}, long_term, first_year, e));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// Checks that no start state is quiet with one domain's draw just inside its hazard (an event could happen) and
/// every other draw clear. Returns how many such (state, domain) cases it checked.
std::size_t check_bounds(const ModelSetup& setup, const WeekRates& r) {
  const Hazards hazards(setup.parameters, setup.effects, r);
  const QuietBounds bounds(setup.parameters, setup.effects, r);
  std::size_t checked = 0;
  for_each_start([&](const Start& s) {
    // Draws of justice, mental health, housing, substance use, support, worker change and A&E.
    const std::array<double, 7> hazard = {
        total_hazard(hazards.justice(s)),   total_hazard(hazards.mental(s)),         total_hazard(hazards.housing(s)),
        total_hazard(hazards.substance(s)), hazards.support(s.support, s.engagement), hazards.worker_change(s),
        hazards.ae_mean(s)};
    constexpr std::size_t ae = 6;
    for (std::size_t k = 0; k < hazard.size(); ++k) {
      if (hazard[k] <= 0.0) continue;
      std::array<double, 7> u = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0};  // no event anywhere
      // The draw nearest the hazard on the side of an event (A&E: an attendance takes a draw above 1 - mean).
      u[k] = k == ae ? std::nextafter(1.0 - hazard[k], 1.0) : std::nextafter(hazard[k], 0.0);
      const bool quiet = bounds.quiet(s, u[0], u[1], u[2], u[3], u[4], u[5], u[6]);
      if (quiet) {
        INFO("domain " << k << ", housing " << int(code(s.housing)) << ", justice " << int(code(s.justice))
                       << ", mental " << int(code(s.mental)) << ", substance " << int(code(s.substance))
                       << ", support " << int(code(s.support)) << ", group " << int(code(s.group)) << ", engagement "
                       << s.engagement << ", hazard " << hazard[k]);
        CHECK_FALSE(quiet);
      }
      ++checked;
    }
  });
  return checked;
}

std::shared_ptr<const ModelSetup> setup_for(const io::Scenario& scenario) {
  return revolving_door::setup_of(*test::revolving_door().prepare(scenario));
}

abm::Outputs run_model(std::shared_ptr<const ModelSetup> setup, std::uint32_t steps, std::uint32_t run_number) {
  abm::Run run({11, run_number});
  for (auto& m : revolving_door_modules(std::move(setup))) run.add(std::move(m));
  run.run(steps);
  return std::move(run.outputs());
}

}  // namespace

TEST_CASE("no one is quiet whose draw could bring an event, in any start state, for the model's parameters") {
  const auto setup = setup_for(test::ScenarioBuilder(0.1, 1).scenario());
  for (const double effect : {0.5, 1.0, 1.8}) {
    for (const bool rising : {false, true}) {
      INFO("intervention effects " << effect << (rising ? ", street exits rising by class" : ""));
      CHECK(check_bounds(*setup, rates_with_effects(effect, rising)) > 100000);
    }
  }
}

TEST_CASE("no one is quiet whose draw could bring an event, with modifiers below 1 and effects turned around, and "
          "tenancies lost more often once established") {
  const auto setup = setup_for(test::ScenarioBuilder(0.1, 1)
                                   .set("modifier.rough_sleeping_on_arrest", 0.7)
                                   .set("modifier.high_need", 0.8)
                                   .set("engagement.effect_on_crisis", 1.5)
                                   .set("engagement.effect_on_treatment_entry", 0.5)
                                   .set("engagement.effect_on_tenancy_loss", 1.4)
                                   .set("housing.tenancy_loss_established", 0.5)  // above the first year's
                                   .scenario());
  CHECK(check_bounds(*setup, rates_with_effects(0.6, true)) > 100000);
}

TEST_CASE("the quiet-week path changes no result: every output of every week, with every intervention on") {
  const io::Scenario scenario = test::ScenarioBuilder(0.3, 3).with_every_intervention().scenario();
  const auto quiet = setup_for(scenario);
  auto full = std::make_shared<ModelSetup>(*quiet);
  full->quiet_weeks = false;
  const std::uint32_t steps = quiet->steps;
  for (const std::uint32_t run_number : {0U, 1U}) {
    const abm::Outputs with = run_model(quiet, steps, run_number), without = run_model(full, steps, run_number);
    REQUIRE(with.rows() == without.rows());
    REQUIRE(with.values().size() == without.values().size());
    std::size_t differ = 0;
    for (std::size_t k = 0; k < with.values().size(); ++k) differ += with.values()[k] != without.values()[k];
    CHECK(differ == 0);
  }
}

TEST_CASE("every vector width gives the same result: the marking loops in AVX-512 lanes and the compiler's own") {
  // Deaths, moves and sustained exits far more often than in the baseline, so that the exits' marking loop
  // (exits.cpp) decides many rows of every combination of risks; Housing First for its tenancy checks.
  const io::Scenario scenario = test::frequent_exits(0.3, 4)
                                    .with("housing_first")
                                    .with("mtam", 1.0, 0.5, 1.0)
                                    .scenario();
  const auto setup = setup_for(scenario);
  // Every output of every week, and at the end every person's numeric attributes, which outputs may not show.
  struct Ended {
    abm::Outputs outputs;
    std::vector<double> attributes;
  };
  const auto run_at = [&](random::VectorWidth width) {
    const random::VectorWidth before = random::limit_vector_width(width);
    abm::Run run({11, 3});
    for (auto& m : revolving_door_modules(setup)) run.add(std::move(m));
    run.run(setup->steps);
    random::limit_vector_width(before);
    Ended ended{std::move(run.outputs()), {}};
    for (const char* name : {"age", "engagement", "weeks_with_worker", "weeks_in_housing", "weeks_homeless",
                             "weeks_stable"}) {
      const auto values = run.population().attributes(run.population().attribute(name));
      ended.attributes.insert(ended.attributes.end(), values.begin(), values.end());
    }
    return ended;
  };
  const Ended narrow_run = run_at(random::VectorWidth::scalar), wide_run = run_at(random::VectorWidth::avx512);
  const abm::Outputs &narrow = narrow_run.outputs, &wide = wide_run.outputs;
  REQUIRE(wide.values().size() == narrow.values().size());
  std::size_t differ = 0;
  for (std::size_t k = 0; k < wide.values().size(); ++k) differ += wide.values()[k] != narrow.values()[k];
  CHECK(differ == 0);
  REQUIRE(wide_run.attributes.size() == narrow_run.attributes.size());
  CHECK(std::equal(wide_run.attributes.begin(), wide_run.attributes.end(), narrow_run.attributes.begin()));
  // AVX2, where the processor has it (Stream::fill_words' AVX2 lanes, the compiler's AVX2 clones), the same too.
  const Ended middle_run = run_at(random::VectorWidth::avx2);
  CHECK(std::equal(middle_run.outputs.values().begin(), middle_run.outputs.values().end(), narrow.values().begin(),
                   narrow.values().end()));
  CHECK(middle_run.attributes == narrow_run.attributes);
  // The exits were exercised: over a hundred of each.
  const auto total = [&](const std::string& measure) {
    double sum = 0;
    for (std::size_t row = 0; row < wide.rows(); ++row) sum += wide.at(row, wide.find(measure));
    return sum;
  };
  CHECK(total("events.death") > 100);
  CHECK(total("events.moved_away") > 100);
  CHECK(total("events.positive_exit") > 100);
}

TEST_CASE("a negative or NaN hazard of the week is an error naming its domain, not a bound passed over") {
  const auto setup = setup_for(test::ScenarioBuilder(0.1, 1).scenario());
  WeekRates r = rates_with_effects(1.0);
  r.usual_start = -0.01;  // a signal gone below zero
  CHECK_THROWS_WITH(QuietBounds(setup->parameters, setup->effects, r),
                    Catch::Contains("a hazard of support") && Catch::Contains("not negative"));
  r = rates_with_effects(1.0);
  r.crisis_end = std::nan("");
  CHECK_THROWS_WITH(QuietBounds(setup->parameters, setup->effects, r), Catch::Contains("a hazard of mental health"));
}

TEST_CASE("mark_busy marks the living who are not quiet, in every state, row by row, testing the draws' bits") {
  const auto setup = setup_for(test::ScenarioBuilder(0.1, 1).scenario());
  const WeekRates r = rates_with_effects(1.8, true);
  const QuietBounds bounds(setup->parameters, setup->effects, r);
  // Every combination of the states the bounds read, one a row; draws on both sides of most bounds.
  std::vector<std::uint8_t> alive, housing, justice, mental, substance, support, group, need;
  std::vector<double> weeks_in_housing;  // [weeks] either side of the first year's end
  for (std::uint8_t h = 0; h < 5; ++h)
    for (std::uint8_t j = 0; j < 5; ++j)
      for (std::uint8_t m = 0; m < 5; ++m)
        for (std::uint8_t sub = 0; sub < 3; ++sub)
          for (std::uint8_t sup = 0; sup < 5; ++sup)
            for (std::uint8_t g = 0; g < 4; ++g)
              for (std::uint8_t n = 0; n < 2; ++n)
                for (const double weeks : {0.0, 52.0, 53.0, 400.0}) {
                  alive.push_back(alive.size() % 7 != 3);  // some dead rows
                  housing.push_back(h), justice.push_back(j), mental.push_back(m), substance.push_back(sub);
                  support.push_back(sup), group.push_back(g), need.push_back(n), weeks_in_housing.push_back(weeks);
                }
  const std::size_t rows = alive.size();
  // Random bits at these levels of the uniform, from near the lowest to near the highest. None, and none of their
  // ends given the high half (random::split::lowest and highest), equals a bound's random::draw_bits unless a bound
  // lies within 2^-32 of one of them: their high halves are neither 0 nor 0xFFFF, whose ends 0 and 0xFFFFFFFF are
  // the random::draw_bits of a bound of 0 (a domain with no hazard in some state) and of no A&E at all.
  constexpr std::array<std::uint32_t, 9> levels = {0x00010001u, 0x0001FFFFu, 4294967u,    42949673u, 214748365u,
                                                   858993459u,  2576980378u, 4166118278u, 0xFFFEFFFEu};
  std::array<std::vector<std::uint32_t>, week_draws> x;  // whole draws, by WeekDraw
  for (std::size_t k = 0; k < x.size(); ++k) {
    for (std::size_t i = 0; i < rows; ++i) x[k].push_back(levels[(i * (2 * k + 1) + k) % levels.size()]);
  }
  // The widest vectors the processor has (AVX-512: sixteen rows at a time, tables in registers), then none (the
  // loop the compiler vectorises), each from row 0 and from row 5, so that the rows left after the whole sixteens
  // are marked by the narrower loop.
  const auto width = GENERATE(random::VectorWidth::avx512, random::VectorWidth::scalar);
  const std::size_t from = GENERATE(0u, 5u);
  CAPTURE(static_cast<int>(width), from);
  const auto start_of = [&](std::size_t i) {
    return Start::from(Housing{housing[i]}, Justice{justice[i]}, Mental{mental[i]}, Substance{substance[i]},
                       Support{support[i]}, Group{group[i]}, Need{need[i]}, false,
                       Start::in_first_year(weeks_in_housing[i]), 0.0);
  };
  // Marks the rows with draws x (whole draws, by WeekDraw), and checks them row by row.
  std::size_t busy = 0, quiet = 0;
  const auto check_marks = [&](const std::array<std::vector<std::uint32_t>, week_draws>& x) {
    // The words of each row's first call (random::split) that hold the draws' high halves.
    std::array<std::vector<std::uint32_t>, 4> high;
    for (std::size_t w = 0; w < high.size(); ++w) {
      for (std::size_t i = 0; i < rows; ++i) {
        const std::uint32_t odd = 2 * w + 1 < week_draws ? x[2 * w + 1][i] >> 16 : 0u;
        high[w].push_back((x[2 * w][i] & 0xFFFF0000u) | odd);
      }
    }
    const random::VectorWidth before = random::limit_vector_width(width);
    std::vector<std::uint8_t> marks(rows, 2);
    const auto at = [&](const auto& column) { return column.data() + from; };
    bounds.mark_busy(rows - from,
                     {.alive = at(alive), .housing = at(housing), .justice = at(justice), .mental = at(mental),
                      .substance = at(substance), .support = at(support), .group = at(group), .need = at(need),
                      .weeks_in_housing = at(weeks_in_housing),
                      .high = {at(high[0]), at(high[1]), at(high[2]), at(high[3])}},
                     marks.data() + from);
    random::limit_vector_width(before);
    for (std::size_t i = from; i < rows; ++i) {
      const Start s = start_of(i);
      const auto u = [&](std::size_t k) { return random::to_unit(x[k][i]); };
      // Each draw at the end of its range, given its high half, that is least quiet: A&E's highest, the rest lowest.
      const auto least_quiet = [&](std::size_t k) {
        const std::uint32_t high_half = x[k][i] >> 16;
        return random::to_unit(k == ae_draw ? random::split::highest(high_half) : random::split::lowest(high_half));
      };
      const bool is_quiet = bounds.quiet(s, u(0), u(1), u(2), u(3), u(4), u(5), u(6));
      const bool surely_quiet = bounds.quiet(s, least_quiet(0), least_quiet(1), least_quiet(2), least_quiet(3),
                                             least_quiet(4), least_quiet(5), least_quiet(6));
      const std::uint8_t expected = alive[i] && !surely_quiet;
      INFO("row " << i);
      REQUIRE(marks[i] >= (alive[i] && !is_quiet));  // everyone the exact test finds not quiet, whatever the bounds
      REQUIRE(marks[i] == expected);  // and no one else, as no draw here equals a bound's random::draw_bits
      busy += expected;
      quiet += alive[i] && is_quiet;
    }
  };
  // Second, draws whose high halves hold their bounds: decision i % 7 of row i at the quiet draw next to its bound
  // (the smallest quiet one, A&E's the largest), found by bisection, as quiet is monotone in each draw. Only the
  // right end of its high half's range (lowest, A&E's highest) marks such a row.
  const auto domain_quiet = [&](const Start& s, unsigned k, std::uint32_t bits) {
    const double u = random::to_unit(bits), clear = random::to_unit(0xFFFEFFFEu);
    switch (k) {
      case justice_draw: return bounds.justice_quiet(s, u);
      case mental_draw: return bounds.mental_quiet(s, u);
      case housing_draw: return bounds.housing_quiet(s, u);
      case substance_draw: return bounds.substance_quiet(s, u);
      case support_draw: return bounds.support_quiet(s, u, clear);
      case worker_draw: return bounds.support_quiet(s, clear, u);
      default: return bounds.ae_quiet(s, u);
    }
  };
  std::array<std::vector<std::uint32_t>, week_draws> at_bounds = x;
  std::size_t straddling = 0;  // rows whose chosen draw is quiet but its high half leaves that in doubt
  for (std::size_t i = 0; i < rows; ++i) {
    const unsigned k = i % week_draws;
    const Start s = start_of(i);
    const bool ae = k == ae_draw;
    // A quiet draw and a noisy one (the latter possibly just outside the 32 bits), closed in on each other.
    std::int64_t quiet_at = ae ? 0 : 0xFFFFFFFF, noisy_at = ae ? 0x100000000 : -1;
    if (!domain_quiet(s, k, static_cast<std::uint32_t>(quiet_at))) continue;
    while (std::abs(quiet_at - noisy_at) > 1) {
      const std::int64_t middle = (quiet_at + noisy_at) / 2;
      (domain_quiet(s, k, static_cast<std::uint32_t>(middle)) ? quiet_at : noisy_at) = middle;
    }
    // Only where the high half leaves it in doubt: where the quiet draw is the end of its high half's range, that
    // end may equal the bound's random::draw_bits, which marks it (as mark_busy says) though it is quiet. The high
    // halves 0 and 0xFFFF hold the ends 0 and 0xFFFFFFFF, the random::draw_bits of a bound of 0 and of 1.
    if ((quiet_at & 0xFFFF) == (ae ? 0xFFFF : 0) || (quiet_at >> 16) == 0 || (quiet_at >> 16) == 0xFFFF) continue;
    at_bounds[k][i] = static_cast<std::uint32_t>(quiet_at);
    ++straddling;
  }
  CHECK(straddling > 1000);
  check_marks(x);
  check_marks(at_bounds);
  CHECK(busy > 1000);  // both outcomes are exercised
  CHECK(quiet > 1000);
}

// Declarative competing-risk rules: hazards by name at init, a table in the hot loop.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/abm/analyzers.hpp"
#include "sim/core/error.hpp"
#include "tests/cpp/abm/toy_model.hpp"

using namespace revolve;
using revolve::test::People;

namespace {

/// Fraction of `count` people who moved in one step should be p, within 4 standard errors.
void check_fraction(double moved, double count, double p) {
  INFO("moved " << moved << " of " << count << ", expected p = " << p);
  CHECK(std::abs(moved / count - p) < 4.0 * std::sqrt(p * (1 - p) / count));
}

}  // namespace

TEST_CASE("one step of a rule moves each person with probability 1 - exp(-hazard)") {
  constexpr std::size_t n = 200'000;
  abm::Run run({42, 0});
  run.add<People>(n, People::States{{"health", {"well", "ill"}}, {"housing", {"rough", "housed"}}},
                  [](abm::Population& p) {
                    auto housing = p.states(p.state("housing"));
                    for (std::size_t i = 0; i < housing.size(); i += 2) housing[i] = 1;  // half housed
                  });
  run.add<test::TransitionRule>(test::TransitionSpec{
      .name = "illness",
      .column = "health",
      .context = {"housing"},
      .exits = {},
      .hazards = [](const test::Situation& s) -> std::vector<test::Hazard> {
        if (s.is("health", "ill")) return {};
        return {{"ill", s.is("housing", "rough") ? 0.3 : 0.1}};
      }});
  run.add<abm::StateCounts>(std::vector<std::string>{"health"});
  run.start();
  run.step();

  const auto& pop = run.population();
  const auto health = pop.states(pop.state("health")), housing = pop.states(pop.state("housing"));
  double ill_rough = 0, ill_housed = 0;
  for (std::size_t i = 0; i < n; ++i) (housing[i] == 0 ? ill_rough : ill_housed) += health[i];
  check_fraction(ill_rough, n / 2.0, 1 - std::exp(-0.3));
  check_fraction(ill_housed, n / 2.0, 1 - std::exp(-0.1));
  CHECK(run.outputs().at(0, run.outputs().find("health.ill")) == ill_rough + ill_housed);
}

TEST_CASE("competing destinations share the leavers in proportion to their hazards; exits leave and count") {
  constexpr std::size_t n = 200'000;
  abm::Run run({7, 0});
  run.add<People>(n, People::States{{"health", {"well", "ill"}}},
                  [](abm::Population& p) { std::fill(p.states(p.state("health")).begin(), p.states(p.state("health")).end(), 1); });
  run.add<test::TransitionRule>(test::illness_rule());
  run.start();
  run.step();

  const auto& pop = run.population();
  double recovered = 0, died = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!pop.alive()[i]) {
      ++died;
    } else {
      recovered += pop.states(pop.state("health"))[i] == 0;
    }
  }
  const double leave = 1 - std::exp(-0.22);
  check_fraction(recovered, n, leave * 0.2 / 0.22);
  check_fraction(died, n, leave * 0.02 / 0.22);
  CHECK(run.counters().total(run.counters().find("died")) == static_cast<std::int64_t>(died));
}

TEST_CASE("a hazard function that asks about a column outside the rule's context is an error naming it") {
  abm::Run run({1, 0});
  run.add<People>(10, People::States{{"health", {"well", "ill"}}, {"housing", {"rough", "housed"}}});
  run.add<test::TransitionRule>(test::TransitionSpec{
      .name = "illness",
      .column = "health",
      .hazards = [](const test::Situation& s) -> std::vector<test::Hazard> {
        return {{"ill", s.is("housing", "rough") ? 0.3 : 0.1}};
      }});
  CHECK_THROWS_WITH(run.start(), Catch::Contains("'housing'") && Catch::Contains("context"));
}

TEST_CASE("a destination that is neither a category nor an exit is an error naming the categories") {
  abm::Run run({1, 0});
  run.add<People>(10, People::States{{"health", {"well", "ill"}}});
  run.add<test::TransitionRule>(test::TransitionSpec{
      .name = "illness",
      .column = "health",
      .hazards = [](const test::Situation&) -> std::vector<test::Hazard> { return {{"dead", 0.1}}; }});
  CHECK_THROWS_WITH(run.start(), Catch::Contains("'dead'") && Catch::Contains("well, ill"));
}

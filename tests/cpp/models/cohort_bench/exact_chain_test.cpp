// The exact chain and the step tables against the spec (tests/data/bench/cohort_bench.md),
// re-derived by hand here for the first step, where the population is the initial distribution.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/cohort_bench/exact_chain.hpp"
#include "models/cohort_bench/step_tables.hpp"

using namespace revolve::cohort_bench;

namespace {

constexpr double agents = 10'000;
const Parameters spec;

double p_leave(double h) { return 1.0 - std::exp(-h); }
double at(const revolve::abm::Outputs& o, std::size_t row, const std::string& name) { return o.at(row, o.find(name)); }

/// Probability of an initial joint state, by hand: independent domains.
double initial(std::size_t h, std::size_t j, std::size_t m) {
  return spec.initial_housing[h] * spec.initial_justice[j] * spec.initial_mental[m];
}

double death_hazard(std::size_t h, std::size_t m) { return 0.0002 * (h == 0 ? 3 : 1) * (m == 1 ? 2 : 1); }

}  // namespace

TEST_CASE("the step tables carry the spec's hazards") {
  const auto tables = step_tables(spec);
  const auto table = [&](Housing h, Justice j, Mental m) -> const StepTable& {
    return tables[PersonState{static_cast<std::uint8_t>(h), static_cast<std::uint8_t>(j), static_cast<std::uint8_t>(m)}.index()];
  };
  // Rough, on licence, in crisis: death 0.0002 x 3 x 2; recall 0.01 x 3 x 1.5 against 1/26.
  const StepTable& t = table(Housing::rough, Justice::licence, Mental::crisis);
  CHECK(t.death_probability == Approx(p_leave(0.0012)));
  const double recall = 0.045, end = 1.0 / 26;
  CHECK(t.justice.probability(1) == Approx(p_leave(recall + end) * recall / (recall + end)));
  // In crisis, hazards towards rough or temporary triple: rough -> temporary 0.15, -> supported 0.01.
  CHECK(t.housing.probability(1) == Approx(p_leave(0.16) * 0.15 / 0.16));
  CHECK(t.mental.probability(2) == Approx(p_leave(0.25) * 0.05 / 0.25));
  CHECK(t.ae.mean() == Approx(0.02 * 3 * 5));
  // Custody or inpatient: housing frozen, no A&E.
  CHECK(table(Housing::temporary, Justice::custody, Mental::stable).housing.leave_probability() == 0.0);
  CHECK(table(Housing::temporary, Justice::community, Mental::inpatient).housing.leave_probability() == 0.0);
  CHECK(table(Housing::settled, Justice::custody, Mental::crisis).ae.mean() == 0.0);
  CHECK(table(Housing::settled, Justice::community, Mental::stable).justice.probability(1) == Approx(p_leave(0.004)));
}

TEST_CASE("first-step events match the spec worked out by hand") {
  const auto expected = expected_outputs(spec, agents, 1);
  double deaths = 0, releases = 0, ae = 0;
  for (std::size_t h = 0; h < 4; ++h) {
    for (std::size_t m = 0; m < 3; ++m) {
      const double dies = p_leave(death_hazard(h, m));
      for (std::size_t j = 0; j < 3; ++j) deaths += agents * initial(h, j, m) * dies;
      // Releases count survivors only.
      releases += agents * initial(h, 1, m) * (1 - dies) * p_leave(1.0 / 12);
      // A&E for everyone alive at the start (those who die too), none in custody or inpatient.
      if (m != 2) {
        for (std::size_t j : {0u, 2u}) ae += agents * initial(h, j, m) * 0.02 * (h == 0 ? 3 : 1) * (m == 1 ? 5 : 1);
      }
    }
  }
  CHECK(at(expected, 0, "deaths") == Approx(deaths).epsilon(1e-12));
  CHECK(at(expected, 0, "releases") == Approx(releases).epsilon(1e-12));
  CHECK(at(expected, 0, "ae_attendances") == Approx(ae).epsilon(1e-12));
}

TEST_CASE("a release sends the released person rough with probability 0.15, whatever their housing") {
  // Start everyone settled, in custody and stable: after one step, rough people are exactly the
  // released survivors who slept rough (housing is frozen in custody).
  Parameters p = spec;
  p.initial_housing = {0, 0, 0, 1};
  p.initial_justice = {0, 1, 0};
  p.initial_mental = {1, 0, 0};
  const auto expected = expected_outputs(p, agents, 1);
  const double survivors = agents * (1 - p_leave(0.0002));
  CHECK(at(expected, 0, "housing.rough") == Approx(survivors * p_leave(1.0 / 12) * 0.15).epsilon(1e-12));
  CHECK(at(expected, 0, "housing.temporary") == 0.0);
}

TEST_CASE("every step, people alive in each domain's states plus all deaths so far make up the cohort") {
  const auto expected = expected_outputs(spec, agents, 520);
  double deaths = 0;
  for (std::size_t row = 0; row < expected.rows(); ++row) {
    deaths += at(expected, row, "deaths");
    const double housing = at(expected, row, "housing.rough") + at(expected, row, "housing.temporary") +
                           at(expected, row, "housing.supported") + at(expected, row, "housing.settled");
    const double justice =
        at(expected, row, "justice.community") + at(expected, row, "justice.custody") + at(expected, row, "justice.licence");
    const double mental = at(expected, row, "mh.stable") + at(expected, row, "mh.crisis") + at(expected, row, "mh.inpatient");
    INFO("step " << row + 1);
    REQUIRE(housing + deaths == Approx(agents).epsilon(1e-12));
    REQUIRE(justice == Approx(housing).epsilon(1e-12));
    REQUIRE(mental == Approx(housing).epsilon(1e-12));
  }
}

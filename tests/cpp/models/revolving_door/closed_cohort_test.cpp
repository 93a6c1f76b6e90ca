// A closed cohort from a scenario (models/revolving_door/closed_cohort.hpp): its size, its chosen starting states
// and no arrivals; the states it does not choose are drawn as for the model's own cohort.
#include <catch2/catch.hpp>

#include "sim/core/error.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;

namespace {

io::Scenario closed(double people) {
  io::Scenario s = test::ScenarioBuilder(1.0, 2).scenario();
  io::CohortSetting c;
  c.people = people;
  c.shares["housing"] = {{"rough_sleeping", 0.5, {}}, {"temporary", 0.25, {}}, {"settled", 0.25, {}}};
  c.shares["need"] = {{"high", 1.0, {}}};
  c.shares["justice"] = {{"none", 1.0, {}}};
  s.cohort = c;
  return s;
}

abm::Outputs first_run(const io::Scenario& s) {
  const auto prepared = test::revolving_door().prepare(s);
  ensemble::EnsembleOptions options;
  options.steps = prepared->steps();
  options.seed = 9;
  return ensemble::run_one([&](abm::Run& run) { prepared->build(run); }, options, 0);
}

}  // namespace

TEST_CASE("a closed cohort starts with its chosen states, all its people, and no one arrives") {
  const abm::Outputs out = first_run(closed(2000));
  const auto at = [&](std::size_t row, const std::string& column) { return out.at(row, out.find(column)); };
  // Week 1 has already moved some people (usual care rehouses a few per cent a week): the shares are near those chosen.
  CHECK(at(0, "people.alive") == Approx(2000).epsilon(0.01));
  CHECK(at(0, "people.rough_sleeping") == Approx(1000).epsilon(0.1));
  CHECK(at(0, "people.temporary") + at(0, "people.rough_sleeping") == Approx(1500).epsilon(0.1));
  CHECK(at(0, "people.settled") < 0.35 * at(0, "people.alive"));
  CHECK(at(0, "people.in_prison") < 0.01 * at(0, "people.alive"));  // no one started in custody
  double arrivals = 0;
  for (std::size_t row = 0; row < out.rows(); ++row) {
    arrivals += at(row, "events.arrival");
    if (row > 0) CHECK(at(row, "people.alive") <= at(row - 1, "people.alive"));
  }
  CHECK(arrivals == 0);
}

TEST_CASE("a closed cohort's size is scaled with the area, and a model without one says so") {
  io::Scenario s = closed(2000);
  s.population_scale = 0.5;
  const abm::Outputs out = first_run(s);
  CHECK(out.at(0, out.find("people.alive")) == Approx(1000).epsilon(0.01));
  io::Scenario unknown = closed(10);
  unknown.cohort->shares["housing"].push_back({"palace", 0.0, {"s.yaml", 12}});
  CHECK_THROWS_WITH(test::revolving_door().prepare(unknown),
                    Catch::Matchers::Contains("s.yaml:12: unknown state 'palace' of 'cohort.housing'"));
}

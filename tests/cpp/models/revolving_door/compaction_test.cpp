// Compaction (abm::Run::compact_every, Population::compact): the rows of the dead are removed every few weeks, and a
// run gives the same results as one that never removes them, since draws are keyed by person id, rows keep their
// order, and whatever keeps rows of its own (the tally's signatures, the entry cohorts, the example lives) follows
// each compaction.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <vector>

#include "models/revolving_door/model.hpp"
#include "sim/abm/run.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;
using namespace revolve::revolving_door;

namespace {

/// What a run ends with: every output of every week, the attached tables, the entrants followed, and the living's
/// numeric attributes by id.
struct Ended {
  abm::Outputs outputs;
  std::size_t rows = 0, entered = 0;
  std::map<abm::PersonId, std::vector<double>> living;
};

Ended run_with(std::shared_ptr<const ModelSetup> setup, std::uint32_t compact_every, std::uint32_t run_number) {
  auto copy = std::make_shared<ModelSetup>(*setup);
  copy->compact_every = compact_every;
  abm::Run run({11, run_number});
  for (auto& m : revolving_door_modules(copy)) run.add(std::move(m));
  run.run(copy->steps);
  const abm::Population& people = run.population();
  Ended ended{std::move(run.outputs()), people.size(), people.entered(), {}};
  for (abm::PersonId row = 0; row < people.size(); ++row) {
    if (!people.alive()[row]) continue;
    auto& values = ended.living[people.ids()[row]];
    for (const char* name : {"age", "engagement", "weeks_with_worker", "weeks_in_housing", "weeks_stable"}) {
      values.push_back(people.attributes(people.attribute(name))[row]);
    }
  }
  return ended;
}

/// Every week's outputs, the tables, the entrants and the living are the same; returns the outputs' differences.
void check_same(const Ended& a, const Ended& b) {
  REQUIRE(a.outputs.values().size() == b.outputs.values().size());
  std::size_t differ = 0;
  for (std::size_t k = 0; k < a.outputs.values().size(); ++k) differ += a.outputs.values()[k] != b.outputs.values()[k];
  CHECK(differ == 0);
  CHECK(a.outputs.tables().size() == b.outputs.tables().size());
  for (const auto& [name, table] : a.outputs.tables()) {
    INFO("table " << name);
    REQUIRE(b.outputs.tables().count(name) == 1);
    CHECK(table.rows == b.outputs.tables().at(name).rows);
  }
  REQUIRE(a.outputs.entries().size() == b.outputs.entries().size());
  for (std::size_t k = 0; k < a.outputs.entries().size(); ++k) {
    CHECK(a.outputs.entries()[k].person == b.outputs.entries()[k].person);
    CHECK(a.outputs.entries()[k].step == b.outputs.entries()[k].step);
    CHECK(a.outputs.entries()[k].group == b.outputs.entries()[k].group);
  }
  CHECK(a.entered == b.entered);
  CHECK(a.living == b.living);
}

double total(const abm::Outputs& outputs, const std::string& measure) {
  double sum = 0;
  for (std::size_t row = 0; row < outputs.rows(); ++row) sum += outputs.at(row, outputs.find(measure));
  return sum;
}

/// Many rows removed, with every intervention on, so that every module keeping people is exercised.
io::Scenario many_leave() {
  return test::frequent_exits(0.3, 4).with_every_intervention().scenario();
}

}  // namespace

TEST_CASE("compaction changes no result: every output, table, entrant and living person, compacting every week, "
          "every 26 weeks or never") {
  const auto setup = revolving_door::setup_of(*test::revolving_door().prepare(many_leave()));
  for (const std::uint32_t run_number : {0U, 1U}) {
    INFO("run " << run_number);
    const Ended never = run_with(setup, 0, run_number);
    const Ended weekly = run_with(setup, 1, run_number);
    const Ended half_yearly = run_with(setup, 26, run_number);
    check_same(never, weekly);
    check_same(never, half_yearly);
    // Rows were removed: a run that never compacts keeps everyone who entered.
    CHECK(never.rows == never.entered);
    CHECK(weekly.rows < never.rows * 3 / 4);
    CHECK(half_yearly.rows < never.rows);
    // The exits and entry cohorts were exercised.
    CHECK(total(never.outputs, "events.death") > 100);
    CHECK(total(never.outputs, "events.positive_exit") > 100);
    CHECK(never.outputs.entries().size() > 50);
  }
}

TEST_CASE("compaction changes no result when the entry cohorts follow another scenario's entrants, who may have "
          "died here before they enter there") {
  const auto alternative = revolving_door::setup_of(*test::revolving_door().prepare(many_leave()));
  const auto baseline =
      revolving_door::setup_of(*test::revolving_door().prepare(test::frequent_exits(0.3, 4).scenario()));
  const Ended there = run_with(alternative, 26, 0);
  auto matched = std::make_shared<ModelSetup>(*baseline);
  const std::vector<std::vector<abm::Entry>> by_run = {there.outputs.entries()};  // run 0's entrants
  matched->following.push_back(std::make_shared<const std::vector<std::vector<abm::Entry>>>(by_run));
  const Ended never = run_with(matched, 0, 0), weekly = run_with(matched, 1, 0), half_yearly = run_with(matched, 26, 0);
  check_same(never, weekly);
  check_same(never, half_yearly);
  CHECK(weekly.rows < never.rows * 3 / 4);
  // Every entrant there was followed here, some of whom had died here first (counted with no weeks alive).
  CHECK(total(never.outputs, "entry_cohort_52w.housing_first.people") +
            total(never.outputs, "entry_cohort_52w.mtam.people") +
            total(never.outputs, "entry_cohort_52w.navigator.people") > 50);
}

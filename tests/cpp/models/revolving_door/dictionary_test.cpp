// The model's output dictionary: every outcome is labelled, the lists match the model's categories, and
// the limitations file is read whole or refused with its file and line.
#include <catch2/catch.hpp>

#include <set>

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/costs.hpp"
#include "models/revolving_door/dictionary.hpp"
#include "models/revolving_door/interventions/registry.hpp"
#include "models/scenario_models.hpp"
#include "sim/core/error.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;
using namespace revolve::revolving_door;
using Catch::Matchers::Contains;

TEST_CASE("the dictionary labels every outcome and names every payer, group and intervention once") {
  const ensemble::ModelDictionary d = models::scenario_model("revolving_door")->dictionary();
  std::set<std::string> names;
  int outcomes = 0;
  for (const auto& m : d.measures) {
    CHECK(names.insert(m.measure).second);  // each measure once
    CHECK(m.group.empty());
    if (m.better != 0) {
      ++outcomes;
      CHECK(m.label != m.measure);  // an outcome a board reads has plain words
    }
  }
  // With s136, ambulance call-outs and both kinds of admission (the data-hub measures), and positive outcomes as
  // reported and as they are.
  CHECK(outcomes == 19);
  CHECK(d.measures.front().measure == "person_weeks.rough_sleeping");  // the report's headline order
  REQUIRE(d.payers.size() == payer_names.size());
  for (std::size_t i = 0; i < payer_names.size(); ++i) CHECK(d.payers[i].name == payer_names[i]);
  REQUIRE(d.interventions.size() == intervention_types().size());
  CHECK(d.interventions.front().label == std::string("Housing First"));
  CHECK(d.groups.front().name.empty());  // everyone first
  CHECK(d.groups.size() == 5);
  CHECK(d.state_domains.size() == 3);
  CHECK(d.limitations.size() >= 5);
}

TEST_CASE("the states of example lives name exactly the model's categories of each column") {
  const ensemble::ModelDictionary d = models::scenario_model("revolving_door")->dictionary();
  const std::vector<std::pair<std::string, const std::vector<std::string>*>> columns = {
      {"housing", &housing_names}, {"justice", &justice_names}, {"mental_health", &mental_names},
      {"support", &support_names}};
  REQUIRE(d.life_columns.size() == columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    CHECK(d.life_columns[c].column == columns[c].first);
    std::set<std::string> named;
    for (const auto& state : d.life_columns[c].states) named.insert(state.name);
    CHECK(named == std::set<std::string>(columns[c].second->begin(), columns[c].second->end()));
  }
}

TEST_CASE("a measure without plain words keeps its own name and is not an outcome") {
  CHECK(measure_words("events.ae_attendance").label == "A&E attendances");
  CHECK(measure_words("events.ae_attendance").better == -1);
  CHECK(measure_words("events.positive_exit").better == 1);
  CHECK(measure_words("moves.housing.settled.temporary").label == "moves.housing.settled.temporary");
  CHECK(measure_words("moves.housing.settled.temporary").better == 0);
}

TEST_CASE("limitations are read from their file, or refused naming the file and line") {
  test::TempFolder folder("revolve_limitations");
  const auto good = folder.write("good.yaml", "limitations:\n  - One.\n  - >-\n    Two, folded\n    over lines.\n");
  CHECK(read_limitations(good) == std::vector<std::string>{"One.", "Two, folded over lines."});

  const auto empty_item = folder.write("item.yaml", "limitations:\n  - One.\n  - [a, b]\n");
  CHECK_THROWS_WITH(read_limitations(empty_item), Contains("item.yaml:3") && Contains("must be a sentence"));
  const auto no_list = folder.write("nolist.yaml", "limits: [a]\n");
  CHECK_THROWS_WITH(read_limitations(no_list), Contains("nolist.yaml") && Contains("'limitations'"));
  const auto broken = folder.write("broken.yaml", "limitations: [a,\n");
  CHECK_THROWS_WITH(read_limitations(broken), Contains("broken.yaml:") && Contains("malformed YAML"));
  CHECK_THROWS_AS(read_limitations(folder / "missing.yaml"), InputError);
}

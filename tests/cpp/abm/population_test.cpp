// The population: columns declared by name, reached by handle; people only ever appended.
#include <catch2/catch.hpp>

#include "sim/abm/population.hpp"
#include "sim/core/error.hpp"

using namespace revolve::abm;

TEST_CASE("new people are alive, in each state's first category, at attribute defaults, with no events") {
  Population p;
  const StateColumn housing = p.add_state("housing", {"rough", "settled"});
  const AttributeColumn trust = p.add_attribute("trust", 0.5);
  const EventTimeColumn release = p.add_event_time("ti_release");
  p.freeze();
  CHECK(p.add_people(3) == 0);
  p.states(housing)[1] = 1;
  CHECK(p.add_people(2) == 3);
  REQUIRE(p.size() == 5);
  for (PersonId i = 0; i < 5; ++i) {
    CHECK(p.alive()[i] == 1);
    CHECK(p.attributes(trust)[i] == 0.5);
    CHECK(p.event_times(release)[i] == no_event);
  }
  CHECK(p.states(housing)[1] == 1);  // existing rows keep their values
  CHECK(p.states(housing)[4] == 0);
}

TEST_CASE("names resolve to handles once; unknown names are errors that name what exists") {
  Population p;
  p.add_state("justice", {"community", "custody"});
  p.add_attribute("age");
  const StateColumn justice = p.state("justice");
  CHECK(p.category(justice, "custody") == 1);
  CHECK(p.attribute("age").index == 0);
  CHECK_THROWS_WITH(p.state("jutsice"), Catch::Contains("'jutsice'") && Catch::Contains("justice"));
  CHECK_THROWS_WITH(p.category(justice, "prison"), Catch::Contains("community, custody"));
  CHECK_THROWS_AS(p.event_time("ti_release"), revolve::ModelError);
}

TEST_CASE("a column name is declared once, and only before the layout is frozen") {
  Population p;
  p.add_state("mh", {"stable"});
  CHECK_THROWS_WITH(p.add_attribute("mh"), Catch::Contains("declared twice"));
  CHECK_THROWS_AS(p.add_state("empty", {}), revolve::ModelError);
  p.freeze();
  CHECK_THROWS_WITH(p.add_event_time("ti_end"), Catch::Contains("frozen"));
}

// The population: columns declared by name, reached by handle; people appended, and the rows of the dead removed
// by a compaction that keeps every id and the order of the rest.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/abm/population.hpp"
#include "sim/random/stream.hpp"
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

TEST_CASE("a compaction removes the rows neither alive nor held, keeps the others' order, ids and values, and "
          "the ids of those who enter after it go on") {
  Population p;
  const StateColumn housing = p.add_state("housing", {"rough", "settled"});
  const AttributeColumn trust = p.add_attribute("trust");
  const EventTimeColumn release = p.add_event_time("ti_release");
  p.freeze();
  p.add_people(10);
  for (PersonId row = 0; row < 10; ++row) {
    p.states(housing)[row] = row % 2;
    p.attributes(trust)[row] = 0.1 * row;
    p.event_times(release)[row] = static_cast<std::int32_t>(100 + row);
  }
  for (const PersonId dead : {1u, 4u, 5u, 9u}) p.alive()[dead] = 0;
  p.hold(5);  // dead but still read by a module
  std::vector<std::uint32_t> own = {10, 11, 12, 13, 14, 15, 16};  // a module's column, shorter than the rows
  CHECK(p.compactions() == 0);
  CHECK(p.compact() == 3);
  CHECK(p.compactions() == 1);
  p.compact_like(own);
  const std::vector<PersonId> kept = {0, 2, 3, 5, 6, 7, 8};
  REQUIRE(p.size() == kept.size());
  for (std::size_t row = 0; row < kept.size(); ++row) {
    INFO("row " << row);
    CHECK(p.ids()[row] == kept[row]);
    CHECK(p.states(housing)[row] == kept[row] % 2);
    CHECK(p.attributes(trust)[row] == 0.1 * kept[row]);
    CHECK(p.event_times(release)[row] == static_cast<std::int32_t>(100 + kept[row]));
    CHECK(p.moved(kept[row]) == row);
    CHECK(p.row_of(kept[row]) == row);
  }
  CHECK(own == std::vector<std::uint32_t>{10, 12, 13, 15, 16});  // its rows 0 to 6, those kept
  CHECK(p.moved(1) == no_row);
  CHECK(p.moved(9) == no_row);
  CHECK(p.moved(10) == no_row);  // not a row then
  CHECK(p.row_of(4) == no_row);
  CHECK(p.row_of(10) == no_row);  // never entered
  CHECK(p.alive()[3] == 0);       // the held row, dead, kept
  CHECK(p.compact() == 0);        // nothing more to remove: not a compaction
  CHECK(p.compactions() == 1);
  // Letting go of the held row lets the next compaction remove it; newcomers get the next ids.
  p.let_go(3);
  CHECK(p.add_people(2) == 7);
  CHECK(p.entered() == 12);
  CHECK(p.ids()[7] == 10);
  CHECK(p.ids()[8] == 11);
  CHECK(p.compact() == 1);
  CHECK(p.compactions() == 2);
  CHECK(p.row_of(5) == no_row);
  CHECK(p.row_of(11) == 7);
  CHECK_THROWS_WITH(p.let_go(0), Catch::Contains("not held"));
  // A module follows a compaction once; one that missed one cannot follow it, nor can a column longer than the rows.
  std::uint32_t seen = 1;
  CHECK(p.follow_compactions(seen));
  CHECK(seen == 2);
  CHECK_FALSE(p.follow_compactions(seen));
  p.alive()[0] = 0;
  CHECK(p.compact() == 1);
  p.alive()[0] = 0;
  CHECK(p.compact() == 1);
  CHECK_THROWS_WITH(p.follow_compactions(seen), Catch::Contains("2 compactions"));
  std::vector<double> longer(p.size() + 3, 0.0);
  CHECK_THROWS_WITH(p.compact_like(longer), Catch::Contains("follows a compaction of"));
}

TEST_CASE("keep_rows moves the kept values of every column type to the front, in order, at every vector width") {
  const std::size_t n = 64 * 5 + 37;  // whole words of the mask and a tail
  std::vector<std::uint8_t> alive(n), held(n, 0);
  for (std::size_t row = 0; row < n; ++row) alive[row] = (row * 2654435761u >> 7) % 5 != 0;  // about 1 in 5 dead
  for (std::size_t row = 0; row < 64; ++row) alive[row] = 1;  // a first word all kept: stays where it is
  alive[200] = 0, held[200] = 1;
  const std::vector<std::uint64_t> keep = keep_mask(alive.data(), held.data(), n);
  std::vector<std::size_t> kept;
  for (std::size_t row = 0; row < n; ++row) {
    if (alive[row] || held[row]) kept.push_back(row);
  }
  REQUIRE(kept.size() < n - 40);
  for (const auto width : {revolve::random::VectorWidth::scalar, revolve::random::VectorWidth::avx512}) {
    const auto before = revolve::random::limit_vector_width(width);
    const auto check = [&](auto values) {
      auto original = values;
      REQUIRE(keep_rows(values.data(), n, keep.data()) == kept.size());
      for (std::size_t k = 0; k < kept.size(); ++k) REQUIRE(values[k] == original[kept[k]]);
    };
    std::vector<std::uint8_t> bytes(n);
    std::vector<std::int32_t> times(n);
    std::vector<std::uint32_t> words(n);
    std::vector<double> reals(n);
    for (std::size_t row = 0; row < n; ++row) {
      bytes[row] = static_cast<std::uint8_t>(row * 7);
      times[row] = static_cast<std::int32_t>(row) - 100;
      words[row] = static_cast<std::uint32_t>(row * 40503u);
      reals[row] = 0.5 * static_cast<double>(row);
    }
    check(bytes);
    check(times);
    check(words);
    check(reals);
    revolve::random::limit_vector_width(before);
  }
}

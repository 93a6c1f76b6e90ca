// Example lives: a few people chosen by a seeded rule, their states recorded as episodes that cover every step,
// the same people for the same seed on any number of threads, and no other result changed.
#include "sim/abm/example_lives.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "sim/abm/analyzers.hpp"
#include "sim/core/error.hpp"
#include "tests/cpp/abm/toy_model.hpp"
#include "tests/cpp/support/threads.hpp"

using namespace revolve;

namespace {

constexpr std::uint32_t steps = 60;

abm::ExampleLivesSpec spec(std::size_t people) {
  return {.name = "lives", .people = people, .columns = {"health", "group"}, .chosen_from = {{"group", {"watched"}}}};
}

/// The illness model with a second column, "group", in which every fifth person is "watched"; the analyzer last,
/// or with `lives_first` before the module that brings the people in.
void build(abm::Run& run, bool with_lives, std::size_t people = 4, bool lives_first = false) {
  if (with_lives && lives_first) run.add<abm::ExampleLives>(spec(people));
  run.add<test::People>(3'000, test::People::States{{"health", {"well", "ill"}}, {"group", {"other", "watched"}}},
                        [](abm::Population& p) {
                          auto group = p.states(p.state("group"));
                          for (std::size_t i = 0; i < group.size(); i += 5) group[i] = 1;
                        });
  run.add<test::TransitionRule>(test::illness_rule());
  run.add<abm::StateCounts>(std::vector<std::string>{"health"});
  if (with_lives && !lives_first) run.add<abm::ExampleLives>(spec(people));
}

abm::Outputs run_once(bool with_lives, std::uint64_t seed = 7, std::size_t people = 4, bool lives_first = false) {
  abm::Run run({seed, 3});
  build(run, with_lives, people, lives_first);
  run.run(steps);
  return std::move(run.outputs());
}

}  // namespace

TEST_CASE("example lives: episodes of each chosen person cover every step of each column, in order") {
  const auto outputs = run_once(true);
  const abm::Table& lives = outputs.tables().at("lives");
  CHECK(lives.header == std::vector<std::string>{"person", "column", "state", "first_step", "last_step"});
  std::map<std::pair<std::string, std::string>, int> next;  // (person, column) -> the next step an episode must start
  for (const auto& row : lives.rows) {
    auto& expected = next.try_emplace({row[0], row[1]}, 1).first->second;
    CHECK(std::stoi(row[3]) == expected);
    CHECK(std::stoi(row[4]) >= std::stoi(row[3]));
    expected = std::stoi(row[4]) + 1;
    if (row[1] == "group") CHECK(row[2] == "watched");  // the rule: only watched people are chosen
    else CHECK((row[2] == "well" || row[2] == "ill" || row[2] == abm::left_state));
  }
  CHECK(next.size() == 4 * 2);  // people A to D, two columns each
  for (const auto& [key, step] : next) CHECK(step == static_cast<int>(steps) + 1);
  CHECK(next.count({"A", "health"}) == 1);
}

TEST_CASE("example lives: the same people for the same seed on any number of threads, others for another seed") {
  const auto one = test::with_threads(1, [] { return run_once(true); });
  const auto four = test::with_threads(4, [] { return run_once(true); });
  CHECK(one.tables().at("lives").rows == four.tables().at("lives").rows);
  CHECK(run_once(true, 8).tables().at("lives").rows != one.tables().at("lives").rows);
}

TEST_CASE("example lives: the same people wherever the analyzer is among the modules") {
  CHECK(run_once(true, 7, 4, true).tables().at("lives").rows == run_once(true).tables().at("lives").rows);
}

TEST_CASE("example lives change no other result") {
  const auto with = run_once(true), without = run_once(false);
  REQUIRE(with.size() == without.size());
  CHECK(std::equal(with.values().begin(), with.values().end(), without.values().begin(), without.values().end()));
  CHECK(without.tables().empty());
}

TEST_CASE("example lives: bad specs and table names are errors") {
  CHECK_THROWS_AS(abm::ExampleLives({.name = "lives", .people = 4, .columns = {}}), Error);
  CHECK_THROWS_AS(abm::ExampleLives({.name = "lives", .people = 27, .columns = {"health"}}), Error);
  abm::Outputs outputs;
  CHECK_THROWS_WITH(outputs.attach("../lives", {}), Catch::Contains("lower-case letters"));
  outputs.attach("lives", {});
  CHECK_THROWS_WITH(outputs.attach("lives", {}), Catch::Contains("attached twice"));
}

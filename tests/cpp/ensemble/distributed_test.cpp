// Work spread over processes: the same results in the same order on rank 0 whatever the number of
// processes (a PSA's units too), and an error on any rank ending every rank. ctest runs this program on its own (one
// process, an MPI singleton when built with MPI) and, when mpirun is found, as 3 processes; every rank
// runs every case, so the collective calls match.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/ensemble/distributed.hpp"
#include "sim/ensemble/psa.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"

using namespace revolve::ensemble;

namespace {

/// Item i's result: i values i, i + 1, ... (item 0's is empty), so results differ in length.
std::vector<double> item_result(std::size_t i) {
  std::vector<double> result;
  for (std::size_t k = 0; k < i; ++k) result.push_back(static_cast<double>(i + k));
  return result;
}

std::vector<double> fails_at(std::size_t i, std::size_t bad) {
  if (i == bad) throw revolve::InputError("item " + std::to_string(i) + " failed");
  return item_result(i);
}

/// The sum of every rank's `here`, on rank 0 (call it on every rank).
double sum_over_processes(double here) {
  const auto shares = run_distributed(
      static_cast<std::size_t>(process_count()), [here](std::size_t) { return std::vector<double>{here}; }, 1);
  double sum = 0;
  for (const auto& s : shares) sum += s.at(0);
  return sum;
}

}  // namespace

TEST_CASE("rank 0 receives every item's result in item order, the other ranks receive none") {
  REQUIRE(process_rank() < process_count());
  for (const std::size_t items : {0, 2, 10}) {
    INFO(items << " items on " << process_count() << " processes");
    for (const std::size_t per_rank : {0, 1, 3}) {
      const auto results = run_distributed(items, item_result, per_rank);
      if (is_root_process()) {
        REQUIRE(results.size() == items);
        for (std::size_t i = 0; i < items; ++i) CHECK(results[i] == item_result(i));
      } else {
        CHECK(results.empty());
      }
    }
  }
}

TEST_CASE("each item is computed once, by the rank whose block of the round holds it") {
  // Blocks of 2: with K ranks, item i runs on rank (i mod 2K) / 2.
  std::mutex mutex;
  std::vector<std::size_t> computed;
  run_distributed(
      11,
      [&](std::size_t i) {
        const std::lock_guard lock(mutex);
        computed.push_back(i);
        return std::vector<double>{};
      },
      [](std::size_t, std::vector<double>) {}, 2);
  std::sort(computed.begin(), computed.end());
  const auto k = static_cast<std::size_t>(process_count());
  std::vector<std::size_t> expected;
  for (std::size_t i = 0; i < 11; ++i) {
    if ((i % (2 * k)) / 2 == static_cast<std::size_t>(process_rank())) expected.push_back(i);
  }
  CHECK(computed == expected);
  CHECK(items_here(11, 2) == expected.size());
  // By default a block is as many items as rank 0 has threads: every item is still counted once.
  const double total = sum_over_processes(static_cast<double>(items_here(11)));
  if (is_root_process()) CHECK(total == 11);
}

TEST_CASE("an item's error ends every rank with the lowest failing item's message") {
  // One item per rank and round: item 4 runs on rank 1 of 3, and items 4 and 5 fail in the same round;
  // item 4's message wins.
  const auto compute = [](std::size_t i) {
    if (i == 5) throw revolve::Error("item 5 failed too");
    return fails_at(i, 4);
  };
  std::vector<std::size_t> consumed;
  const auto consume = [&consumed](std::size_t i, std::vector<double>) { consumed.push_back(i); };
  CHECK_THROWS_WITH(run_distributed(9, compute, consume, 1), "item 4 failed");
  if (is_root_process()) CHECK(consumed == std::vector<std::size_t>{0, 1, 2, 3});
  // The rank that ran the item keeps its exception's type.
  if (process_rank() == 4 % process_count())
    CHECK_THROWS_AS(run_distributed(9, compute, consume, 1), revolve::InputError);
  else
    CHECK_THROWS_AS(run_distributed(9, compute, consume, 1), revolve::Error);
  // Several items at once on each rank: still the lowest failing item's message.
  CHECK_THROWS_WITH(run_distributed(9, compute, consume, 4), "item 4 failed");
}

TEST_CASE("an error in rank 0's consumer ends every rank with its message") {
  const auto consume = [](std::size_t i, std::vector<double>) {
    if (i == 2) throw revolve::Error("cannot write item 2");
  };
  CHECK_THROWS_WITH(run_distributed(6, item_result, consume), "cannot write item 2");
  // Later work runs normally: nothing is left half-way on any rank.
  const auto results = run_distributed(3, item_result);
  if (is_root_process()) CHECK(results.size() == 3);
}

TEST_CASE("a failure on one process only, before or around the work, ends every process with its message") {
  const int last = process_count() - 1;
  int calls = 0;
  CHECK_THROWS_WITH(on_every_process([&] {
                      ++calls;
                      if (process_rank() == last) throw revolve::InputError("cannot read the scenario on the last node");
                    }),
                    "cannot read the scenario on the last node");
  CHECK(calls == 1);  // once on every process
  CHECK_THROWS_WITH(on_root([] {
                      if (!is_root_process()) throw revolve::Error("on_root ran on another rank");
                      throw revolve::Error("the output folder is not revolve's");
                    }),
                    "the output folder is not revolve's");
  CHECK_NOTHROW(on_root([] {}));
}

TEST_CASE("a PSA over the processes gathers on rank 0 each unit's totals, in draw order") {
  const auto model = std::make_shared<revolve::test::ToyModel>();
  std::vector<revolve::io::Scenario> scenarios(2);
  for (auto& s : scenarios) {
    s.model = "toy";
    s.horizon_years = 1;
    s.population_scale = 0.05;
  }
  scenarios[0].label = "Baseline";
  scenarios[1].label = "Cheaper outreach";
  scenarios[1].parameters = {{"toy.outreach_cost", 60, "", {"test", 1}}};
  const PsaPlan plan{model, scenarios, Design(*model->schema().parameters, DesignKind::lhs, 5, 7), 2, 7};
  // Each rank's progress counts its own share of the units: every unit once.
  PsaSettings settings;
  settings.draws = 5;
  settings.runs = 2;
  settings.point_runs = 3;
  const std::vector<std::shared_ptr<const PreparedScenario>> prepared = {model->prepare(scenarios[0]),
                                                                         model->prepare(scenarios[1])};
  const double steps = sum_over_processes(static_cast<double>(psa_steps_here(model, prepared, settings)));
  if (is_root_process()) CHECK(steps == static_cast<double>(psa_steps(model, prepared, settings)));

  const PsaResults results = run_psa(plan);
  if (!is_root_process()) {
    CHECK(results.totals.empty());
    return;
  }
  REQUIRE(results.totals.size() == 2);
  CHECK(results.held[1] == std::set<std::string>{"toy.outreach_cost"});
  for (std::size_t s = 0; s < 2; ++s) {
    // Run by run and value by value, as one process computes each unit on its own.
    const auto& gathered = results.totals[s];
    REQUIRE(gathered.runs() == 5 * 2);
    for (std::uint32_t draw = 0; draw < 5; ++draw) {
      const auto unit = run_unit(plan, draw, s);
      for (std::uint32_t r = 0; r < unit.runs(); ++r) {
        for (std::size_t p = 0; p < unit.periods().size(); ++p) {
          for (std::size_t c = 0; c < unit.measures().size(); ++c) {
            CHECK(gathered.value(draw * 2 + r, p, c) == unit.value(r, p, c));
          }
        }
      }
    }
  }
}

int main(int argc, char** argv) {
  Processes processes;
  return Catch::Session().run(argc, argv);
}

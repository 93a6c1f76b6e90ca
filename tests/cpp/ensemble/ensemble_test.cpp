// Ensembles: parallel over runs and people, reduced in run order, in bounded memory.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>

#include "sim/abm/analyzers.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "tests/cpp/abm/toy_model.hpp"
#include "tests/cpp/support/threads.hpp"

using namespace revolve;

namespace {

std::atomic<int> live_runs{0}, peak_live_runs{0};

/// Counts the runs that exist at the same time (a run holds its modules until it is reduced).
class LiveRunCounter : public abm::Module {
 public:
  LiveRunCounter() {
    const int now = ++live_runs;
    int peak = peak_live_runs.load();
    while (now > peak && !peak_live_runs.compare_exchange_weak(peak, now)) {
    }
  }
  ~LiveRunCounter() override { --live_runs; }
};

void build(abm::Run& run) {
  test::add_illness_model(run, 3'000);
  run.add<abm::StateCounts>(std::vector<std::string>{"health"});
  run.add<abm::EventCounts>(std::vector<std::string>{"died"});
}

ensemble::EnsembleOptions options(std::uint32_t runs) {
  ensemble::EnsembleOptions o;
  o.runs = runs;
  o.steps = 30;
  o.seed = 17;
  o.quantiles = {0.1, 0.9};
  return o;
}

/// Every number of a summary, for comparing two summaries exactly.
std::vector<double> everything(const ensemble::Summary& s) {
  std::vector<double> out;
  for (std::size_t r = 0; r < s.rows(); ++r) {
    for (std::size_t o = 0; o < s.names().size(); ++o) {
      out.push_back(s.mean(r, o));
      out.push_back(s.sd(r, o));
      for (std::size_t q = 0; q < s.quantiles().size(); ++q) out.push_back(s.quantile(q, r, o));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("an ensemble's summary is identical on 1, 2 and 8 threads and for any number of runs in flight") {
  const auto reference = test::with_threads(1, [] { return ensemble::run_ensemble(build, options(12)); });
  REQUIRE(reference.runs() == 12);
  REQUIRE(reference.rows() == 30);
  CHECK(reference.sd(29, 0) > 0);
  for (int threads : {1, 2, 8}) {
    for (std::size_t in_flight : {1u, 3u, 0u}) {
      INFO(threads << " threads, " << in_flight << " runs in flight");
      auto o = options(12);
      o.max_runs_in_flight = in_flight;
      CHECK(everything(test::with_threads(threads, [&] { return ensemble::run_ensemble(build, o); })) ==
            everything(reference));
    }
  }
}

TEST_CASE("the mean over an ensemble is the mean of its runs taken one by one") {
  const auto o = options(4);
  const auto summary = ensemble::run_ensemble(build, o);
  const abm::Output ill = abm::Output{static_cast<std::uint32_t>(
      std::find(summary.names().begin(), summary.names().end(), "health.ill") - summary.names().begin())};
  double total = 0;
  for (std::uint32_t r = 0; r < 4; ++r) total += ensemble::run_one(build, o, r).at(29, ill);
  CHECK(summary.mean(29, ill.index) == Approx(total / 4));
}

TEST_CASE("no more than max_runs_in_flight runs exist at once, whatever the number of runs") {
  auto o = options(40);
  o.max_runs_in_flight = 3;
  peak_live_runs = 0;
  test::with_threads(8, [&] {
    return ensemble::run_ensemble(
        [](abm::Run& run) {
          build(run);
          run.add<LiveRunCounter>();
        },
        o);
  });
  CHECK(peak_live_runs.load() <= 3);
  CHECK(peak_live_runs.load() >= 2);  // runs did overlap: the bound is what held them back
  CHECK(live_runs.load() == 0);
}

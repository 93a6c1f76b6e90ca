// A run: parallel blocks, counters, entries and exits, and results that depend on the seed only.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/abm/analyzers.hpp"
#include "sim/random/stream.hpp"
#include "tests/cpp/abm/toy_model.hpp"
#include "tests/cpp/support/threads.hpp"

using namespace revolve;

namespace {

/// New people arrive each step: Poisson(mean) of them, drawn from the "arrivals" stream.
class Arrivals : public abm::Module {
 public:
  explicit Arrivals(double mean) : mean_(mean) {}
  PhaseSet phases() const override { return {Phase::exits_and_entries}; }
  void declare(abm::Run& run) override { arrivals_ = run.counters().add("arrivals"); }
  void init(abm::Run& run) override { stream_ = run.stream("arrivals"); }
  void step(Phase, abm::Run& run) override {
    const std::uint32_t n = random::poisson(mean_, stream_.uniform(run.key().run, 0, run.clock().step()), 0.5);
    run.population().add_people(n);
    run.counters().add_to(arrivals_, n);
  }

 private:
  double mean_;
  abm::Counter arrivals_;
  random::Stream stream_;
};

/// An analyzer with its own random stream: each step it audits a random tenth of the people.
class Audit : public abm::Module {
 public:
  void declare(abm::Run& run) override { audited_ = run.outputs().add("audit.ill"); }
  void init(abm::Run& run) override {
    stream_ = run.stream("audit.sample");
    health_ = run.population().state("health");
  }
  void record(abm::Run& run) override {
    const auto& p = run.population();
    double ill = 0;
    for (abm::PersonId i = 0; i < p.size(); ++i) {
      if (stream_.grouped_uniform(run.key().run, i, run.clock().step()) < 0.1) ill += p.alive()[i] && p.states(health_)[i];
    }
    run.outputs().set(audited_, ill);
  }

 private:
  abm::Output audited_;
  abm::StateColumn health_;
  random::Stream stream_;
};

/// The illness model with arrivals, recording health counts and events.
void build(abm::Run& run, bool with_audit = false) {
  test::add_illness_model(run, 5'000);
  run.add<Arrivals>(20.0);
  run.add<abm::StateCounts>(std::vector<std::string>{"health"});
  run.add<abm::EventCounts>(std::vector<std::string>{"died", "arrivals"});
  if (with_audit) run.add<Audit>();
}

abm::Outputs run_illness(std::uint64_t seed, int threads, bool with_audit = false) {
  return test::with_threads(threads, [&] {
    abm::Run run({seed, 3});
    build(run, with_audit);
    run.run(40);
    return std::move(run.outputs());
  });
}

std::vector<double> column(const abm::Outputs& o, const std::string& name) {
  std::vector<double> out;
  for (std::size_t r = 0; r < o.rows(); ++r) out.push_back(o.at(r, o.find(name)));
  return out;
}

}  // namespace

TEST_CASE("block counts add up to the step's totals, whatever the population's size") {
  /// Counts every person it is handed, block by block.
  class CountEveryone : public abm::Module {
   public:
    PhaseSet phases() const override { return {Phase::transitions}; }
    void declare(abm::Run& run) override { seen_ = run.counters().add("seen"); }
    void step(Phase, abm::Run& run) override {
      run.for_each_block([&](abm::PersonId first, abm::PersonId last, abm::BlockCounts& counts) {
        counts.add(seen_, last - first);
      });
    }

   private:
    abm::Counter seen_;
  };
  for (std::size_t people : {0u, 1u, 1023u, 1024u, 5000u}) {
    abm::Run run({1, 0});
    run.add<test::People>(people, test::People::States{});
    run.add<CountEveryone>();
    run.start();
    run.step();
    CHECK(run.counters().total(run.counters().find("seen")) == static_cast<std::int64_t>(people));
  }
}

TEST_CASE("a run gives identical outputs on 1, 2 and 8 threads, and when repeated") {
  const abm::Outputs one = run_illness(5, 1);
  REQUIRE(one.rows() == 40);
  CHECK(column(one, "died") != std::vector<double>(40, column(one, "died")[0]));  // something random happens
  const auto values = [](const abm::Outputs& o) { return std::vector(o.values().begin(), o.values().end()); };
  for (int threads : {1, 2, 8}) {
    INFO(threads << " threads");
    CHECK(values(run_illness(5, threads)) == values(one));
  }
  CHECK(column(run_illness(6, 2), "health.ill") != column(one, "health.ill"));  // the seed matters
}

TEST_CASE("adding an analyzer that draws its own random numbers changes no other output") {
  const abm::Outputs plain = run_illness(9, 2);
  const abm::Outputs audited = run_illness(9, 2, true);
  REQUIRE(audited.size() == plain.size() + 1);
  for (const auto& name : plain.names()) {
    INFO(name);
    CHECK(column(audited, name) == column(plain, name));
  }
  CHECK(column(audited, "audit.ill")[0] > 0);
}

TEST_CASE("people in all states plus exits equal the initial population plus entries, every step") {
  const abm::Outputs o = run_illness(11, 2);
  double exits = 0, entries = 0;
  for (std::size_t r = 0; r < o.rows(); ++r) {
    exits += o.at(r, o.find("died"));
    entries += o.at(r, o.find("arrivals"));
    const double present = o.at(r, o.find("health.well")) + o.at(r, o.find("health.ill"));
    INFO("step " << r + 1);
    CHECK(present + exits == 5'000 + entries);
  }
  CHECK(exits > 0);
  CHECK(entries > 0);
}

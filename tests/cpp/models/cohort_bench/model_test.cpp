// The cohort_bench model: its outputs, reproducible files, and common random numbers.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/cohort_bench/cohort_bench.hpp"
#include "models/cohort_bench/exact_chain.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "sim/ensemble/summary_csv.hpp"
#include "tests/cpp/support/threads.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Writes the files of `revolve bench cohort --out` for a small ensemble on `threads` threads.
std::string mean_csv(int threads, const std::filesystem::path& dir) {
  ensemble::EnsembleOptions o;
  o.runs = 4;
  o.steps = 30;
  o.seed = 2024;
  const auto summary = test::with_threads(threads, [&] {
    return ensemble::run_ensemble([](abm::Run& run) { cohort_bench::add_cohort_bench(run, 5'000); }, o);
  });
  ensemble::write_summary_csv(dir / "mean.csv", summary);
  return read(dir / "mean.csv");
}

/// Records every person's joint state (or dead) at the end of every step.
class Trajectories : public abm::Module {
 public:
  explicit Trajectories(std::vector<std::vector<int>>& out) : out_(out) {}
  void init(abm::Run& run) override {
    const auto& p = run.population();
    columns_ = {p.state("housing"), p.state("justice"), p.state("mh")};
    out_.assign(p.size(), {});
  }
  void record(abm::Run& run) override {
    const auto& p = run.population();
    for (abm::PersonId i = 0; i < p.size(); ++i) {
      const cohort_bench::PersonState s{p.states(columns_[0])[i], p.states(columns_[1])[i], p.states(columns_[2])[i]};
      out_[i].push_back(p.alive()[i] ? static_cast<int>(s.index()) : -1);
    }
  }

 private:
  std::vector<std::vector<int>>& out_;
  std::vector<abm::StateColumn> columns_;
};

std::vector<std::vector<int>> trajectories(std::uint64_t seed, const cohort_bench::Parameters& parameters) {
  std::vector<std::vector<int>> out;
  abm::Run run({seed, 0});
  cohort_bench::add_cohort_bench(run, 4'000, parameters);
  run.add<Trajectories>(out);
  run.run(52);
  return out;
}

bool ever_inpatient(const std::vector<int>& trajectory) {
  for (int s : trajectory) {
    if (s >= 0 && cohort_bench::PersonState::from_index(static_cast<std::size_t>(s)).is(cohort_bench::Mental::inpatient)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the outputs are the ones the issue names, in its order") {
  const std::vector<std::string> issue = {
      "housing.rough", "housing.temporary", "housing.supported", "housing.settled", "justice.community",
      "justice.custody", "justice.licence", "mh.stable", "mh.crisis", "mh.inpatient",
      "deaths", "recalls", "releases", "ae_attendances"};
  CHECK(cohort_bench::output_names() == issue);
  abm::Run run({1, 0});
  cohort_bench::add_cohort_bench(run, 10);
  run.run(1);
  CHECK(run.outputs().names() == issue);
  CHECK(cohort_bench::expected_outputs({}, 10, 1).names() == issue);
}

TEST_CASE("mean.csv is byte-identical for 1, 2 and 8 threads and across repeated runs") {
  const test::TempFolder folder("revolve_cohort_bench_model_test");
  const auto& dir = folder.path();
  const std::string reference = mean_csv(1, dir);
  CHECK(reference.rfind("step,output,mean,sd\n1,housing.rough,", 0) == 0);
  for (int threads : {1, 2, 8}) {
    INFO(threads << " threads");
    CHECK(mean_csv(threads, dir) == reference);
  }
}

TEST_CASE("two scenarios with one seed share their random numbers where they do not differ") {
  // Scenario B changes only discharge from inpatient care. Anyone never an inpatient in A
  // meets the same draws in B at every step, so lives exactly the same weeks.
  cohort_bench::Parameters b;
  b.discharge = 0.5;
  const auto in_a = trajectories(3, {}), in_b = trajectories(3, b);
  std::size_t never_inpatient = 0, differ_after_inpatient = 0;
  for (std::size_t i = 0; i < in_a.size(); ++i) {
    if (ever_inpatient(in_a[i])) {
      differ_after_inpatient += in_a[i] != in_b[i];
      continue;
    }
    ++never_inpatient;
    INFO("person " << i);
    REQUIRE(in_a[i] == in_b[i]);
  }
  CHECK(never_inpatient > in_a.size() / 2);
  CHECK(differ_after_inpatient > 0);  // the change did change something
  // With another seed, the same people live other lives: sharing came from the seed.
  CHECK(trajectories(4, {}) != in_a);
}

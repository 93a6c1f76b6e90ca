// revolve bench cohort: the agent-based benchmark of tests/data/bench/cohort_bench.md. Prints one
// JSON line of figures; with --out also writes the ensemble means and the exact expectation.
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include "apps/revolve/commands.hpp"
#include "apps/revolve/progress_bar.hpp"
#include "models/cohort_bench/cohort_bench.hpp"
#include "models/cohort_bench/exact_chain.hpp"
#include "sim/core/atomic_folder.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "sim/ensemble/summary_csv.hpp"

namespace revolve::cli {
namespace {

struct BenchCohortOptions {
  std::size_t agents = 1'000'000;
  std::uint32_t steps = 520;
  int threads = 0;  // 0: every core
  std::uint32_t runs = 1;
  std::uint64_t seed = 1;
  std::string out;
  bool force = false;
};

/// Peak resident memory of this process so far [MB = 10^6 bytes].
double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0 / 1e6;  // ru_maxrss is in KiB on Linux
}

void run_bench_cohort(const BenchCohortOptions& o) {
  const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
  // global_control lifts TBB's default limit of one thread per core (so 8 threads run on 2 cores);
  // the arena is where the ensemble runs.
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  if (!o.out.empty()) check_output_folder(o.out, o.force);  // before the runs, not after them

  ensemble::EnsembleOptions options;
  options.runs = o.runs;
  options.steps = o.steps;
  options.seed = o.seed;
  ProgressBar progress(static_cast<std::uint64_t>(o.runs) * o.steps);
  options.on_step = [&progress] { progress.tick(); };
  const auto build = [&](abm::Run& run) { cohort_bench::add_cohort_bench(run, o.agents); };

  const auto start = std::chrono::steady_clock::now();
  const ensemble::Summary summary = arena.execute([&] { return ensemble::run_ensemble(build, options); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.finish();

  if (!o.out.empty()) {
    AtomicFolder dir(o.out, o.force);
    ensemble::write_summary_csv(dir.path() / "mean.csv", summary);
    const auto exact = cohort_bench::expected_outputs({}, static_cast<double>(o.agents), o.steps);
    ensemble::write_outputs_csv(dir.path() / "exact.csv", exact, "expected");
    dir.commit();
  }

  nlohmann::ordered_json line;
  line["agents"] = o.agents;
  line["steps"] = o.steps;
  line["threads"] = threads;
  line["runs"] = o.runs;
  line["seconds"] = seconds;
  line["agent_steps_per_second"] = static_cast<double>(o.agents) * o.steps * o.runs / seconds;
  line["peak_rss_mb"] = peak_rss_mb();
  std::cout << line.dump() << std::endl;
}

}  // namespace

void add_bench_command(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Benchmarks of the engines (figures go in bench/RESULTS.md)");
  bench->require_subcommand(1);
  auto options = std::make_shared<BenchCohortOptions>();
  auto* cohort = bench->add_subcommand(
      "cohort", "The agent-based cohort_bench model: prints one JSON line of figures; with --out writes "
                "DIR/mean.csv (ensemble mean and sd per step and output) and DIR/exact.csv (exact expectation)");
  cohort->add_option("--agents", options->agents, "People in the cohort")->capture_default_str()->check(whole_number(1));
  cohort->add_option("--steps", options->steps, "Steps (weeks)")->capture_default_str()->check(whole_number(1));
  cohort->add_option("--threads", options->threads, "Threads (default: every core)")->check(whole_number(1));
  cohort->add_option("--runs", options->runs, "Runs in the ensemble")->capture_default_str()->check(whole_number(1));
  cohort->add_option("--seed", options->seed, "Seed of the random streams")->capture_default_str();
  cohort->add_option("--out", options->out, std::string("Folder for mean.csv and exact.csv. ") + out_help);
  cohort->add_flag("--force", options->force, force_help);
  cohort->callback([options] { run_bench_cohort(*options); });
}

}  // namespace revolve::cli

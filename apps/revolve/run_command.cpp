// revolve run SCENARIO and revolve compare BASELINE ALTERNATIVE...: run scenarios as ensembles and
// write their results, atomically, with a manifest that lets every figure be reproduced.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

#include "apps/revolve/commands.hpp"
#include "apps/revolve/interrupts.hpp"
#include "apps/revolve/progress_bar.hpp"
#include "apps/revolve/summary_table.hpp"
#include "models/scenario_models.hpp"
#include "sim/core/atomic_folder.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/results_files.hpp"
#include "sim/io/scenario.hpp"

namespace revolve::cli {
namespace {

struct RunSettings {
  std::vector<std::string> scenario_files;
  std::string out;
  int runs = 0;            // 0: the (baseline) scenario's own
  std::int64_t seed = -1;  // -1: the (baseline) scenario's own
  int threads = 0;         // 0: every core
  bool force = false;      // replace an output folder revolve did not write
  bool unmatched_cohorts = false;  // compare: entry cohorts against the baseline's own entrants, not matched
  std::string command;     // for the manifest
};

struct Prepared {
  std::vector<std::shared_ptr<const ensemble::PreparedScenario>> scenarios;
  std::uint32_t runs = 0;
  std::uint64_t seed = 0;
};

Prepared prepare_all(const RunSettings& settings) {
  Prepared out;
  for (const auto& file : settings.scenario_files) {
    const io::Scenario scenario = io::parse_scenario(file);
    out.scenarios.push_back(models::scenario_model(scenario.model)->prepare(scenario));
  }
  const io::Scenario& baseline = out.scenarios.front()->scenario();
  std::vector<const io::Scenario*> scenarios;
  for (const auto& s : out.scenarios) scenarios.push_back(&s->scenario());
  ensemble::check_distinct_labels(scenarios);
  for (const auto& s : out.scenarios) {
    if (s->steps() != out.scenarios.front()->steps()) {
      throw ScenarioError(s->scenario().file.string() + ": horizon_years " + std::to_string(s->scenario().horizon_years) +
                          " differs from the baseline's " + std::to_string(baseline.horizon_years) +
                          ": a comparison needs one horizon");
    }
  }
  out.runs = static_cast<std::uint32_t>(settings.runs > 0 ? settings.runs : baseline.runs);
  out.seed = settings.seed >= 0 ? static_cast<std::uint64_t>(settings.seed) : baseline.seed;
  return out;
}

/// Every run of the scenarios: one scenario's, or a comparison's (with the baseline following each alternative's
/// entrants, ensemble::run_comparison). Warns when an alternative's entrants cannot be matched by person.
std::vector<ensemble::ScenarioResults> run_all(const Prepared& prepared, bool match_entrants) {
  ProgressBar progress(ensemble::comparison_steps(prepared.scenarios, prepared.runs, match_entrants));
  ensemble::ScenarioRunOptions options;
  options.runs = prepared.runs;
  options.seed = prepared.seed;
  options.on_step = [&progress] {
    stop_if_interrupted();
    progress.tick();
  };
  auto results = ensemble::run_comparison(prepared.scenarios, options, {}, match_entrants);
  progress.finish();
  for (const auto& r : results) {
    if (match_entrants && !r.entry_match_note.empty()) std::cerr << "note: " << r.entry_match_note << '\n';
  }
  return results;
}

int effective_threads(int requested) {
  return requested > 0 ? requested : tbb::info::default_concurrency();
}

void run_scenarios(const RunSettings& settings, bool compare) {
  using clock = std::chrono::steady_clock;
  // Under mpirun every process would run every run and write the same folder; psa shares its draws instead.
  run_in_one_process(compare ? "compare" : "run", "its runs are not shared among processes (revolve psa and sensitivity are)");
  const auto start = clock::now();
  const int threads = effective_threads(settings.threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const Prepared prepared = prepare_all(settings);
  check_output_folder(settings.out, settings.force);  // before the runs, not after them
  const auto results = run_all(prepared, !settings.unmatched_cohorts);
  std::vector<const ensemble::ScenarioResults*> all;
  for (const auto& r : results) all.push_back(&r);
  const auto manifest = ensemble::run_manifest(all, settings.command, prepared.runs, prepared.seed, threads);
  ensemble::save_results(settings.out, all, manifest, compare, settings.force);
  std::cout << (compare ? comparison_summary(all) : scenario_summary(results.front())) << '\n';
  std::cerr << runs_warning(prepared.runs);
  const double seconds = std::chrono::duration<double>(clock::now() - start).count();
  std::cout << "wrote " << settings.out << " (" << prepared.runs << " runs x " << results.size()
            << " scenario" << (results.size() == 1 ? "" : "s") << ", seed " << prepared.seed << ", " << threads
            << " threads, " << std::fixed << std::setprecision(1) << seconds << " s)\n";
}

void add_common_options(CLI::App* cmd, RunSettings& s) {
  cmd->add_option("--runs", s.runs, "Runs per scenario (default: the scenario's own)")
      ->check(whole_number(1, static_cast<long long>(io::limits::runs)));
  cmd->add_option("--seed", s.seed, "Seed of the random streams (default: the scenario's own)")
      ->check(whole_number(0));
  cmd->add_option("--threads", s.threads, "Worker threads (default: every core)")->check(whole_number(1));
  cmd->add_flag("--force", s.force, force_help);
}

std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) out += (i ? " " : "") + std::string(argv[i]);
  return out;
}

}  // namespace

void add_run_commands(CLI::App& app, int argc, char** argv) {
  auto settings = std::make_shared<RunSettings>();
  settings->command = command_line(argc, argv);

  auto* run = app.add_subcommand("run", "Run one scenario as an ensemble and write its results to DIR:\n"
                                        "results.csv (per-step statistics), summary.csv (per year and horizon, "
                                        "by group, with 90% intervals), manifest.json");
  run->add_option("SCENARIO", settings->scenario_files, "Scenario file (.yaml)")
      ->required()
      ->expected(1)
      ->check(CLI::ExistingFile);
  run->add_option("--out", settings->out, out_help)->required();
  add_common_options(run, *settings);
  run->callback([settings] {
    catch_interrupts();
    run_scenarios(*settings, false);
  });

  auto* compare = app.add_subcommand(
      "compare", "Run a baseline and alternatives with the same seeds (paired by common random numbers) and write "
                 "DIR/comparison.csv, each scenario's files in DIR/<scenario>/, and DIR/manifest.json");
  compare->add_option("SCENARIOS", settings->scenario_files, "Baseline scenario, then one or more alternatives")
      ->required()
      ->expected(2, 100)
      ->check(CLI::ExistingFile);
  compare->add_option("--out", settings->out, out_help)->required();
  add_common_options(compare, *settings);
  compare->add_flag("--unmatched-cohorts", settings->unmatched_cohorts,
                    "Set each alternative's entry cohorts (entry_cohort_52w.*) against the baseline's own entrants "
                    "instead of the same people followed in the baseline: faster (no extra baseline ensemble), but the "
                    "difference is then between different people, not intention to treat");
  compare->callback([settings] {
    catch_interrupts();
    run_scenarios(*settings, true);
  });
}

}  // namespace revolve::cli

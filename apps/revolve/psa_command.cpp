// revolve psa BASELINE [ALTERNATIVE...]: probabilistic sensitivity analysis. The scenarios run as a comparison at
// their point values (chance only) and under every draw of the parameters' uncertainty (chance and parameters);
// the output folder holds both kinds of interval side by side, the draws and the cost-effectiveness results.
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
#include "sim/ensemble/distributed.hpp"
#include "sim/ensemble/psa_files.hpp"
#include "sim/ensemble/results_files.hpp"
#include "sim/io/scenario.hpp"

namespace revolve::cli {
namespace {

struct PsaCommand {
  std::vector<std::string> scenario_files;
  std::string out;
  int draws = 0;
  int runs = 1;
  int point_runs = 0;      // 0: the baseline scenario's runs
  std::int64_t seed = -1;  // -1: the baseline scenario's seed
  std::string design = "lhs";
  std::string cost = "cost_discounted.total";
  std::string outcome = "person_weeks.rough_sleeping";
  double wtp_max = 0;
  int threads = 0;     // 0: every core
  bool force = false;  // replace an output folder revolve did not write
  bool unmatched_cohorts = false;
  std::string command;
};

using Prepared = std::vector<std::shared_ptr<const ensemble::PreparedScenario>>;

/// Every scenario prepared at its point values, each with a label (and folder) of its own.
Prepared prepare_all(const std::vector<std::string>& files) {
  Prepared out;
  std::vector<const io::Scenario*> scenarios;
  for (const auto& file : files) {
    const io::Scenario scenario = io::parse_scenario(file);
    out.push_back(models::scenario_model(scenario.model)->prepare(scenario));
    scenarios.push_back(&out.back()->scenario());
  }
  ensemble::check_distinct_labels(scenarios);
  return out;
}

ensemble::PsaSettings settings_of(const PsaCommand& c, const io::Scenario& baseline) {
  ensemble::PsaSettings s;
  s.draws = static_cast<std::uint32_t>(c.draws);
  s.runs = static_cast<std::uint32_t>(c.runs);
  s.point_runs = static_cast<std::uint32_t>(c.point_runs > 0 ? c.point_runs : baseline.runs);
  s.seed = c.seed >= 0 ? static_cast<std::uint64_t>(c.seed) : baseline.seed;
  s.design = *ensemble::parse_design_kind(c.design);
  s.cost = c.cost;
  s.outcome = c.outcome;
  s.wtp_max = c.wtp_max;
  s.match_entrants = !c.unmatched_cohorts;
  return s;
}

void run_psa_command(const PsaCommand& command) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const int threads = command.threads > 0 ? command.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  // Under mpirun the draws are shared among the processes (distributed.hpp); rank 0 alone writes and prints.
  ensemble::start_processes();
  const bool root = ensemble::is_root_process();
  Prepared prepared;
  ensemble::on_every_process([&] { prepared = prepare_all(command.scenario_files); });
  const io::Scenario& baseline = prepared.front()->scenario();
  const auto settings = settings_of(command, baseline);
  ensemble::on_root([&] { check_output_folder(command.out, command.force); });  // before the runs, not after
  // Rank 0's bar counts its own steps: the point runs and its share of the draws.
  const auto model = models::scenario_model(baseline.model);
  const std::uint64_t steps_here = ensemble::psa_steps_here(model, prepared, settings);
  ProgressBar progress(root ? steps_here : 0);
  const auto psa = ensemble::run_psa_comparison(model, prepared, settings, [&progress] {
    stop_if_interrupted();
    progress.tick();
  });
  progress.finish();
  if (!root) return;
  for (const auto& note : psa.psa.entry_notes) {
    if (!note.empty()) std::cerr << "note: " << note << '\n';
  }
  nlohmann::json manifest = ensemble::psa_manifest(psa, command.command, threads);
  manifest["processes"] = ensemble::process_count();
  ensemble::save_psa(command.out, psa, manifest, command.force);
  std::cout << psa_summary(psa) << '\n';
  std::cerr << runs_warning(settings.point_runs, "--point-runs")
            << runs_warning(settings.draws * settings.runs, "--draws", settings.runs);
  const double seconds = std::chrono::duration<double>(clock::now() - start).count();
  std::cout << "wrote " << command.out << " (" << settings.draws << " draws x " << settings.runs << " run"
            << (settings.runs == 1 ? "" : "s") << " and " << settings.point_runs << " runs at the point values, x "
            << prepared.size() << " scenario" << (prepared.size() == 1 ? "" : "s") << ", " << to_string(settings.design)
            << " design, seed " << settings.seed << ", " << threads << " threads, " << std::fixed
            << std::setprecision(1) << seconds << " s)\n";
}

}  // namespace

void add_psa_command(CLI::App& app, int argc, char** argv) {
  auto command = std::make_shared<PsaCommand>();
  for (int i = 0; i < argc; ++i) command->command += (i ? " " : "") + std::string(argv[i]);
  auto* psa = app.add_subcommand(
      "psa", "Probabilistic sensitivity analysis: run the scenarios at their point values and under N draws of the "
             "uncertain parameters, and write DIR/comparison.csv with 'chance only' and 'chance and parameters' "
             "intervals side by side, DIR/draws.csv, DIR/cost_effectiveness.csv, DIR/ceac.csv, each scenario's files "
             "and DIR/manifest.json (docs/uncertainty.md). Under `mpirun -n K` the draws are shared among the K "
             "processes and the files are the same as one process writes");
  psa->add_option("SCENARIOS", command->scenario_files, "Baseline scenario, then the alternatives")
      ->required()
      ->expected(1, 100)
      ->check(CLI::ExistingFile);
  psa->add_option("--draws", command->draws, "Parameter draws")->required()->check(whole_number(1));
  psa->add_option("--runs", command->runs, "Runs of each scenario under each draw (default: 1)")->check(whole_number(1));
  psa->add_option("--point-runs", command->point_runs,
                  "Runs at the point values, for the 'chance only' intervals (default: the baseline's runs)")
      ->check(whole_number(1));
  psa->add_option("--seed", command->seed, "Seed of the design and of the runs (default: the baseline's)")
      ->check(whole_number(0));
  psa->add_option("--design", command->design, "How draws are spread: lhs (Latin hypercube, default) or sobol")
      ->check(CLI::IsMember({"lhs", "sobol"}));
  psa->add_option("--cost", command->cost, "Cost measure for cost-effectiveness (default: cost_discounted.total)");
  psa->add_option("--outcome", command->outcome,
                  "Outcome measure for cost-effectiveness (default: person_weeks.rough_sleeping)");
  psa->add_option("--wtp-max", command->wtp_max,
                  "Highest willingness to pay per unit of outcome gained on the acceptability curves [GBP] "
                  "(default: twice the largest incremental ratio, rounded up)")
      ->check(CLI::PositiveNumber);
  psa->add_option("--threads", command->threads, "Worker threads per process (default: every core)")->check(whole_number(1));
  psa->add_option("--out", command->out, out_help)->required();
  psa->add_flag("--force", command->force, force_help);
  psa->add_flag("--unmatched-cohorts", command->unmatched_cohorts,
                "Set each alternative's entry cohorts (entry_cohort_52w.*) against the baseline's own entrants "
                "instead of the same people followed in the baseline of each draw: faster (no extra baseline run "
                "per draw), but the difference is then between different people, not intention to treat");
  psa->callback([command] {
    catch_interrupts();
    run_psa_command(*command);
  });
}

}  // namespace revolve::cli

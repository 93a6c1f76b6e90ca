// revolve sensitivity SCENARIO [--compare BASELINE] --method morris|sobol --measure M --out DIR: which
// uncertain parameters move an outcome (or a difference between scenarios) most. Runs over the processes
// of `mpirun -n K` when there are several; only rank 0 prints and writes.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

#include "apps/revolve/commands.hpp"
#include "apps/revolve/interrupts.hpp"
#include "apps/revolve/progress_bar.hpp"
#include "models/scenario_models.hpp"
#include "sim/core/atomic_folder.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/distributed.hpp"
#include "sim/ensemble/sensitivity_files.hpp"
#include "sim/io/scenario.hpp"

namespace revolve::cli {
namespace {

struct SensitivityCommand {
  std::string scenario_file, baseline_file, out, method = "morris";
  ensemble::SensitivitySettings settings;
  std::int64_t seed = -1;  // -1: the scenario's own
  int threads = 0;         // 0: every core
  bool force = false;
  std::string command;
};

/// The plan of the command, checked against the model.
ensemble::SensitivityPlan plan_of(SensitivityCommand& c) {
  const io::Scenario scenario = io::parse_scenario(c.scenario_file);
  std::optional<io::Scenario> baseline;
  if (!c.baseline_file.empty()) baseline = io::parse_scenario(c.baseline_file);
  c.settings.method = c.method == "morris" ? ensemble::SensitivityMethod::morris : ensemble::SensitivityMethod::sobol;
  c.settings.seed = c.seed >= 0 ? static_cast<std::uint64_t>(c.seed) : scenario.seed;
  return ensemble::plan_sensitivity(models::scenario_model(scenario.model), scenario, baseline, c.settings);
}

/// The parameters with the largest headline index (mu* or total order), largest first.
void print_top(const ensemble::SensitivityResults& results, ensemble::SensitivityMethod method) {
  const std::string headline = method == ensemble::SensitivityMethod::morris ? "mu_star" : "total";
  std::vector<ensemble::IndexRow> rows;
  for (const auto& row : results.indices) {
    if (row.index == headline) rows.push_back(row);
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.value.estimate > b.value.estimate; });
  std::cout << "largest " << headline << " (95% interval):\n";
  for (std::size_t i = 0; i < rows.size() && i < 10; ++i) {
    std::cout << "  " << std::left << std::setw(48) << rows[i].parameter << std::right << std::setprecision(4)
              << std::setw(12) << rows[i].value.estimate << "  [" << rows[i].value.low << ", " << rows[i].value.high
              << "]\n";
  }
}

void run_sensitivity_command(SensitivityCommand c) {
  const auto started = std::chrono::steady_clock::now();
  ensemble::start_processes();
  const bool root = ensemble::is_root_process();
  const int threads = c.threads > 0 ? c.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  std::optional<ensemble::SensitivityPlan> planned;
  ensemble::on_every_process([&c, &planned] { planned = plan_of(c); });
  const ensemble::SensitivityPlan& plan = *planned;
  ensemble::on_root([&c] { check_output_folder(c.out, c.force); });  // before the runs, on every rank's behalf
  const std::size_t rows = plan.design().rows();
  if (root)
    std::cout << c.method << ": " << plan.parameters.size() << " parameters, " << rows << " design rows x "
              << c.settings.runs << " run" << (c.settings.runs == 1 ? "" : "s") << (plan.baseline ? " x 2 scenarios" : "")
              << " on " << ensemble::process_count() << " process" << (ensemble::process_count() == 1 ? "" : "es")
              << std::endl;
  ProgressBar progress(root ? rows : 0);
  const auto results =
      ensemble::run_sensitivity(plan, stop_if_interrupted, [&progress](std::size_t) { progress.tick(); });
  progress.finish();
  if (!root) return;
  nlohmann::json manifest = ensemble::sensitivity_manifest(plan);
  manifest["command"] = c.command;
  manifest["processes"] = ensemble::process_count();
  manifest["threads"] = threads;
  manifest["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ensemble::save_sensitivity(c.out, plan, results, manifest, c.force);
  print_top(results, plan.settings.method);
  std::cout << "wrote " << c.out << " (" << std::fixed << std::setprecision(1) << manifest["seconds"].get<double>()
            << " s)\n";
}

}  // namespace

void add_sensitivity_command(CLI::App& app, int argc, char** argv) {
  auto c = std::make_shared<SensitivityCommand>();
  for (int i = 0; i < argc; ++i) c->command += (i ? " " : "") + std::string(argv[i]);
  auto* cmd = app.add_subcommand(
      "sensitivity",
      "Global sensitivity of an outcome to the model's uncertain parameters: Morris screening (mu*, mu, sigma) or "
      "Sobol indices (first and total order), with 95% bootstrap intervals. Every design row runs with the same "
      "seed and runs (common random numbers). Writes DIR/sensitivity.csv, design.csv and manifest.json; "
      "`revolve report DIR` draws them. Under `mpirun -n K` the rows are shared among the K processes");
  cmd->add_option("SCENARIO", c->scenario_file, "Scenario file (.yaml)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--compare", c->baseline_file,
                  "Baseline scenario: the output is SCENARIO's measure minus the baseline's, paired")
      ->check(CLI::ExistingFile);
  cmd->add_option("--method", c->method, "morris (default: screening, few runs) or sobol (variance shares)")
      ->check(CLI::IsMember({"morris", "sobol"}));
  cmd->add_option("--measure", c->settings.measure,
                  "Output column, totalled over the horizon (e.g. person_weeks.rough_sleeping, "
                  "cost_discounted.total, events.ae_attendance[chronic_homeless])")
      ->required();
  cmd->add_option("--samples", c->settings.samples,
                  "Morris trajectories (rows: samples x (parameters + 1)) or Sobol base rows N (rows: N x "
                  "(parameters + 2)); default 10")
      ->check(whole_number(2));
  cmd->add_option("--params", c->settings.parameters,
                  "Parameters to vary, comma-separated (default: every one with a stated uncertainty that the "
                  "scenarios do not set)")
      ->delimiter(',');
  cmd->add_option("--runs", c->settings.runs, "Runs of each design row (default 1)")->check(whole_number(1));
  cmd->add_option("--seed", c->seed, "Seed of the design, the runs and the bootstrap (default: the scenario's own)")
      ->check(whole_number(0));
  cmd->add_option("--levels", c->settings.levels, "Morris grid levels, even (default 4)")->check(whole_number(2));
  cmd->add_option("--resamples", c->settings.resamples, "Bootstrap resamples for the intervals (default 1000)")
      ->check(whole_number(2));
  cmd->add_option("--threads", c->threads, "Worker threads per process (default: every core)")->check(whole_number(1));
  cmd->add_option("--out", c->out, "Output folder (replaced only when the analysis completes)")->required();
  cmd->add_flag("--force", c->force, force_help);
  cmd->callback([c] {
    catch_interrupts();
    run_sensitivity_command(*c);
  });
}

}  // namespace revolve::cli

// revolve calibrate SCENARIO --params a,b --out DIR: fit chosen parameters to the model's calibration
// targets (sim/ensemble/calibration.hpp), print the fit before and after, and write it with a scenario
// that extends SCENARIO with the fitted values.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "apps/revolve/commands.hpp"
#include "apps/revolve/interrupts.hpp"
#include "models/scenario_models.hpp"
#include "sim/core/atomic_folder.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/calibration_files.hpp"
#include "sim/ensemble/distributed.hpp"
#include "sim/io/scenario.hpp"

namespace revolve::cli {
namespace {

struct CalibrateSettings {
  std::string scenario_file, out, algorithm = "bobyqa";
  std::vector<std::string> parameters;
  std::vector<int> targets;  // 1-based; empty: all
  int runs = 0;              // 0: the scenario's own
  std::int64_t seed = -1;    // -1: the scenario's own
  int max_evaluations = 40;
  int threads = 0;  // 0: every core
  bool force = false;
  std::string command;
};

std::string number(double x) {
  std::ostringstream out;
  out << std::setprecision(4) << x;
  return out.str();
}

void print_fit(const ensemble::CalibrationPlan& p, const ensemble::FitResult& fit) {
  std::cout << "\n  #  " << std::left << std::setw(50) << "target" << std::right << std::setw(12) << "value"
            << std::setw(12) << "before" << std::setw(12) << "after" << std::setw(10) << "z before" << std::setw(9)
            << "z after\n";
  for (std::size_t t = 0; t < p.targets.size(); ++t) {
    const auto& target = p.targets[t];
    const double sd = ensemble::target_sd(target), before = fit.start.means[t], after = fit.best.means[t];
    const bool kept = std::find(fit.left_out.begin(), fit.left_out.end(), t) == fit.left_out.end();
    std::cout << std::setw(3) << p.target_numbers[t] << "  " << std::left << std::setw(50) << target.name.substr(0, 49)
              << std::right << std::setw(12) << number(target.value) << std::setw(12) << number(before)
              << std::setw(12) << number(after) << std::setw(10) << number((before - target.value) / sd)
              << std::setw(9) << number((after - target.value) / sd) << (kept ? "" : "  (not measured: left out)")
              << "\n";
  }
  std::cout << "\nobjective: " << number(fit.start.objective) << " at the start, " << number(fit.best.objective)
            << " fitted (" << fit.history.size() << " evaluations; " << fit.stopped << ")\n";
  for (std::size_t i = 0; i < p.parameters.size(); ++i) {
    const auto& fp = p.parameters[i];
    std::cout << "  " << fp.name << ": " << number(fp.start) << " -> " << number(fit.best.values[i]) << " "
              << p.units[i] << " (searched " << number(fp.low) << " to " << number(fp.high) << ")\n";
  }
}

void calibrate(const CalibrateSettings& s) {
  run_in_one_process("calibrate", "each evaluation depends on the last");
  const auto started = std::chrono::steady_clock::now();
  const int threads = s.threads > 0 ? s.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const io::Scenario scenario = io::parse_scenario(s.scenario_file);
  const auto model = models::scenario_model(scenario.model);
  model->prepare(scenario);  // the scenario itself is valid before the search starts
  const auto runs = static_cast<std::uint32_t>(s.runs > 0 ? s.runs : scenario.runs);
  const std::uint64_t seed = s.seed >= 0 ? static_cast<std::uint64_t>(s.seed) : scenario.seed;
  const auto plan = ensemble::plan_calibration(model, scenario, s.parameters, s.targets, runs, seed);
  check_output_folder(s.out, s.force);  // before the search, not after it

  ensemble::FitOptions options;
  options.algorithm = *ensemble::parse_fit_algorithm(s.algorithm);  // CLI11 checked the word
  options.max_evaluations = s.max_evaluations;
  options.on_evaluation = [](const ensemble::FitEvaluation& e) {
    std::cout << "  evaluation " << e.number << ": objective " << number(e.objective) << " at";
    for (double v : e.values) std::cout << " " << number(v);
    std::cout << std::endl;
  };
  std::cout << "calibrating " << plan.parameters.size() << " parameters to " << plan.targets.size() << " targets ("
            << runs << " runs, seed " << seed << ", " << s.algorithm << ", at most " << s.max_evaluations
            << " evaluations)\n";
  const ensemble::FitResult fit = ensemble::run_calibration(plan, options, stop_if_interrupted);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const ensemble::CalibrationRecord record{
      plan, options.algorithm, s.max_evaluations, fit, {{"command", s.command}, {"threads", threads}, {"seconds", seconds}}};
  ensemble::save_calibration(s.out, record, s.force);
  print_fit(plan, fit);
  std::cout << "wrote " << s.out << " in " << std::fixed << std::setprecision(1) << seconds
            << " s: `revolve run " << (std::filesystem::path(s.out) / "calibrated.yaml").string()
            << "` reproduces the fit\n";
}

}  // namespace

void add_calibrate_command(CLI::App& app, int argc, char** argv) {
  auto s = std::make_shared<CalibrateSettings>();
  for (int i = 0; i < argc; ++i) s->command += (i ? " " : "") + std::string(argv[i]);
  auto* cmd = app.add_subcommand(
      "calibrate",
      "Fit parameters to the model's calibration targets: minimise the sum over targets of ((model mean - "
      "target) / target sd)^2, sd = the target's range / 3.29 (read as a 90% interval), with the same runs and "
      "seed at every evaluation. Each parameter is searched within its stated uncertainty range (and bounds). "
      "Writes DIR/fit.csv, parameters.csv, evaluations.csv, manifest.json and calibrated.yaml, a scenario that "
      "extends SCENARIO with the fitted values");
  cmd->add_option("SCENARIO", s->scenario_file, "Scenario file (.yaml) to start from")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--params", s->parameters, "Parameters to fit, comma-separated (e.g. flows.arrivals,mortality.base)")
      ->required()
      ->delimiter(',');
  cmd->add_option("--out", s->out, "Output folder (replaced only when the fit completes)")->required();
  cmd->add_option("--targets", s->targets, "Target numbers to fit to, comma-separated (default: all)")
      ->delimiter(',');
  cmd->add_option("--runs", s->runs, "Runs per evaluation (default: the scenario's own)")->check(whole_number(1));
  cmd->add_option("--seed", s->seed, "Seed of every evaluation (default: the scenario's own)")->check(whole_number(0));
  cmd->add_option("--max-evaluations", s->max_evaluations, "Most evaluations of the objective (default 40)")
      ->check(whole_number(2));
  cmd->add_option("--algorithm", s->algorithm, "bobyqa (default) or nelder-mead (for rough objectives)")
      ->check(CLI::IsMember({"bobyqa", "nelder-mead"}));
  cmd->add_option("--threads", s->threads, "Worker threads (default: every core)")->check(whole_number(1));
  cmd->add_flag("--force", s->force, force_help);
  cmd->callback([s] {
    catch_interrupts();
    calibrate(*s);
  });
}

}  // namespace revolve::cli

// revolve sd run MODEL: run a stock-flow model file and write its results.
// revolve sd export MODEL --out FILE.xmile: write a model file as XMILE.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

#include "apps/revolve/commands.hpp"
#include "sim/core/atomic_folder.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/model_file.hpp"
#include "sim/sd/results_csv.hpp"
#include "sim/sd/simulation.hpp"
#include "sim/sd/xmile_export.hpp"

namespace revolve::cli {
namespace {

struct SdRunOptions {
  std::string model;
  std::string method;
  std::string out = "out/sd";
  std::vector<std::string> vars;
  std::vector<std::string> sets;  ///< "NAME=VALUE", checked by name_equals_number
  std::uint64_t seed = 1;
  bool force = false;
  bool strict = false;
};

/// "NAME=VALUE" split at the first '=', VALUE a finite number; nullopt if it is not that.
std::optional<std::pair<std::string, double>> name_and_number(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == 0 || equals == std::string::npos) return std::nullopt;
  const std::string value = text.substr(equals + 1);
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(number)) return std::nullopt;
  return std::pair{text.substr(0, equals), number};
}

CLI::Validator name_equals_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return name_and_number(text) ? "" : "'" + text + "' is not NAME=VALUE with VALUE a finite number";
      },
      "NAME=VALUE");
}

void run_sd(const SdRunOptions& o) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  const sd::Model model = sd::load_model(o.model);
  sd::CompileOptions compile_options;
  for (const auto& set : o.sets) {
    const auto [name, value] = *name_and_number(set);
    compile_options.overrides.insert_or_assign(name, value);  // the last --set of a name wins
  }
  auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(model, compile_options));
  const auto t1 = clock::now();
  AtomicFolder out(o.out, o.force);  // checked before the run

  sd::RunOptions run;
  run.seed = o.seed;
  run.save = o.vars;
  run.strict = o.strict;
  if (!o.method.empty()) run.method = sd::parse_method(o.method);
  sd::Simulation sim(compiled, o.seed);
  const sd::Results results = sim.run(run);
  const auto t2 = clock::now();

  sd::write_results_csv(out.path() / "results.csv", results);
  out.commit();
  const auto path = std::filesystem::path(o.out) / "results.csv";
  const auto t3 = clock::now();
  if (results.non_finite) {
    std::cerr << "warning: " << sd::describe(*results.non_finite)
              << ": results.csv holds values that are not finite numbers (--strict stops at the first instead)\n";
  }
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  const auto& s = compiled->specs;
  std::cout << (model.name.empty() ? o.model : model.name) << ": " << compiled->equation_count() << " variables, "
            << sd::to_string(run.method.value_or(s.method)) << " from " << s.start << " to " << s.stop
            << " (dt " << s.dt << "), " << results.rows() << " rows x " << results.columns() << " columns -> "
            << path.string() << " [load " << ms(t0, t1) << " ms, run " << ms(t1, t2) << " ms, write " << ms(t2, t3)
            << " ms]\n";
}

struct SdExportOptions {
  std::string model;
  std::string out;
};

void export_sd(const SdExportOptions& o) {
  const sd::Model model = sd::load_model(o.model);
  sd::save_xmile(model, o.out);
  std::cout << (model.name.empty() ? o.model : model.name) << ": " << model.variables.size() << " variables -> "
            << o.out << "\n";
}

void add_export_command(CLI::App& sd) {
  auto options = std::make_shared<SdExportOptions>();
  auto* cmd = sd.add_subcommand("export", "Write a model file as XMILE 1.0, for Stella, Vensim and revolve itself");
  cmd->footer(
      "revolve reads the file back to the same results, bit for bit. Names with spaces become underscores in "
      "equations; parameters, input variables and dopri5's tolerances, which XMILE has no words for, are kept as "
      "revolve: attributes that other tools ignore. An element name with a comma cannot be written (exit 1, no file).\n\n"
      "Example: revolve sd export models/examples/teacup.yaml --out teacup.xmile\n"
      "See docs/xmile.md.");
  cmd->add_option("MODEL", options->model, "Model file: revolve YAML (.yaml) or XMILE (.xmile, .stmx)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", options->out, "XMILE file to write (.xmile, .xml or .stmx), replaced atomically")->required();
  cmd->callback([options] { export_sd(*options); });
}

}  // namespace

void add_sd_command(CLI::App& app) {
  auto* sd = app.add_subcommand("sd", "Stock-flow (system dynamics) models");
  sd->require_subcommand(1);
  auto options = std::make_shared<SdRunOptions>();
  auto* run = sd->add_subcommand("run", "Run a stock-flow model file and write DIR/results.csv");
  run->add_option("MODEL", options->model, "Model file: revolve YAML (.yaml) or XMILE (.xmile, .stmx)")->required()->check(CLI::ExistingFile);
  run->add_option("--method", options->method, "Integration method (default: the model's own)")
      ->check(CLI::IsMember({"euler", "rk4", "dopri5"}));
  run->add_option("--out", options->out, std::string("Folder for results.csv. ") + out_help)->capture_default_str();
  run->add_flag("--force", options->force, force_help);
  run->add_option("--set", options->sets,
                  "Set a parameter (or replace any variable's equation, or a stock's initial value) for this run: "
                  "--set \"turnover=0.01\" (repeatable; an element as \"x[a]=2\")")
      ->check(name_equals_number());
  run->add_option("--vars", options->vars, "Save only these variables (comma-separated)")->delimiter(',');
  run->add_option("--seed", options->seed, "Seed for NORMAL, UNIFORM and POISSON")->capture_default_str()->check(whole_number(0));
  run->add_flag("--strict", options->strict,
                "Stop with an error (exit 1, nothing written) at the first value that is not a finite number, "
                "e.g. from division by zero; without it the run warns and writes them");
  run->callback([options] { run_sd(*options); });
  add_export_command(*sd);
}

}  // namespace revolve::cli

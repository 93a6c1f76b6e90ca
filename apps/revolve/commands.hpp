#pragma once
// Each subcommand of the `revolve` program registers itself on the top-level app.
#include <CLI/CLI.hpp>

namespace revolve::cli {

void add_sd_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_params_command(CLI::App& app);
/// `run` and `compare`; argc/argv go into the run manifest.
void add_run_commands(CLI::App& app, int argc, char** argv);
/// `report` and `workshop`: run viz (Python) with the arguments passed through.
void add_report_commands(CLI::App& app);

}  // namespace revolve::cli

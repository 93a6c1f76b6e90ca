#pragma once
// Each subcommand of the `revolve` program registers itself on the top-level app.
#include <CLI/CLI.hpp>

namespace revolve::cli {

void add_sd_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_params_command(CLI::App& app);

}  // namespace revolve::cli

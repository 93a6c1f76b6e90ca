#pragma once
// Each subcommand of the `revolve` program registers itself on the top-level app.
#include <CLI/CLI.hpp>

#include <string>

namespace revolve::cli {

/// A whole number of at least `least`, with a message that says so (CLI11's PositiveNumber prints its range
/// as 0 to 1.8e308, and a fraction only got "Could not convert").
inline CLI::Validator whole_number(long long least) {
  return CLI::Validator(
      [least](std::string& text) -> std::string {
        std::size_t used = 0;
        long long value = least - 1;
        try {
          value = std::stoll(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != text.size() || value < least) {
          return "'" + text + "' is not a whole number of " + std::to_string(least) + " or more";
        }
        return {};
      },
      "INT>=" + std::to_string(least));
}

void add_sd_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_params_command(CLI::App& app);
/// `run` and `compare`; argc/argv go into the run manifest.
void add_run_commands(CLI::App& app, int argc, char** argv);
/// `report` and `workshop`: run viz (Python) with the arguments passed through.
void add_report_commands(CLI::App& app);

}  // namespace revolve::cli

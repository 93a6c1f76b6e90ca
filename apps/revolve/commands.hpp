#pragma once
// Each subcommand of the `revolve` program registers itself on the top-level app.
#include <CLI/CLI.hpp>

#include <limits>
#include <string>

namespace revolve::cli {

/// A whole number from `least` to `most`, with a message that says so (CLI11's PositiveNumber prints its range
/// as 0 to 1.8e308, and a fraction only got "Could not convert").
inline CLI::Validator whole_number(long long least, long long most = std::numeric_limits<long long>::max()) {
  const bool bounded = most != std::numeric_limits<long long>::max();
  const std::string range = bounded ? "from " + std::to_string(least) + " to " + std::to_string(most)
                                    : "of " + std::to_string(least) + " or more";
  return CLI::Validator(
      [least, most, range](std::string& text) -> std::string {
        std::size_t used = 0;
        long long value = least - 1;
        try {
          value = std::stoll(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != text.size() || value < least || value > most) {
          return "'" + text + "' is not a whole number " + range;
        }
        return {};
      },
      bounded ? "INT in [" + std::to_string(least) + ", " + std::to_string(most) + "]" : "INT>=" + std::to_string(least));
}

/// --out and --force of the commands that write an output folder (sim/core/atomic_folder.hpp).
inline constexpr const char* out_help =
    "Output folder, written in full or not at all. An existing folder is replaced only if it is empty or "
    "revolve wrote it (it holds .revolve-output)";
inline constexpr const char* force_help =
    "Replace the output folder even if revolve did not write it (never a file, link or device)";

/// Throws revolve::Error naming `command` and `why` if mpirun started more than one process.
void run_in_one_process(const std::string& command, const std::string& why);

void add_sd_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_params_command(CLI::App& app);
/// `run` and `compare`; argc/argv go into the run manifest.
void add_run_commands(CLI::App& app, int argc, char** argv);
/// `psa`; argc/argv go into its manifest.
void add_psa_command(CLI::App& app, int argc, char** argv);
/// `calibrate`; argc/argv go into its manifest.
void add_calibrate_command(CLI::App& app, int argc, char** argv);
/// `sensitivity`; argc/argv go into its manifest.
void add_sensitivity_command(CLI::App& app, int argc, char** argv);
/// `report` and `workshop`: run viz (Python) with the arguments passed through.
void add_report_commands(CLI::App& app);

}  // namespace revolve::cli

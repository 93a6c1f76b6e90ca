// The `revolve` command line: one subcommand per job, each with its own --help.
#include <iostream>

#include "apps/revolve/commands.hpp"
#include "sim/core/error.hpp"
#include "sim/core/version.hpp"
#include "sim/ensemble/distributed.hpp"

int main(int argc, char** argv) {
  CLI::App app{"revolve: simulate how people facing multiple disadvantage move through housing, justice and "
               "health services, and compare interventions.\nRun 'revolve COMMAND --help' for each command."};
  app.set_version_flag("--version", std::string(revolve::version) + " (" + revolve::git_version + ")");
  app.require_subcommand(1);
  revolve::cli::add_sd_command(app);
  revolve::cli::add_bench_command(app);
  revolve::cli::add_params_command(app);
  revolve::cli::add_run_commands(app, argc, argv);
  revolve::cli::add_psa_command(app, argc, argv);
  revolve::cli::add_calibrate_command(app, argc, argv);
  revolve::cli::add_sensitivity_command(app, argc, argv);
  revolve::cli::add_report_commands(app);
  int status = 0;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    status = app.exit(e);
  } catch (const revolve::Error& e) {
    // Under mpirun every process stops with the same error; one of them says so.
    if (revolve::ensemble::is_root_process()) std::cerr << "error: " << e.what() << "\n";
    status = 1;
  } catch (const std::bad_alloc&) {
    // A last line of defence: inputs are limited so that this should not happen (docs/reliability.md).
    std::cerr << "error: out of memory: the run asked for more than this machine has; make it smaller\n";
    status = 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";  // e.g. a file system error, which names the path
    status = 1;
  }
  revolve::ensemble::finish_processes();  // after the error is printed (distributed.hpp)
  return status;
}

// revolve report DIR and revolve workshop [SCENARIO_DIR]: the report and the dashboard are Python (viz/:
// matplotlib, and the standard library's HTTP server), so these commands run `python -m viz` with the project's
// .venv/bin/python (else /usr/bin/python3), passing their arguments through; the exit status is Python's.
// Errors about the comparison folder (a missing or malformed file) come from viz, which names the file.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "apps/revolve/commands.hpp"
#include "sim/core/error.hpp"

namespace revolve::cli {
namespace {

namespace fs = std::filesystem;

fs::path executable() {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) throw Error("cannot locate the revolve program (/proc/self/exe): " + error.message());
  return exe;
}

/// The checkout this program was built in: the nearest folder above it that holds viz/__main__.py.
fs::path source_root(const fs::path& exe) {
  for (fs::path dir = exe.parent_path(); dir.has_relative_path(); dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / "viz" / "__main__.py")) return dir;
  }
  throw Error("cannot find viz/__main__.py (the report and workshop code) in any folder above " + exe.string() +
              ": run the revolve built inside the checkout (build/revolve)");
}

/// Replaces this process with `python -m viz COMMAND ARGS...`; returns only by throwing.
[[noreturn]] void run_viz(const std::string& command, const std::vector<std::string>& args) {
  const fs::path exe = executable();
  const fs::path root = source_root(exe);
  fs::path python = root / ".venv" / "bin" / "python";
  if (!fs::exists(python)) python = "/usr/bin/python3";
  // viz from the checkout; revolve from this build's python/ folder, so both come from the same build.
  std::string path = root.string() + ":" + (exe.parent_path() / "python").string();
  if (const char* before = std::getenv("PYTHONPATH"); before != nullptr && *before != '\0') path += std::string(":") + before;
  ::setenv("PYTHONPATH", path.c_str(), 1);

  std::vector<std::string> words = {python.string(), "-m", "viz", command};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  ::execv(python.c_str(), argv.data());
  throw Error("cannot run " + python.string() + ": " + std::strerror(errno));
}

void add_passthrough(CLI::App& app, const std::string& name, const std::string& description) {
  auto* command = app.add_subcommand(name, description);
  command->prefix_command();  // every argument, --help included, goes to the Python command
  command->set_help_flag();
  command->callback([command, name] { run_viz(name, command->remaining()); });
}

}  // namespace

void add_report_commands(CLI::App& app) {
  add_passthrough(app, "report",
                  "Turn a comparison's (or a sensitivity analysis's) output folder into DIR/report.html "
                  "(self-contained, works offline) and its figures (DIR/figures/*.png, *.svg). 'revolve report --help' for options");
  add_passthrough(app, "workshop",
                  "Start the workshop dashboard on 127.0.0.1: sliders for the interventions, charts that update as "
                  "runs finish. 'revolve workshop --help' for options");
}

}  // namespace revolve::cli

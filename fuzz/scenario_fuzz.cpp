// libFuzzer target: a scenario file (sim/io/scenario.hpp), read with parse_scenario, then checked with
// validate_scenario against the revolving-door model's schema, as `revolve run` does before it prepares a
// run. Refusals throw revolve::Error (ScenarioError, InputError, ParameterError); anything else escaping,
// a crash, a sanitizer report or a hang is a finding.
//
// parse_scenario reads a path, and only a regular file: each input is written to input.yaml in a folder of
// this process's own (in /dev/shm, in memory), beside a copy of Bristol's baseline.yaml, so the `extends:` of
// an input can reach a real scenario, and itself (a cycle).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "models/scenario_models.hpp"
#include "sim/core/error.hpp"
#include "sim/core/files.hpp"
#include "sim/io/scenario.hpp"

namespace {

namespace fs = std::filesystem;

/// The folder input.yaml is written to, removed when the program ends normally.
class Scratch {
 public:
  Scratch() {
    const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    const fs::path name = base / "revolve-scenario-fuzz";
    // A crashed run, and each child of libFuzzer's -fork, ends without destructors: remove their folders.
    for (const auto& stale : revolve::stale_siblings(name, "-")) fs::remove_all(stale);
    folder_ = name.string() + "-" + revolve::unique_suffix();
    fs::create_directories(folder_);
    fs::copy_file(fs::path(REVOLVE_SOURCE_DIR) / "scenarios/bristol/baseline.yaml", folder_ / "baseline.yaml",
                  fs::copy_options::overwrite_existing);
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  fs::path write(const std::uint8_t* data, std::size_t size) const {
    const fs::path file = folder_ / "input.yaml";
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) throw std::runtime_error(file.string() + ": cannot write the input");
    return file;
  }

 private:
  fs::path folder_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Scratch scratch;
  // Loaded once: the model's parameters.yaml and its outputs are what a scenario is checked against.
  static const auto model = revolve::models::scenario_model("revolving_door");
  static const revolve::io::ScenarioSchema schema = model->schema();
  const fs::path file = scratch.write(data, size);
  try {
    const revolve::io::Scenario scenario = revolve::io::parse_scenario(file);
    (void)scenario.hash();  // the manifest's fingerprint of the settings
    revolve::io::validate_scenario(scenario, schema);
  } catch (const revolve::Error&) {
  }
  return 0;
}

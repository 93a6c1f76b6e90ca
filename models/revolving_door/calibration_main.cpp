// Writes docs/model/calibration.md: runs the Bristol-like baseline (and the baseline with Housing
// First and MTAM, for the targets that need them) and compares the model with each target.
//
//   build-model/models/revolving_door/revolving_door_calibration --out docs/model/calibration.md
#include <iostream>

#include <CLI/CLI.hpp>

#include "models/revolving_door/calibration.hpp"
#include "models/revolving_door/model.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/error.hpp"
#include "sim/io/scenario.hpp"

int main(int argc, char** argv) {
  using namespace revolve;
  CLI::App app("Compare the revolving-door model's baseline with its calibration targets");
  std::string model_dir = "models/revolving_door", scenario = "scenarios/bristol/baseline.yaml", out;
  std::uint32_t runs = revolving_door::calibration_runs;
  std::uint64_t seed = revolving_door::calibration_seed;
  app.add_option("--model", model_dir, "the model's folder");
  app.add_option("--scenario", scenario, "the baseline scenario");
  app.add_option("--runs", runs, "runs of each scenario");
  app.add_option("--seed", seed, "seed");
  app.add_option("--out", out, "write the Markdown here (default: print it)");
  CLI11_PARSE(app, argc, argv);
  try {
    const auto model = revolving_door::make_revolving_door_model(model_dir);
    const auto report = revolving_door::run_calibration(*model, io::parse_scenario(scenario), runs, seed);
    const std::string markdown = revolving_door::calibration_markdown(report);
    if (out.empty()) {
      std::cout << markdown;
    } else {
      write_file_atomically(out, markdown);
    }
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

// Times an ensemble of the revolving-door model (the ten-year Bristol-like
// baseline with 50 runs in 60 s or less on 2 cores). Prints one JSON line.
//
//   build-model/bench/bench_revolving_door --scenario scenarios/bristol/baseline.yaml --runs 50 --threads 2
#include <chrono>
#include <iostream>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/revolving_door/model.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "sim/io/scenario.hpp"

int main(int argc, char** argv) {
  using namespace revolve;
  CLI::App app("Time an ensemble of the revolving-door model");
  std::string scenario_file = "scenarios/bristol/baseline.yaml", model_dir = "models/revolving_door";
  std::uint32_t runs = 50;
  int threads = 2;
  app.add_option("--scenario", scenario_file, "scenario file");
  app.add_option("--model", model_dir, "the model's folder");
  app.add_option("--runs", runs, "runs in the ensemble");
  app.add_option("--threads", threads, "TBB threads");
  CLI11_PARSE(app, argc, argv);

  const auto start = std::chrono::steady_clock::now();
  const auto model = revolving_door::make_revolving_door_model(model_dir);
  const auto prepared = model->prepare(io::parse_scenario(scenario_file));
  ensemble::EnsembleOptions options;
  options.runs = runs;
  options.steps = prepared->steps();
  options.seed = prepared->scenario().seed;
  options.quantiles = {0.05, 0.5, 0.95};
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  const ensemble::Summary summary =
      arena.execute([&] { return ensemble::run_ensemble([&](abm::Run& run) { prepared->build(run); }, options); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const auto last = summary.rows() - 1;
  const auto column = [&](const std::string& name) {
    const auto& names = summary.names();
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  std::cout << nlohmann::json{{"scenario", scenario_file},
                              {"runs", runs},
                              {"steps", prepared->steps()},
                              {"threads", threads},
                              {"outputs", summary.names().size()},
                              {"seconds", seconds},
                              {"people_alive_last_step_mean", summary.mean(last, column("people.alive"))}}
                   .dump()
            << "\n";
}

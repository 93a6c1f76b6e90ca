// Times an ensemble of the revolving-door model on the ten-year Bristol-like baseline. Prints one JSON
// line with the model's speed in person-weeks a second: the people alive at each weekly step, summed over
// steps and runs, over the wall-clock seconds of the whole job (model setup included).
//
//   build/bench/bench_revolving_door --runs 50 --threads 2                      # runs and per-step statistics
//   build/bench/bench_revolving_door --runs 50 --threads 2 --statistics none    # the runs alone
#include <chrono>
#include <iostream>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/revolving_door/model.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "sim/io/scenario.hpp"
#include "sim/random/stream.hpp"

namespace {

using namespace revolve;

/// The column of `name` in a run's outputs.
std::size_t column_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

/// Person-weeks of the ensemble: the runs alone, each run's outputs kept only long enough to sum them.
double run_alone(const ensemble::RunBuilder& build, const ensemble::EnsembleOptions& options) {
  double person_weeks = 0.0;
  ensemble::for_each_run(build, options, [&](std::uint32_t, const abm::Outputs& outputs) {
    const abm::Output alive = outputs.find("people.alive");
    for (std::size_t step = 0; step < outputs.rows(); ++step) person_weeks += outputs.at(step, alive);
  });
  return person_weeks;
}

/// Person-weeks of the ensemble reduced to per-step statistics (mean and three quantiles of every output).
double run_with_statistics(const ensemble::RunBuilder& build, ensemble::EnsembleOptions options) {
  options.quantiles = {0.05, 0.5, 0.95};
  const ensemble::Summary summary = ensemble::run_ensemble(build, options);
  const std::size_t alive = column_of(summary.names(), "people.alive");
  double person_weeks = 0.0;
  for (std::size_t step = 0; step < summary.rows(); ++step) person_weeks += summary.mean(step, alive);
  return person_weeks * options.runs;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Time an ensemble of the revolving-door model (person-weeks a second)");
  std::string scenario_file = "scenarios/bristol/baseline.yaml", model_dir = "models/revolving_door";
  std::string statistics = "per-step";
  std::uint32_t runs = 50;
  int threads = 2;
  app.add_option("--scenario", scenario_file, "scenario file")->capture_default_str();
  app.add_option("--model", model_dir, "the model's folder")->capture_default_str();
  app.add_option("--runs", runs, "runs in the ensemble")->capture_default_str();
  app.add_option("--threads", threads, "TBB threads")->capture_default_str();
  app.add_option("--statistics", statistics,
                 "per-step: mean and quantiles of every output at every step, as `revolve run` keeps; "
                 "none: the runs alone")
      ->check(CLI::IsMember({"per-step", "none"}))
      ->capture_default_str();
  std::string vector_width = "widest";
  app.add_option("--vector-width", vector_width,
                 "the widest vector code the random draws may use (a wider one falls back to the widest the "
                 "processor has): to time the AVX2 or scalar path on a processor with AVX-512")
      ->check(CLI::IsMember({"widest", "avx512", "avx2", "scalar"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (vector_width == "avx2") random::limit_vector_width(random::VectorWidth::avx2);
  if (vector_width == "scalar") random::limit_vector_width(random::VectorWidth::scalar);

  const auto start = std::chrono::steady_clock::now();
  const auto model = revolving_door::make_revolving_door_model(model_dir);
  const auto prepared = model->prepare(io::parse_scenario(scenario_file));
  ensemble::EnsembleOptions options;
  options.runs = runs;
  options.steps = prepared->steps();
  options.seed = prepared->scenario().seed;
  const ensemble::RunBuilder build = [&](abm::Run& run) { prepared->build(run); };
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  const double person_weeks = arena.execute(
      [&] { return statistics == "none" ? run_alone(build, options) : run_with_statistics(build, options); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::cout << nlohmann::json{{"scenario", scenario_file},
                              {"runs", runs},
                              {"steps", prepared->steps()},
                              {"threads", threads},
                              {"statistics", statistics},
                              {"seconds", seconds},
                              {"person_weeks", person_weeks},
                              {"person_weeks_per_second", person_weeks / seconds}}
                   .dump()
            << "\n";
}

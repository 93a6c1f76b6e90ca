#include "sim/ensemble/ensemble.hpp"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

namespace revolve::ensemble {

abm::Outputs run_one(const RunBuilder& build, const EnsembleOptions& options, std::uint32_t run_number) {
  abm::Run run({options.seed, run_number}, options.dt);
  build(run);
  run.run(options.steps, options.on_step);
  return std::move(run.outputs());
}

void for_each_run(const RunBuilder& build, const EnsembleOptions& options, const RunConsumer& consume) {
  const std::size_t in_flight = options.max_runs_in_flight > 0
                                    ? options.max_runs_in_flight
                                    : 2 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
  std::uint32_t next_run = 0;
  using Finished = std::pair<std::uint32_t, abm::Outputs>;
  tbb::parallel_pipeline(
      in_flight,
      tbb::make_filter<void, std::uint32_t>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& control) -> std::uint32_t {
                                              if (next_run == options.runs) control.stop();
                                              return next_run++;
                                            }) &
          tbb::make_filter<std::uint32_t, Finished>(
              tbb::filter_mode::parallel,
              [&](std::uint32_t run) { return Finished{run, run_one(build, options, run)}; }) &
          tbb::make_filter<Finished, void>(tbb::filter_mode::serial_in_order,
                                           [&](const Finished& run) { consume(run.first, run.second); }));
}

Summary run_ensemble(const RunBuilder& build, const EnsembleOptions& options) {
  Summary summary(options.quantiles);
  for_each_run(build, options, [&](std::uint32_t, const abm::Outputs& run) { summary.add(run); });
  return summary;
}

}  // namespace revolve::ensemble

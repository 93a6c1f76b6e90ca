#pragma once
// Per-run trajectories: chosen output columns of every run, step by step, kept for researchers who analyse runs
// one by one (the Python package gives them as an xarray Dataset). Memory: 8 bytes per column per step per run,
// about 4.2 KB per column per run over ten weekly years.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/abm/outputs.hpp"
#include "sim/ensemble/scenario_model.hpp"

namespace revolve::ensemble {

class Trajectories {
 public:
  /// Keeps the output columns named in `columns` (MeasureInfo::column, e.g. "people.rough_sleeping" or
  /// "events.death[chronic_homeless]"). Throws Error naming an unknown column and the closest known ones.
  Trajectories(const std::vector<MeasureInfo>& measures, const std::vector<std::string>& columns);

  /// Keep the next run's values (runs must come in run order, as for_each_run hands them over).
  void add(const abm::Outputs& run);

  std::uint32_t runs() const { return runs_; }
  std::size_t steps() const { return steps_; }
  const std::vector<std::string>& columns() const { return names_; }
  /// run-major: values()[(run * steps() + step) * columns().size() + column], step 0 being the first step.
  const std::vector<double>& values() const { return values_; }
  /// The values, moved out (to hand them to Python without a copy); values() is empty afterwards.
  std::vector<double> take_values() { return std::move(values_); }

 private:
  std::vector<std::string> names_;
  std::vector<std::size_t> columns_;  // indices into a run's outputs
  std::uint32_t runs_ = 0;
  std::size_t steps_ = 0;
  std::vector<double> values_;
};

}  // namespace revolve::ensemble

#include "sim/ensemble/trajectories.hpp"

#include <algorithm>

#include "sim/core/error.hpp"
#include "sim/core/suggest.hpp"

namespace revolve::ensemble {

Trajectories::Trajectories(const std::vector<MeasureInfo>& measures, const std::vector<std::string>& columns)
    : names_(columns) {
  std::vector<std::string> known;
  for (const auto& m : measures) known.push_back(m.column);
  for (const auto& name : columns) {
    const auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) {
      throw Error("trajectories: no measure '" + name + "' in this model" + did_you_mean(name, known));
    }
    columns_.push_back(static_cast<std::size_t>(it - known.begin()));
  }
}

void Trajectories::add(const abm::Outputs& run) {
  if (runs_ == 0) steps_ = run.rows();
  if (run.rows() != steps_) throw Error("trajectories: a run has " + std::to_string(run.rows()) + " steps, not " +
                                        std::to_string(steps_));
  values_.reserve(values_.size() + steps_ * columns_.size());
  for (std::size_t r = 0; r < steps_; ++r) {
    const auto row = run.row(r);
    for (const std::size_t c : columns_) values_.push_back(row[c]);
  }
  ++runs_;
}

}  // namespace revolve::ensemble

#include "sim/ensemble/period_totals.hpp"

#include <cmath>

#include "sim/core/error.hpp"

namespace revolve::ensemble {

std::vector<Period> yearly_periods(std::uint32_t steps, double step_years) {
  std::vector<Period> periods;
  std::uint32_t first = 0;
  for (int year = 1; first < steps; ++year) {
    // The step nearest the year's end closes it: 52.18 weeks round to 52, ten years to 522 steps.
    auto last = static_cast<std::uint32_t>(std::lround(year / step_years));
    last = std::min(std::max(last, first + 1), steps);
    periods.push_back({"year " + std::to_string(year), first, last});
    first = last;
  }
  periods.push_back({"total", 0, steps});
  return periods;
}

std::vector<double> period_totals(const abm::Outputs& run, std::span<const MeasureInfo> measures,
                                  std::span<const Period> periods) {
  const std::size_t columns = run.size();
  if (measures.size() != columns) {
    throw Error("a run has " + std::to_string(columns) + " outputs but its model describes " +
                std::to_string(measures.size()));
  }
  std::vector<double> totals(periods.size() * columns, 0.0);
  for (std::size_t p = 0; p < periods.size(); ++p) {
    const Period& period = periods[p];
    double* out = totals.data() + p * columns;
    for (std::uint32_t r = period.first_row; r < period.last_row; ++r) {
      const auto row = run.row(r);
      for (std::size_t c = 0; c < columns; ++c) out[c] += row[c];
    }
    const double rows = period.last_row - period.first_row;
    for (std::size_t c = 0; c < columns; ++c) {
      if (measures[c].aggregation == Aggregation::level && rows > 0) out[c] /= rows;
    }
  }
  return totals;
}

}  // namespace revolve::ensemble

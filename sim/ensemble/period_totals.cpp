#include "sim/ensemble/period_totals.hpp"

#include <cmath>

#include "sim/core/error.hpp"

namespace revolve::ensemble {

namespace {

/// Consecutive periods of `years` each, labelled "<name> 1", "<name> 2", ..., to the end of the steps.
std::vector<Period> consecutive_periods(std::uint32_t steps, double step_years, double years, const std::string& name) {
  std::vector<Period> periods;
  std::uint32_t first = 0;
  for (int k = 1; first < steps; ++k) {
    // The step nearest the period's end closes it: 52.18 weeks round to 52, ten years to 522 steps.
    auto last = static_cast<std::uint32_t>(std::lround(k * years / step_years));
    last = std::min(std::max(last, first + 1), steps);
    periods.push_back({name + " " + std::to_string(k), first, last});
    first = last;
  }
  return periods;
}

}  // namespace

std::vector<Period> yearly_periods(std::uint32_t steps, double step_years) {
  std::vector<Period> periods = consecutive_periods(steps, step_years, 1.0, "year");
  periods.push_back({"total", 0, steps});
  return periods;
}

std::vector<Period> quarterly_periods(std::uint32_t steps, double step_years) {
  return consecutive_periods(steps, step_years, 0.25, "quarter");
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

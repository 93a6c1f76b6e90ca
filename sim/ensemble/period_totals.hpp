#pragma once
// Totals of a run's outputs over periods: each year of the horizon and the whole horizon, or each quarter.
// A level (people in a state) is averaged over the period's steps; a flow (events, costs) summed.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/abm/outputs.hpp"
#include "sim/ensemble/scenario_model.hpp"

namespace revolve::ensemble {

/// Rows [first_row, last_row) of a run's outputs (row r is step r + 1).
struct Period {
  std::string label;  ///< "year 1", ..., "total"
  std::uint32_t first_row = 0;
  std::uint32_t last_row = 0;
};

/// Year 1 to the last (whole or part) year of `steps` steps of `step_years` each, then "total".
/// Year k ends with the step whose end is nearest k years.
std::vector<Period> yearly_periods(std::uint32_t steps, double step_years);

/// Quarter 1 to the last (whole or part) quarter of `steps` steps of `step_years` each, with no total.
/// Quarter k ends with the step whose end is nearest k / 4 years (13 weeks, then 26, 39, 52: every fourth
/// quarter ends with its year).
std::vector<Period> quarterly_periods(std::uint32_t steps, double step_years);

/// Totals of one run: period-major, one value per (period, output column).
std::vector<double> period_totals(const abm::Outputs& run, std::span<const MeasureInfo> measures,
                                  std::span<const Period> periods);

}  // namespace revolve::ensemble

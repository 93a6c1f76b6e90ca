#pragma once
// Tidy CSV files of per-step results, one row per (step, output), written atomically. Numbers are
// printed in their shortest exact form, so equal results give byte-identical files.
#include <filesystem>
#include <string>

#include "sim/abm/outputs.hpp"
#include "sim/ensemble/summary.hpp"

namespace revolve::ensemble {

/// Columns step,output,mean,sd, then one column per quantile ("q0.05").
void write_summary_csv(const std::filesystem::path& path, const Summary& summary);

/// Columns step,output,<value_column>: the rows of one table of outputs (a run, or an expectation).
void write_outputs_csv(const std::filesystem::path& path, const abm::Outputs& outputs, const std::string& value_column);

}  // namespace revolve::ensemble

#pragma once
// Documentation generated from a parameters file, so the tables readers see never drift from the values the
// model uses. A test compares the committed docs/model/parameters.md with a fresh rendering.
#include <string>

#include "sim/params/parameter_set.hpp"

namespace revolve::params {

/// Markdown page for a parameter set: the conventions (time unit, price year, uprating), counts by status, then
/// one table per section in file order with each parameter's value and unit, uncertainty, status and source.
std::string render_markdown(const ParameterSet& set);

/// One line for the terminal: "revolving_door: 187 parameters in 17 sections (sourced 30, derived 25, ...)".
std::string summary_line(const ParameterSet& set);

}  // namespace revolve::params

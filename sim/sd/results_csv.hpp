#pragma once
// results.csv: a "time" column, then one column per saved variable ("name" or "name[element]").
#include <filesystem>

#include "sim/sd/simulation.hpp"

namespace revolve::sd {

/// Written atomically (temporary name, then rename).
void write_results_csv(const std::filesystem::path& path, const Results& results);

}  // namespace revolve::sd

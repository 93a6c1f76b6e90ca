#pragma once
// The parameters file: every parameter of a model, grouped in sections, with its provenance.
//
//   model: revolving_door
//   conventions:
//     time_unit: week                # every rate, duration and period converts to this once, at load
//     price_year: 2023/24            # money converts to this price year with the uprating factors
//     uprating: {index: ..., status: assumption, rationale: ..., factors: {2016/17: 1.26}}
//   sections:
//     housing_first:
//       title: Housing First
//       parameters:
//         places:                    # the parameter housing_first.places
//           value: 30
//           unit: places
//           kind: count
//           description: Housing First places funded at the start.
//           source: {citation: "GK (Golden Key End of Programme Report, 2022)", where: "Housing First section"}
//           uncertainty: {distribution: uniform, low: 20, high: 40}
//                                    # or triangular {low, mode, high} (mode = value), normal {sd},
//                                    # lognormal {sdlog}, beta {alpha, beta}, gamma {shape, scale}; or none
//           bounds: [0, 1000]
//           status: sourced
//
// Loading rejects unknown or duplicate keys, a missing source (unless the status is assumption with a
// rationale), a value out of bounds, a unit that does not fit the kind, an uncertainty whose draws leave the
// bounds (or an assumption with none), and malformed YAML. Each error names
// the file, line and key. Loading returns a complete set or throws: nothing is half-loaded.
#include <filesystem>
#include <string>

#include "sim/params/parameter_set.hpp"

namespace revolve::params {

/// Load a parameters file. Throws InputError (unreadable, malformed YAML) or ParameterError (invalid content).
ParameterSet load_parameter_file(const std::filesystem::path& path);

/// Parse parameters-file text; `file_name` is used in messages and origins only.
ParameterSet parse_parameter_file(const std::string& text, const std::string& file_name);

}  // namespace revolve::params

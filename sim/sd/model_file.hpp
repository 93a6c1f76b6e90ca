#pragma once
// The declarative model file: a stock-flow model in YAML. See docs/sd.md for the format.
//
//   model: Teacup
//   specs: {start: 0, stop: 30, dt: 0.125, method: euler, time_units: minutes}
//   variables:
//     - stock: Teacup Temperature
//       initial: 180
//       outflows: [Heat Loss to Room]
//     - flow: Heat Loss to Room
//       equation: (Teacup Temperature - Room Temperature) / Characteristic Time
//
// Unknown keys, wrong types and missing fields are errors that name the file and line.
#include <filesystem>
#include <string>

#include "sim/sd/model.hpp"

namespace revolve::sd {

/// Load a model file. Throws InputError (file, line, key) on bad input.
Model load_model_file(const std::filesystem::path& path);

/// Parse model-file text; `file_name` is used in messages only.
Model parse_model_file(const std::string& text, const std::string& file_name);

/// Load a model by extension: .yaml/.yml model files; .xmile/.stmx/.xml XMILE.
Model load_model(const std::filesystem::path& path);

}  // namespace revolve::sd

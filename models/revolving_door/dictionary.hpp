#pragma once
// The model's output dictionary: what a board calls each measure, group, payer and intervention, which
// direction is better, and the model's own limitations (read from limitations.yaml beside the
// parameters). Declared once here; the runner, Python (revolve.model_dictionary) and the report read it.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/ensemble/scenario_model.hpp"

namespace revolve::revolving_door {

/// What a measure is called and which way is better for people.
struct MeasureWords {
  std::string label;  ///< the measure itself when it has no plain-English name yet
  int better = 0;     ///< -1 fewer is better, +1 more is better, 0 not an outcome for people
};

/// The words for one measure (e.g. "events.ae_attendance").
MeasureWords measure_words(const std::string& measure);

/// The model's limitations: a YAML file with one key, `limitations`, a list of sentences. Throws
/// InputError naming the file and line when it is missing or malformed.
std::vector<std::string> read_limitations(const std::filesystem::path& file);

/// The whole dictionary, with the limitations read from `limitations_file`.
ensemble::ModelDictionary revolving_door_dictionary(const std::filesystem::path& limitations_file);

}  // namespace revolve::revolving_door

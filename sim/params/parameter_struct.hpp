#pragma once
// C++ for a model's parameters, generated from its parameters file at build time, so that each
// parameter is declared once (in the YAML): one struct per section with one field per parameter, in
// model units, and a reader that fills them from a ParameterSet.
//
//   section "housing_first", parameter "places"  ->  HousingFirstParameters::places
//   parameter "cost.nhs.ae_attendance"            ->  CostParameters::nhs_ae_attendance
//
// The CMake function revolve_parameter_struct (sim/params/CMakeLists.txt) runs the generator.
#include <span>
#include <string>
#include <string_view>

#include "sim/params/parameter_set.hpp"

namespace revolve::params {

struct GeneratedStruct {
  std::string header;  ///< the structs and the reader's declaration
  std::string source;  ///< the reader
};

struct StructOptions {
  std::string yaml_path;        ///< as named in the "generated from" comment
  std::string header_include;   ///< how the source includes the header, e.g. "models/x/parameters.hpp"
  std::string name_space;       ///< e.g. "revolve::revolving_door"
};

/// The unit a value has after loading, for comments: "per week", "weeks", "GBP per week", "people".
std::string model_unit(const Parameter& parameter, TimeUnit model);

/// Generates the structs and the reader for every parameter of `set`.
GeneratedStruct generate_parameter_struct(const ParameterSet& set, const StructOptions& options);

/// The value of parameter `name` in model units, times `population_scale` if it scales with the
/// population. Used by generated readers.
double scaled_value(const ParameterSet& set, std::string_view name, double population_scale);

/// Throws ModelError if `set` holds parameters that are not in `compiled` (the names the model was
/// generated from): a parameters file newer than the build. Used by generated readers.
void check_compiled_names(const ParameterSet& set, std::span<const std::string_view> compiled);

}  // namespace revolve::params

#pragma once
// Scenario files: what a commissioner changes, in YAML.
//
//   scenario: Housing First scaled up
//   extends: baseline.yaml            # relative to this file
//   parameters:
//     housing_first.places: 80        # in the parameter's own unit, or {value: 2, unit: per year}
//   interventions:
//     housing_first: {start: 0.5, scale_up: 1, stop: 10, level: 1}   # years from the start of the run
//     mtam:
//       schedule:                     # several windows, which must not overlap
//         - {start: 0, scale_up: 1, stop: 3}
//         - {start: 5, scale_up: 0.5}
//     navigators: off                 # switch off what the file it extends switched on
//   horizon_years: 10
//   population_scale: 1
//   seed: 1
//   runs: 200
//   outputs: [people.rough_sleeping, events.ae_attendance]
//   cohort:                           # a closed cohort: these people only, no arrivals
//     people: 200                     # before population_scale
//     housing: {rough_sleeping: 0.5, temporary: 0.5}   # shares of a starting state; each column's sum to 1
//     need: {high: 1}
//
// Loading is in two steps: parse_scenario reads the file and everything it extends (types, keys,
// extends targets and cycles), then validate_scenario checks it against the model (parameter names,
// units and bounds, intervention names, outputs). Every error is a ScenarioError that names the file,
// line and key; nothing is silently ignored.
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/params/parameter_set.hpp"

namespace revolve::io {

/// What a scenario may ask for (docs/reliability.md): beyond these a run would exhaust memory or take years, and
/// a typo is likelier than intent. A national model, about 40 times the Bristol-like area's people, fits.
namespace limits {
inline constexpr std::size_t file_bytes = 1 << 20;  ///< a scenario file [bytes]; Bristol's are about 1 KiB
inline constexpr std::size_t yaml_nodes = 100000;   ///< values in one file, aliases counted
inline constexpr double horizon_years = 100;        ///< [years]
inline constexpr std::uint64_t runs = 100000;       ///< runs of one scenario
inline constexpr double people = 20e6;              ///< people in one run: the starting cohort and every arrival
}  // namespace limits

/// One period in which an intervention runs: off before `start`, rising linearly to `level` over
/// `scale_up`, held until `stop`, then off [years from the start of the run].
struct Window {
  double start = 0.0;
  double scale_up = 0.0;
  double stop = std::numeric_limits<double>::infinity();
  double level = 1.0;
  params::Origin origin;

  /// Level at time t [years]: 0 outside the window, the ramp during scale-up.
  double level_at(double t) const;
};

struct InterventionSetting {
  std::string name;
  std::vector<Window> windows;  ///< in time order, not overlapping
  params::Origin origin;

  /// Level at time t [years]: that of the window t falls in, or 0.
  double level_at(double t) const;
};

/// One share of a closed cohort's starting states: `share` of the people start in `category` of a column.
struct CohortShare {
  std::string category;
  double share = 0.0;
  params::Origin origin;
};

/// A closed cohort (docs/scenarios.md, 'A closed cohort'): `people` people from the start and no arrivals, with
/// chosen shares of some starting states; the model draws every state not chosen as it does for its own cohort.
struct CohortSetting {
  double people = 0.0;  ///< before population_scale
  std::map<std::string, std::vector<CohortShare>> shares;  ///< by column; each column's shares sum to 1
  params::Origin origin;
};

struct Scenario {
  std::string label;
  std::string description;
  std::filesystem::path file;              ///< the file it was loaded from (empty if built in code)
  std::vector<std::filesystem::path> chain;  ///< this file, then what it extends, to the root
  std::string model;
  double horizon_years = 10.0;
  double population_scale = 1.0;
  std::uint64_t seed = 1;
  int runs = 100;
  std::vector<std::string> outputs;                     ///< empty: every output
  std::vector<params::Override> parameters;             ///< in file order; later ones win
  std::map<std::string, InterventionSetting> interventions;
  std::optional<CohortSetting> cohort;  ///< a closed cohort, replacing the model's own (a child file's replaces all)

  /// The same scenario with `changes` on top (as if a child file set them).
  Scenario with_parameters(const std::vector<params::Override>& changes, const std::string& new_label) const;
  /// A stable fingerprint of the settings as written (not the label or description): equal settings, equal
  /// hashes. A value written in another unit (or with and without its unit) hashes differently even when it
  /// is the same in model units; the manifest's resolved parameters are the canonical record.
  std::string hash() const;
};

/// What a model accepts, for validate_scenario.
struct ScenarioSchema {
  std::string model;
  const params::ParameterSet* parameters = nullptr;
  std::vector<std::string> interventions;
  std::vector<std::string> outputs;
  /// The columns a closed cohort may choose shares of, with their categories (empty: the model has none).
  std::map<std::string, std::vector<std::string>> cohort_columns;
};

/// Read a scenario file and what it extends. Throws ScenarioError (file, line, key) or InputError.
Scenario parse_scenario(const std::filesystem::path& path);

/// Check parameter overrides (names, units, bounds), interventions, outputs, the horizon and runs (limits)
/// against the model. Throws ScenarioError naming the file, line and key of the first problem.
void validate_scenario(const Scenario& scenario, const ScenarioSchema& schema);

/// For a model, once it knows how many people a run holds (a scenario's population_scale multiplies them):
/// throws ScenarioError naming the scenario's file if `people` is above limits::people.
void check_population(const Scenario& scenario, double people);

}  // namespace revolve::io

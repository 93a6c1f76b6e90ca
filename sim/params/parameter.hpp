#pragma once
// A parameter's specification: its value as written, unit and kind, what it means, where it comes from and
// how sure we are. The model reads converted values from a ParameterSet; this is what documents them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/params/uncertainty.hpp"
#include "sim/params/units.hpp"

namespace revolve::params {

/// How a value was obtained.
enum class Status {
  sourced,     ///< read from a cited source
  derived,     ///< computed from sourced figures; `derivation` shows the arithmetic
  calibrated,  ///< tuned so the model matches a target (`calibrate_to`)
  assumption,  ///< a judgement with a `rationale` and a wide uncertainty range
};

/// Lower case name of a status ("assumption").
std::string to_string(Status status);
/// Parse a status name; nullopt when unknown.
std::optional<Status> parse_status(const std::string& text);

/// Where a number comes from: the citation, and where in it (table, page, section).
struct Source {
  std::string citation;
  std::string location;
};

/// Where something was written: file and 1-based line (line 0 when unknown).
struct Origin {
  std::string file;
  int line = 0;
};

/// Where a value comes from and how it was obtained.
struct Provenance {
  Status status = Status::assumption;
  std::optional<Source> source;
  std::string derivation;    ///< the arithmetic, for derived values
  std::string rationale;     ///< why an assumption is reasonable
  std::string calibrate_to;  ///< the calibration target the value is meant to match, if any
};

/// What a provenance lacks for its status ("status 'derived' needs a derivation"), or "" when complete:
/// every status but assumption needs a source; derived needs a derivation; calibrated names its target;
/// an assumption needs a rationale.
std::string missing_provenance(const Provenance& provenance);

/// Lowest and highest allowed value, in the parameter's written unit.
struct Bounds {
  double low = 0, high = 0;
  bool contains(double x) const { return x >= low && x <= high; }
};

/// The full specification of one parameter.
struct Parameter {
  std::string name;  ///< dotted: section and key, e.g. "housing_first.places"
  double value = 0;  ///< as written in the file, in `unit` (at `price_year` for money)
  Unit unit;         ///< the written unit; `unit.kind` is the parameter's kind
  std::string description;
  Provenance provenance;
  Uncertainty uncertainty;  ///< in the written unit
  Bounds bounds;            ///< in the written unit
  std::string price_year;   ///< money only, e.g. "2016/17"
  double uprating = 1;      ///< money only: factor from `price_year` to the model's price year
  bool scales_with_population = false;  ///< a count of people, places or posts: times the scenario's population_scale
  Origin origin;

  Kind kind() const { return unit.kind; }
  /// A number written in this parameter's unit (and price year), in model units.
  double to_model(double written, TimeUnit model) const { return to_model_units(unit, written * uprating, model); }
};

/// The widest bounds a kind allows, in `unit` (fractions and probabilities 0 to 1, i.e. 0 to 100 percent;
/// growth above -100%; everything else non-negative).
Bounds natural_bounds(const Unit& unit);

/// Check a specification on its own: name, description, bounds, value within bounds, provenance (a source
/// unless it is an assumption with a rationale), uncertainty that fits the value and bounds, price year for
/// money. Throws ParameterError that names the file, line and parameter.
void validate(const Parameter& parameter);

/// A titled group of parameters, in file order; drives the documentation tables.
struct Section {
  std::string name;  ///< the name prefix, e.g. "housing_first"
  std::string title;
  std::string description;
  std::vector<std::size_t> members;  ///< indices into the parameter list, in file order
};

/// How money written at other price years is brought to the model's price year.
struct Uprating {
  std::string index;  ///< e.g. "HM Treasury GDP deflator at market prices"
  Provenance provenance;
  std::map<std::string, double> factors;  ///< price year -> multiplier to the model's price year
};

/// Conventions that hold for a whole parameters file.
struct Conventions {
  TimeUnit time_unit = TimeUnit::week;  ///< the model's time unit: every rate, duration and period converts to it
  std::string price_year;               ///< all money is converted to this price year
  std::optional<Uprating> uprating;
};

/// What a parameters file says about itself.
struct Header {
  std::string model;        ///< e.g. "revolving_door"
  std::string description;  ///< a paragraph for the documentation page
  Conventions conventions;
};

}  // namespace revolve::params

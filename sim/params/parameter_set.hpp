#pragma once
// A complete, validated set of parameters with values in model units.
//
// Resolve each name to a ParamId once, at init; read values by id in the hot loop (an index into a vector,
// no string look-up). Describe, freeze, run: before freeze() any parameter may be overridden; after it none
// may change, so a run's parameters are exactly those its manifest records.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/params/parameter.hpp"

namespace revolve::params {

/// Handle of a parameter in one ParameterSet.
struct ParamId {
  std::uint32_t index = 0;
  friend bool operator==(ParamId, ParamId) = default;
};

/// A change requested by a scenario: a parameter name and a value, in `unit` when given, otherwise in the
/// parameter's own unit (and price year), as in its parameters file.
struct Override {
  std::string name;
  double value = 0;
  std::string unit;
  Origin origin;
};

/// An override that has passed validation, ready to apply.
struct Change {
  ParamId id;
  double model_value = 0;
};

/// Number of parameters with each status, indexed by Status.
using StatusCounts = std::array<int, 4>;

class ParameterSet {
 public:
  /// Validates names (unique, dotted) and converts every value to model units. Throws ParameterError.
  ParameterSet(Header header, std::vector<Section> sections, std::vector<Parameter> parameters);

  /// Handle for `name`; throws ParameterError naming the closest known names when it does not exist.
  ParamId id(std::string_view name) const;
  /// Handle for `name`, or nullopt.
  std::optional<ParamId> find(std::string_view name) const;

  /// Current value in model units [per model time unit, model time units, GBP at the model's price year].
  double operator[](ParamId id) const { return values_[id.index]; }
  /// Specification as written in the file.
  const Parameter& spec(ParamId id) const { return parameters_[id.index]; }

  /// Validate an override (known name, unit of the same kind, value within bounds) without applying it.
  Change check(const Override& change) const;
  /// Apply a checked change. After freeze() nothing may change.
  void apply(const Change& change);
  /// Check and apply in one go.
  void set(const Override& change) { apply(check(change)); }
  /// End of the describe phase: from now on no parameter changes.
  void freeze() { frozen_ = true; }
  bool frozen() const { return frozen_; }

  const Header& header() const { return header_; }
  const std::string& model() const { return header_.model; }
  const Conventions& conventions() const { return header_.conventions; }
  const std::vector<Section>& sections() const { return sections_; }
  const std::vector<Parameter>& parameters() const { return parameters_; }
  std::size_t size() const { return parameters_.size(); }
  StatusCounts count_by_status() const;

  /// Up to `most` known names closest to `name` (edit distance), closest first.
  std::vector<std::string> closest_names(std::string_view name, std::size_t most = 3) const;

 private:
  std::string unknown_name(std::string_view name) const;  // the error message, with the closest names

  Header header_;
  std::vector<Section> sections_;
  std::vector<Parameter> parameters_;
  std::vector<double> values_;  // model units, indexed by ParamId
  std::unordered_map<std::string, std::uint32_t> index_;
  bool frozen_ = false;
};

}  // namespace revolve::params

#include "sim/params/parameter_set.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/error.hpp"
#include "sim/core/suggest.hpp"

namespace revolve::params {
namespace {

std::string location(const Origin& origin) { return where(origin.file, origin.line); }

// Factor that takes money written at `p.price_year` to the model's price year.
double uprating_factor(const Parameter& p, const Conventions& c) {
  if (p.kind() != Kind::money) return 1;
  if (c.price_year.empty()) {
    throw ParameterError(location(p.origin) + "'" + p.name + "': money needs the file's 'conventions: price_year'");
  }
  if (p.price_year == c.price_year) return 1;
  if (c.uprating) {
    if (const auto it = c.uprating->factors.find(p.price_year); it != c.uprating->factors.end()) return it->second;
  }
  throw ParameterError(location(p.origin) + "'" + p.name + "': no uprating factor from price year " + p.price_year +
                       " to " + c.price_year + " in 'conventions: uprating: factors'");
}

}  // namespace

ParameterSet::ParameterSet(Header header, std::vector<Section> sections, std::vector<Parameter> parameters)
    : header_(std::move(header)), sections_(std::move(sections)), parameters_(std::move(parameters)) {
  values_.reserve(parameters_.size());
  for (auto& p : parameters_) {
    validate(p);
    const auto [it, inserted] = index_.emplace(p.name, static_cast<std::uint32_t>(values_.size()));
    if (!inserted) {
      throw ParameterError(location(p.origin) + "'" + p.name + "' is defined twice (first at line " +
                           std::to_string(parameters_[it->second].origin.line) + ")");
    }
    p.uprating = uprating_factor(p, conventions());
    values_.push_back(p.to_model(p.value, conventions().time_unit));
  }
}

std::optional<ParamId> ParameterSet::find(std::string_view name) const {
  const auto it = index_.find(std::string(name));
  if (it == index_.end()) return std::nullopt;
  return ParamId{it->second};
}

ParamId ParameterSet::id(std::string_view name) const {
  if (const auto found = find(name)) return *found;
  throw ParameterError(unknown_name(name));
}

std::string ParameterSet::unknown_name(std::string_view name) const {
  return "unknown parameter '" + std::string(name) + "' in " + model() + did_you_mean(closest_names(name));
}

std::vector<std::string> ParameterSet::closest_names(std::string_view name, std::size_t most) const {
  std::vector<std::string> known;
  known.reserve(parameters_.size());
  for (const auto& p : parameters_) known.push_back(p.name);
  auto near = revolve::closest_names(name, known, most);
  // Also the same last word in another section: "mental_health.relapse" for "health.relapse".
  const auto last_word = [](std::string_view n) { return n.substr(n.rfind('.') + 1); };
  for (const auto& k : known) {
    const bool listed = std::find(near.begin(), near.end(), k) != near.end();
    if (near.size() < most && !listed && last_word(k) == last_word(name)) near.push_back(k);
  }
  return near;
}

Change ParameterSet::check(const Override& change) const {
  const std::string at = location(change.origin);
  const auto found = find(change.name);
  if (!found) throw ParameterError(at + unknown_name(change.name));
  const Parameter& p = spec(*found);
  Unit unit = p.unit;
  if (!change.unit.empty()) {
    const auto parsed = parse_unit(change.unit);
    const bool same_dimension =
        parsed && parsed->kind == p.kind() && parsed->time.has_value() == p.unit.time.has_value();
    if (!same_dimension) {
      throw ParameterError(at + "'" + p.name + "': unit mismatch: '" + change.unit + "' does not fit '" + p.unit.text +
                           "' (a " + to_string(p.kind()) + "; use: " + units_for(p.kind()) + ")");
    }
    unit = *parsed;
  }
  const auto model_value = [&](const Unit& u, double x) {
    return to_model_units(u, x * p.uprating, conventions().time_unit);
  };
  const double value = model_value(unit, change.value);
  // Every conversion is increasing, so bounds compare in model units.
  if (!std::isfinite(value) || value < model_value(p.unit, p.bounds.low) ||
      value > model_value(p.unit, p.bounds.high)) {
    throw ParameterError(at + "'" + p.name + "': value " + format_number(change.value) + " " + unit.text +
                         " is out of bounds [" + format_number(p.bounds.low) + ", " + format_number(p.bounds.high) +
                         "] " + p.unit.text);
  }
  return Change{*found, value};
}

void ParameterSet::apply(const Change& change) {
  const Parameter& p = spec(change.id);
  if (frozen_) {
    throw ParameterError("'" + p.name + "' cannot change during a run (defined at " + p.origin.file + ":" +
                         std::to_string(p.origin.line) + "): set it in the scenario, or vary an intervention's "
                         "level over time with its windows");
  }
  values_[change.id.index] = change.model_value;
}

StatusCounts ParameterSet::count_by_status() const {
  StatusCounts counts{};
  for (const auto& p : parameters_) ++counts[static_cast<std::size_t>(p.provenance.status)];
  return counts;
}

}  // namespace revolve::params

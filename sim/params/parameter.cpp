#include "sim/params/parameter.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <utility>

#include "sim/core/error.hpp"

namespace revolve::params {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

constexpr std::array<std::pair<const char*, Status>, 4> status_names = {{
    {"sourced", Status::sourced},
    {"derived", Status::derived},
    {"calibrated", Status::calibrated},
    {"assumption", Status::assumption},
}};

[[noreturn]] void fail(const Parameter& p, const std::string& message) {
  throw ParameterError(where(p.origin.file, p.origin.line) + "'" + p.name + "': " + message);
}

std::string range_text(double low, double high) {
  std::string out = "[";  // built by appending: g++ 12 warns falsely (-Wrestrict) on "[" + std::string
  out += format_number(low) + ", " + format_number(high) + "]";
  return out;
}

// Lower-case words of letters, digits and underscores joined by dots, at least two words.
bool is_dotted_name(const std::string& name) {
  bool word_start = true;
  int dots = 0;
  for (const char c : name) {
    if (c == '.') {
      if (word_start) return false;
      word_start = true;
      ++dots;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
    word_start = false;
  }
  return dots > 0 && !word_start;
}

void check_bounds(const Parameter& p) {
  const Bounds natural = natural_bounds(p.unit);
  if (!(p.bounds.low <= p.bounds.high)) fail(p, "bounds " + range_text(p.bounds.low, p.bounds.high) + " are reversed");
  if (p.bounds.low < natural.low || p.bounds.high > natural.high) {
    fail(p, "bounds " + range_text(p.bounds.low, p.bounds.high) + " go beyond what a " + to_string(p.kind()) + " in '" +
                p.unit.text + "' allows " + range_text(natural.low, natural.high));
  }
  if (!std::isfinite(p.value) || !p.bounds.contains(p.value)) {
    fail(p, "value " + format_number(p.value) + " is out of bounds " + range_text(p.bounds.low, p.bounds.high));
  }
}

// Beta lives on [0, 1]: it fits a probability or a fraction written as one, not a percentage or a rate.
bool beta_fits(const Parameter& p) {
  return (p.kind() == Kind::probability || p.kind() == Kind::fraction) && p.unit.scale == 1;
}

void check_uncertainty(const Parameter& p) {
  const auto& u = p.uncertainty;
  if (std::holds_alternative<Fixed>(u)) {
    if (p.provenance.status == Status::assumption) fail(p, "an assumption needs an uncertainty range, not 'none'");
    return;
  }
  const std::string name = distribution_name(u);
  if (const auto problem = argument_problem(u); !problem.empty()) fail(p, "uncertainty " + name + " " + problem);
  if (const auto* t = std::get_if<Triangular>(&u); t && t->mode != p.value) {
    fail(p, "triangular mode " + format_number(t->mode) + " differs from the value " + format_number(p.value) +
                ": the value is what runs without parameter uncertainty use, so it must be the most likely one; "
                "set 'mode' to the value (or the value to the mode)");
  }
  if (std::holds_alternative<Beta>(u) && !beta_fits(p)) {
    fail(p, "a beta distribution lies on [0, 1]: it fits a probability or fraction written as a fraction, not a " +
                to_string(p.kind()) + " in '" + p.unit.text + "' (use triangular, uniform or gamma)");
  }
  const auto [first, last] = support(u, p.value);
  if (p.value < first || p.value > last) {
    fail(p, "value " + format_number(p.value) + " lies outside its own uncertainty (" + describe(u) + ")");
  }
  // Every draw, not only the likely ones, must be a value the parameter may take.
  const auto [low, high] = draw_range(u, p.value);
  if (low < p.bounds.low || high > p.bounds.high) {
    fail(p, "uncertainty (" + describe(u) + ") draws from " + format_number(low, 4) + " to " + format_number(high, 4) +
                ", outside bounds " + range_text(p.bounds.low, p.bounds.high) + " of a " + to_string(p.kind()) +
                " in '" + p.unit.text + "'; narrow it or pick a distribution that respects the bounds");
  }
}

void check_price_year(const Parameter& p) {
  const bool money = p.kind() == Kind::money;
  if (money && p.price_year.empty()) fail(p, "money needs a 'price_year' (e.g. \"2016/17\")");
  if (!money && !p.price_year.empty()) fail(p, "'price_year' applies to money only, not a " + to_string(p.kind()));
}

}  // namespace

std::string to_string(Status status) {
  for (const auto& [name, s] : status_names) {
    if (s == status) return name;
  }
  return "?";
}

std::optional<Status> parse_status(const std::string& text) {
  for (const auto& [name, s] : status_names) {
    if (text == name) return s;
  }
  return std::nullopt;
}

std::string missing_provenance(const Provenance& p) {
  const std::string status = "status '" + to_string(p.status) + "' ";
  if (p.status == Status::assumption) {
    return p.rationale.empty() ? status + "needs a 'rationale' (or a 'source' and status sourced)" : "";
  }
  if (!p.source) return status + "needs a 'source' (citation and where in it), or status assumption with a rationale";
  if (p.status == Status::derived && p.derivation.empty())
    return status + "needs a 'derivation' showing the arithmetic";
  if (p.status == Status::calibrated && p.calibrate_to.empty())
    return status + "needs 'calibrate_to' naming the target";
  return "";
}

Bounds natural_bounds(const Unit& unit) {
  switch (unit.kind) {
    case Kind::probability:
    case Kind::fraction:
      return {0, 1 / unit.scale};
    case Kind::growth:
      return {-1 / unit.scale, infinity};
    case Kind::rate:
    case Kind::duration:
    case Kind::money:
    case Kind::count:
    case Kind::ratio:
      return {0, infinity};
  }
  return {0, infinity};
}

void validate(const Parameter& p) {
  if (!is_dotted_name(p.name)) fail(p, "a name is lower-case words joined by dots, e.g. 'housing_first.places'");
  if (p.description.empty()) fail(p, "needs a 'description'");
  if (const auto missing = missing_provenance(p.provenance); !missing.empty()) fail(p, missing);
  check_price_year(p);
  check_bounds(p);
  check_uncertainty(p);
}

}  // namespace revolve::params

#include "sim/params/units.hpp"

#include <array>
#include <utility>

namespace revolve::params {
namespace {

constexpr double days_per_year = 365.25;

// A unit's text, what kind of quantity it is, and its scale to the model's unit.
struct UnitText {
  std::string_view text;
  Kind kind;
  double scale;
};

// Units with no period. Durations are handled separately because their time unit is the unit itself.
constexpr std::array<UnitText, 11> fixed_units = {{
    {"probability", Kind::probability, 1},
    {"GBP", Kind::money, 1},
    {"fraction", Kind::fraction, 1},
    {"percent", Kind::fraction, 0.01},
    {"people", Kind::count, 1},
    {"places", Kind::count, 1},
    {"staff", Kind::count, 1},
    {"count", Kind::count, 1},
    {"ratio", Kind::ratio, 1},
    {"multiplier", Kind::ratio, 1},
    {"people per worker", Kind::ratio, 1},
}};

// Units written "<text> per <period>": the text before "per" decides the kind.
constexpr std::array<UnitText, 5> periodic_units = {{
    {"", Kind::rate, 1},
    {"probability", Kind::probability, 1},
    {"GBP", Kind::money, 1},
    {"fraction", Kind::growth, 1},
    {"percent", Kind::growth, 0.01},
}};

constexpr std::array<std::pair<std::string_view, Kind>, 8> kind_names = {{
    {"rate", Kind::rate},
    {"probability", Kind::probability},
    {"duration", Kind::duration},
    {"money", Kind::money},
    {"count", Kind::count},
    {"fraction", Kind::fraction},
    {"ratio", Kind::ratio},
    {"growth", Kind::growth},
}};

constexpr std::array<std::pair<std::string_view, TimeUnit>, 4> time_names = {{
    {"day", TimeUnit::day},
    {"week", TimeUnit::week},
    {"month", TimeUnit::month},
    {"year", TimeUnit::year},
}};

// Split "<head> per <period>" ("per year" has an empty head); nullopt when there is no " per <period>".
std::optional<std::pair<std::string_view, TimeUnit>> split_period(std::string_view text) {
  std::string_view head;
  std::string_view tail;
  if (text.starts_with("per ")) {
    tail = text.substr(4);
  } else if (const auto at = text.find(" per "); at != std::string_view::npos) {
    head = text.substr(0, at);
    tail = text.substr(at + 5);
  } else {
    return std::nullopt;
  }
  for (const auto& [name, unit] : time_names) {
    if (tail == name) return std::pair{head, unit};
  }
  return std::nullopt;
}

}  // namespace

double days_in(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::day:
      return 1;
    case TimeUnit::week:
      return 7;
    case TimeUnit::month:
      return days_per_year / 12;
    case TimeUnit::year:
      return days_per_year;
  }
  return 1;
}

std::optional<Unit> parse_unit(std::string_view text) {
  for (const auto& u : fixed_units) {
    if (text == u.text) return Unit{std::string(text), u.kind, u.scale, std::nullopt};
  }
  if (const auto time = parse_time_unit(text)) return Unit{std::string(text), Kind::duration, 1, time};
  if (const auto split = split_period(text)) {
    for (const auto& u : periodic_units) {
      if (split->first == u.text) return Unit{std::string(text), u.kind, u.scale, split->second};
    }
  }
  return std::nullopt;
}

double to_model_units(const Unit& unit, double written, TimeUnit model) {
  const double x = written * unit.scale;
  if (!unit.time) return x;
  // How many of the written periods fit in one model time unit (per year -> per week: 7 / 365.25).
  const double periods = days_in(model) / days_in(*unit.time);
  switch (unit.kind) {
    case Kind::rate:
    case Kind::money:
      return x * periods;
    case Kind::probability:
      return -std::expm1(periods * std::log1p(-x));  // 1 - (1 - x)^periods
    case Kind::growth:
      return std::expm1(periods * std::log1p(x));  // (1 + x)^periods - 1
    case Kind::duration:
      return x / periods;
    case Kind::count:
    case Kind::fraction:
    case Kind::ratio:
      return x;
  }
  return x;
}

std::string to_string(Kind kind) {
  for (const auto& [name, k] : kind_names) {
    if (k == kind) return std::string(name);
  }
  return "?";
}

std::string to_string(TimeUnit unit) {
  for (const auto& [name, u] : time_names) {
    if (u == unit) return std::string(name);
  }
  return "?";
}

std::optional<Kind> parse_kind(std::string_view text) {
  for (const auto& [name, k] : kind_names) {
    if (text == name) return k;
  }
  return std::nullopt;
}

std::optional<TimeUnit> parse_time_unit(std::string_view text) {
  if (text.ends_with('s')) text.remove_suffix(1);
  for (const auto& [name, u] : time_names) {
    if (text == name) return u;
  }
  return std::nullopt;
}

std::string units_for(Kind kind) {
  std::string out;
  auto add = [&out](std::string_view unit) { out += (out.empty() ? "" : ", ") + std::string(unit); };
  for (const auto& u : fixed_units) {
    if (u.kind == kind) add(u.text);
  }
  for (const auto& u : periodic_units) {
    if (u.kind == kind) add(std::string(u.text) + (u.text.empty() ? "" : " ") + "per day|week|month|year");
  }
  if (kind == Kind::duration) add("days|weeks|months|years");
  return out;
}

}  // namespace revolve::params

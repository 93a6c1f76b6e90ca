#pragma once
// Typed quantities for parameters: what a number measures (its kind), the unit it is written in, and the one
// conversion into the model's time unit that happens when a parameters file is loaded.
//
// Calendar convention: a year is 365.25 days, a month is a twelfth of a year (30.4375 days) and a week is
// 7 days, so a year is 365.25 / 7 = 52.1786 weeks. The revolving-door model steps weekly.
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace revolve::params {

/// What a quantity measures. The kind decides which units it may be written in and how it converts.
enum class Kind {
  rate,         ///< events per unit time (a hazard): "per year"; converts linearly
  probability,  ///< chance per occasion ("probability") or per period ("probability per month")
  duration,     ///< a length of time: "days", "weeks", "months", "years"
  money,        ///< GBP at a stated price year, per item ("GBP") or per time ("GBP per day")
  count,        ///< a number of people, places or staff
  fraction,     ///< a share of a whole, 0 to 1: "fraction" or "percent"
  ratio,        ///< a multiplier or a ratio of two counts: "multiplier", "ratio", "people per worker"
  growth,       ///< compound change per period (discounting, real cost growth): "percent per year"
};

/// Units of calendar time.
enum class TimeUnit { day, week, month, year };

/// Length of a time unit [days] under the calendar convention above.
double days_in(TimeUnit unit);

/// A unit as written in a parameters file, e.g. "per year", "probability per month", "GBP per day", "percent".
struct Unit {
  std::string text;  ///< as written, e.g. "probability per month"
  Kind kind = Kind::ratio;
  double scale = 1;              ///< applied to the written number first (percent: 0.01)
  std::optional<TimeUnit> time;  ///< the period ("per year") or, for a duration, its unit ("years")
};

/// Parse a unit; nullopt when the text is not a unit revolve knows.
std::optional<Unit> parse_unit(std::string_view text);

/// Convert a number written in `unit` into the model's time unit:
/// rates and money per time scale with the period; a probability per period p becomes 1 - (1 - p)^(step/period);
/// growth g becomes (1 + g)^(step/period) - 1; durations become a number of model time units.
double to_model_units(const Unit& unit, double written, TimeUnit model);

/// Lower case name of a kind ("probability").
std::string to_string(Kind kind);
/// Lower case name of a time unit ("week").
std::string to_string(TimeUnit unit);
/// Parse a kind name; nullopt when unknown.
std::optional<Kind> parse_kind(std::string_view text);
/// Parse a time unit name, singular or plural ("week", "weeks"); nullopt when unknown.
std::optional<TimeUnit> parse_time_unit(std::string_view text);
/// The units a kind may be written in, for error messages ("per day|week|month|year").
std::string units_for(Kind kind);

/// Probability that an event with a constant rate happens within a step: 1 - exp(-rate dt).
/// `rate` and `dt` use the same time unit (rate [per week], dt [weeks]).
inline double rate_to_probability(double rate, double dt) { return -std::expm1(-rate * dt); }

/// A lower bound of rate_to_probability(rate, 1) that needs no exp, for a draw that is almost always far from it:
/// rate - rate^2 / 2, as 1 - exp(-x) >= x - x^2/2 for every x >= 0, less 2^-50 of itself, which covers the rounding
/// of both (expm1 is within an ulp). A uniform below it is an event whatever expm1 would round to.
inline double probability_lower_bound(double rate) { return (rate - 0.5 * rate * rate) * (1.0 - 0x1p-50); }

/// The constant rate that gives probability `p` within `period`: -ln(1 - p) / period.
/// Inverse of rate_to_probability; p = 1 gives infinity.
inline double probability_to_rate(double p, double period) { return -std::log1p(-p) / period; }

}  // namespace revolve::params

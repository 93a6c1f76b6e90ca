#include "sim/params/units.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace revolve::params;
using Catch::Detail::Approx;

namespace {

constexpr double weeks_per_year = 365.25 / 7;

// Convert `written` in the unit spelled `text` to the weekly model.
double weekly(double written, const char* text) {
  const auto unit = parse_unit(text);
  REQUIRE(unit);
  return to_model_units(*unit, written, TimeUnit::week);
}

}  // namespace

TEST_CASE("calendar convention: a year is 365.25 days, a month a twelfth of it") {
  CHECK(days_in(TimeUnit::day) == 1);
  CHECK(days_in(TimeUnit::week) == 7);
  CHECK(days_in(TimeUnit::month) == Approx(30.4375));
  CHECK(days_in(TimeUnit::year) == 365.25);
}

TEST_CASE("units parse to their kind and period") {
  CHECK(parse_unit("per year")->kind == Kind::rate);
  CHECK(parse_unit("per year")->time == TimeUnit::year);
  CHECK(parse_unit("probability per month")->kind == Kind::probability);
  CHECK(parse_unit("probability")->time == std::nullopt);
  CHECK(parse_unit("weeks")->kind == Kind::duration);
  CHECK(parse_unit("day")->time == TimeUnit::day);
  CHECK(parse_unit("GBP per day")->kind == Kind::money);
  CHECK(parse_unit("GBP")->time == std::nullopt);
  CHECK(parse_unit("people")->kind == Kind::count);
  CHECK(parse_unit("percent")->kind == Kind::fraction);
  CHECK(parse_unit("people per worker")->kind == Kind::ratio);
  CHECK(parse_unit("percent per year")->kind == Kind::growth);
}

TEST_CASE("unknown units do not parse") {
  for (const char* text : {"per fortnight", "fortnights", "euros", "per", "probability per", "GBP per person", ""}) {
    INFO(text);
    CHECK_FALSE(parse_unit(text));
  }
}

TEST_CASE("rates scale with the period") {
  CHECK(weekly(weeks_per_year, "per year") == Approx(1));
  CHECK(weekly(1, "per day") == Approx(7));
  CHECK(weekly(1, "per week") == 1);
  CHECK(weekly(12, "per month") == Approx(144 * 7 / 365.25));
}

TEST_CASE("probabilities per period compound, not scale") {
  const double weekly_p = weekly(0.5, "probability per year");
  CHECK(1 - std::pow(1 - weekly_p, weeks_per_year) == Approx(0.5));
  CHECK(weekly_p > 0.5 / weeks_per_year);  // compounding, not division
  CHECK(weekly(0.3, "probability per day") == Approx(1 - std::pow(0.7, 7)));
  CHECK(weekly(0.42, "probability") == 0.42);  // per occasion: no time to convert
  CHECK(weekly(1, "probability per year") == 1);
  CHECK(weekly(0, "probability per month") == 0);
}

TEST_CASE("durations become model time units") {
  CHECK(weekly(14, "days") == Approx(2));
  CHECK(weekly(1, "year") == Approx(weeks_per_year));
  CHECK(weekly(37, "months") == Approx(37 * 365.25 / 12 / 7));
  CHECK(weekly(3, "weeks") == 3);
}

TEST_CASE("money per item stays, money per time scales") {
  CHECK(weekly(148, "GBP") == 148);
  CHECK(weekly(313, "GBP per day") == Approx(313 * 7));
  CHECK(weekly(51724, "GBP per year") == Approx(51724 / weeks_per_year));
}

TEST_CASE("counts and ratios are unchanged, percent becomes a fraction") {
  CHECK(weekly(5750, "people") == 5750);
  CHECK(weekly(7, "people per worker") == 7);
  CHECK(weekly(2.5, "multiplier") == 2.5);
  CHECK(weekly(13.1, "percent") == Approx(0.131));
  CHECK(weekly(0.131, "fraction") == 0.131);
}

TEST_CASE("growth compounds over the period") {
  const double g = weekly(3.5, "percent per year");
  CHECK(std::pow(1 + g, weeks_per_year) == Approx(1.035));
  CHECK(weekly(0.035, "fraction per year") == Approx(g));
}

TEST_CASE("conversion follows the model's time unit") {
  const auto per_week = *parse_unit("per week");
  CHECK(to_model_units(per_week, 7, TimeUnit::day) == Approx(1));
  const auto years = *parse_unit("years");
  CHECK(to_model_units(years, 1, TimeUnit::month) == Approx(12));
}

TEST_CASE("rate to probability over a step: 1 - exp(-r dt)") {
  CHECK(rate_to_probability(0, 1) == 0);
  CHECK(rate_to_probability(std::log(2.0), 1) == Approx(0.5));
  CHECK(rate_to_probability(0.1, 2) == Approx(1 - std::exp(-0.2)));
  CHECK(rate_to_probability(1e-12, 1) == Approx(1e-12));  // no cancellation for tiny rates
}

TEST_CASE("the lower bound of a step's probability is never above it, and close to it for small rates") {
  // Rates from 1e-15 to 100 per step, 200 to a factor of 10, and every probability's neighbour below: the bound may
  // not reach the computed probability at any of them.
  for (int k = -1500; k <= 200; ++k) {
    const double rate = std::pow(10.0, k / 100.0);
    INFO("rate " << rate);
    const double p = rate_to_probability(rate, 1);
    CHECK(probability_lower_bound(rate) < p);
    CHECK(probability_lower_bound(rate) <= std::nextafter(p, 0.0));
    if (rate <= 0.01) CHECK(probability_lower_bound(rate) >= p * (1 - rate));  // within rate^2 / 6 of it
  }
  CHECK(probability_lower_bound(0) == 0);
}

TEST_CASE("probability over a period to rate is the inverse") {
  CHECK(probability_to_rate(0.5, 1) == Approx(std::log(2.0)));
  CHECK(probability_to_rate(0.16, 3) == Approx(-std::log(0.84) / 3));
  for (const double p : {0.001, 0.2, 0.9}) CHECK(rate_to_probability(probability_to_rate(p, 4), 4) == Approx(p));
  CHECK(std::isinf(probability_to_rate(1, 1)));
}

TEST_CASE("kinds and time units have names both ways") {
  for (const auto kind : {Kind::rate, Kind::probability, Kind::duration, Kind::money, Kind::count, Kind::fraction,
                          Kind::ratio, Kind::growth}) {
    CHECK(parse_kind(to_string(kind)) == kind);
    CHECK_FALSE(units_for(kind).empty());
  }
  CHECK(parse_time_unit("weeks") == TimeUnit::week);
  CHECK(to_string(TimeUnit::month) == "month");
  CHECK_FALSE(parse_kind("hazard"));
  CHECK(units_for(Kind::rate) == "per day|week|month|year");
}

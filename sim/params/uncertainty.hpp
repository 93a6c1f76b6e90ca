#pragma once
// How uncertain a parameter is: a distribution in the unit the parameter is written in. Samplers draw a
// quantile here and convert it with the parameter's unit, so a distribution written "per year" stays right
// after the conversion to weeks (probabilities per period do not convert linearly).
#include <string>
#include <utility>
#include <variant>

namespace revolve::params {

/// No stated uncertainty: a convention or definition (the Green Book discount rate, a statutory recall length).
struct Fixed {};
/// Every value in [low, high] equally likely.
struct Uniform {
  double low = 0, high = 0;
};
/// Triangular on [low, high] with its peak at `mode` (written in the file; it must equal the parameter's value).
struct Triangular {
  double low = 0, mode = 0, high = 0;
};
/// Normal with `mean` (the parameter's value) and standard deviation `sd`.
struct Normal {
  double mean = 0, sd = 0;
};
/// Log-normal with `median` (the parameter's value) and `sdlog`, the standard deviation of log(value).
struct LogNormal {
  double median = 0, sdlog = 0;
};
/// Beta(alpha, beta) for a probability or share; from counts, alpha = events and beta = non-events.
struct Beta {
  double alpha = 0, beta = 0;
};
/// Gamma with `shape` k and `scale` theta (mean k theta, variance k theta^2): positive and skewed, for costs
/// and rates; from a mean m and standard error s, k = (m / s)^2 and theta = s^2 / m.
struct Gamma {
  double shape = 0, scale = 0;
};

/// One of the distributions above.
using Uncertainty = std::variant<Fixed, Uniform, Triangular, Normal, LogNormal, Beta, Gamma>;

/// Draws never go further into a tail than this quantile at either end: a normal, lognormal, gamma or beta is
/// cut at one in a million, so no draw is absurd and every draw can be checked against the bounds beforehand.
inline constexpr double draw_tail = 1e-6;

/// Value at quantile `u` (0 < u < 1) of the distribution; Fixed returns `value`.
double quantile(const Uncertainty& uncertainty, double value, double u);

/// A draw at quantile `u` in [0, 1]: the quantile of u held inside [draw_tail, 1 - draw_tail].
double draw(const Uncertainty& uncertainty, double value, double u);

/// The lowest and highest value draw() can give: the quantiles at draw_tail and 1 - draw_tail.
std::pair<double, double> draw_range(const Uncertainty& uncertainty, double value);

/// Where the distribution is defined: [low, high] for uniform and triangular, [0, 1] for beta, [0, inf) for
/// lognormal and gamma, the whole line for normal; {value, value} for Fixed.
std::pair<double, double> support(const Uncertainty& uncertainty, double value);

/// What is wrong with a distribution's own arguments ("needs sd > 0"), or "" when they make sense.
std::string argument_problem(const Uncertainty& uncertainty);

/// Name of the distribution ("triangular").
std::string distribution_name(const Uncertainty& uncertainty);

/// Short human description for documentation, e.g. "triangular 0.1 to 0.4, mode 0.2",
/// "beta(9210, 60830): 90% 0.129 to 0.134".
std::string describe(const Uncertainty& uncertainty);

/// Text for a number in documents and messages: the shortest that reads back exactly (5750, 0.131), or
/// rounded to `significant` digits when that is given (0.1293 for 0.129347 with 4).
std::string format_number(double x, int significant = 0);

}  // namespace revolve::params

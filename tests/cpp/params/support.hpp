#pragma once
// A small valid parameters file for tests to load, or to break one line at a time.
#include <stdexcept>
#include <string>

namespace revolve::params::test {

/// A parameter block (YAML lines indented for `parameters:`) for a probability per year with a source.
inline const std::string valid_parameter =
    "      relapse:\n"
    "        value: 0.2\n"
    "        unit: probability per year\n"
    "        kind: probability\n"
    "        description: Chance of relapse within a year.\n"
    "        source: {citation: A study, where: table 2}\n"
    "        uncertainty: {distribution: uniform, low: 0.1, high: 0.3}\n"
    "        status: sourced\n";

/// A cost at 2016/17 prices (the file uprates 2016/17 by 1.25).
inline const std::string money_parameter =
    "      ae_attendance:\n"
    "        value: 148\n"
    "        unit: GBP\n"
    "        kind: money\n"
    "        price_year: 2016/17\n"
    "        description: Cost of an A&E attendance.\n"
    "        source: {citation: NHS Reference Costs, where: A&E}\n"
    "        uncertainty: {distribution: uniform, low: 100, high: 200}\n"
    "        status: sourced\n";

/// A whole file with section `health` holding `parameters` (YAML lines indented by six spaces).
inline std::string file_with(const std::string& parameters) {
  return "model: test\n"
         "conventions:\n"
         "  time_unit: week\n"
         "  price_year: 2023/24\n"
         "  uprating:\n"
         "    index: a price index\n"
         "    status: assumption\n"
         "    rationale: for tests\n"
         "    factors: {2016/17: 1.25}\n"
         "sections:\n"
         "  health:\n"
         "    title: Health\n"
         "    parameters:\n" +
         parameters;
}

/// `text` with the first occurrence of `from` replaced by `to`; throws if `from` is missing, so a test can
/// never pass by breaking nothing.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("test text has no '" + from + "'");
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace revolve::params::test

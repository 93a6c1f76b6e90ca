#pragma once
// Numbers written for people by the one rule of viz/assets/number_format.json, which the report's charts and the
// static figures follow too (a test checks this file against its examples): three significant figures, commas,
// money in £ with k, m or bn, percentages to two figures, "+" on a change.
#include <string>

namespace revolve::cli {

enum class NumberKind { count, money, percent };

/// `value` written for people: "58,100", "+£250k", "-2.1%"; "n/a" for NaN. A change (`is_change`) gets "+" above
/// zero. The minus is '-' (the figures use U+2212), so the command line's output pastes into a spreadsheet.
std::string number_text(double value, NumberKind kind = NumberKind::count, bool is_change = false);

/// The kind of number a unit holds: money for "GBP", percent for "%", count otherwise.
NumberKind kind_of(const std::string& unit);

}  // namespace revolve::cli

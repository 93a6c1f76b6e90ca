#include "apps/revolve/number_text.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace revolve::cli {
namespace {

/// A positive number as its significant digits and the power of ten of the first: 58123.4 is {"581234", 4}.
struct Digits {
  std::string digits;
  int exponent = 0;
};

/// The shortest decimal form of `value` (> 0), the digits that read back as the same double.
Digits shortest(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific).ptr;
  const std::string text(buffer, end);  // "5.81234e+04"
  const std::size_t e = text.find('e');
  Digits out{text.substr(0, e), std::stoi(text.substr(e + 1))};
  if (out.digits.size() > 1) out.digits.erase(1, 1);  // the point
  return out;
}

/// `d` rounded to `significant` digits, half away from zero, without trailing zeros.
Digits round(Digits d, std::size_t significant) {
  if (d.digits.size() > significant) {
    const bool up = d.digits[significant] >= '5';
    d.digits.resize(significant);
    for (std::size_t i = significant; up && i-- > 0;) {
      if (d.digits[i] < '9') {
        ++d.digits[i];
        break;
      }
      d.digits[i] = '0';
      if (i == 0) {  // 999.7 -> 1000
        d.digits.insert(d.digits.begin(), '1');
        d.digits.pop_back();
        ++d.exponent;
      }
    }
  }
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

/// The digits written out, with a comma every three digits of the whole part.
std::string written(const Digits& d) {
  std::string whole, fraction;
  if (d.exponent < 0) {
    whole = "0";
    fraction = std::string(static_cast<std::size_t>(-d.exponent - 1), '0') + d.digits;
  } else {
    const auto wide = static_cast<std::size_t>(d.exponent) + 1;
    whole = d.digits.substr(0, std::min(wide, d.digits.size()));
    if (wide > d.digits.size()) whole += std::string(wide - d.digits.size(), '0');
    if (wide < d.digits.size()) fraction = d.digits.substr(wide);
  }
  for (auto i = static_cast<std::ptrdiff_t>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), ",");
  return fraction.empty() ? whole : whole + "." + fraction;
}

}  // namespace

NumberKind kind_of(const std::string& unit) {
  if (unit == "GBP") return NumberKind::money;
  if (unit == "%") return NumberKind::percent;
  return NumberKind::count;
}

std::string number_text(double value, NumberKind kind, bool is_change) {
  if (!std::isfinite(value)) return "n/a";
  const std::string prefix = kind == NumberKind::money ? "£" : "";
  const std::string suffix = kind == NumberKind::percent ? "%" : "";
  if (value == 0) return prefix + "0" + suffix;
  Digits d = round(shortest(std::fabs(value)), kind == NumberKind::percent ? 2 : 3);
  std::string letters;
  if (kind == NumberKind::money) {
    for (const auto& [power, name] : {std::pair{9, "bn"}, {6, "m"}, {3, "k"}}) {
      if (d.exponent >= power) {
        d.exponent -= power;
        letters = name;
        break;
      }
    }
  }
  const std::string sign = value < 0 ? "-" : is_change ? "+" : "";
  return sign + prefix + written(d) + letters + suffix;
}

}  // namespace revolve::cli

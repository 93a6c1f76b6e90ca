// libFuzzer target: one equation (sim/sd/expression.hpp). What parses is printed with to_string, the
// printed text parsed and printed again: both printings must be the same text, or the printer writes what
// the parser reads otherwise, and the program aborts with the three texts. Text that does not parse
// throws SyntaxError; anything else escaping, a crash or a sanitizer report is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/sd/expression.hpp"

namespace {

/// The text with bytes outside printable ASCII as \xNN, so a NUL or a line break shows.
std::string visible(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
    out += escaped;
  }
  return out;
}

[[noreturn]] void round_trip_failed(const std::string& input, const std::string& printed, const std::string& again) {
  std::fprintf(stderr, "expression round trip failed\n  input:         %s\n  printed:       %s\n  printed again: %s\n",
               visible(input).c_str(), visible(printed).c_str(), visible(again).c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace revolve::sd;
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)with_underscored_names(text);  // what XMILE export does to every equation: must not crash
  std::string printed;
  try {
    printed = to_string(parse_expression(text));
  } catch (const SyntaxError&) {
    return 0;
  }
  std::string again;
  try {
    again = to_string(parse_expression(printed));
  } catch (const SyntaxError& e) {
    round_trip_failed(text, printed, "syntax error at column " + std::to_string(e.column) + ": " + e.message);
  }
  if (again != printed) round_trip_failed(text, printed, again);
  return 0;
}

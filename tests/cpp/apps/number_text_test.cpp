// Numbers for people on the command line follow the one rule of viz/assets/number_format.json: every example there
// (also checked against the figures and the page's charts) holds here, with '-' for the minus sign.
#include "apps/revolve/number_text.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

using namespace revolve::cli;

namespace {

/// The example's text as the command line writes it: U+2212 (the figures' minus) as '-'.
std::string with_ascii_minus(std::string text) {
  const std::string minus = "\u2212";
  for (std::size_t at; (at = text.find(minus)) != std::string::npos;) text.replace(at, minus.size(), "-");
  return text;
}

NumberKind kind(const std::string& name) {
  if (name == "money") return NumberKind::money;
  if (name == "percent") return NumberKind::percent;
  REQUIRE(name == "count");
  return NumberKind::count;
}

}  // namespace

TEST_CASE("every example of viz/assets/number_format.json is written as the rule says") {
  std::ifstream in(REVOLVE_SOURCE_DIR "/viz/assets/number_format.json");
  REQUIRE(in);
  const auto spec = nlohmann::json::parse(in);
  REQUIRE(spec["examples"].size() >= 20);
  for (const auto& e : spec["examples"]) {
    const double value = e["value"];
    INFO(value << ' ' << e["kind"] << (e["signed"] ? " signed" : ""));
    CHECK(number_text(value, kind(e["kind"]), e["signed"]) == with_ascii_minus(e["text"]));
  }
}

TEST_CASE("numbers: the kinds of units, and what is not a number") {
  CHECK(kind_of("GBP") == NumberKind::money);
  CHECK(kind_of("%") == NumberKind::percent);
  CHECK(kind_of("person-weeks") == NumberKind::count);
  CHECK(number_text(std::nan("")) == "n/a");
  CHECK(number_text(9.9996e11, NumberKind::money) == "£1,000bn");  // no scale above a billion
  CHECK(number_text(0.000123456) == "0.000123");
}

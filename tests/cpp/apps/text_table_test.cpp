// Tables on the terminal: columns as wide as their widest cell in characters (not bytes), aligned as asked.
#include "apps/revolve/text_table.hpp"

#include <catch2/catch.hpp>

using namespace revolve::cli;
using Align = TextTable::Align;

TEST_CASE("a text table aligns text left and numbers right, counting £ as one character") {
  TextTable table({"payer", "change"}, {Align::left, Align::right});
  table.add({"nhs", "-£120k"});
  table.add({"la_housing", "+£1.2m"});
  table.add({"police"});  // a missing cell is empty
  CHECK(table.render() ==
        "  payer       change\n"
        "  nhs         -£120k\n"
        "  la_housing  +£1.2m\n"
        "  police\n");
  CHECK(text_width("£1.2m") == 5);
}

// A table written once to a RowSink: the CSV file and the in-memory Table hold the same cells.
#include "sim/ensemble/table.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "sim/core/error.hpp"
#include "sim/ensemble/csv_writer.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve::ensemble;

namespace {

void two_rows(RowSink& out) {
  out.text("scenario").text("mean").end_row();
  out.text("Housing First, x2").number(0.1).end_row();
  out.text("baseline").number(-std::numeric_limits<double>::infinity()).end_row();
}

}  // namespace

TEST_CASE("a CSV file and a Table receive the same rows") {
  const revolve::test::TempFolder folder("revolve_table_test");
  const auto path = folder / "table.csv";
  {
    CsvWriter csv(path);
    two_rows(csv);
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == "scenario,mean\n\"Housing First, x2\",0.1\nbaseline,\n");

  Table table;
  two_rows(table);
  REQUIRE(table.rows() == 2);
  REQUIRE(table.columns().size() == 2);
  CHECK(table.columns()[0].name == "scenario");
  CHECK(table.columns()[0].is_text);
  CHECK(table.columns()[0].texts == std::vector<std::string>{"Housing First, x2", "baseline"});
  CHECK_FALSE(table.columns()[1].is_text);
  CHECK(table.columns()[1].numbers.at(0) == 0.1);
  CHECK(std::isnan(table.columns()[1].numbers.at(1)));  // no value, as the empty field in the file
}

TEST_CASE("a Table refuses rows that do not fit its columns") {
  Table table;
  table.text("a").text("b").end_row();
  table.number(1).number(2).end_row();
  CHECK_THROWS_WITH(table.text("x"), "table: column 'a' mixes text and numbers");
  Table short_row;
  short_row.text("a").text("b").end_row();
  short_row.number(1);
  CHECK_THROWS_WITH(short_row.end_row(), "table: row 1 has 1 cells, not 2");
  CHECK_THROWS_WITH(short_row.number(2).number(3), "table: row 1 has more cells than columns");
}

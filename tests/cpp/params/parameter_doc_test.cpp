#include "sim/params/parameter_doc.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "sim/params/parameter_file.hpp"
#include "tests/cpp/params/support.hpp"

using namespace revolve::params;
using namespace revolve::params::test;
using Catch::Matchers::Contains;

namespace {

// A cost whose description holds a pipe, which the table must escape.
const std::string cost =
    replaced(money_parameter, "Cost of an A&E attendance.", "\"Cost of an A&E attendance | NHS payer\"");

// A row of a rendered table, read back: cells split on unescaped pipes, escapes removed.
std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size() && row[i + 1] == '|') {
      current += '|';
      ++i;
    } else if (row[i] == '|') {
      out.push_back(current.substr(1, current.size() - 2));  // drop the padding spaces
      current.clear();
    } else {
      current += row[i];
    }
  }
  return out;
}

struct Row {
  std::string section, value, status, source;
  std::string description;
};

// Parameter name -> what its table row says, and the section titles in order.
std::map<std::string, Row> read_back(const std::string& page, std::vector<std::string>& titles) {
  std::map<std::string, Row> rows;
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("## ")) titles.push_back(line.substr(3));
    if (!line.starts_with("| `")) continue;
    const auto c = cells(line);
    REQUIRE(c.size() == 5);
    const auto name = c[0].substr(1, c[0].find('`', 1) - 1);
    CHECK(rows.count(name) == 0);
    rows[name] = Row{titles.back(), c[1], c[3], c[4], c[0].substr(c[0].find("<br>") + 4)};
  }
  return rows;
}

}  // namespace

TEST_CASE("the parameter table round-trips: every parameter once, with its value, unit, status and source") {
  const auto set = parse_parameter_file(file_with(valid_parameter + cost), "test.yaml");
  std::vector<std::string> titles;
  const auto rows = read_back(render_markdown(set), titles);
  CHECK(titles == std::vector<std::string>{"Health"});
  REQUIRE(rows.size() == set.size());
  for (const auto& p : set.parameters()) {
    INFO(p.name);
    REQUIRE(rows.count(p.name) == 1);
    const Row& row = rows.at(p.name);
    CHECK(row.value.starts_with(format_number(p.value) + " " + p.unit.text));
    CHECK(row.status == to_string(p.provenance.status));
    CHECK_THAT(row.source, Contains(p.provenance.source->citation) && Contains(p.provenance.source->location));
    CHECK(row.description == p.description);
  }
  CHECK(rows.at("health.ae_attendance").value == "148 GBP at 2016/17 prices (185 at 2023/24)");
}

TEST_CASE("the page states conventions, uprating and counts") {
  const auto page = render_markdown(parse_parameter_file(file_with(valid_parameter + cost), "test.yaml"));
  CHECK_THAT(page, Contains("# Parameters: test"));
  CHECK_THAT(page, Contains("2 parameters: sourced 2, derived 0, calibrated 0, assumption 0"));
  CHECK_THAT(page, Contains("time unit is the week"));
  CHECK_THAT(page, Contains("| 2016/17 | 1.25 |"));
  CHECK_THAT(page, Contains("`health.ae_attendance`<br>"));
}

TEST_CASE("rendering is deterministic and the summary line counts by status") {
  const auto set = parse_parameter_file(file_with(valid_parameter), "test.yaml");
  CHECK(render_markdown(set) == render_markdown(set));
  CHECK(summary_line(set) == "test: 1 parameters in 1 sections (sourced 1, derived 0, calibrated 0, assumption 0)");
}

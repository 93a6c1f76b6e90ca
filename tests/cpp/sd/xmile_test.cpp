// XMILE import: what is read, and each kind of bad input answered with the element and its line.
#include <catch2/catch.hpp>

#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/xmile.hpp"
#include "tests/cpp/sd/support.hpp"
#include "tests/cpp/support/csv.hpp"

using namespace revolve;
using Catch::Matchers::Contains;

namespace {

std::string xmile(const std::string& body, const std::string& specs = "<start>0</start><stop>4</stop><dt>1</dt>") {
  return "<?xml version=\"1.0\"?>\n<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
         "<header><name>test</name></header>\n<sim_specs method=\"Euler\">" +
         specs + "</sim_specs>\n<model><variables>\n" + body + "\n</variables></model>\n</xmile>\n";
}

std::string error_of(const std::string& text) {
  return test::error_of([&] { sd::compile(sd::parse_xmile(text, "m.xmile")); });
}

}  // namespace

TEST_CASE("XMILE stocks, flows, auxiliaries, graphical functions and macros are read and run") {
  const std::string body = R"(<stock name="Level"><eqn>10</eqn><inflow>"fill"</inflow><outflow>drain</outflow><non_negative/></stock>
<flow name="fill"><eqn>shape(TIME)</eqn></flow>
<flow name="drain"><eqn>DOUBLE(3)</eqn><non_negative/></flow>
<gf name="shape" type="discrete"><xscale min="0" max="4"/><ypts>1,2,3,4,5</ypts></gf>)";
  auto text = xmile(body);
  text.replace(text.find("<model>"), 0, "<macro name=\"DOUBLE\"><parm>x</parm><eqn>2 * x</eqn></macro>\n");
  const auto r = test::run_model(sd::parse_xmile(text, "m.xmile"));
  // Level: 10 + 1 - 6 = 5; 5 + 2 - 6 = 1; then fill 3 but drain 6 is cut to 1 + 3 = 4: 0.
  CHECK(r.column("Level") == std::vector<double>{10, 5, 1, 0, 0});
  CHECK(r.column("drain")[3] == 4);
}

TEST_CASE("XMILE arrays: apply-to-all, per-element and listed constants") {
  auto text = xmile(R"(<aux name="a"><dimensions><dim name="d"/></dimensions><eqn>1, 2, 3</eqn></aux>
<aux name="b"><dimensions><dim name="d"/></dimensions><element subscript="x"><eqn>10</eqn></element>
  <element subscript="y"><eqn>20</eqn></element><element subscript="z"><eqn>a[z] * 10</eqn></element></aux>
<aux name="c"><dimensions><dim name="d"/></dimensions><eqn>a + b</eqn></aux>
<aux name="total"><eqn>SUM(c[*])</eqn></aux>)");
  text.replace(text.find("<model>"), 0, "<dimensions><dim name=\"d\"><elem name=\"x\"/><elem name=\"y\"/><elem name=\"z\"/></dim></dimensions>\n");
  const auto r = test::run_model(sd::parse_xmile(text, "m.xmile"));
  CHECK(r.column("c[z]")[0] == 33);
  CHECK(r.column("total")[0] == 11 + 22 + 33);
}

TEST_CASE("XMILE sim specs: reciprocal dt and the integration method") {
  auto r = test::run_model(sd::parse_xmile(xmile("<aux name=\"a\"><eqn>TIME</eqn></aux>",
                                                 "<start>0</start><stop>1</stop><dt reciprocal=\"true\">4</dt>"),
                                           "m.xmile"));
  CHECK(r.times == std::vector<double>{0, 0.25, 0.5, 0.75, 1});
  auto text = xmile("<aux name=\"a\"><eqn>1</eqn></aux>");
  text.replace(text.find("method=\"Euler\""), 14, "method=\"RK4\"");
  CHECK(sd::parse_xmile(text, "m.xmile").specs.method == sd::Method::rk4);
}

TEST_CASE("a model before XMILE 1.0 holds its variables in <model> itself, beside its diagram") {
  // Stella's legacy .stmx: read as an empty model before, which ran without a word.
  const sd::Model m = sd::parse_xmile(
      "<xmile><sim_specs><start>0</start><stop>2</stop></sim_specs>\n<model>\n"
      "<stock name=\"s\"><eqn>1</eqn><inflow>f</inflow><display x=\"1\" y=\"2\"/></stock>\n"
      "<flow name=\"f\"><eqn>s</eqn></flow>\n<display page_width=\"0\"><connector uid=\"0\"/></display>\n"
      "</model></xmile>",
      "legacy.stmx");
  CHECK(test::run_model(m).column("s") == std::vector<double>{1, 2, 4});
  CHECK(m.find("f")->origin.line == 4);
  CHECK_THAT(error_of("<xmile><sim_specs><start>0</start><stop>2</stop></sim_specs>\n<model>\n<button/></model></xmile>"),
             Contains("m.xmile:3: <button> is not supported"));
}

TEST_CASE("Stella's record of which variable uses which is not a variable") {
  CHECK(test::run_model(sd::parse_xmile(xmile("<aux name=\"a\"><eqn>TIME</eqn></aux>\n<isee:dependencies><var name=\"a\"/>"
                                              "</isee:dependencies>"), "m.xmile"))
            .column("a")
            .back() == 4);
}

TEST_CASE("invalid XML is an error with its line") {
  CHECK_THAT(error_of("<xmile>\n<model>\n</xmile>"), Contains("m.xmile:3: invalid XML"));
}

TEST_CASE("missing required elements are errors naming the element and line") {
  CHECK_THAT(error_of("<other/>"), Contains("m.xmile:1: not an XMILE file"));
  CHECK_THAT(error_of("<xmile>\n<model><variables/></model>\n</xmile>"), Contains("m.xmile:1: missing required element <sim_specs>"));
  CHECK_THAT(error_of("<xmile>\n<sim_specs><start>0</start></sim_specs><model/></xmile>"),
             Contains("m.xmile:2: <sim_specs> needs <stop>"));
  CHECK_THAT(error_of(xmile("<aux name=\"a\"></aux>")), Contains("m.xmile:6: 'a' has no <eqn>"));
  CHECK_THAT(error_of(xmile("<aux name=\"a\"><eqn>1</eqn></aux>", "<start>0</start><stop>x</stop>")),
             Contains("<stop> must be a number, got 'x'"));
}

TEST_CASE("a reference to an unknown variable names the variable, its line and the name") {
  const auto message = error_of(xmile("<aux name=\"a\"><eqn>1</eqn></aux>\n<aux name=\"b\"><eqn>a + c</eqn></aux>"));
  CHECK_THAT(message, Contains("m.xmile:7: in the equation of 'b', column 5: unknown name 'c'"));
}

TEST_CASE("unsupported constructs are errors naming the construct and its line") {
  CHECK_THAT(error_of(xmile("<module name=\"sector\"/>")), Contains("m.xmile:6: <module> 'sector' is not supported"));
  CHECK_THAT(error_of(xmile("<stock name=\"s\"><eqn>0</eqn>\n<conveyor><len>3</len></conveyor></stock>")),
             Contains("m.xmile:7: <conveyor> in 's' is not supported"));
  CHECK_THAT(error_of(xmile("<aux name=\"a\"><eqn>1</eqn></aux>", "<start>0</start><stop>1</stop>")), Contains("(no error)"));
  auto text = xmile("<aux name=\"a\"><eqn>1</eqn></aux>");
  text.replace(text.find("method=\"Euler\""), 14, "method=\"Gear\"");
  CHECK_THAT(error_of(text), Contains("integration method 'Gear' is not supported"));
  CHECK_THAT(error_of(xmile("<aux name=\"a\"><eqn>FORCST(1, 2, 3)</eqn></aux>")), Contains("unknown function 'FORCST'"));
}

TEST_CASE("a bad graphical function names the problem and its line") {
  CHECK_THAT(error_of(xmile("<gf name=\"g\">\n<xpts>0,2,1</xpts><ypts>1,2,3</ypts></gf>")),
             Contains("m.xmile:6: graphical function x values must increase"));
  CHECK_THAT(error_of(xmile("<gf name=\"g\"><xpts>0,1</xpts>\n<ypts>1,two</ypts></gf>")),
             Contains("m.xmile:7: 'two' in <ypts> is not a number"));
}

TEST_CASE("the generated chain1000 benchmark model matches its independent NumPy reference to 1e-9") {
  const std::string dir = std::string(REVOLVE_TEST_DATA_DIR) + "/bench/";
  const auto r = test::run_model(sd::load_xmile(dir + "chain1000.xmile"));
  const auto reference = test::read_table(dir + "chain1000_reference.csv");
  REQUIRE(reference.header.size() == 1001);
  std::vector<std::vector<double>> columns;
  for (std::size_t c = 1; c < reference.header.size(); ++c) columns.push_back(r.column(reference.header[c]));
  for (const auto& row : reference.rows) {
    const double t = std::stod(row[0]);
    const auto at = static_cast<std::size_t>(std::llround(t / 0.25));
    REQUIRE(r.times[at] == t);
    for (std::size_t c = 1; c < reference.header.size(); ++c) {
      const double expected = std::stod(row[c]);
      const double ours = columns[c - 1][at];
      INFO(reference.header[c] << " at t = " << t);
      CHECK(std::abs(ours - expected) <= 1e-9 * std::abs(expected));
    }
  }
}

// XMILE export: a model written as XMILE and read back gives the same results, bit for bit; what XMILE
// cannot hold is an error naming it, and nothing is written.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <map>

#include "sim/core/error.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/model_file.hpp"
#include "sim/sd/xmile.hpp"
#include "sim/sd/xmile_export.hpp"
#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

sd::Model round_trip(const sd::Model& model) { return sd::parse_xmile(sd::to_xmile(model), "exported.xmile"); }

void check_identical(const sd::Results& a, const sd::Results& b) {
  CHECK(a.names == b.names);
  CHECK(a.units == b.units);
  CHECK(a.times == b.times);
  REQUIRE(a.values.size() == b.values.size());
  CHECK(std::memcmp(a.values.data(), b.values.data(), a.values.size() * sizeof(double)) == 0);  // NaN too
}

/// Every feature the exporter writes, with awkward text.
sd::Model everything() {
  sd::Model m;
  m.name = "Queues & <beds>";
  m.specs = {0, 6, 0.25, 0.5, sd::Method::dopri5, "weeks \"of care\""};
  m.specs.abs_tol = 1e-9;
  m.specs.rel_tol = 3e-7;
  m.dimension("group", {"young people", "women", "chronic"});
  m.dimension("service", {"1", "2"});
  m.macros.push_back({"twice", {"x"}, "2 * x", {}});
  sd::Variable& queue = m.stock("Waiting List", "10", {"joining"}, {"leaving"});
  queue.dimensions = {"group"};
  queue.non_negative = true;
  queue.units = "people";
  queue.doc = "who waits <for> a place & why";
  sd::Variable& joining = m.flow("joining", "twice(Arrival Rate[group]) * effect(TIME)");
  joining.dimensions = {"group"};
  m.flow("leaving", "SMTH1(Waiting List / Length of Stay, 2) + DELAY(NORMAL(0, 0.1, 7), 1, 0)").dimensions = {"group"};
  sd::Variable& rate = m.aux("Arrival Rate", "");
  rate.dimensions = {"group"};
  rate.elements = {{{"young people"}, "1.5", std::nullopt},
                   {{"women"}, "0.1 + 0.2", std::nullopt},
                   {{"chronic"}, "", sd::GraphicalFunction{{0, 3, 6}, {1, 2, 0.5}, sd::Interpolation::discrete}}};
  m.aux("Length of Stay", "1e-300 * 0 + 0.1 * 3");
  m.graphical("effect", sd::GraphicalFunction{{0, 2, 6}, {1, 0.25, 1e-3}, sd::Interpolation::extrapolate});
  m.graphical("crowding", sd::GraphicalFunction{{0, 10}, {0, 1}}, "SUM(Waiting List[*])").units = "share";
  sd::Variable& beds = m.aux("beds", "4");
  beds.input = true;
  beds.dimensions = {"service"};
  m.aux("pressure", "crowding / MEAN(beds[*]) + INIT(TIME)");
  return m;
}

}  // namespace

TEST_CASE("a model written as XMILE and read back gives identical results") {
  const sd::Model model = everything();
  const sd::Model back = round_trip(model);
  check_identical(test::run_model(model), test::run_model(back));
  CHECK(back.name == model.name);
  CHECK(back.specs.method == sd::Method::dopri5);
  CHECK(back.specs.abs_tol == 1e-9);
  CHECK(back.specs.rel_tol == 3e-7);
  CHECK(back.specs.time_units == model.specs.time_units);
  CHECK(back.find("beds")->input);
  CHECK(back.find("Waiting List")->doc == "who waits <for> a place & why");
  CHECK(back.find("joining")->equation == "twice(Arrival_Rate[group]) * effect(TIME)");
  CHECK(back.find("effect")->graph->interpolation == sd::Interpolation::extrapolate);
  for (const auto method : {sd::Method::euler, sd::Method::rk4}) {
    check_identical(test::run_model(model, method), test::run_model(back, method));
  }
}

TEST_CASE("writing what was read back gives the same file") {
  const std::string once = sd::to_xmile(everything());
  CHECK(sd::to_xmile(sd::parse_xmile(once, "once.xmile")) == once);
  CHECK_THAT(once, Contains("<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\" "
                            "xmlns:revolve=\"urn:revolve:xmile\">"));
  CHECK_THAT(once, Contains("<sim_specs method=\"RK45\" time_units=\"weeks &quot;of care&quot;\" "
                            "revolve:abs_tol=\"1e-09\" revolve:rel_tol=\"3e-07\">"));
  CHECK_THAT(once, Contains("<gf name=\"effect\" type=\"extrapolate\">"));
  CHECK_THAT(once, Contains("<aux name=\"beds\" revolve:input=\"true\">"));
}

TEST_CASE("the example and revolving-door models survive the round trip bit for bit") {
  for (const char* file : {"models/examples/teacup.yaml", "models/revolving_door/system.yaml"}) {
    INFO(file);
    const sd::Model model = sd::load_model(fs::path(REVOLVE_SOURCE_DIR) / file);
    // The revolving-door system's parameters come from parameters.yaml when the model runs it; any
    // value will do to compare two runs.
    std::map<std::string, double> parameters;
    for (const sd::Variable& v : model.variables) {
      if (v.parameter && v.equation.empty()) parameters[v.name] = 1.5;
    }
    check_identical(test::run_model(model, std::nullopt, 1, parameters),
                    test::run_model(round_trip(model), std::nullopt, 1, parameters));
  }
}

TEST_CASE("what XMILE cannot hold is an error naming it") {
  sd::Model comma;
  comma.name = "m";
  comma.dimension("place", {"Bristol, city", "Bath"});
  comma.aux("x", "1").dimensions = {"place"};
  CHECK_THROWS_WITH(sd::to_xmile(comma), "model 'm': cannot be written as XMILE: element 'Bristol, city' of dimension "
                                         "'place' has a comma, and XMILE lists subscripts with commas");
  sd::Model control;
  control.aux("x", "1").doc = "bell\a";
  CHECK_THROWS_WITH(sd::to_xmile(control), "cannot be written as XMILE: the doc of variable 'x' holds the control "
                                           "character 7, which XML cannot hold");
}

TEST_CASE("save_xmile writes atomically and only to an XMILE file name") {
  const fs::path dir = fs::temp_directory_path() / ("revolve_xmile_export_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  sd::save_xmile(everything(), dir / "m.xmile");
  check_identical(test::run_model(everything()), test::run_model(sd::load_model(dir / "m.xmile")));
  CHECK_THROWS_WITH(sd::save_xmile(everything(), dir / "m.yaml"),
                    (dir / "m.yaml").string() + ": an XMILE file's name ends in .xmile (or .xml, .stmx)");
  sd::Model bad;
  bad.aux("x", "1").doc = "\x01";
  CHECK_THROWS_AS(sd::save_xmile(bad, dir / "bad.xmile"), ModelError);
  CHECK_FALSE(fs::exists(dir / "bad.xmile"));
  CHECK(fs::directory_iterator(dir) != fs::directory_iterator());  // m.xmile, and no partial file beside it
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}

TEST_CASE("names written with spaces become underscores, and nothing else changes") {
  CHECK(sd::with_underscored_names("Room Temperature  -  Teacup\tTemp / 2") == "Room_Temperature  -  Teacup_Temp / 2");
  CHECK(sd::with_underscored_names("IF a b > 0 THEN \"c d\" ELSE MY MACRO(x y) {a comment}") ==
        "IF a_b > 0 THEN \"c d\" ELSE MY_MACRO(x_y) {a comment}");
  CHECK(sd::with_underscored_names("1 + (") == "1 + (");  // parse errors are the compiler's to report
  CHECK(sd::with_underscored_names("x ? y") == "x ? y");
}

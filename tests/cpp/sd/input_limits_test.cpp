// Specs, sizes and files that once crashed (uncaught bad_alloc or length_error), blocked forever or
// ran silently: each is now one error naming the file and line, or the field, and what to change.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>

#include "sim/core/error.hpp"
#include "sim/sd/limits.hpp"
#include "sim/sd/model_file.hpp"
#include "sim/sd/xmile.hpp"
#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
using revolve::test::error_of;
using Catch::Matchers::StartsWith;
using revolve::test::compile_error;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

sd::Model with_specs(sd::SimSpecs specs) {
  sd::Model m;
  m.specs = specs;
  m.stock("s", "1", {"f"});
  m.flow("f", "s / 10");
  return m;
}

std::string yaml_error(const std::string& specs) {
  return error_of([&] {
    sd::compile(sd::parse_model_file("specs: " + specs + "\nvariables:\n  - aux: x\n    equation: TIME\n", "m.yaml"));
  });
}

std::string xmile_error(const std::string& specs, const std::string& extra = "") {
  const std::string text = "<xmile xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n<sim_specs>" + specs +
                           "</sim_specs>\n" + extra + "<model><variables><aux name=\"x\"><eqn>TIME</eqn></aux>"
                           "</variables></model></xmile>";
  return error_of([&] { sd::compile(sd::parse_xmile(text, "m.xmile")); });
}

}  // namespace

TEST_CASE("specs that cannot be run are errors naming the field") {
  CHECK_THAT(compile_error(with_specs({0, inf, 1})), Contains("'stop' must be a finite number, got inf"));
  CHECK_THAT(compile_error(with_specs({0, NAN, 1})), Contains("'stop' must be a finite number, got nan"));
  CHECK_THAT(compile_error(with_specs({-inf, 1, 1})), Contains("'start' must be a finite number, got -inf"));
  CHECK_THAT(compile_error(with_specs({5, 1, 1})), Contains("'stop' (1) is before 'start' (5)"));
  CHECK_THAT(compile_error(with_specs({0, 1, 0})), Contains("'dt' must be a positive finite number, got 0"));
  CHECK_THAT(compile_error(with_specs({0, 1, -1})), Contains("'dt' must be a positive finite number, got -1"));
  CHECK_THAT(compile_error(with_specs({0, 1, NAN})), Contains("'dt' must be a positive finite number, got nan"));
  CHECK_THAT(compile_error(with_specs({0, 1, 1e-300})),
             Contains("'dt' of 1e-300 from 0 to 1 makes 1e+300 steps, more than the limit of 1000000000"));
  CHECK_THAT(compile_error(with_specs({-1e308, 1e308, 1})), Contains("more than the limit of 1000000000"));
  CHECK_THAT(compile_error(with_specs({0, 1, 1, -1})), Contains("'save_step' must be a positive finite number"));
  CHECK_THAT(compile_error(with_specs({0, 1, 1, NAN})), Contains("'save_step' must be a positive finite number"));
  CHECK_THAT(compile_error(with_specs({0, 1, 0.3, 0.5})), Contains("'save_step' (0.5) must be a whole multiple of 'dt' (0.3)"));
  sd::SimSpecs tolerances{0, 1, 1};
  tolerances.abs_tol = -1;
  CHECK_THAT(compile_error(with_specs(tolerances)), Contains("'abs_tol' must be a positive finite number, got -1"));
  tolerances.abs_tol = 1e-6;
  tolerances.rel_tol = 0;
  CHECK_THAT(compile_error(with_specs(tolerances)), Contains("'rel_tol' must be a positive finite number, got 0"));
}

TEST_CASE("save_step need not be a multiple of dt for dopri5, which interpolates") {
  sd::SimSpecs specs{0, 1.5, 0.3, 0.5, sd::Method::dopri5};
  const auto results = test::run_model(with_specs(specs));
  CHECK(results.times == std::vector<double>{0, 0.5, 1.0, 1.5});
  CHECK(results.column("s").back() == Approx(std::exp(0.15)).epsilon(1e-5));
  // Run with a fixed-step method instead, the same specs are refused.
  CHECK_THAT(error_of([&] { test::run_model(with_specs(specs), sd::Method::euler); }),
             Contains("'save_step' (0.5) must be a whole multiple of 'dt' (0.3) for euler"));
}

TEST_CASE("a run that would save more than the limit says which limit and what to change") {
  sd::Model m = with_specs({0, 1e8, 1});
  for (int i = 0; i < 4; ++i) m.aux("a" + std::to_string(i), "TIME");
  const auto message = error_of([&] { test::run_model(m); });
  CHECK_THAT(message, Contains("100000001 saved times x 6 variables"));
  CHECK_THAT(message, Contains("more than the limit of " + std::to_string(sd::max_saved_values)));
  CHECK_THAT(message, Contains("save fewer variables, less often (a larger save_step) or over a shorter run"));
}

TEST_CASE("specs in a model file are checked where they are written") {
  CHECK(yaml_error("{stop: .inf}") == "m.yaml:1: 'stop' must be a finite number, got inf");
  CHECK(yaml_error("{stop: .nan}") == "m.yaml:1: 'stop' must be a finite number, got nan");
  CHECK(yaml_error("{start: 5, stop: 1}") == "m.yaml:1: 'stop' (1) is before 'start' (5)");
  CHECK_THAT(yaml_error("{dt: 1e-300, stop: 1}"), StartsWith("m.yaml:1: 'dt' of 1e-300 from 0 to 1 makes"));
  CHECK(yaml_error("{save_step: 0}") == "m.yaml:1: 'save_step' must be positive; leave it out to save every dt");
  CHECK(yaml_error("{abs_tol: 0, method: dopri5}") == "m.yaml:1: 'abs_tol' must be a positive finite number, got 0");
  CHECK_THAT(yaml_error("{stop: 1e12}"), Contains("more than the limit of 1000000000"));
}

TEST_CASE("specs in an XMILE file are checked where they are written") {
  CHECK(xmile_error("<start>0</start><stop>inf</stop>") == "m.xmile:2: <stop> must be a finite number, got 'inf'");
  CHECK(xmile_error("<start>0</start><stop>1</stop><dt>nan</dt>") == "m.xmile:2: <dt> must be a finite number, got 'nan'");
  CHECK(xmile_error("<start>0</start><stop>1</stop><dt>0</dt>") == "m.xmile:2: 'dt' must be a positive finite number, got 0");
  CHECK(xmile_error("<start>0</start><stop>1</stop><dt reciprocal=\"true\">0</dt>") ==
        "m.xmile:2: <dt reciprocal=\"true\"> must be positive, got '0'");
  CHECK(xmile_error("<start>0</start><stop>1</stop><save_step>0</save_step>") ==
        "m.xmile:2: 'save_step' must be positive; leave it out to save every dt");
  CHECK_THAT(xmile_error("<start>0</start><stop>1e12</stop>"), Contains("m.xmile:2: 'dt' of 1 from 0 to 1e+12 makes"));
}

TEST_CASE("XMILE dimensions beyond the limit are refused before anything is allocated") {
  const std::string specs = "<start>0</start><stop>1</stop>";
  CHECK(xmile_error(specs, "<dimensions><dim name=\"d\" size=\"2000000000\"/></dimensions>\n") ==
        "m.xmile:3: dimension 'd' has size 2000000000, more than the limit of " + std::to_string(sd::max_scalars));
  CHECK(xmile_error(specs, "<dimensions><dim name=\"d\" size=\"1e9\"/></dimensions>\n") ==
        "m.xmile:3: dimension 'd' needs <elem> children or a whole positive size, got '1e9'");
}

TEST_CASE("YAML that is valid YAML but not a model is an error naming the line") {
  const auto model_error = [](const std::string& text) {
    return error_of([&] { sd::parse_model_file(text, "m.yaml"); });
  };
  CHECK(model_error("dimensions: {[a]: [x]}\nvariables: []\n") == "m.yaml:1: a dimension's name must be a single value");
  CHECK(model_error("variables:\n  - {aux: x, equation: 1, [a]: 2}\n") == "m.yaml:2: a key of a variable must be a single value");
  CHECK_THAT(model_error("variables: " + std::string(100'000, '[') + std::string(100'000, ']')), StartsWith("m.yaml:1:"));
}

TEST_CASE("model files that are not regular files are refused without being read") {
  const auto dir = std::filesystem::temp_directory_path() / ("revolve_input_limits_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* name : {"model.yaml", "model.xmile"}) {
    const auto fifo = dir / name;
    std::filesystem::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // reading it would wait for a writer forever
    CHECK(error_of([&] { sd::load_model(fifo); }) == fifo.string() + ": is a FIFO (named pipe), not a regular file");
  }
  std::filesystem::remove_all(dir);
}

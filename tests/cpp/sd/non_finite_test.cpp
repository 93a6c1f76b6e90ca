// Division by zero, LN or SQRT of a negative number and the like give inf or NaN. A run says so
// (Results::non_finite names the first variable and time), and a strict run stops with an error.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/core/error.hpp"
#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using Catch::Matchers::Contains;

namespace {

sd::Results run(const sd::Model& m, bool strict = false, std::optional<sd::Method> method = std::nullopt) {
  auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(m));
  sd::RunOptions options;
  options.strict = strict;
  options.method = method;
  return sd::Simulation(compiled).run(options);
}

std::string strict_error(const sd::Model& m, std::optional<sd::Method> method = std::nullopt) {
  try {
    run(m, true, method);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "(no error)";
}

/// A stock filled by 1 / (TIME - 1): the flow is inf at time 1, the stock from time 2.
sd::Model division_by_zero(sd::Method method = sd::Method::euler) {
  sd::Model m;
  m.name = "division";
  m.specs = {0, 3, 1, 0, method};
  m.stock("s", "1", {"f"});
  m.flow("f", "1 / (TIME - 1)");
  m.aux("fine", "TIME");
  return m;
}

}  // namespace

TEST_CASE("finite results report nothing") {
  sd::Model m;
  m.aux("x", "TIME");
  CHECK_FALSE(run(m).non_finite);
}

TEST_CASE("the first variable and time that went non-finite are named, and the run goes on") {
  const auto r = run(division_by_zero());
  REQUIRE(r.non_finite);
  CHECK(r.non_finite->variable == "f");
  CHECK(r.non_finite->time == 1.0);
  CHECK(std::isinf(r.non_finite->value));
  CHECK(r.rows() == 4);  // everything is still saved
  CHECK(describe(*r.non_finite) == "'f' is inf at time 1");
}

TEST_CASE("an auxiliary or flow is named before the stocks it has spoilt") {
  sd::Model m;
  m.specs = {0, 2, 1};
  m.stock("s", "1", {"f"});
  m.flow("f", "SQRT(s - 2)");  // NaN from the start, and the stock with it from time 1
  m.aux("logarithm", "LN(-1)");
  const auto r = run(m);
  REQUIRE(r.non_finite);
  CHECK(r.non_finite->variable == "f");
  CHECK(r.non_finite->time == 0.0);
  CHECK(std::isnan(r.non_finite->value));
}

TEST_CASE("a variable that is not saved is found through the stocks it spoils") {
  sd::Model m = division_by_zero();
  auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(m));
  sd::RunOptions options;
  options.save = {"fine"};
  const auto r = sd::Simulation(compiled).run(options);
  REQUIRE(r.non_finite);
  CHECK(r.non_finite->variable == "s");  // at time 2 the flow is finite again, the stock is not
  CHECK(r.non_finite->time == 2.0);
}

TEST_CASE("a strict run stops at the first non-finite value with an error naming it") {
  CHECK(strict_error(division_by_zero()) ==
        "model 'division': 'f' is inf at time 1; a strict run stops at the first value that is not a finite "
        "number (division by zero, LN or SQRT of a negative number, overflow)");
  sd::Model fine;
  fine.aux("x", "TIME");
  CHECK_NOTHROW(run(fine, true));
}

TEST_CASE("non-finite values are found with rk4 and dopri5 too") {
  for (const auto method : {sd::Method::rk4, sd::Method::dopri5}) {
    const auto r = run(division_by_zero(), false, method);
    REQUIRE(r.non_finite);
    CHECK(r.non_finite->time <= 2.0);
    CHECK_THAT(strict_error(division_by_zero(), method), Contains("is inf at time") || Contains("is nan at time"));
  }
}

TEST_CASE("dopri5 that cannot meet its tolerances stops with an error instead of running forever") {
  sd::Model m;
  m.specs = {0, 2, 1, 0, sd::Method::dopri5};
  m.specs.abs_tol = m.specs.rel_tol = 1e-300;
  m.stock("s", "1", {"f"});
  m.flow("f", "SIN(TIME * 100) * s");
  const auto message = strict_error(m);
  CHECK_THAT(message, Contains("dopri5 cannot meet abs_tol 1e-300 and rel_tol 1e-300 at time"));
  CHECK_THAT(message, Contains("loosen the tolerances or use rk4"));
}

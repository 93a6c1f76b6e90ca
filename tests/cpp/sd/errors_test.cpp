// Compile errors name the variable, the position in its equation and what is wrong.
#include <catch2/catch.hpp>

#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/model_file.hpp"
#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
using revolve::test::compile_error;

namespace {

sd::Model one_aux(const std::string& equation) {
  sd::Model m;
  m.aux("x", equation);
  m.constant("rate", 2);
  return m;
}

}  // namespace

TEST_CASE("a syntax error names the variable and column and points at it") {
  const auto message = compile_error(one_aux("rate * (3 + "));
  CHECK_THAT(message, Contains("in the equation of 'x', column 13: syntax error"));
  CHECK_THAT(message, Contains("rate * (3 + \n                ^"));
}

TEST_CASE("an unknown name is reported with the closest known name") {
  const auto message = compile_error(one_aux("3 * rte"));
  CHECK_THAT(message, Contains("column 5: unknown name 'rte'"));
  CHECK_THAT(message, Contains("did you mean 'rate'?"));
}

TEST_CASE("an algebraic loop lists every variable in it") {
  sd::Model m;
  m.aux("a", "b + 1");
  m.aux("b", "c * 2");
  m.aux("c", "a / 3");
  m.aux("d", "a");
  const auto message = compile_error(m);
  CHECK_THAT(message, Contains("algebraic loop: 'a' -> 'b' -> 'c' -> 'a'"));
}

TEST_CASE("a loop through a stock is not an algebraic loop") {
  sd::Model m;
  m.stock("S", "1", {"f"});
  m.flow("f", "S * g");
  m.aux("g", "S / 10");
  CHECK_NOTHROW(sd::compile(m));
}

TEST_CASE("circular initial values are reported") {
  sd::Model m;
  m.stock("S", "f", {"f"});
  m.flow("f", "S");
  CHECK_THAT(compile_error(m), Contains("circular initial values"));
}

TEST_CASE("a wrong number of arguments names the function and the counts") {
  CHECK_THAT(compile_error(one_aux("SMTH1(rate)")), Contains("column 1: SMTH1 takes 2 or 3 arguments, got 1"));
  CHECK_THAT(compile_error(one_aux("EXP(1, 2)")), Contains("EXP takes 1 argument, got 2"));
  CHECK_THAT(compile_error(one_aux("FROBNICATE(1)")), Contains("unknown function 'FROBNICATE'"));
}

TEST_CASE("dimension mismatches are errors") {
  sd::Model m;
  m.dimension("group", {"a", "b"});
  m.dimension("region", {"north", "south"});
  m.aux("by group", "1").dimensions = {"group"};
  m.aux("by region", "by_group").dimensions = {"region"};
  CHECK_THAT(compile_error(m), Contains("dimension mismatch: 'by group' is arrayed over 'group'"));

  sd::Model scalar;
  scalar.dimension("group", {"a", "b"});
  scalar.aux("by group", "1").dimensions = {"group"};
  scalar.aux("total", "by_group");
  CHECK_THAT(compile_error(scalar), Contains("in the equation of 'total'"));

  sd::Model wrong_element;
  wrong_element.dimension("group", {"a", "b"});
  wrong_element.aux("by group", "1").dimensions = {"group"};
  wrong_element.aux("x", "by_group[c]");
  CHECK_THAT(compile_error(wrong_element), Contains("'c' is not an element of dimension 'group'"));

  sd::Model too_many;
  too_many.dimension("group", {"a", "b"});
  too_many.aux("by group", "1").dimensions = {"group"};
  too_many.aux("x", "by_group[a, a]");
  CHECK_THAT(compile_error(too_many), Contains("has 1 dimension but is subscripted with 2"));
}

TEST_CASE("model file errors name the file and line") {
  const auto error_of = [](const std::string& text) {
    try {
      sd::parse_model_file(text, "m.yaml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK_THAT(error_of("variables:\n  - aux: a\n    equation: 1\n    colour: red\n"),
             Contains("m.yaml:4: unknown key 'colour' in a variable"));
  CHECK_THAT(error_of("variables:\n  - stock: s\n    equation: 1\n"), Contains("m.yaml:3: 'equation' does not apply to a stock"));
  CHECK_THAT(error_of("specs: {dt: fast}\nvariables: []\n"), Contains("m.yaml:1: 'dt' must be a number"));
  CHECK_THAT(error_of("variables:\n  - aux: a\n    equation: [1\n"), Contains("m.yaml:"));
  CHECK_THAT(error_of("variables:\n  - aux: a\n"), Contains("m.yaml:2: 'a' needs 'equation'"));
}

TEST_CASE("bad specs are errors") {
  sd::Model m = one_aux("1");
  m.specs.dt = 0;
  CHECK_THAT(compile_error(m), Contains("'dt' must be a positive finite number, got 0"));
  m.specs.dt = 0.3;
  m.specs.save_step = 0.5;
  CHECK_THAT(compile_error(m), Contains("whole multiple of 'dt'"));
}

// Equations that are very long or nest very deeply. Flat chains (a + b - c * d ...) of any length
// parse, compile and run without deep recursion; nesting beyond sd::max_nesting, and equations that
// expand beyond sd::max_operations, are errors naming the variable, never a stack overflow.
#include <catch2/catch.hpp>

#include "sim/core/error.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/limits.hpp"
#include "sim/sd/lowering.hpp"
#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
using revolve::test::compile_error;

namespace {

std::string repeat(const std::string& text, int times) {
  std::string out;
  out.reserve(text.size() * static_cast<std::size_t>(times));
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

sd::Model one_aux(const std::string& equation) {
  sd::Model m;
  m.specs = {0.0, 1.0, 1.0, 0.0, sd::Method::euler};
  m.aux("x", equation);
  return m;
}

}  // namespace

TEST_CASE("a sum of 100000 terms parses and compiles and runs") {
  const auto results = test::run_model(one_aux("TIME" + repeat(" + TIME", 99'999)));
  CHECK(results.column("x") == std::vector<double>{0.0, 100'000.0});
}

TEST_CASE("long chains of every left-associative operator compile with the usual precedence") {
  // 20,000 terms at each level of precedence, reading TIME so nothing folds to a constant; at t = 1
  // each chain's value is known.
  const auto at_one = [](const std::string& equation) { return test::last(test::run_model(one_aux(equation)), "x"); };
  CHECK(at_one("TIME" + repeat(" - TIME + TIME", 10'000)) == 1.0);
  CHECK(at_one("(TIME + 1)" + repeat(" * 3 / TIME / 3", 10'000)) == 2.0);
  CHECK(at_one("TIME" + repeat(" AND TIME OR 0", 10'000)) == 1.0);
  CHECK(at_one("TIME" + repeat(" = TIME <> 0", 10'000)) == 1.0);
  CHECK(at_one("TIME + 2 * 3" + repeat(" - 4 * TIME * 5 + 20", 10'000)) == 7.0);
}

TEST_CASE("a parsed chain of 100000 terms prints without deep recursion") {
  const std::string text = to_string(sd::parse_expression("a" + repeat(" + a", 99'999)));
  CHECK(text.size() == 2 * 99'999 + 1);  // "+a" for each term after the first: a left-associative chain needs
  CHECK(text.substr(0, 4) == "a+a+");      // no parentheses, which would nest 99,999 deep
}

TEST_CASE("nesting up to the limit compiles and one level more is an error naming the variable and column") {
  const int limit = sd::max_nesting;
  const auto deepest = repeat("(", limit - 1) + "TIME" + repeat(")", limit - 1);
  CHECK(test::last(test::run_model(one_aux(deepest)), "x") == 1.0);
  const auto message = compile_error(one_aux("(" + deepest + ")"));
  CHECK_THAT(message, Contains("in the equation of 'x', column " + std::to_string(limit + 1)));
  CHECK_THAT(message, Contains("nested more than " + std::to_string(limit) + " deep"));
}

TEST_CASE("every kind of nesting up to the limit compiles and runs") {
  const int n = sd::max_nesting - 1;  // the equation itself is the first level
  for (const auto& equation :
       {repeat("(1 + ", n) + "TIME" + repeat(")", n), repeat("IF TIME > 0 THEN 1 + ", n) + "TIME" + repeat(" ELSE 0", n),
        repeat("SMTH1(", n) + "TIME" + repeat(", 1, 0)", n), repeat("-", n) + "TIME", "2" + repeat(" ^ 1", n),
        repeat("MAX(1, 1 + ", n) + "TIME" + repeat(")", n), repeat("DELAY1(", n / 2) + "TIME" + repeat(", 1)", n / 2)}) {
    INFO(equation.substr(0, 40));
    CHECK_NOTHROW(test::run_model(one_aux(equation)));
  }
  CHECK(test::last(test::run_model(one_aux(repeat("(1 + ", 99) + "TIME" + repeat(")", 99))), "x") == 100);
}

TEST_CASE("hostile nesting is an error and never a stack overflow") {
  const std::string nested = "nested more than " + std::to_string(sd::max_nesting) + " deep";
  CHECK_THAT(compile_error(one_aux(repeat("(", 3000) + "1" + repeat(")", 3000))), Contains(nested));
  CHECK_THAT(compile_error(one_aux(repeat("(", 1'000'000))), Contains(nested));
  CHECK_THAT(compile_error(one_aux(repeat("IF TIME > 0 THEN 1 ELSE ", 30'000) + "0")), Contains(nested));
  CHECK_THAT(compile_error(one_aux(repeat("SMTH1(", 3000) + "TIME" + repeat(", 1)", 3000))), Contains(nested));
  CHECK_THAT(compile_error(one_aux(repeat("-", 100'000) + "1")), Contains(nested));
  CHECK_THAT(compile_error(one_aux(repeat("NOT ", 100'000) + "1")), Contains(nested));
  CHECK_THAT(compile_error(one_aux("2" + repeat(" ^ 2", 100'000))), Contains(nested));
  CHECK_THAT(compile_error(one_aux(repeat("MAX(1, ", 10'000) + "1" + repeat(")", 10'000))), Contains(nested));
  CHECK_THAT(compile_error(one_aux("x" + repeat("[x", 10'000))), Contains("syntax error"));
}

TEST_CASE("macros that nest beyond the limit once expanded are an error") {
  sd::Model m = one_aux("f0(TIME)");
  // Each macro negates 9 times, then calls the next: 10 levels each, deeper than the limit in all.
  const int levels = sd::max_nesting / 10 + 2;
  for (int i = 0; i < levels; ++i) {
    const std::string next = i + 1 < levels ? "f" + std::to_string(i + 1) + "(a)" : "a";
    m.macros.push_back({"f" + std::to_string(i), {"a"}, repeat("-", 9) + next, {}});
  }
  CHECK_THAT(compile_error(m), Contains("nested more than " + std::to_string(sd::max_nesting) + " deep"));
}

TEST_CASE("equations that expand exponentially are an error naming the variable") {
  // x^2 is x * x: 60 nested squares would be 2^60 multiplications.
  const auto squares = repeat("(", 60) + "TIME" + repeat(") ^ 2", 60);
  const auto message = compile_error(one_aux(squares));
  CHECK_THAT(message, Contains("'x'"));
  CHECK_THAT(message, Contains("more than " + std::to_string(sd::max_operations / 1'000'000) + " million operations"));

  // A macro that uses its argument twice, called inside itself 30 deep through 30 macros.
  sd::Model doubling = one_aux("f0(TIME)");
  for (int i = 0; i < 30; ++i) {
    const std::string body = i + 1 < 30 ? "f" + std::to_string(i + 1) + "(a) + f" + std::to_string(i + 1) + "(a)" : "a";
    doubling.macros.push_back({"f" + std::to_string(i), {"a"}, body, {}});
  }
  CHECK_THAT(compile_error(doubling), Contains("million operations"));
}

TEST_CASE("identical macro calls in one equation are expanded once unless they draw random numbers") {
  // f(a) = SMTH1(a, 2, 0): f(1) + f(1) has one smooth, but g(a) = NORMAL(a, 1) draws twice.
  sd::Model m = one_aux("f(1) + f(1)");
  m.macros.push_back({"f", {"a"}, "SMTH1(a, 2, 0)", {}});
  m.macros.push_back({"g", {"a"}, "NORMAL(a, 1)", {}});
  m.aux("y", "g(0) - g(0)");
  const sd::CompiledModel compiled = sd::compile(m);
  CHECK(compiled.stocks.size() == 1);
  CHECK(compiled.random_sites.size() == 2);
  const auto results = test::run_model(m);
  CHECK(results.column("x") == std::vector<double>{0.0, 2 * 0.5});  // the smooth moves (1 - 0) / 2 in a step
  CHECK(results.column("y")[0] != 0.0);
}

TEST_CASE("models beyond the scalar limit are an error naming the variable") {
  sd::Model arrays;
  arrays.dimension("d", {"a", "b", "c"});
  std::vector<std::string> many(2000);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = "e" + std::to_string(i);
  arrays.dimension("e", many);
  arrays.aux("cube", "1").dimensions = {"e", "e", "d"};
  CHECK_THAT(compile_error(arrays), Contains("variable 'cube': its dimensions take the model to more than"));

  // Hidden stocks and flows count too (2,000 x SMTHN of order 1,000 would need 4 million): checked
  // where they are made, here directly, rather than by building a model of hundreds of megabytes.
  sd::NodeGraph graph;
  graph.next_slot = sd::first_variable_register + sd::max_scalars - 1;
  CHECK_NOTHROW(graph.new_slot("SMTHN #1 in 'x[e7]' stage 3"));
  CHECK_THROWS_WITH(graph.new_slot("SMTHN #1 in 'x[e7]' stage 4"),
                    Contains("SMTHN #1 in 'x[e7]' stage 4 takes it to more than " +
                             std::to_string(sd::max_scalars / 1'000'000) + " million scalars"));
}

TEST_CASE("an error in a long equation shows the part around the column, not the whole equation") {
  const auto message = compile_error(one_aux("TIME" + repeat(" + TIME", 1000) + " + nope" + repeat(" + TIME", 1000)));
  CHECK_THAT(message, Contains("column 7008: unknown name 'nope'"));
  CHECK(message.size() < 400);
  CHECK_THAT(message, Contains("\n    ... E + TIME + TIME + TIME + TIME + TIME + TIME + TIME + TIME + nope + TIME + TIME"));
  const auto caret = message.find('^');
  const auto line_start = message.rfind('\n', caret) + 1;
  const auto name = message.find("nope", message.find("\n"));
  CHECK(caret - line_start == name - (message.rfind('\n', name) + 1));  // the caret is under "nope"
}

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "sim/sd/expression.hpp"

using namespace revolve::sd;

TEST_CASE("exponentiation binds tighter than unary minus and is right-associative") {
  const Expr minus = parse_expression("-2^2");  // -(2^2)
  REQUIRE(minus.kind == Expr::Kind::unary);
  CHECK(minus.args[0].op == Op::pow);
  const Expr power = parse_expression("2^3^2");  // 2^(3^2)
  REQUIRE(power.kind == Expr::Kind::binary);
  CHECK(power.args[1].op == Op::pow);
  CHECK(to_string(minus) == "-2^2");
  CHECK(to_string(parse_expression("(-2)^2")) == "(-2)^2");
  CHECK(to_string(parse_expression("(2^3)^2")) == "(2^3)^2");
}

TEST_CASE("a MOD before a parenthesis is the operator after an operand, the function elsewhere") {
  const Expr op = parse_expression("a MOD (b + c)");  // a syntax error before: MOD( was always the function
  REQUIRE(op.kind == Expr::Kind::binary);
  CHECK(op.op == Op::mod);
  CHECK(op.args[1].op == Op::add);
  CHECK(parse_expression("MOD(a, b)").kind == Expr::Kind::call);
  CHECK(parse_expression("2 * MOD(a, b)").args[1].kind == Expr::Kind::call);
}

TEST_CASE("a subscript number beyond any index is a syntax error") {
  // Cast to int before the range was checked: undefined behaviour, an abort under UBSan (expression_fuzz).
  CHECK_THROWS_AS(parse_expression("x[1e24]"), SyntaxError);
  CHECK_THROWS_AS(parse_expression("x[2147483648]"), SyntaxError);
  CHECK(parse_expression("x[2147483647]").subscripts[0].index == 2147483647);
}

// What fuzz/expression_fuzz checks of every equation: the printed text reads back, and prints the same.
// Each of these did not before: names that need quotes were printed bare, an IF THEN ELSE followed by an
// operator took it into its ELSE branch, and the parentheses printed around every operation and operand
// nested past the parser's limit of 100 levels.
TEST_CASE("a printed equation reads back as the same equation") {
  std::string chain = "a", chain_printed = "a";  // 151 terms
  for (int i = 0; i < 150; ++i) {
    chain += " + a";
    chain_printed += "+a";
  }
  const std::vector<std::pair<std::string, std::string>> printed = {
      {"\"?\" + \"a\\\"b\" * x[\"*\", 2, \"IF\"]", "\"?\"+\"a\\\"b\"*x[\"*\", 2, \"IF\"]"},
      {"\"MOD\"(1) + \"f(\"(2)", "MOD(1)+\"F(\"(2)"},
      {"(IF a THEN b ELSE c) + 1", "(IF a THEN b ELSE c)+1"},
      {"a + IF c THEN x ELSE y", "a+IF c THEN x ELSE y"},
      {"-(IF c THEN x ELSE y) * 2", "-(IF c THEN x ELSE y)*2"},
      {"a MOD b^c", "a MOD b^c"},
      {"a MOD (b + c)", "a MOD (b+c)"},
      {"a - (b - c) / (d * e)", "a-(b-c)/(d*e)"},
      {"NOT (a AND b) = c OR d", "NOT (a AND b) = c OR d"},
      {std::string(60, '-') + "x", std::string(60, '-') + "x"},
      {chain, chain_printed},
  };
  for (const auto& [text, expected] : printed) {
    INFO(text);
    const std::string once = to_string(parse_expression(text));
    CHECK(once == expected);
    CHECK(to_string(parse_expression(once)) == once);
  }
}

TEST_CASE("canonical names ignore case, spaces and underscores") {
  CHECK(canonical_name("Heat Loss  to_Room") == "heat_loss_to_room");
  CHECK(canonical_name("\"Heat Loss\"") == "heat_loss");
}

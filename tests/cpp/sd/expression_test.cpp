#include <catch2/catch.hpp>

#include "sim/sd/expression.hpp"

using namespace revolve::sd;

TEST_CASE("exponentiation binds tighter than unary minus and is right-associative") {
  CHECK(to_string(parse_expression("-2^2")) == "-((2^2))");
  CHECK(to_string(parse_expression("2^3^2")) == "(2^(3^2))");
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

TEST_CASE("canonical names ignore case, spaces and underscores") {
  CHECK(canonical_name("Heat Loss  to_Room") == "heat_loss_to_room");
  CHECK(canonical_name("\"Heat Loss\"") == "heat_loss");
}

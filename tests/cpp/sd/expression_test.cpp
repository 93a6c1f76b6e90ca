#include <catch2/catch.hpp>

#include "sim/sd/expression.hpp"

using namespace revolve::sd;

TEST_CASE("exponentiation binds tighter than unary minus and is right-associative") {
  CHECK(to_string(parse_expression("-2^2")) == "-((2^2))");
  CHECK(to_string(parse_expression("2^3^2")) == "(2^(3^2))");
}

TEST_CASE("canonical names ignore case, spaces and underscores") {
  CHECK(canonical_name("Heat Loss  to_Room") == "heat_loss_to_room");
  CHECK(canonical_name("\"Heat Loss\"") == "heat_loss");
}

#pragma once
// Parser for equations in XMILE expression syntax.
//
// Text -> abstract syntax tree. Names are kept as written (the compiler canonicalises and resolves
// them); every node records its column so compile errors can point at the exact place.
//
// Precedence, highest first: ( ) and calls and subscripts; ^ (right-associative); unary + - NOT;
// * / MOD; + -; < <= > >=; = <>; AND; OR. Exponentiation binds tighter than unary minus, so
// -2^2 = -4, as in Stella and Vensim output (sd-conformance/tests/exponentiation).
// Comments in braces { ... } are ignored.
#include <string>
#include <string_view>
#include <vector>

namespace revolve::sd {

enum class Op {
  add, sub, mul, div, pow, mod,
  lt, le, gt, ge, eq, ne,
  and_, or_,
  neg, not_, plus,
};

/// One subscript inside name[...]: an element or dimension name, a 1-based index, or "*".
struct Subscript {
  enum class Kind { name, index, wildcard };
  Kind kind = Kind::name;
  std::string text;  // as written (name kinds), or the digits (index kind)
  int index = 0;     // 1-based, for Kind::index
  int column = 0;
};

struct Expr {
  Expr() = default;
  Expr(Expr&&) noexcept = default;
  Expr& operator=(Expr&&) noexcept = default;
  Expr(const Expr&) = delete;  // trees can be large; nothing needs a copy
  Expr& operator=(const Expr&) = delete;
  /// Without recursion: a + b + c + ... is a tree as deep as the equation is long.
  ~Expr();

  enum class Kind { number, name, unary, binary, call, if_then_else };
  Kind kind = Kind::number;
  double number = 0.0;
  std::string name;                   // variable name (Kind::name) or function name (Kind::call)
  Op op = Op::add;                    // Kind::unary and Kind::binary
  std::vector<Expr> args;             // operands, call arguments, or {condition, then, else}
  std::vector<Subscript> subscripts;  // Kind::name with [ ... ]
  bool has_subscripts = false;
  int column = 0;                     // 1-based column in the equation text
};

/// A syntax error with the 1-based column where it was found.
struct SyntaxError {
  std::string message;
  int column = 0;
};

/// Parse an equation. Throws SyntaxError (not a revolve::Error: the caller adds which variable),
/// also for nesting deeper than max_nesting (limits.hpp). Chains of left-associative operators
/// (a + b - c * d ...) do not nest: they parse, compile and print at any length without recursion.
Expr parse_expression(std::string_view text);

/// Canonical form of a name for look-up: case-insensitive, spaces and underscores equivalent,
/// surrounding quotes and repeated separators removed ("Heat  Loss" == "heat_loss").
std::string canonical_name(std::string_view name);

/// The equation with every name written with spaces (Room Temperature) written with underscores
/// instead (Room_Temperature), as XMILE tools expect; the same names to revolve. Quoted names, and
/// everything else, are left as they are; text that does not lex is returned unchanged.
std::string with_underscored_names(std::string_view equation);

/// Render an expression back to text (for messages and generated documentation); expression_text.cpp.
std::string to_string(const Expr& expr);

}  // namespace revolve::sd

// Printing a parsed equation, for messages and tests, with the fewest parentheses that read back as the
// same tree: every pair printed is one the parser needs, so the printed text never nests deeper than any
// text of the same equation, and parse_expression reads it whenever it read the original (its nesting
// limit counts parentheses: fully parenthesised chains of 101 terms did not read back).
#include <sstream>
#include <vector>

#include "sim/sd/expression.hpp"

namespace revolve::sd {
namespace {

const char* op_text(Op op) {
  switch (op) {
    case Op::add: return "+";
    case Op::sub: return "-";
    case Op::mul: return "*";
    case Op::div: return "/";
    case Op::pow: return "^";
    case Op::mod: return " MOD ";
    case Op::lt: return " < ";
    case Op::le: return " <= ";
    case Op::gt: return " > ";
    case Op::ge: return " >= ";
    case Op::eq: return " = ";
    case Op::ne: return " <> ";
    case Op::and_: return " AND ";
    case Op::or_: return " OR ";
    case Op::neg: return "-";
    case Op::not_: return "NOT ";
    case Op::plus: return "+";
  }
  return "?";
}

// How tightly each form binds: the parser's levels (expression.cpp), loosest first. An operator's right
// operand binds tighter than the operator (they are left-associative), except ^'s: its base is a primary
// and its exponent a prefix level operand (unary, ^ or primary).
constexpr int prefix_level = 7;
constexpr int primary_level = 9;

int binding(Op op) {
  switch (op) {
    case Op::or_: return 1;
    case Op::and_: return 2;
    case Op::eq: case Op::ne: return 3;
    case Op::lt: case Op::le: case Op::gt: case Op::ge: return 4;
    case Op::add: case Op::sub: return 5;
    case Op::mul: case Op::div: case Op::mod: return 6;
    case Op::neg: case Op::not_: case Op::plus: return prefix_level;
    case Op::pow: return 8;
  }
  return 0;
}

int binding(const Expr& e) {
  return e.kind == Expr::Kind::binary || e.kind == Expr::Kind::unary ? binding(e.op) : primary_level;
}

bool left_associative(const Expr& e) { return e.kind == Expr::Kind::binary && e.op != Op::pow; }

/// `last`: nothing follows `e` before the end of its group (the equation, a parenthesis, an argument, a
/// THEN or ELSE), so an IF THEN ELSE, whose ELSE branch takes all that follows, may stand there bare.
void write(std::ostringstream& out, const Expr& e, bool last);

/// `e` where the parser reads an operand binding at least `level`: in parentheses if it binds looser, or
/// if it is an IF THEN ELSE that something follows.
void write_operand(std::ostringstream& out, const Expr& e, int level, bool last) {
  const bool bracket = e.kind == Expr::Kind::if_then_else ? !last : binding(e) < level;
  if (bracket) out << '(';
  write(out, e, last || bracket);
  if (bracket) out << ')';
}

/// `name` so that it reads back: bare if the parser reads the bare text (followed by "()" for a `call`) as
/// that very name, otherwise in quotes with " and \ escaped: "?", "IF", "", "a  b", "x[1]".
void write_name(std::ostringstream& out, const std::string& name, bool call) {
  try {
    const Expr e = parse_expression(call ? name + "()" : name);
    const auto kind = call ? Expr::Kind::call : Expr::Kind::name;
    if (e.kind == kind && e.name == name && !e.has_subscripts && e.args.empty()) {
      out << name;
      return;
    }
  } catch (const SyntaxError&) {
  }
  out << '"';
  for (const char c : name) out << (c == '"' || c == '\\' ? "\\" : "") << c;
  out << '"';
}

void write_subscripts(std::ostringstream& out, const std::vector<Subscript>& subscripts) {
  out << '[';
  for (std::size_t i = 0; i < subscripts.size(); ++i) {
    if (i) out << ", ";
    const auto& s = subscripts[i];
    if (s.kind == Subscript::Kind::name) {
      write_name(out, s.text, false);
    } else {
      out << (s.kind == Subscript::Kind::wildcard ? "*" : s.text);
    }
  }
  out << ']';
}

/// a + b - c * d: the left operands that need no parentheses in a loop, so a chain of any length prints
/// without nesting calls.
void write_chain(std::ostringstream& out, const Expr& e, bool last) {
  std::vector<const Expr*> spine = {&e};
  while (left_associative(spine.back()->args[0]) && binding(spine.back()->args[0]) >= binding(*spine.back())) {
    spine.push_back(&spine.back()->args[0]);
  }
  write_operand(out, spine.back()->args[0], binding(*spine.back()), false);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    out << op_text((*it)->op);
    write_operand(out, (*it)->args[1], binding(**it) + 1, last && *it == &e);
  }
}

void write_call(std::ostringstream& out, const Expr& e) {
  write_name(out, e.name, true);
  out << '(';
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    out << (i ? ", " : "");
    write(out, e.args[i], true);
  }
  out << ')';
}

void write(std::ostringstream& out, const Expr& e, bool last) {
  switch (e.kind) {
    case Expr::Kind::number:
      out << e.number;
      break;
    case Expr::Kind::name:
      write_name(out, e.name, false);
      if (e.has_subscripts) write_subscripts(out, e.subscripts);
      break;
    case Expr::Kind::unary:
      out << op_text(e.op);
      write_operand(out, e.args[0], prefix_level, last);
      break;
    case Expr::Kind::binary:
      if (e.op != Op::pow) {
        write_chain(out, e, last);
        break;
      }
      write_operand(out, e.args[0], primary_level, false);
      out << '^';
      write_operand(out, e.args[1], prefix_level, last);
      break;
    case Expr::Kind::call:
      write_call(out, e);
      break;
    case Expr::Kind::if_then_else:
      out << "IF ";
      write(out, e.args[0], true);
      out << " THEN ";
      write(out, e.args[1], true);
      out << " ELSE ";
      write(out, e.args[2], last);
      break;
  }
}

}  // namespace

std::string to_string(const Expr& e) {
  std::ostringstream out;
  write(out, e, true);
  return out.str();
}

}  // namespace revolve::sd

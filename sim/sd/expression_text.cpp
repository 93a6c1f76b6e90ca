// Printing a parsed equation, fully parenthesised, for messages and tests.
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

void write(std::ostringstream& out, const Expr& e);

/// (((a + b) - c) * d): the left edge of a chain in a loop, so its length does not nest calls.
void write_binary(std::ostringstream& out, const Expr& e) {
  std::vector<const Expr*> spine;
  const Expr* left = &e;
  for (; left->kind == Expr::Kind::binary; left = &left->args[0]) spine.push_back(left);
  out << std::string(spine.size(), '(');
  write(out, *left);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    out << op_text((*it)->op);
    write(out, (*it)->args[1]);
    out << ')';
  }
}

void write(std::ostringstream& out, const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::number:
      out << e.number;
      break;
    case Expr::Kind::name:
      out << e.name;
      if (e.has_subscripts) {
        out << '[';
        for (std::size_t i = 0; i < e.subscripts.size(); ++i) {
          if (i) out << ", ";
          const auto& s = e.subscripts[i];
          out << (s.kind == Subscript::Kind::wildcard ? "*" : s.text);
        }
        out << ']';
      }
      break;
    case Expr::Kind::unary:
      out << op_text(e.op) << '(';
      write(out, e.args[0]);
      out << ')';
      break;
    case Expr::Kind::binary:
      write_binary(out, e);
      break;
    case Expr::Kind::call:
      out << e.name << '(';
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        out << (i ? ", " : "");
        write(out, e.args[i]);
      }
      out << ')';
      break;
    case Expr::Kind::if_then_else:
      out << "IF ";
      write(out, e.args[0]);
      out << " THEN ";
      write(out, e.args[1]);
      out << " ELSE ";
      write(out, e.args[2]);
      break;
  }
}

}  // namespace

std::string to_string(const Expr& e) {
  std::ostringstream out;
  write(out, e);
  return out.str();
}

}  // namespace revolve::sd

#include "sim/sd/expression.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sim/sd/limits.hpp"

namespace revolve::sd {
namespace {

enum class Tok { end, number, name, lparen, rparen, lbracket, rbracket, comma, op, keyword };

struct Token {
  Tok kind = Tok::end;
  std::string text;  // upper-cased for keywords and operators
  double number = 0.0;
  int column = 1;
  std::size_t end = 0;  // offset just past the token in the text
};

bool is_name_start(unsigned char c) { return std::isalpha(c) || c == '_' || c == '$' || c >= 0x80; }
bool is_name_char(unsigned char c) { return is_name_start(c) || std::isdigit(c) || c == '.'; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool is_keyword(const std::string& u) {
  return u == "IF" || u == "THEN" || u == "ELSE" || u == "AND" || u == "OR" || u == "NOT" ||
         u == "MOD";
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> tokens() {
    std::vector<Token> out;
    for (;;) {
      skip_space_and_comments();
      Token t = next();
      t.end = pos_;
      out.push_back(t);
      if (t.kind == Tok::end) return out;
      after_operand_ = t.kind == Tok::number || t.kind == Tok::name || t.kind == Tok::rparen || t.kind == Tok::rbracket;
    }
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  bool after_operand_ = false;  // the last token ends an operand: an operator may follow, not a function

  int column() const { return static_cast<int>(pos_) + 1; }

  char next_non_space() const {
    std::size_t p = pos_;
    while (p < text_.size() && std::isspace(static_cast<unsigned char>(text_[p]))) ++p;
    return p < text_.size() ? text_[p] : '\0';
  }

  std::string word() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  [[noreturn]] void fail(const std::string& message, int column) const {
    throw SyntaxError{message, column};
  }

  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      const unsigned char c = text_[pos_];
      if (std::isspace(c)) {
        ++pos_;
      } else if (c == '{') {
        const int start = column();
        const auto close = text_.find('}', pos_);
        if (close == std::string_view::npos) fail("comment '{' is never closed", start);
        pos_ = close + 1;
      } else {
        return;
      }
    }
  }

  Token next() {
    Token t;
    t.column = column();
    if (pos_ >= text_.size()) return t;
    const unsigned char c = text_[pos_];
    if (std::isdigit(c) || (c == '.' && pos_ + 1 < text_.size() && std::isdigit(text_[pos_ + 1]))) {
      return number(t);
    }
    if (c == '"') return quoted_name(t);
    if (is_name_start(c)) {
      t.text = word();
      const std::string u = upper(t.text);
      if (u == "MOD" && next_non_space() == '(' && !after_operand_) {
        t.kind = Tok::name;  // MOD(a, b), the function form of the operator; a MOD (b + c) is the operator
        return t;
      }
      if (is_keyword(u)) {
        t.kind = u == "MOD" ? Tok::op : Tok::keyword;
        t.text = u;
        return t;
      }
      t.kind = Tok::name;
      // Words separated by spaces form one name ("Room Temperature"), as in Vensim: two names
      // side by side are never valid syntax otherwise. Keywords end the name.
      for (;;) {
        std::size_t p = pos_;
        while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t')) ++p;
        if (p == pos_ || p >= text_.size() || !is_name_start(text_[p])) break;
        const std::size_t saved = pos_;
        pos_ = p;
        const std::string next = word();
        if (is_keyword(upper(next))) {
          pos_ = saved;
          break;
        }
        t.text += ' ' + next;
      }
      return t;
    }
    ++pos_;
    switch (c) {
      case '(': t.kind = Tok::lparen; return t;
      case ')': t.kind = Tok::rparen; return t;
      case '[': t.kind = Tok::lbracket; return t;
      case ']': t.kind = Tok::rbracket; return t;
      case ',': t.kind = Tok::comma; return t;
      case '+': case '-': case '*': case '/': case '^':
        t.kind = Tok::op;
        t.text = std::string(1, static_cast<char>(c));
        return t;
      case '<': case '>': case '=': case '!': case '&': case '|':
        return comparison(t, static_cast<char>(c));
      default:
        fail(std::string("unexpected character '") + static_cast<char>(c) + "'", t.column);
    }
  }

  Token comparison(Token t, char c) {
    t.kind = Tok::op;
    const char n = pos_ < text_.size() ? text_[pos_] : '\0';
    auto take = [&](const char* s) { ++pos_; t.text = s; return t; };
    if (c == '<' && n == '=') return take("<=");
    if (c == '<' && n == '>') return take("<>");
    if (c == '>' && n == '=') return take(">=");
    if (c == '!' && n == '=') return take("<>");
    if (c == '=' && n == '=') return take("=");
    if (c == '&' && n == '&') { ++pos_; t.kind = Tok::keyword; t.text = "AND"; return t; }
    if (c == '|' && n == '|') { ++pos_; t.kind = Tok::keyword; t.text = "OR"; return t; }
    if (c == '!') { t.kind = Tok::keyword; t.text = "NOT"; return t; }
    if (c == '&' || c == '|') fail(std::string("unexpected character '") + c + "'", t.column);
    t.text = std::string(1, c);
    return t;
  }

  Token number(Token t) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isdigit(text_[pos_]) || text_[pos_] == '.')) ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      std::size_t p = pos_ + 1;
      if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
      if (p < text_.size() && std::isdigit(text_[p])) {
        pos_ = p;
        while (pos_ < text_.size() && std::isdigit(text_[pos_])) ++pos_;
      }
    }
    const std::string digits(text_.substr(start, pos_ - start));
    char* end = nullptr;
    t.number = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size()) fail("malformed number '" + digits + "'", t.column);
    t.kind = Tok::number;
    t.text = digits;
    return t;
  }

  Token quoted_name(Token t) {
    ++pos_;
    std::string name;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      name += text_[pos_++];
    }
    if (pos_ >= text_.size()) fail("quoted name is never closed", t.column);
    ++pos_;
    t.kind = Tok::name;
    t.text = name;
    return t;
  }
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Expr parse() {
    if (peek().kind == Tok::end) fail("empty equation", peek().column);
    Expr e = expression();
    if (peek().kind != Tok::end) fail("unexpected '" + describe(peek()) + "'", peek().column);
    return e;
  }

 private:
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;  // nesting of prefix(): every level of parentheses, call, IF, unary operator or ^

  const Token& peek() const { return tokens_[pos_]; }
  Token take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool at_op(const char* op) const { return peek().kind == Tok::op && peek().text == op; }
  bool at_keyword(const char* kw) const { return peek().kind == Tok::keyword && peek().text == kw; }
  [[noreturn]] void fail(const std::string& message, int column) const {
    throw SyntaxError{message, column};
  }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Tok::end: return "end of equation";
      case Tok::lparen: return "(";
      case Tok::rparen: return ")";
      case Tok::lbracket: return "[";
      case Tok::rbracket: return "]";
      case Tok::comma: return ",";
      default: return t.text;
    }
  }

  void expect(Tok kind, const char* what) {
    if (peek().kind != kind) {
      fail(std::string("expected '") + what + "' but found '" + describe(peek()) + "'",
           peek().column);
    }
    take();
  }

  static Expr binary(Op op, Expr lhs, Expr rhs, int column) {
    Expr e;
    e.kind = Expr::Kind::binary;
    e.op = op;
    e.column = column;
    e.args.push_back(std::move(lhs));
    e.args.push_back(std::move(rhs));
    return e;
  }

  static Expr unary(Op op, Expr operand, int column) {
    Expr e;
    e.kind = Expr::Kind::unary;
    e.op = op;
    e.column = column;
    e.args.push_back(std::move(operand));
    return e;
  }

  Expr expression() { return logical_or(); }

  Expr logical_or() {
    Expr lhs = logical_and();
    while (at_keyword("OR")) {
      const int col = take().column;
      lhs = binary(Op::or_, std::move(lhs), logical_and(), col);
    }
    return lhs;
  }

  Expr logical_and() {
    Expr lhs = equality();
    while (at_keyword("AND")) {
      const int col = take().column;
      lhs = binary(Op::and_, std::move(lhs), equality(), col);
    }
    return lhs;
  }

  Expr equality() {
    Expr lhs = relational();
    while (at_op("=") || at_op("<>")) {
      const Token t = take();
      lhs = binary(t.text == "=" ? Op::eq : Op::ne, std::move(lhs), relational(), t.column);
    }
    return lhs;
  }

  Expr relational() {
    Expr lhs = additive();
    while (at_op("<") || at_op("<=") || at_op(">") || at_op(">=")) {
      const Token t = take();
      const Op op = t.text == "<" ? Op::lt : t.text == "<=" ? Op::le : t.text == ">" ? Op::gt : Op::ge;
      lhs = binary(op, std::move(lhs), additive(), t.column);
    }
    return lhs;
  }

  Expr additive() {
    Expr lhs = multiplicative();
    while (at_op("+") || at_op("-")) {
      const Token t = take();
      lhs = binary(t.text == "+" ? Op::add : Op::sub, std::move(lhs), multiplicative(), t.column);
    }
    return lhs;
  }

  Expr multiplicative() {
    Expr lhs = prefix();
    while (at_op("*") || at_op("/") || at_op("MOD")) {
      const Token t = take();
      const Op op = t.text == "*" ? Op::mul : t.text == "/" ? Op::div : Op::mod;
      lhs = binary(op, std::move(lhs), prefix(), t.column);
    }
    return lhs;
  }

  /// Entered once per nesting level (parentheses and IF branches and call arguments pass through
  /// it, as do unary operators and the right side of ^), so it alone keeps the recursion bounded.
  Expr prefix() {
    if (depth_ == max_nesting) {
      fail("nested more than " + std::to_string(max_nesting) +
               " deep (parentheses, function calls, IF THEN ELSE, unary operators and ^ each add a level); "
               "split the equation into several variables",
           peek().column);
    }
    ++depth_;
    Expr e = prefix_operand();
    --depth_;
    return e;
  }

  Expr prefix_operand() {
    if (at_op("-") || at_op("+")) {
      const Token t = take();
      return unary(t.text == "-" ? Op::neg : Op::plus, prefix(), t.column);
    }
    if (at_keyword("NOT")) {
      const int col = take().column;
      return unary(Op::not_, prefix(), col);
    }
    return power();
  }

  Expr power() {
    Expr base = primary();
    if (at_op("^")) {
      const int col = take().column;
      return binary(Op::pow, std::move(base), prefix(), col);  // right-associative: 2^3^2 = 2^9
    }
    return base;
  }

  Expr primary() {
    const Token t = peek();
    switch (t.kind) {
      case Tok::number: {
        take();
        Expr e;
        e.kind = Expr::Kind::number;
        e.number = t.number;
        e.column = t.column;
        return e;
      }
      case Tok::lparen: {
        take();
        Expr e = expression();
        expect(Tok::rparen, ")");
        return e;
      }
      case Tok::keyword:
        if (t.text == "IF") return if_then_else();
        break;
      case Tok::name:
        return name_or_call();
      default:
        break;
    }
    fail("unexpected '" + describe(t) + "'", t.column);
  }

  Expr if_then_else() {
    Expr e;
    e.kind = Expr::Kind::if_then_else;
    e.column = take().column;
    e.args.push_back(expression());
    if (!at_keyword("THEN")) fail("expected THEN after the IF condition", peek().column);
    take();
    e.args.push_back(expression());
    if (!at_keyword("ELSE")) fail("expected ELSE after IF ... THEN ...", peek().column);
    take();
    e.args.push_back(expression());
    return e;
  }

  Expr name_or_call() {
    const Token t = take();
    Expr e;
    e.column = t.column;
    e.name = t.text;
    if (peek().kind == Tok::lparen) {
      take();
      e.kind = Expr::Kind::call;
      e.name = upper(t.text);
      if (peek().kind != Tok::rparen) {
        e.args.push_back(expression());
        while (peek().kind == Tok::comma) {
          take();
          e.args.push_back(expression());
        }
      }
      expect(Tok::rparen, ")");
      return e;
    }
    e.kind = Expr::Kind::name;
    if (peek().kind == Tok::lbracket) {
      take();
      e.has_subscripts = true;
      e.subscripts.push_back(subscript());
      while (peek().kind == Tok::comma) {
        take();
        e.subscripts.push_back(subscript());
      }
      expect(Tok::rbracket, "]");
    }
    return e;
  }

  Subscript subscript() {
    const Token t = take();
    Subscript s;
    s.column = t.column;
    if (t.kind == Tok::op && t.text == "*") {
      s.kind = Subscript::Kind::wildcard;
    } else if (t.kind == Tok::number && t.number >= 1 && t.number <= std::numeric_limits<int>::max() &&
               t.number == std::floor(t.number)) {  // in range before the cast: x[1e24] is no index
      s.kind = Subscript::Kind::index;
      s.index = static_cast<int>(t.number);
      s.text = t.text;
    } else if (t.kind == Tok::name) {
      s.kind = Subscript::Kind::name;
      s.text = t.text;
    } else {
      fail("expected a dimension, element, index or * in [ ], found '" + describe(t) + "'",
           t.column);
    }
    return s;
  }
};

}  // namespace

Expr::~Expr() {
  if (args.empty()) return;
  std::vector<Expr> pending = std::move(args);
  while (!pending.empty()) {
    Expr last = std::move(pending.back());
    pending.pop_back();
    for (Expr& a : last.args) pending.push_back(std::move(a));
    last.args.clear();  // `last` now goes with no children
  }
}

Expr parse_expression(std::string_view text) { return Parser(Lexer(text).tokens()).parse(); }

std::string with_underscored_names(std::string_view equation) {
  std::vector<Token> tokens;
  try {
    tokens = Lexer(equation).tokens();
  } catch (const SyntaxError&) {
    return std::string(equation);  // left for the compiler to report
  }
  std::string out;
  std::size_t copied = 0;
  for (const Token& t : tokens) {
    const auto start = static_cast<std::size_t>(t.column - 1);
    if (t.kind != Tok::name || equation[start] == '"' || t.text.find(' ') == std::string::npos) continue;
    std::string name = t.text;
    std::replace(name.begin(), name.end(), ' ', '_');
    out.append(equation.substr(copied, start - copied)).append(name);
    copied = t.end;
  }
  return out.append(equation.substr(copied));
}

std::string canonical_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_separator = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    unsigned char c = name[i];
    if (c == '"') continue;
    // "\n" written literally inside XMILE names stands for a line break, i.e. a space.
    if (c == '\\' && i + 1 < name.size() && name[i + 1] == 'n') {
      ++i;
      c = ' ';
    }
    if (std::isspace(c) || c == '_') {
      pending_separator = !out.empty();
      continue;
    }
    if (pending_separator) out += '_';
    pending_separator = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

}  // namespace revolve::sd

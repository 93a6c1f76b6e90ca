// Builtin functions: each one's value at known times.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "sim/sd/model_file.hpp"
#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using revolve::test::run_model;

namespace {

/// Value of `equation` at every saved time of a 0..10 run with dt 0.5.
std::vector<double> values(const std::string& equation, double dt = 0.5) {
  sd::Model m;
  m.specs = {0.0, 10.0, dt, 0.0, sd::Method::euler};
  m.aux("x", equation);
  return run_model(m).column("x");
}

double at(const std::string& equation, double time, double dt = 0.5) {
  return values(equation, dt)[static_cast<std::size_t>(std::llround(time / dt))];
}

}  // namespace

TEST_CASE("arithmetic, precedence and comparison") {
  CHECK(at("1 + 2 * 3 ^ 2", 0) == 19);
  CHECK(at("-2 ^ 2", 0) == -4);
  CHECK(at("2 ^ 3 ^ 2", 0) == 512);
  CHECK(at("7 MOD 3", 0) == 1);
  CHECK(at("-7 MOD 3", 0) == -1);  // the sign of the dividend, as sd-conformance/tests/rounding
  CHECK(at("MOD(7.5, 2)", 0) == 1.5);
  CHECK(at("(1 < 2) + (2 <= 2) + (3 > 4) + (4 >= 4) + (5 = 5) + (5 <> 5)", 0) == 4);
  CHECK(at("1 AND 0", 0) == 0);
  CHECK(at("1 OR 0", 0) == 1);
  CHECK(at("NOT 0", 0) == 1);
  CHECK(at("IF TIME > 5 THEN 1 ELSE 2", 6) == 1);
  CHECK(at("IF TIME > 5 THEN 1 ELSE 2", 5) == 2);
  CHECK(at("2 { a comment } * 3", 0) == 6);
}

TEST_CASE("equations that need several temporaries compute the same during the run as at the start") {
  // The flow code is reordered by dependency depth; a temporary reused within an equation was once
  // overwritten before it was read, from the second step on.
  const auto chain = values("TIME + 2 * 3 - 4 * TIME * 5 + 20 - 4 * TIME * 5 + 20");
  const auto products = values("(TIME * 2 + 1) * (TIME * 3 + 1) - (TIME * 4 + 1) * (TIME + 1)");
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const double t = 0.5 * static_cast<double>(i);
    CHECK(chain[i] == 46 - 39 * t);
    CHECK(products[i] == 2 * t * t);
  }
}

TEST_CASE("the revolving-door system's staff follow their equations from the second week on") {
  // leavers = staff * (turnover * turnover multiplier + staff loss / DT) + MAX(0, staff - posts) / DT
  // has temporaries enough for the reordering to overwrite one: staff then stayed at 0 for ever, with
  // leavers equal to hires, and contract re-tenders lost about a tenth too many usual-service workers.
  const sd::Model model = sd::load_model(std::filesystem::path(REVOLVE_SOURCE_DIR) / "models/revolving_door/system.yaml");
  std::map<std::string, double> values;  // every parameter and input a constant: 1, 1.25, 1.5, ...
  double value = 1;
  for (const sd::Variable& v : model.variables) {
    if (!v.parameter && !v.input) continue;
    values[v.name] = value;
    value += 0.25;
  }
  const sd::Results r = run_model(model, std::nullopt, 1, values);
  const auto staff = r.column("staff[usual]");
  const auto leavers = r.column("leavers[usual]");
  const auto hires = r.column("hires[usual]");
  // One post: all staff leave in one week (leavers are cut to the staff there are), and with no staff
  // no one leaves, so two thirds of a post is filled the week after.
  CHECK(staff[0] == 1);
  for (std::size_t week = 1; week < 8; week += 2) {
    INFO("week " << week);
    CHECK(staff[week] == 0);
    CHECK(leavers[week] == 0);
    CHECK(staff[week + 1] == Approx(hires[week]));
    CHECK(staff[week + 1] == Approx(2.0 / 3.0));
  }
}

TEST_CASE("math functions") {
  CHECK(at("MIN(3, 1, 2) + MAX(3, 7)", 0) == 8);
  CHECK(at("ABS(-2.5)", 0) == 2.5);
  CHECK(at("EXP(1)", 0) == Approx(std::exp(1.0)));
  CHECK(at("LN(EXP(2))", 0) == Approx(2.0));
  CHECK(at("LOG10(1000)", 0) == Approx(3.0));
  CHECK(at("SQRT(16)", 0) == 4);
  CHECK(at("SIN(PI / 2) + COS(0) + TAN(0)", 0) == Approx(2.0));
  CHECK(at("ARCTAN(1) * 4", 0) == Approx(M_PI));
  CHECK(at("INT(2.7)", 0) == 2);
  CHECK(at("INT(-2.5)", 0) == -2);  // towards zero, as sd-conformance/tests/rounding
  CHECK(at("PI", 0) == Approx(M_PI));
}

TEST_CASE("time builtins") {
  CHECK(at("TIME", 3) == 3);
  CHECK(at("DT", 3) == 0.5);
  CHECK(at("STARTTIME + STOPTIME", 3) == 10);
}

TEST_CASE("SAFEDIV returns the fallback on division by zero") {
  CHECK(at("SAFEDIV(1, 0)", 0) == 0);
  CHECK(at("SAFEDIV(1, 0, 7)", 0) == 7);
  CHECK(at("SAFEDIV(6, 3, 7)", 0) == 2);
}

TEST_CASE("STEP, RAMP and PULSE") {
  CHECK(at("STEP(4, 3)", 2.5) == 0);
  CHECK(at("STEP(4, 3)", 3) == 4);
  CHECK(at("RAMP(2, 3)", 5) == 4);
  CHECK(at("RAMP(2, 3, 4)", 8) == 2);
  // A pulse has height magnitude / dt for one dt, so its area is the magnitude.
  const auto pulse = values("PULSE(10, 2)");
  double area = 0;
  for (double p : pulse) area += p * 0.5;
  CHECK(area == 10);
  CHECK(at("PULSE(10, 2)", 2) == 20);
  const auto repeated = values("PULSE(1, 1, 3)");
  CHECK(repeated[2] == 2);   // t = 1
  CHECK(repeated[8] == 2);   // t = 4
  CHECK(repeated[14] == 2);  // t = 7
  CHECK(repeated[9] == 0);
}

TEST_CASE("INIT holds the initial value") {
  CHECK(at("INIT(TIME + 3)", 7) == 3);
}

TEST_CASE("random builtins reproduce with the same seed and differ with another") {
  sd::Model m;
  m.specs = {0.0, 100.0, 1.0, 0.0, sd::Method::euler};
  m.aux("n", "NORMAL(10, 2)");
  m.aux("u", "UNIFORM(0, 1)");
  m.aux("p", "POISSON(3)");
  m.aux("fixed", "NORMAL(0, 1, 42)");
  const auto a = run_model(m, std::nullopt, 7), b = run_model(m, std::nullopt, 7), c = run_model(m, std::nullopt, 8);
  CHECK(a.values == b.values);
  CHECK(a.column("n") != c.column("n"));
  CHECK(a.column("fixed") == c.column("fixed"));  // a seed in the model fixes the draws
  double mean_n = 0, mean_u = 0, mean_p = 0;
  for (double v : a.column("n")) mean_n += v / 101;
  for (double v : a.column("u")) mean_u += v / 101;
  for (double v : a.column("p")) {
    CHECK(v == std::floor(v));
    mean_p += v / 101;
  }
  CHECK(mean_n == Approx(10).margin(0.6));
  CHECK(mean_u == Approx(0.5).margin(0.1));
  CHECK(mean_p == Approx(3).margin(0.6));
}

TEST_CASE("adding a random variable leaves the others' draws unchanged") {
  sd::Model m;
  m.specs = {0.0, 20.0, 1.0, 0.0, sd::Method::euler};
  m.aux("a", "NORMAL(0, 1)");
  const auto before = run_model(m).column("a");
  m.aux("b", "NORMAL(0, 1)");
  CHECK(run_model(m).column("a") == before);
}

TEST_CASE("random call sites are numbered from left to right in their equation, whatever the compiler") {
  // The stream of a call site is named by its position, so the draws must not depend on the order in
  // which a C++ compiler evaluates function arguments.
  sd::Model m;
  m.aux("x", "IF NORMAL(0, 1) > 100 THEN UNIFORM(0, 1) ^ NORMAL(5, 1) ELSE POISSON(3)");
  const sd::CompiledModel compiled = sd::compile(m);
  std::vector<std::string> streams;  // in the order the program draws them
  for (const sd::Instr& in : compiled.init_code) {
    if (in.op == sd::OpCode::normal || in.op == sd::OpCode::uniform || in.op == sd::OpCode::poisson) {
      streams.push_back(compiled.random_sites[in.c].stream_name);
    }
  }
  CHECK(streams == std::vector<std::string>{"sd:x#1", "sd:x#2", "sd:x#3", "sd:x#4"});
}

TEST_CASE("graphical functions interpolate, step or extrapolate") {
  sd::Model m;
  m.specs = {0.0, 4.0, 1.0, 0.0, sd::Method::euler};
  m.graphical("g", {{0, 1, 2}, {0, 10, 40}, sd::Interpolation::continuous});
  m.graphical("d", {{0, 1, 2}, {0, 10, 40}, sd::Interpolation::discrete});
  m.graphical("e", {{0, 1, 2}, {0, 10, 40}, sd::Interpolation::extrapolate});
  m.aux("inside", "g(1.5) + d(1.5) * 1000");
  m.aux("outside", "g(3) + e(3) * 1000 + e(-1) * 1000000");
  m.aux("by_name", "LOOKUP(g, 0.5)");
  m.graphical("over_time", {{0, 4}, {1, 5}}, "TIME");
  const auto r = run_model(m);
  CHECK(r.column("inside")[0] == 25 + 10 * 1000);
  CHECK(r.column("outside")[0] == 40 + 70 * 1000 - 10 * 1000000);
  CHECK(r.column("by_name")[0] == 5);
  CHECK(r.column("over_time")[2] == 3);
}

TEST_CASE("non-negative stocks cut their outflows so they never go below zero") {
  sd::Model m;
  m.specs = {0.0, 10.0, 1.0, 0.0, sd::Method::euler};
  m.stock("S", "10", {"in"}, {"first", "second"}).non_negative = true;
  m.flow("in", "1");
  m.flow("first", "4");
  m.flow("second", "5");
  const auto r = run_model(m);
  for (double s : r.column("S")) CHECK(s >= 0.0);
  // Step 1: 10 + 1 - 4 - 5 = 2. Step 2: available 2 + 1 = 3: first takes 3, second gets 0.
  CHECK(r.column("S")[1] == 2);
  CHECK(r.column("first")[1] == 3);
  CHECK(r.column("second")[1] == 0);
  CHECK(r.column("S")[2] == 0);
}

TEST_CASE("a one-way flow never goes negative") {
  sd::Model m;
  m.specs = {0.0, 3.0, 1.0, 0.0, sd::Method::euler};
  m.stock("S", "0", {"f"});
  m.flow("f", "TIME - 2").non_negative = true;
  const auto r = run_model(m);
  CHECK(r.column("f") == std::vector<double>{0, 0, 0, 1});
}

#pragma once
// The flat program a stock-flow model compiles to: three-address instructions over one array of
// registers (time registers, then variables, hidden state, constants and temporaries).
// Evaluating a model step is one pass over this array: no tree walk, no look-up, no allocation.
#include <cstdint>
#include <span>
#include <vector>

#include "sim/random/stream.hpp"
#include "sim/sd/graphical_function.hpp"

namespace revolve::sd {

/// Fixed registers every program has.
enum TimeRegister : std::uint32_t { reg_time = 0, reg_dt = 1, reg_start = 2, reg_stop = 3 };
inline constexpr std::uint32_t first_variable_register = 4;

enum class OpCode : std::uint8_t {
  copy,                                    // r[dst] = r[a]
  add, sub, mul, div, pow, mod,            // r[dst] = r[a] op r[b]; mod is fmod (sign of r[a])
  neg, not_, abs, exp, ln, log10, sqrt,    // r[dst] = f(r[a])
  sin, cos, tan, arcsin, arccos, arctan, trunc,
  lt, le, gt, ge, eq, ne, and_, or_,       // 1.0 or 0.0
  min, max,
  select,                                  // r[dst] = r[a] != 0 ? r[b] : r[c]
  safediv,                                 // r[dst] = r[b] == 0 ? r[c] : r[a] / r[b]
  pulse,                                   // PULSE(r[a] magnitude, r[b] first, r[c] interval)
  step,                                    // STEP(r[a] height, r[b] time)
  ramp,                                    // RAMP(r[a] slope, r[b] start, r[c] end)
  lookup,                                  // r[dst] = tables[c](r[a])
  normal,                                  // r[dst] = N(r[a], r[b]) from random site c
  uniform,                                 // r[dst] = U(r[a], r[b]) from random site c
  poisson,                                 // r[dst] = Poisson(r[a]) from random site c
  delay,                                   // r[dst] = pipeline c delayed by r[a]; r[b] before
};

struct Instr {
  OpCode op = OpCode::copy;
  std::uint32_t dst = 0;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t c = 0;
};

/// A call site of NORMAL, UNIFORM or POISSON at run time: its own named stream (keyed by the run's
/// seed, or by the seed the model gave), so draws do not shift when the model gains another
/// random variable.
struct RandomSite {
  random::Stream stream;
  bool fixed_seed = false;  ///< the model gave a seed argument: same draws in every run
};

/// Values a pipeline DELAY's input took at past times, for reading at t - delay.
struct DelayHistory {
  std::vector<double> times;
  std::vector<double> values;
  void clear() { times.clear(); values.clear(); }
  void record(double t, double value);
  /// Linear interpolation at `t`; `before` if t precedes the first record.
  double at(double t, double before) const;
};

/// What instructions may read besides registers.
struct ExecutionContext {
  double* registers = nullptr;
  const GraphicalFunction* tables = nullptr;
  const RandomSite* random_sites = nullptr;
  const DelayHistory* delays = nullptr;
  std::uint32_t run = 0;
  std::uint32_t step = 0;  ///< index of the current dt step: random draws hold within a step
};

void execute(std::span<const Instr> code, const ExecutionContext& context);

/// True if operand c is an index (table, random site, delay) rather than a register.
constexpr bool operand_c_is_index(OpCode op) {
  return op == OpCode::lookup || op == OpCode::normal || op == OpCode::uniform || op == OpCode::poisson ||
         op == OpCode::delay;
}

/// True if the op reads time or state beyond its operands (so it is never constant-folded).
bool is_time_dependent(OpCode op);

}  // namespace revolve::sd

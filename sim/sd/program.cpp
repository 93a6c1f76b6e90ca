#include "sim/sd/program.hpp"

#include <algorithm>
#include <cmath>

namespace revolve::sd {

void DelayHistory::record(double t, double value) {
  if (!times.empty() && t <= times.back()) {
    // Re-evaluation at the same time (e.g. the final save): keep the latest value.
    if (t == times.back()) values.back() = value;
    return;
  }
  times.push_back(t);
  values.push_back(value);
}

double DelayHistory::at(double t, double before) const {
  if (times.empty() || t < times.front() - 1e-9 * (1.0 + std::abs(t))) return before;
  if (t >= times.back()) return values.back();
  const auto hi = static_cast<std::size_t>(std::upper_bound(times.begin(), times.end(), t) - times.begin());
  if (hi == 0) return values.front();
  const std::size_t lo = hi - 1;
  const double w = (t - times[lo]) / (times[hi] - times[lo]);
  return values[lo] + w * (values[hi] - values[lo]);
}

namespace {

// Tolerance for comparing TIME with event times, relative to DT: TIME accumulates no error
// (it is start + n*dt), but event times given in equations may not be exact multiples of DT.
constexpr double time_tolerance = 1e-6;

double pulse(double magnitude, double first, double interval, double time, double dt) {
  const double eps = time_tolerance * dt;
  if (time < first - eps) return 0.0;
  double since = time - first;
  if (interval > 0.0) since -= interval * std::floor((since + eps) / interval);
  return since < dt - eps ? magnitude / dt : 0.0;
}

double ramp(double slope, double start, double end, double time) {
  const double t = std::min(time, end);
  return t > start ? slope * (t - start) : 0.0;
}


// The k-th uniform of a random site for this run and step (k < 4: one Philox call per draw set).
double draw(const ExecutionContext& ctx, std::uint32_t site_index, std::uint32_t k) {
  const RandomSite& site = ctx.random_sites[site_index];
  return site.stream.uniform(site.fixed_seed ? 0 : ctx.run, 0, ctx.step, k);
}

}  // namespace

namespace {

/// r[in.dst] = value(in) for every instruction of a stretch of one operation.
template <class Value>
void each(const Instr* first, const Instr* last, double* r, Value value) {
  for (; first != last; ++first) r[first->dst] = value(*first);
}

/// Run the stretch [first, last) of instructions that all do `op`.
void run_stretch(OpCode op, const Instr* first, const Instr* last, const ExecutionContext& ctx) {
  double* const r = ctx.registers;
  using I = const Instr&;
  switch (op) {
    case OpCode::copy: return each(first, last, r, [r](I in) { return r[in.a]; });
    case OpCode::add: return each(first, last, r, [r](I in) { return r[in.a] + r[in.b]; });
    case OpCode::sub: return each(first, last, r, [r](I in) { return r[in.a] - r[in.b]; });
    case OpCode::mul: return each(first, last, r, [r](I in) { return r[in.a] * r[in.b]; });
    case OpCode::div: return each(first, last, r, [r](I in) { return r[in.a] / r[in.b]; });
    case OpCode::pow: return each(first, last, r, [r](I in) { return std::pow(r[in.a], r[in.b]); });
    case OpCode::mod: return each(first, last, r, [r](I in) { return std::fmod(r[in.a], r[in.b]); });
    case OpCode::neg: return each(first, last, r, [r](I in) { return -r[in.a]; });
    case OpCode::not_: return each(first, last, r, [r](I in) { return r[in.a] == 0.0 ? 1.0 : 0.0; });
    case OpCode::abs: return each(first, last, r, [r](I in) { return std::abs(r[in.a]); });
    case OpCode::exp: return each(first, last, r, [r](I in) { return std::exp(r[in.a]); });
    case OpCode::ln: return each(first, last, r, [r](I in) { return std::log(r[in.a]); });
    case OpCode::log10: return each(first, last, r, [r](I in) { return std::log10(r[in.a]); });
    case OpCode::sqrt: return each(first, last, r, [r](I in) { return std::sqrt(r[in.a]); });
    case OpCode::sin: return each(first, last, r, [r](I in) { return std::sin(r[in.a]); });
    case OpCode::cos: return each(first, last, r, [r](I in) { return std::cos(r[in.a]); });
    case OpCode::tan: return each(first, last, r, [r](I in) { return std::tan(r[in.a]); });
    case OpCode::arcsin: return each(first, last, r, [r](I in) { return std::asin(r[in.a]); });
    case OpCode::arccos: return each(first, last, r, [r](I in) { return std::acos(r[in.a]); });
    case OpCode::arctan: return each(first, last, r, [r](I in) { return std::atan(r[in.a]); });
    case OpCode::trunc: return each(first, last, r, [r](I in) { return std::trunc(r[in.a]); });
    case OpCode::lt: return each(first, last, r, [r](I in) { return r[in.a] < r[in.b] ? 1.0 : 0.0; });
    case OpCode::le: return each(first, last, r, [r](I in) { return r[in.a] <= r[in.b] ? 1.0 : 0.0; });
    case OpCode::gt: return each(first, last, r, [r](I in) { return r[in.a] > r[in.b] ? 1.0 : 0.0; });
    case OpCode::ge: return each(first, last, r, [r](I in) { return r[in.a] >= r[in.b] ? 1.0 : 0.0; });
    case OpCode::eq: return each(first, last, r, [r](I in) { return r[in.a] == r[in.b] ? 1.0 : 0.0; });
    case OpCode::ne: return each(first, last, r, [r](I in) { return r[in.a] != r[in.b] ? 1.0 : 0.0; });
    case OpCode::and_:
      return each(first, last, r, [r](I in) { return (r[in.a] != 0.0 && r[in.b] != 0.0) ? 1.0 : 0.0; });
    case OpCode::or_:
      return each(first, last, r, [r](I in) { return (r[in.a] != 0.0 || r[in.b] != 0.0) ? 1.0 : 0.0; });
    case OpCode::min: return each(first, last, r, [r](I in) { return std::min(r[in.a], r[in.b]); });
    case OpCode::max: return each(first, last, r, [r](I in) { return std::max(r[in.a], r[in.b]); });
    case OpCode::select: return each(first, last, r, [r](I in) { return r[in.a] != 0.0 ? r[in.b] : r[in.c]; });
    case OpCode::safediv:
      return each(first, last, r, [r](I in) { return r[in.b] == 0.0 ? r[in.c] : r[in.a] / r[in.b]; });
    case OpCode::pulse:
      return each(first, last, r, [r](I in) { return pulse(r[in.a], r[in.b], r[in.c], r[reg_time], r[reg_dt]); });
    case OpCode::step:
      return each(first, last, r, [r](I in) {
        return r[reg_time] >= r[in.b] - time_tolerance * r[reg_dt] ? r[in.a] : 0.0;
      });
    case OpCode::ramp: return each(first, last, r, [r](I in) { return ramp(r[in.a], r[in.b], r[in.c], r[reg_time]); });
    case OpCode::lookup: return each(first, last, r, [&](I in) { return ctx.tables[in.c](r[in.a]); });
    case OpCode::normal:
      return each(first, last, r, [&](I in) {
        return r[in.a] + r[in.b] * random::standard_normal(draw(ctx, in.c, 0), draw(ctx, in.c, 1));
      });
    case OpCode::uniform:
      return each(first, last, r, [&](I in) { return r[in.a] + (r[in.b] - r[in.a]) * draw(ctx, in.c, 0); });
    case OpCode::poisson:
      return each(first, last, r, [&](I in) { return random::poisson(r[in.a], draw(ctx, in.c, 0), draw(ctx, in.c, 1)); });
    case OpCode::delay:
      return each(first, last, r, [&](I in) { return ctx.delays[in.c].at(r[reg_time] - r[in.a], r[in.b]); });
  }
}

}  // namespace

void execute(std::span<const Instr> code, const ExecutionContext& ctx) {
  // One dispatch per stretch of one operation, then a tight loop: the compiler orders the flow code
  // so that such stretches are long (compiler.cpp, schedule_by_depth). Dispatching every
  // instruction through one switch cost about 7 ns an instruction on the chain benchmark, mostly
  // mispredicted jumps.
  const Instr* first = code.data();
  const Instr* const end = first + code.size();
  while (first != end) {
    const Instr* last = first + 1;
    while (last != end && last->op == first->op) ++last;
    run_stretch(first->op, first, last, ctx);
    first = last;
  }
}

bool is_time_dependent(OpCode op) {
  switch (op) {
    case OpCode::pulse:
    case OpCode::step:
    case OpCode::ramp:
    case OpCode::normal:
    case OpCode::uniform:
    case OpCode::poisson:
    case OpCode::delay:
      return true;
    default:
      return false;
  }
}

}  // namespace revolve::sd

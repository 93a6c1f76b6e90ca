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

}  // namespace

void execute(std::span<const Instr> code, const ExecutionContext& ctx) {
  double* r = ctx.registers;
  for (const Instr& in : code) {
    switch (in.op) {
      case OpCode::copy: r[in.dst] = r[in.a]; break;
      case OpCode::add: r[in.dst] = r[in.a] + r[in.b]; break;
      case OpCode::sub: r[in.dst] = r[in.a] - r[in.b]; break;
      case OpCode::mul: r[in.dst] = r[in.a] * r[in.b]; break;
      case OpCode::div: r[in.dst] = r[in.a] / r[in.b]; break;
      case OpCode::pow: r[in.dst] = std::pow(r[in.a], r[in.b]); break;
      case OpCode::mod: {
        // XMILE MOD: result has the sign of the divisor, like a floored modulo.
        const double m = std::fmod(r[in.a], r[in.b]);
        r[in.dst] = (m != 0.0 && ((m < 0.0) != (r[in.b] < 0.0))) ? m + r[in.b] : m;
        break;
      }
      case OpCode::neg: r[in.dst] = -r[in.a]; break;
      case OpCode::not_: r[in.dst] = r[in.a] == 0.0 ? 1.0 : 0.0; break;
      case OpCode::abs: r[in.dst] = std::abs(r[in.a]); break;
      case OpCode::exp: r[in.dst] = std::exp(r[in.a]); break;
      case OpCode::ln: r[in.dst] = std::log(r[in.a]); break;
      case OpCode::log10: r[in.dst] = std::log10(r[in.a]); break;
      case OpCode::sqrt: r[in.dst] = std::sqrt(r[in.a]); break;
      case OpCode::sin: r[in.dst] = std::sin(r[in.a]); break;
      case OpCode::cos: r[in.dst] = std::cos(r[in.a]); break;
      case OpCode::tan: r[in.dst] = std::tan(r[in.a]); break;
      case OpCode::arcsin: r[in.dst] = std::asin(r[in.a]); break;
      case OpCode::arccos: r[in.dst] = std::acos(r[in.a]); break;
      case OpCode::arctan: r[in.dst] = std::atan(r[in.a]); break;
      case OpCode::floor: r[in.dst] = std::floor(r[in.a]); break;
      case OpCode::lt: r[in.dst] = r[in.a] < r[in.b] ? 1.0 : 0.0; break;
      case OpCode::le: r[in.dst] = r[in.a] <= r[in.b] ? 1.0 : 0.0; break;
      case OpCode::gt: r[in.dst] = r[in.a] > r[in.b] ? 1.0 : 0.0; break;
      case OpCode::ge: r[in.dst] = r[in.a] >= r[in.b] ? 1.0 : 0.0; break;
      case OpCode::eq: r[in.dst] = r[in.a] == r[in.b] ? 1.0 : 0.0; break;
      case OpCode::ne: r[in.dst] = r[in.a] != r[in.b] ? 1.0 : 0.0; break;
      case OpCode::and_: r[in.dst] = (r[in.a] != 0.0 && r[in.b] != 0.0) ? 1.0 : 0.0; break;
      case OpCode::or_: r[in.dst] = (r[in.a] != 0.0 || r[in.b] != 0.0) ? 1.0 : 0.0; break;
      case OpCode::min: r[in.dst] = std::min(r[in.a], r[in.b]); break;
      case OpCode::max: r[in.dst] = std::max(r[in.a], r[in.b]); break;
      case OpCode::select: r[in.dst] = r[in.a] != 0.0 ? r[in.b] : r[in.c]; break;
      case OpCode::safediv: r[in.dst] = r[in.b] == 0.0 ? r[in.c] : r[in.a] / r[in.b]; break;
      case OpCode::pulse:
        r[in.dst] = pulse(r[in.a], r[in.b], r[in.c], r[reg_time], r[reg_dt]);
        break;
      case OpCode::step:
        r[in.dst] = r[reg_time] >= r[in.b] - time_tolerance * r[reg_dt] ? r[in.a] : 0.0;
        break;
      case OpCode::ramp: {
        const double t = std::min(r[reg_time], r[in.c]);
        r[in.dst] = t > r[in.b] ? r[in.a] * (t - r[in.b]) : 0.0;
        break;
      }
      case OpCode::lookup: r[in.dst] = ctx.tables[in.c](r[in.a]); break;
      case OpCode::normal: {
        const RandomSite& site = ctx.random_sites[in.c];
        const auto u = site.stream.uniforms4(site.fixed_seed ? 0 : ctx.run, 0, ctx.step);
        r[in.dst] = r[in.a] + r[in.b] * random::standard_normal(u[0], u[1]);
        break;
      }
      case OpCode::uniform: {
        const RandomSite& site = ctx.random_sites[in.c];
        const double u = site.stream.uniform(site.fixed_seed ? 0 : ctx.run, 0, ctx.step);
        r[in.dst] = r[in.a] + (r[in.b] - r[in.a]) * u;
        break;
      }
      case OpCode::poisson: {
        const RandomSite& site = ctx.random_sites[in.c];
        const auto u = site.stream.uniforms4(site.fixed_seed ? 0 : ctx.run, 0, ctx.step);
        r[in.dst] = random::poisson(r[in.a], u[0], u[1]);
        break;
      }
      case OpCode::delay:
        r[in.dst] = ctx.delays[in.c].at(r[reg_time] - r[in.a], r[in.b]);
        break;
    }
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

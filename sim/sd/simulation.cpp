#include "sim/sd/simulation.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>

#include "sim/core/error.hpp"
#include "sim/core/memory.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/limits.hpp"

namespace revolve::sd {
namespace odeint = boost::numeric::odeint;

namespace {

using Euler = odeint::euler<State, double, State, double, odeint::vector_space_algebra>;
using Rk4 = odeint::runge_kutta4<State, double, State, double, odeint::vector_space_algebra>;
using Dopri5 = odeint::runge_kutta_dopri5<State, double, State, double, odeint::vector_space_algebra>;

/// False if any value is inf or NaN. x - x is +0 (all bits clear) for a finite x and NaN otherwise;
/// or-ing the bits vectorises (subpd, por), so checking every saved row costs next to nothing.
bool all_finite(const double* values, std::size_t n) {
  std::uint64_t any = 0;
  for (std::size_t i = 0; i < n; ++i) any |= std::bit_cast<std::uint64_t>(values[i] - values[i]);
  return any == 0;
}

bool all_finite(const State& x) { return all_finite(x.data(), static_cast<std::size_t>(x.size())); }

std::string model_prefix(const CompiledModel& model) {
  return where(model.name.empty() ? "" : "model '" + model.name + "'", 0);
}

void check_cancel(const RunOptions& options) {
  if (options.cancel && options.cancel->load(std::memory_order_relaxed)) throw Cancelled("run cancelled");
}

/// Registers to save, in column order.
std::vector<std::uint32_t> saved_slots(const CompiledModel& model, const std::vector<std::string>& names) {
  std::vector<std::uint32_t> slots;
  if (names.empty()) {
    for (std::uint32_t i = 0; i < model.variable_names.size(); ++i) slots.push_back(first_variable_register + i);
    return slots;
  }
  for (const auto& name : names) {
    const auto more = model.slots(name);
    slots.insert(slots.end(), more.begin(), more.end());
  }
  return slots;
}

Results empty_results(const CompiledModel& model, const std::vector<std::uint32_t>& saved, std::size_t rows) {
  Results r;
  for (std::uint32_t s : saved) {
    r.names.push_back(model.variable_names[s - first_variable_register]);
    r.units.push_back(model.variable_units[s - first_variable_register]);
  }
  r.times.reserve(rows);
  r.values.reserve(rows * saved.size());
  advise_huge_pages(r.values.data(), r.values.capacity() * sizeof(double));
  return r;
}

void save_row(Results& r, double t, const std::vector<double>& registers, const std::vector<std::uint32_t>& saved) {
  r.times.push_back(t);
  const bool contiguous = !saved.empty() && saved.back() - saved.front() + 1 == saved.size();
  if (contiguous) {
    const double* first = registers.data() + saved.front();
    r.values.insert(r.values.end(), first, first + saved.size());
  } else {
    for (std::uint32_t s : saved) r.values.push_back(registers[s]);
  }
}

std::uint64_t step_count(const SimSpecs& s) {
  return static_cast<std::uint64_t>(std::llround((s.stop - s.start) / s.dt));
}

/// Steps between saved rows of a fixed-step run.
std::uint64_t save_every(const SimSpecs& s) {
  return s.save_step > 0.0 ? std::max<std::uint64_t>(1, std::llround(s.save_step / s.dt)) : 1;
}

/// Saved rows of a run: every save_step (or dt) from start to stop.
double saved_rows(const SimSpecs& s, Method method) {
  if (method != Method::dopri5) return static_cast<double>(step_count(s) / save_every(s) + 1);
  return std::round((s.stop - s.start) / (s.save_step > 0.0 ? s.save_step : s.dt)) + 1;
}

/// Before anything is allocated: the specs suit `method`, and the results fit max_saved_values.
void check_run(const CompiledModel& model, Method method, std::size_t columns) {
  const SimSpecs& s = model.specs;
  if (method != s.method) {
    if (const auto problem = specs_problem(s, method); !problem.empty()) {
      throw ModelError(model_prefix(model) + problem);
    }
  }
  const double rows = saved_rows(s, method);
  if (rows * static_cast<double>(columns) > static_cast<double>(max_saved_values)) {
    throw ModelError("the results would have " + number_text(rows) + " saved times x " + std::to_string(columns) +
                     " variables, more than the limit of " + std::to_string(max_saved_values) +
                     " values (2 GB): save fewer variables, less often (a larger save_step) or over a shorter run");
  }
}

/// One step of the dense-output stepper, or a ModelError if it cannot meet the tolerances: odeint gives
/// up, the step falls below 1e-10 dt (time would stand still: abs_tol 1e-300 ran forever), or the run
/// takes more than max_steps steps.
template <class Stepper, class System>
void adaptive_step(Stepper& stepper, System& system, std::uint64_t count, const CompiledModel& model) {
  const SimSpecs& s = model.specs;
  const double before = stepper.current_time();
  bool failed = count > max_steps;
  try {
    if (!failed) stepper.do_step(system);
  } catch (const odeint::odeint_error&) {
    failed = true;
  }
  // A state gone non-finite is reported as such by the caller, not as a failure to meet tolerances.
  failed = failed || (all_finite(stepper.current_state()) && !(stepper.current_time() - before >= 1e-10 * s.dt));
  if (failed) {
    throw ModelError(model_prefix(model) + "dopri5 cannot meet abs_tol " + number_text(s.abs_tol) + " and rel_tol " +
                     number_text(s.rel_tol) + " at time " + number_text(before) +
                     " (its step fell below 1e-10 x dt); loosen the tolerances or use rk4");
  }
}

}  // namespace

std::string describe(const NonFinite& non_finite) {
  return "'" + non_finite.variable + "' is " + (std::isnan(non_finite.value) ? "nan" : number_text(non_finite.value)) +
         " at time " + number_text(non_finite.time);
}

/// Odeint's fixed-step steppers keep work vectors; holding them avoids an allocation per step.
struct Simulation::Steppers {
  Euler euler;
  Rk4 rk4;
};

Simulation::~Simulation() = default;

std::vector<double> Results::column(std::string_view name) const {
  const std::string key = canonical_element_name(name);
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (canonical_element_name(names[c]) != key) continue;
    std::vector<double> out(rows());
    for (std::size_t r = 0; r < rows(); ++r) out[r] = at(r, c);
    return out;
  }
  throw Error("no saved column '" + std::string(name) + "'");
}

Simulation::Simulation(std::shared_ptr<const CompiledModel> model, std::uint64_t seed, std::uint32_t run)
    : model_(std::move(model)), steppers_(std::make_unique<Steppers>()), run_(run) {
  reseed(seed);
  delays_.resize(model_->delays.size());
  initialize();
}

void Simulation::reseed(std::uint64_t seed) {
  random_sites_.clear();
  for (const RandomSiteSpec& spec : model_->random_sites) {
    RandomSite site;
    site.fixed_seed = spec.fixed_seed.has_value();
    site.stream = random::Stream(spec.fixed_seed.value_or(seed), spec.stream_name);
    random_sites_.push_back(site);
  }
}

ExecutionContext Simulation::context(std::uint64_t step) {
  ExecutionContext ctx;
  ctx.registers = registers_.data();
  ctx.tables = model_->tables.data();
  ctx.random_sites = random_sites_.data();
  ctx.delays = delays_.data();
  ctx.run = run_;
  ctx.step = static_cast<std::uint32_t>(step);
  return ctx;
}

void Simulation::initialize() {
  registers_ = model_->initial_registers;
  for (auto& d : delays_) d.clear();
  step_ = 0;
  limit_dt_ = model_->specs.dt;
  execute(model_->init_code, context(0));
  load_stocks_from_registers();
  dxdt_.resize(x_.size());
  derivatives(x_, dxdt_, model_->specs.start);
  record_delays(model_->specs.start);
}

void Simulation::load_stocks_from_registers() {
  const auto& stocks = model_->stocks;
  x_.resize(static_cast<Eigen::Index>(stocks.size()));
  for (std::size_t i = 0; i < stocks.size(); ++i) x_[static_cast<Eigen::Index>(i)] = registers_[stocks[i].slot];
}

void Simulation::set_value(std::uint32_t slot, double value) {
  registers_[slot] = value;
  const auto& stocks = model_->stocks;
  for (std::size_t i = 0; i < stocks.size(); ++i) {
    if (stocks[i].slot == slot) x_[static_cast<Eigen::Index>(i)] = value;
  }
}

void Simulation::refresh() {
  derivatives(x_, dxdt_, time());
  record_delays(time());
}

void Simulation::limit_outflows(const StockLayout& stock, double level) {
  // Stella's non-negative stock: outflows, served in the order listed, take no more than the
  // stock holds. With a fixed step that is level/dt plus what flows in over the step; with
  // adaptive steps, an empty stock can pass on only what flows in. A flow drained from more than
  // one stock is left as it is (cutting it would change the other stock); floor_rates() then
  // keeps this stock at zero.
  if (limit_dt_ == 0.0 && level > 0.0) return;
  double* r = registers_.data();
  const std::uint32_t* flows = model_->flow_slots.data();
  double available = limit_dt_ > 0.0 ? std::max(level, 0.0) / limit_dt_ : 0.0;
  for (std::uint32_t k = stock.inflow_begin; k < stock.inflow_end; ++k) available += std::max(r[flows[k]], 0.0);
  for (std::uint32_t k = stock.outflow_begin; k < stock.outflow_end; ++k) {
    double& out = r[flows[k]];
    if (model_->flow_has_one_source[k]) out = std::min(out, std::max(available, 0.0));
    available -= std::max(out, 0.0);
  }
}

void Simulation::floor_rates(const State& x, State& dxdt) const {
  for (std::size_t i = 0; i < model_->stocks.size(); ++i) {
    if (!model_->stocks[i].non_negative) continue;
    const auto k = static_cast<Eigen::Index>(i);
    const double floor = limit_dt_ > 0.0 ? -std::max(x[k], 0.0) / limit_dt_ : (x[k] <= 0.0 ? 0.0 : -INFINITY);
    dxdt[k] = std::max(dxdt[k], floor);
  }
}

void Simulation::derivatives(const State& x, State& dxdt, double t) {
  const StockLayout* stocks = model_->stocks.data();
  const std::size_t n = model_->stocks.size();
  double* r = registers_.data();
  const double* level = x.data();
  r[reg_time] = t;
  for (std::size_t i = 0; i < n; ++i) r[stocks[i].slot] = level[i];
  execute(model_->flow_code, context(step_));
  if (model_->has_non_negative_stocks) {
    for (std::size_t i = 0; i < n; ++i) {
      if (stocks[i].non_negative) limit_outflows(stocks[i], level[i]);
    }
  }
  execute(model_->rate_code, context(step_));
  std::copy_n(r + model_->rate_base, n, dxdt.data());
  if (model_->has_non_negative_stocks) floor_rates(x, dxdt);
}

void Simulation::record_delays(double t) {
  for (std::size_t i = 0; i < delays_.size(); ++i) delays_[i].record(t, registers_[model_->delays[i].input_slot]);
}

void Simulation::step(std::optional<Method> method) {
  const Method m = method.value_or(model_->specs.method);
  const double dt = model_->specs.dt;
  const double t = model_->specs.start + static_cast<double>(step_) * dt;
  // dxdt_ holds the derivative at (x_, t) from the previous evaluation.
  auto system = [this](const State& x, State& d, double tt) { derivatives(x, d, tt); };
  if (m == Method::rk4) {
    steppers_->rk4.do_step(system, x_, dxdt_, t, dt);
  } else {
    steppers_->euler.do_step(system, x_, dxdt_, t, dt);
  }
  ++step_;
  const double next = model_->specs.start + static_cast<double>(step_) * dt;
  derivatives(x_, dxdt_, next);
  record_delays(next);
}

Results Simulation::run(const RunOptions& options) {
  run_ = options.run;
  reseed(options.seed);
  const auto saved = saved_slots(*model_, options.save);
  const Method method = options.method.value_or(model_->specs.method);
  check_run(*model_, method, saved.size());
  initialize();
  if (method == Method::dopri5) return run_adaptive(options, saved);
  return run_fixed(options, method, saved);
}

void Simulation::check_finite(Results& r, const State& state, double t, bool strict) const {
  if (r.non_finite) return;  // the first is what matters
  const double* row = r.values.data() + (r.values.size() - r.columns());
  if (all_finite(row, r.columns()) && all_finite(state)) return;
  r.non_finite = first_non_finite(t);
  if (strict) {
    throw ModelError(model_prefix(*model_) + describe(*r.non_finite) +
                     "; a strict run stops at the first value that is not a finite number (division by zero, LN or "
                     "SQRT of a negative number, overflow)");
  }
}

/// Among all variables now (saved or not), the first in model order that is not finite, an auxiliary
/// or flow before any stock: a stock only goes non-finite through its flows.
NonFinite Simulation::first_non_finite(double t) const {
  const auto& names = model_->variable_names;
  std::vector<bool> is_stock(names.size(), false);
  for (const StockLayout& s : model_->stocks) {
    if (s.slot - first_variable_register < names.size()) is_stock[s.slot - first_variable_register] = true;
  }
  std::optional<NonFinite> stock;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const double value = registers_[first_variable_register + i];
    if (std::isfinite(value)) continue;
    if (!is_stock[i]) return {names[i], t, value};
    if (!stock) stock = NonFinite{names[i], t, value};
  }
  return stock.value_or(NonFinite{"a hidden stock of a smooth or delay", t, NAN});
}

Results Simulation::run_fixed(const RunOptions& options, Method method, const std::vector<std::uint32_t>& saved) {
  const SimSpecs& s = model_->specs;
  const std::uint64_t n = step_count(s);
  const std::uint64_t every = save_every(s);
  Results r = empty_results(*model_, saved, n / every + 1);
  for (std::uint64_t k = 0;; ++k) {
    if (k % every == 0) {
      save_row(r, time(), registers_, saved);
      check_finite(r, x_, time(), options.strict);
    }
    if (k == n) break;
    check_cancel(options);
    step(method);
  }
  return r;
}

Results Simulation::run_adaptive(const RunOptions& options, const std::vector<std::uint32_t>& saved) {
  const SimSpecs& s = model_->specs;
  limit_dt_ = 0.0;
  const double save_step = s.save_step > 0.0 ? s.save_step : s.dt;
  const auto rows = static_cast<std::uint64_t>(std::llround((s.stop - s.start) / save_step));
  Results r = empty_results(*model_, saved, rows + 1);
  auto system = [this](const State& x, State& d, double t) { derivatives(x, d, t); };
  // The step never exceeds dt, so pulses and steps one dt wide are not stepped over.
  auto stepper = odeint::make_dense_output(s.abs_tol, s.rel_tol, s.dt, Dopri5());
  stepper.initialize(x_, s.start, s.dt);
  State x_save = x_;
  bool stopped = false;  // the state is no longer finite: no step can follow, later rows repeat it
  std::uint64_t steps = 0;
  for (std::uint64_t k = 0; k <= rows; ++k) {
    const double t_save = s.start + static_cast<double>(k) * save_step;
    while (!stopped && stepper.current_time() < t_save - 1e-12 * (1.0 + std::abs(t_save))) {
      check_cancel(options);
      step_ = static_cast<std::uint64_t>(std::floor((stepper.current_time() - s.start) / s.dt + 1e-9));
      adaptive_step(stepper, system, ++steps, *model_);
      stopped = !all_finite(stepper.current_state());
      if (!delays_.empty() && !stopped) {
        derivatives(stepper.current_state(), dxdt_, stepper.current_time());
        record_delays(stepper.current_time());
      }
    }
    step_ = static_cast<std::uint64_t>(std::floor((t_save - s.start) / s.dt + 1e-9));
    if (k == 0) {
      x_save = x_;
    } else if (stopped) {
      x_save = stepper.current_state();
    } else {
      stepper.calc_state(t_save, x_save);
    }
    derivatives(x_save, dxdt_, t_save);
    save_row(r, t_save, registers_, saved);
    check_finite(r, x_save, t_save, options.strict);
  }
  x_ = x_save;
  return r;
}

}  // namespace revolve::sd

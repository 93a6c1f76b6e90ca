#pragma once
// Running a compiled stock-flow model: Euler, RK4 or adaptive Dormand-Prince 5(4) from
// Boost.Odeint over an Eigen state vector of stocks.
//
// Euler follows Stella and Vensim exactly: at each step, auxiliaries and flows are computed from
// the current stocks, the row is saved, then stocks += dt * (inflows - outflows).
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "sim/sd/compiled_model.hpp"

namespace revolve::sd {

using State = Eigen::VectorXd;

/// The first value of a run that was not a finite number (inf or NaN).
struct NonFinite {
  std::string variable;  ///< an auxiliary or flow if one is non-finite then, else a stock
  double time = 0.0;
  double value = 0.0;
};

/// "'f' is inf at time 1".
std::string describe(const NonFinite& non_finite);

/// Saved rows of a run: one column per saved variable element, one row per save time.
struct Results {
  std::vector<std::string> names;
  std::vector<std::string> units;
  std::vector<double> times;
  std::vector<double> values;  ///< row-major: values[row * names.size() + column]
  /// Checked at every saved time, in the saved values and the stocks: the first that was not finite.
  std::optional<NonFinite> non_finite;

  std::size_t rows() const { return times.size(); }
  std::size_t columns() const { return names.size(); }
  double at(std::size_t row, std::size_t column) const { return values[row * names.size() + column]; }
  /// Column by (canonical) name; throws revolve::Error if it was not saved.
  std::vector<double> column(std::string_view name) const;
};

struct RunOptions {
  std::uint64_t seed = 0;   ///< keys the streams of NORMAL, UNIFORM and POISSON
  std::uint32_t run = 0;    ///< run number within an ensemble (a separate counter of the streams)
  std::optional<Method> method;             ///< default: the model's own
  std::vector<std::string> save;            ///< variables to save (arrays: all elements); empty: all
  const std::atomic<bool>* cancel = nullptr;  ///< checked every step; set -> throws Cancelled
  bool strict = false;  ///< throw ModelError at the first non-finite value instead of noting it
};

class Simulation {
 public:
  explicit Simulation(std::shared_ptr<const CompiledModel> model, std::uint64_t seed = 0,
                      std::uint32_t run = 0);
  ~Simulation();
  Simulation(Simulation&&) noexcept = default;
  Simulation& operator=(Simulation&&) noexcept = default;

  /// Evaluate initial values: time = start, stocks at their initial values, every register current.
  void initialize();
  /// Advance one dt with Euler or RK4 (the model's method, or `method` if given), then refresh
  /// every auxiliary and flow at the new time.
  void step(std::optional<Method> method = std::nullopt);

  double time() const { return registers_[reg_time]; }
  std::uint64_t steps_taken() const { return step_; }
  double value(std::uint32_t slot) const { return registers_[slot]; }
  /// Set an input variable (Variable::input) or overwrite a stock between steps. Auxiliaries and
  /// flows that depend on it are recomputed by refresh() or by the next step().
  void set_value(std::uint32_t slot, double value);
  /// Recompute every auxiliary and flow at the current time from the current stocks and inputs,
  /// so the next step() integrates with flows that see the inputs just set.
  void refresh();
  const CompiledModel& model() const { return *model_; }

  /// The whole horizon from start to stop with saving. Calls initialize() itself.
  Results run(const RunOptions& options);

 private:
  struct Steppers;
  std::shared_ptr<const CompiledModel> model_;
  std::unique_ptr<Steppers> steppers_;
  std::vector<double> registers_;
  std::vector<RandomSite> random_sites_;
  std::vector<DelayHistory> delays_;
  State x_, dxdt_;
  std::uint64_t step_ = 0;
  std::uint32_t run_ = 0;
  double limit_dt_ = 0.0;  // dt used to keep non-negative stocks >= 0; 0 for adaptive stepping

  void reseed(std::uint64_t seed);
  ExecutionContext context(std::uint64_t step);
  /// The right-hand side, in Odeint's system signature.
  void derivatives(const State& x, State& dxdt, double t);
  void limit_outflows(const StockLayout& stock, double level);
  void floor_rates(const State& x, State& dxdt) const;
  void record_delays(double t);
  void load_stocks_from_registers();
  /// Notes the first non-finite value in the row just saved or in `state` (ModelError if strict).
  void check_finite(Results& r, const State& state, double t, bool strict) const;
  NonFinite first_non_finite(double t) const;
  Results run_fixed(const RunOptions& options, Method method, const std::vector<std::uint32_t>& saved);
  Results run_adaptive(const RunOptions& options, const std::vector<std::uint32_t>& saved);
};

}  // namespace revolve::sd

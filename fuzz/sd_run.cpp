#include "fuzz/sd_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/simulation.hpp"

namespace revolve::fuzz {
namespace {

// Far below the engine's own limits (sim/sd/limits.hpp), which allow runs of minutes and gigabytes: a
// fuzzer wants thousands of inputs a second, within -rss_limit_mb. What lies between is for the tests.
constexpr std::uint64_t max_scalars = 100'000;
constexpr double max_steps = 10'000;
constexpr double max_operations_run = 2e7;  // steps x operations per step
constexpr auto dopri5_time_limit = std::chrono::seconds(1);

/// Elements of the model's variables: the product of each one's dimension sizes (an unknown dimension
/// counts 1: the compiler refuses it), summed, saturating at max_scalars + 1.
std::uint64_t scalar_count(const sd::Model& model) {
  std::map<std::string, std::uint64_t> size;
  for (const auto& d : model.dimensions) size[sd::canonical_name(d.name)] = d.elements.size();
  std::uint64_t total = 0;
  for (const auto& v : model.variables) {
    std::uint64_t n = 1;
    for (const auto& d : v.dimensions) {
      const auto it = size.find(sd::canonical_name(d));
      n = std::min(n * (it == size.end() ? 1 : std::max<std::uint64_t>(it->second, 1)), max_scalars + 1);
    }
    total = std::min(total + n, max_scalars + 1);
  }
  return total;
}

/// Sets `cancel` if it is still alive after `limit`: an adaptive run's step count is not known before it
/// runs, and a stiff model can take a billion steps within the engine's limits.
class Deadline {
 public:
  explicit Deadline(std::chrono::milliseconds limit)
      : thread_([this, limit] {
          std::unique_lock lock(mutex_);
          if (!done_changed_.wait_for(lock, limit, [this] { return done_; })) cancel_ = true;
        }) {}
  ~Deadline() {
    {
      const std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_changed_.notify_one();
    thread_.join();
  }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;
  const std::atomic<bool>* flag() const { return &cancel_; }

 private:
  std::atomic<bool> cancel_{false};
  std::mutex mutex_;
  std::condition_variable done_changed_;
  bool done_ = false;
  std::thread thread_;  // last: it starts once the members it reads exist
};

/// A run's cost before it runs: steps times the operations of one step (flows, rates, stock updates).
bool small_enough(const sd::CompiledModel& compiled) {
  const auto& s = compiled.specs;
  const double steps = (s.stop - s.start) / s.dt;
  const double per_step =
      static_cast<double>(compiled.flow_code.size() + compiled.rate_code.size() + compiled.stocks.size() + 1);
  return steps <= max_steps && steps * per_step <= max_operations_run;  // false for NaN too
}

}  // namespace

void compile_and_run(const sd::Model& model, bool strict) {
  if (scalar_count(model) > max_scalars) return;
  sd::CompileOptions options;
  for (const auto& v : model.variables) {
    if (v.parameter && v.equation.empty()) options.overrides.insert_or_assign(v.name, 1.0);
  }
  auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(model, options));
  if (!small_enough(*compiled)) return;

  sd::RunOptions run;
  run.seed = 1;
  run.strict = strict;
  std::unique_ptr<Deadline> deadline;
  if (compiled->specs.method == sd::Method::dopri5) {
    deadline = std::make_unique<Deadline>(dopri5_time_limit);
    run.cancel = deadline->flag();
  }
  sd::Simulation simulation(compiled, run.seed);
  const sd::Results results = simulation.run(run);
  if (results.non_finite) (void)sd::describe(*results.non_finite);  // the warning `revolve sd run` prints
}

int read_and_run(const std::uint8_t* data, std::size_t size, ModelReader read, const std::string& file_name) {
  try {
    compile_and_run(read(std::string(reinterpret_cast<const char*>(data), size), file_name), size % 2 == 1);
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace revolve::fuzz

#pragma once
// Progress of long C++ calls, for Python: steps are counted on the worker threads and reported by the thread that
// holds the GIL (run_interruptible's poll), by calling a Python callable progress(done, total).
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace revolve::bindings {

class Progress {
 public:
  /// `callback` is None or a callable taking (done, total) run-steps.
  Progress(std::optional<pybind11::function> callback, std::uint64_t total)
      : callback_(std::move(callback)), total_(total) {}

  /// One step done; from any thread.
  void step() { done_.fetch_add(1, std::memory_order_relaxed); }
  /// All done, though fewer steps ran than `total` allowed (a fit that converged early).
  void finish() { done_.store(total_, std::memory_order_relaxed); }
  /// For run_interruptible: reports the count so far (nothing without a callback). Call with the GIL.
  std::function<void()> poll() {
    if (!callback_) return {};
    return [this] { (*callback_)(done_.load(std::memory_order_relaxed), total_); };
  }

 private:
  std::optional<pybind11::function> callback_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
};

/// A NumPy array of `shape` over `values`, which it takes over (no copy): the array frees them when Python is done.
inline pybind11::array_t<double> owned_array(std::vector<double>&& values, std::vector<pybind11::ssize_t> shape) {
  auto* owned = new std::vector<double>(std::move(values));
  pybind11::capsule release(owned, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return pybind11::array_t<double>(std::move(shape), owned->data(), release);
}

}  // namespace revolve::bindings

#include "bindings/interruptible.hpp"

#include <chrono>
#include <future>
#include <optional>

#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace revolve::bindings {
namespace {

// Short enough to feel immediate after Ctrl-C; the GIL is taken only for an instant each time.
constexpr auto signal_poll_interval = std::chrono::milliseconds(50);

}  // namespace

void run_interruptible(const CancellableWork& work, const std::function<void()>& poll) {
  std::atomic<bool> cancel{false};
  // Python runs signal handlers only in the main thread, and only when asked: so the work goes to another
  // thread and this one asks. The future's destructor waits for the work, which uses `cancel`.
  std::future<void> done = std::async(std::launch::async, [&] { work(cancel); });
  std::optional<py::error_already_set> interrupted;
  {
    py::gil_scoped_release release;
    while (done.wait_for(signal_poll_interval) != std::future_status::ready) {
      if (interrupted) continue;
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {
        interrupted.emplace();  // takes the exception the handler raised
        cancel = true;
        continue;
      }
      try {
        if (poll) poll();
      } catch (py::error_already_set& e) {
        interrupted.emplace(std::move(e));
        cancel = true;
      }
    }
  }
  if (interrupted) throw std::move(*interrupted);
  done.get();  // rethrows what the work threw
  if (poll) poll();
}

}  // namespace revolve::bindings

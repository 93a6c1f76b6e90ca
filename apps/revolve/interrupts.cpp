#include "apps/revolve/interrupts.hpp"

#include <signal.h>

#include <atomic>

#include "sim/core/error.hpp"

namespace revolve::cli {
namespace {

std::atomic<bool> interrupt_flag{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_interrupt(int) { interrupt_flag.store(true); }

}  // namespace

void catch_interrupts() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);  // `kill`, a job scheduler's time limit: also stop cleanly
}

void stop_if_interrupted() {
  if (interrupt_flag.load(std::memory_order_relaxed)) {
    throw Cancelled("interrupted (Ctrl-C or SIGTERM): stopped, and no results were written");
  }
}

}  // namespace revolve::cli

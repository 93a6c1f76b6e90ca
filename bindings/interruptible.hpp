#pragma once
// Long C++ calls from Python: the GIL is released while they run, and Ctrl-C stops them cleanly.
#include <atomic>
#include <functional>

namespace revolve::bindings {

/// Work that stops soon after `cancel` becomes true, by throwing revolve::Cancelled as runs do
/// (sd::RunOptions::cancel). It must not touch Python objects: it runs without the GIL.
using CancellableWork = std::function<void(const std::atomic<bool>& cancel)>;

/// Run `work` on a worker thread while the calling thread, with the GIL released, waits and checks for
/// Python signals every 50 ms. On Ctrl-C it sets the cancel flag, waits for the work to stop, then raises
/// what the signal handler raised (KeyboardInterrupt): whatever the work produced is discarded. An exception
/// thrown by the work is rethrown here. Call with the GIL held.
/// `poll`, if given, is called with the GIL at each check and once when the work is done (to report progress);
/// a Python exception from it stops the work as Ctrl-C does.
void run_interruptible(const CancellableWork& work, const std::function<void()>& poll = {});

}  // namespace revolve::bindings

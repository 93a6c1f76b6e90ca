#pragma once
// A progress bar on stderr for long runs, with the time left at the pace so far. Silent when stderr is not a
// terminal or when CI=true, so logs and the JSON line on stdout stay clean.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace revolve::cli {

class ProgressBar {
 public:
  /// `total` units of work (e.g. run-steps).
  explicit ProgressBar(std::uint64_t total);
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// One unit done. Safe to call from any thread.
  void tick();
  /// Ends the bar's line (if anything was drawn), before other output. Only once all ticks are done.
  void finish();

 private:
  std::uint64_t total_;
  bool enabled_;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<int> shown_percent_{-1};
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();

  void draw(int percent) const;
  std::string time_left(int percent) const;
};

}  // namespace revolve::cli

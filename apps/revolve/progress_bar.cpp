#include "apps/revolve/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace revolve::cli {

namespace {

bool wanted() {
  const char* ci = std::getenv("CI");
  return isatty(STDERR_FILENO) && !(ci && std::string(ci) == "true");
}

}  // namespace

ProgressBar::ProgressBar(std::uint64_t total) : total_(total), enabled_(wanted() && total > 0) {}

void ProgressBar::finish() {
  if (enabled_ && !finished_ && shown_percent_.load() >= 0) std::fputc('\n', stderr);
  finished_ = true;
}

void ProgressBar::tick() {
  if (!enabled_) return;
  const std::uint64_t done = done_.fetch_add(1, std::memory_order_relaxed) + 1;
  const int percent = static_cast<int>(100 * done / total_);
  int shown = shown_percent_.load(std::memory_order_relaxed);
  // Only the thread that moves the shown percentage draws, so the bar is drawn at most 101 times.
  while (percent > shown) {
    if (shown_percent_.compare_exchange_weak(shown, percent)) {
      draw(percent);
      return;
    }
  }
}

void ProgressBar::draw(int percent) const {
  constexpr int width = 40;
  const int filled = percent * width / 100;
  std::fprintf(stderr, "\r[%s%s] %3d%%%s", std::string(filled, '#').c_str(), std::string(width - filled, ' ').c_str(),
               percent, time_left(percent).c_str());
  std::fflush(stderr);
}

std::string ProgressBar::time_left(int percent) const {
  if (percent <= 0 || percent >= 100) return std::string(16, ' ');  // blanks over the last estimate
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // The pace so far, carried on: the work is even (every unit a step of a run).
  const auto left = static_cast<long>(elapsed * (100 - percent) / percent + 0.5);
  char buffer[64];  // room for any long
  if (left >= 3600) {
    std::snprintf(buffer, sizeof buffer, "  %ldh %02ldm left  ", left / 3600, left % 3600 / 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "  %ldm %02lds left  ", left / 60, left % 60);
  }
  return buffer;
}

}  // namespace revolve::cli

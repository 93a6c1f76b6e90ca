#include "models/revolving_door/schedule.hpp"

#include <algorithm>

namespace revolve::revolving_door {

std::optional<double> InterventionSchedule::years_running(double t) const {
  if (!setting_) return std::nullopt;
  for (const io::Window& w : setting_->windows) {
    if (t >= w.start && t < w.stop) return t - w.start;
  }
  return std::nullopt;
}

double maturity(double running, double maturity_time, double start_effect) {
  const double progress = maturity_time > 0.0 ? std::clamp(running / maturity_time, 0.0, 1.0) : 1.0;
  return start_effect + (1.0 - start_effect) * progress;
}

}  // namespace revolve::revolving_door

#include "sim/abm/run.hpp"

namespace revolve::abm {

void Run::freeze() {
  population_.freeze();
  counters_.freeze();
  outputs_.freeze();
}

void Run::step() {
  if (compact_every_ != 0 && steps_done_ != 0 && steps_done_ % compact_every_ == 0) population_.compact();
  ++steps_done_;
  counters_.reset();
  loop_.step(*this);
  outputs_.commit_row();
}

void Run::run(std::uint32_t steps, const std::function<void()>& after_each_step) {
  start();
  outputs_.reserve_rows(steps);
  for (std::uint32_t t = 0; t < steps; ++t) {
    step();
    if (after_each_step) after_each_step();
  }
  finish();
}

}  // namespace revolve::abm

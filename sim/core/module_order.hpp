#pragma once
// The order in which the modules of a run act: per phase, and for init and finalize. Derived from
// what modules declare (signals read and written, after()), never from the order they were added,
// except to break ties between modules that do not depend on each other.
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/core/phases.hpp"
#include "sim/core/signals.hpp"

namespace revolve {

/// What the order needs to know of a module.
struct ModuleFacts {
  std::string name;                ///< "" if unnamed
  std::vector<std::string> after;  ///< modules that act (and init) before it
  PhaseSet phases;                 ///< where it acts (every module records)
};

struct ActingOrder {
  std::array<std::vector<std::size_t>, step_phases.size()> by_phase;  ///< by position in step_phases
  std::vector<std::size_t> init;                                      ///< init and finalize

  const std::vector<std::size_t>& in(Phase phase) const { return by_phase[phase_order(phase)]; }
};

/// Orders the modules: in each phase, a signal's writer before its readers and every module after
/// the ones it names; ties in the order modules were added. Throws ModelError for a name in after()
/// that no module has, two modules with one name, or a cycle (naming the modules in it).
ActingOrder acting_order(const std::vector<ModuleFacts>& modules, const Signals& signals);

}  // namespace revolve

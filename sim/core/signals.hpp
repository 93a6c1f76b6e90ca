#pragma once
// Signals: the named numbers the modules of a run pass each other (places an intervention funds this
// week, free hostel places, an effect on a hazard). Each module declares, in declare(), what it writes
// and what it reads and in which phase; after declare the registry checks the wiring and tells the step
// loop who must act first:
//   - every signal has one writer, and every signal written is read by someone (a misspelt name fails);
//   - a read in a later phase than the write sees this step's value; a read in the same phase makes the
//     writer act first (the step loop orders modules by these edges, not by the order they were added);
//     a read in an earlier phase is an error unless declared `lagged` (it then sees the previous step's
//     value);
//   - a *pool* (free places) is written once a step and then taken from, a unit at a time, by any
//     module that declares it, in phases after the write;
//   - a module may *provide* every signal under a prefix ("system.") that others read and nobody
//     writes: a coupler publishes whichever variables of its stock-flow model the people's rules use.
// After declare, values are reached through handles (Signal), never by name.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/phases.hpp"

namespace revolve {

/// Handle of a signal, resolved once.
struct Signal {
  std::uint32_t index = 0;
};

/// How a module reads a signal.
enum class ReadKind : std::uint8_t {
  current,   ///< written earlier in this step (error if its writer acts in a later phase)
  lagged,    ///< whatever was written last, possibly in the previous step
  optional,  ///< like current, but nobody need write it (the value then stays at its fallback)
};

class Signals {
 public:
  // -- Declaration (Module::declare); the step loop says which module is declaring --------------

  void declaring(std::size_t module, std::string_view module_name);
  /// The module now declaring (a provider keeps it, to ask provided_by() at init).
  std::size_t declaring_module() const { return current_; }
  /// The current module writes `name` in `phase`.
  Signal write(std::string name, Phase phase);
  /// A pool: the current module sets how many units are free in `phase`; takers use take().
  Signal write_pool(std::string name, Phase phase);
  /// The current module reads `name` in `phase`.
  Signal read(std::string name, Phase phase, ReadKind kind = ReadKind::current, double fallback = 0.0);
  /// The current module takes units from pool `name` in `phase`.
  Signal take_from(std::string name, Phase phase);
  /// The current module writes, in `phase`, every signal under `prefix` that another module reads and
  /// nobody else writes.
  void provide(std::string prefix, Phase phase);

  /// Ends declaration: resolves provided names and checks the wiring. Throws ModelError naming the
  /// signal and the modules involved.
  void freeze();
  bool frozen() const { return frozen_; }

  /// Modules that must act before `module` in `phase` (same-phase writer -> reader edges).
  std::vector<std::size_t> must_act_before(std::size_t module, Phase phase) const;
  /// Signals the module provides under its prefix, with their names (after freeze).
  std::vector<std::pair<Signal, std::string>> provided_by(std::size_t module) const;
  /// Whether anyone writes the signal (an optional read may have no writer).
  bool has_writer(Signal s) const { return entries_[s.index].writer != no_module; }
  const std::string& name(Signal s) const { return entries_[s.index].name; }
  /// The signal called `name`, if any module declared it (for tests and tools, never hot loops).
  std::optional<Signal> find(std::string_view name) const;

  // -- During the run ----------------------------------------------------------------------------

  double value(Signal s) const { return values_[s.index]; }
  void set(Signal s, double value) { values_[s.index] = value; }
  /// Takes one unit from a pool if at least one is free.
  bool take(Signal pool) {
    double& free = values_[pool.index];
    if (!(free >= 1.0)) return false;
    free -= 1.0;
    return true;
  }

 private:
  static constexpr std::size_t no_module = static_cast<std::size_t>(-1);
  struct Use {
    std::size_t module;
    Phase phase;
    ReadKind kind;
  };
  struct Entry {
    std::string name;
    std::size_t writer = no_module;
    Phase phase = Phase::advance_clock;
    bool pool = false, provided = false;
    std::vector<Use> reads, takes;
  };
  struct Provider {
    std::string prefix;
    std::size_t module;
    Phase phase;
  };

  std::vector<Entry> entries_;
  std::vector<double> values_;
  std::vector<Provider> providers_;
  std::vector<std::string> module_names_;
  std::size_t current_ = no_module;
  bool frozen_ = false;

  Signal entry(std::string name);
  Signal declare_write(std::string name, Phase phase, bool pool);
  std::string module_name(std::size_t module) const;
  void resolve_provided(Entry& e) const;
  void check(const Entry& e) const;
};

}  // namespace revolve

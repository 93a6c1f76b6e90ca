#include "sim/core/signals.hpp"

#include <algorithm>

#include "sim/core/error.hpp"

namespace revolve {

void Signals::declaring(std::size_t module, std::string_view module_name) {
  if (frozen_) throw Error("signals are declared only before the run starts");
  current_ = module;
  if (module_names_.size() <= module) module_names_.resize(module + 1);
  module_names_[module] = std::string(module_name);
}

std::string Signals::module_name(std::size_t module) const {
  if (module < module_names_.size() && !module_names_[module].empty()) return "'" + module_names_[module] + "'";
  return "module " + std::to_string(module + 1);
}

Signal Signals::entry(std::string name) {
  if (frozen_) throw Error("signal '" + name + "' declared after the run started");
  if (current_ == no_module) throw Error("signal '" + name + "' declared outside a module's declare()");
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].name == name) return {static_cast<std::uint32_t>(i)};
  }
  entries_.push_back({.name = std::move(name)});
  values_.push_back(0.0);
  return {static_cast<std::uint32_t>(entries_.size() - 1)};
}

Signal Signals::declare_write(std::string name, Phase phase, bool pool) {
  const Signal s = entry(std::move(name));
  Entry& e = entries_[s.index];
  if (e.writer != no_module && e.writer != current_) {
    throw ModelError("signal '" + e.name + "' is written by " + module_name(e.writer) + " and by " +
                     module_name(current_) + ": a signal has one writer");
  }
  e.writer = current_;
  e.phase = phase;
  e.pool = pool;
  return s;
}

Signal Signals::write(std::string name, Phase phase) { return declare_write(std::move(name), phase, false); }

Signal Signals::write_pool(std::string name, Phase phase) { return declare_write(std::move(name), phase, true); }

Signal Signals::read(std::string name, Phase phase, ReadKind kind, double fallback) {
  const Signal s = entry(std::move(name));
  entries_[s.index].reads.push_back({current_, phase, kind});
  if (kind == ReadKind::optional) values_[s.index] = fallback;
  return s;
}

Signal Signals::take_from(std::string name, Phase phase) {
  const Signal s = entry(std::move(name));
  entries_[s.index].takes.push_back({current_, phase, ReadKind::current});
  return s;
}

void Signals::provide(std::string prefix, Phase phase) {
  if (current_ == no_module) throw Error("signals provided outside a module's declare()");
  providers_.push_back({std::move(prefix), current_, phase});
}

void Signals::resolve_provided(Entry& e) const {
  if (e.writer != no_module) return;
  const bool used_by_others = !e.takes.empty() || std::any_of(e.reads.begin(), e.reads.end(), [&](const Use& u) {
    return u.kind != ReadKind::optional;
  });
  if (!used_by_others) return;
  for (const Provider& p : providers_) {
    if (e.name.compare(0, p.prefix.size(), p.prefix) != 0) continue;
    e.writer = p.module;
    e.phase = p.phase;
    e.provided = true;
    e.pool = !e.takes.empty();  // a provided value that modules take from is a pool
    return;
  }
}

void Signals::check(const Entry& e) const {
  const bool optional_only = std::all_of(e.reads.begin(), e.reads.end(),
                                         [](const Use& u) { return u.kind == ReadKind::optional; });
  if (e.writer == no_module) {
    if (!e.takes.empty() || !optional_only || e.reads.empty()) {
      const std::size_t user = !e.reads.empty() ? e.reads.front().module : e.takes.front().module;
      throw ModelError("signal '" + e.name + "' is used by " + module_name(user) + " but no module writes it");
    }
    return;
  }
  if (e.reads.empty() && e.takes.empty()) {
    throw ModelError("signal '" + e.name + "' is written by " + module_name(e.writer) +
                     " but no module reads it (a misspelt name?)");
  }
  if (!e.takes.empty() && !e.pool) {
    throw ModelError("signal '" + e.name + "' is taken from by " + module_name(e.takes.front().module) +
                     " but written by " + module_name(e.writer) + " as a plain value, not a pool");
  }
  for (const Use& u : e.reads) {
    if (u.kind != ReadKind::lagged && phase_order(u.phase) < phase_order(e.phase)) {
      throw ModelError("signal '" + e.name + "' is read by " + module_name(u.module) + " in " +
                       std::string(to_string(u.phase)) + ", before " + module_name(e.writer) + " writes it in " +
                       std::string(to_string(e.phase)) + " (declare the read lagged to use the previous step's value)");
    }
  }
  for (const Use& u : e.takes) {
    if (phase_order(u.phase) <= phase_order(e.phase)) {
      throw ModelError("pool '" + e.name + "' is taken from by " + module_name(u.module) + " in " +
                       std::string(to_string(u.phase)) + ", not after " + module_name(e.writer) + " fills it in " +
                       std::string(to_string(e.phase)));
    }
  }
}

void Signals::freeze() {
  for (Entry& e : entries_) resolve_provided(e);
  for (const Entry& e : entries_) check(e);
  frozen_ = true;
  current_ = no_module;
}

std::vector<std::size_t> Signals::must_act_before(std::size_t module, Phase phase) const {
  std::vector<std::size_t> writers;
  for (const Entry& e : entries_) {
    if (e.writer == no_module || e.writer == module || e.phase != phase) continue;
    for (const Use& u : e.reads) {
      if (u.module == module && u.phase == phase && u.kind != ReadKind::lagged) writers.push_back(e.writer);
    }
  }
  return writers;
}

std::optional<Signal> Signals::find(std::string_view name) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].name == name) return Signal{static_cast<std::uint32_t>(i)};
  }
  return std::nullopt;
}

std::vector<std::pair<Signal, std::string>> Signals::provided_by(std::size_t module) const {
  std::vector<std::pair<Signal, std::string>> provided;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].provided && entries_[i].writer == module)
      provided.emplace_back(Signal{static_cast<std::uint32_t>(i)}, entries_[i].name);
  }
  return provided;
}

}  // namespace revolve

#pragma once
// Helpers shared by the stock-flow tests: compile and run a model in one call.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/simulation.hpp"

namespace revolve::test {

inline sd::Results run_model(const sd::Model& model, std::optional<sd::Method> method = std::nullopt,
                             std::uint64_t seed = 1, std::map<std::string, double> overrides = {}) {
  auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(model, {std::move(overrides)}));
  sd::Simulation sim(compiled, seed);
  sd::RunOptions options;
  options.method = method;
  options.seed = seed;
  return sim.run(options);
}

inline double last(const sd::Results& r, const std::string& name) { return r.column(name).back(); }

/// The message of the revolve::Error `work` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

/// The ModelError compiling `m` gives, or "(compiled without error)".
inline std::string compile_error(const sd::Model& m) {
  try {
    sd::compile(m);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "(compiled without error)";
}

}  // namespace revolve::test

#pragma once
// A compiled stock-flow model: immutable, shared by any number of simulations (runs, threads).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/sd/model.hpp"
#include "sim/sd/program.hpp"

namespace revolve::sd {

/// One stock element (model or hidden): where it lives and what flows in and out.
struct StockLayout {
  std::uint32_t slot = 0;
  std::uint32_t inflow_begin = 0, inflow_end = 0;    // into CompiledModel::flow_slots
  std::uint32_t outflow_begin = 0, outflow_end = 0;  // into CompiledModel::flow_slots
  bool non_negative = false;
};

/// A call site of NORMAL, UNIFORM or POISSON: the stream's name, and the seed if the model fixed it.
struct RandomSiteSpec {
  std::string stream_name;
  std::optional<std::uint64_t> fixed_seed;
};

/// A pipeline DELAY: the register holding its input, recorded after every step.
struct DelayLayout {
  std::uint32_t input_slot = 0;
};

struct CompiledModel {
  std::string name;
  SimSpecs specs;

  /// Register count and initial contents (time registers and constants filled in).
  std::vector<double> initial_registers;

  /// Saved variables: model variable elements occupy registers
  /// [first_variable_register, first_variable_register + variable_names.size()), in model order.
  std::vector<std::string> variable_names;  ///< "x" or "x[a,b]" as written in the model
  std::vector<std::string> variable_units;  ///< one per element

  std::vector<Instr> init_code;  ///< everything, in initial-value dependency order
  std::vector<Instr> flow_code;  ///< what changes over time, in dependency order
  std::vector<Instr> rate_code;  ///< each stock's inflows minus outflows, into its rate register
  std::uint32_t rate_base = 0;   ///< rate of stock i is register rate_base + i

  std::vector<StockLayout> stocks;  ///< state vector index i <-> stocks[i]
  bool has_non_negative_stocks = false;
  std::vector<std::uint32_t> flow_slots;
  std::vector<bool> flow_has_one_source;  ///< per flow_slots entry: an outflow of one stock only
  std::vector<std::uint32_t> input_slots;  ///< registers set from outside (Variable::input)

  std::vector<GraphicalFunction> tables;
  std::vector<RandomSiteSpec> random_sites;
  std::vector<DelayLayout> delays;

  /// Register of a variable element by name ("teacup temperature", "x[a, b]"); nullopt if none.
  std::optional<std::uint32_t> find(std::string_view variable) const;
  /// Like find, but throws ModelError naming the closest names if there is no such variable.
  std::uint32_t slot(std::string_view variable) const;
  /// Registers of every element of a (possibly arrayed) variable, in row-major order.
  std::vector<std::uint32_t> slots(std::string_view variable) const;

  std::size_t equation_count() const { return variable_names.size(); }

  std::unordered_map<std::string, std::uint32_t> element_index;  ///< canonical element name -> slot
  std::unordered_map<std::string, std::vector<std::uint32_t>> variable_index;  ///< canonical -> slots
};

}  // namespace revolve::sd

#include "tests/cpp/support/transition_rule.hpp"

#include <array>

#include "sim/core/error.hpp"

namespace revolve::test {

bool Situation::is(std::string_view column, std::string_view category) const {
  for (std::size_t d = 0; d < columns_.size(); ++d) {
    if (population_.name(columns_[d]) != column) continue;
    return categories_[d] == population_.category(columns_[d], category);
  }
  throw ModelError("hazard function asks about state '" + std::string(column) +
                   "', which is neither the rule's column nor in its context");
}

void TransitionRule::declare(Run& run) {
  for (const auto& exit : spec_.exits) exit_counters_.push_back(run.counters().add(exit));
}

void TransitionRule::init(Run& run) {
  const Population& population = run.population();
  if (spec_.context.size() + 1 > max_columns) {
    throw ModelError("transition rule '" + spec_.name + "': more than " + std::to_string(max_columns - 1) +
                     " context columns");
  }
  columns_ = {population.state(spec_.column)};
  for (const auto& c : spec_.context) columns_.push_back(population.state(c));
  std::vector<std::size_t> sizes;
  for (StateColumn c : columns_) sizes.push_back(population.categories(c).size());
  space_ = StateSpace(sizes);
  if (sizes[0] + spec_.exits.size() > 256) {
    throw ModelError("transition rule '" + spec_.name + "': categories and exits exceed 256");
  }
  first_exit_code_ = static_cast<std::uint8_t>(sizes[0]);
  table_.clear();
  for (std::size_t i = 0; i < space_.size(); ++i) table_.push_back(risks_for(population, i));
  stream_ = run.stream(spec_.name);
}

CompetingRisks TransitionRule::risks_for(const Population& population, std::size_t joint_index) const {
  const std::vector<std::uint8_t> categories = space_.categories(joint_index);
  const Situation situation(population, columns_, categories);
  std::vector<Risk> risks;
  for (const Hazard& h : spec_.hazards(situation)) risks.push_back({destination_code(population, h), h.per_step});
  try {
    return CompetingRisks(risks);
  } catch (const ModelError& e) {
    throw ModelError("transition rule '" + spec_.name + "': " + e.what());
  }
}

std::uint8_t TransitionRule::destination_code(const Population& population, const Hazard& hazard) const {
  for (std::size_t e = 0; e < spec_.exits.size(); ++e) {
    if (spec_.exits[e] == hazard.to) return static_cast<std::uint8_t>(first_exit_code_ + e);
  }
  return population.category(columns_[0], hazard.to);
}

void TransitionRule::step(Phase, Run& run) {
  Population& population = run.population();
  std::array<std::span<const std::uint8_t>, max_columns> reads;
  for (std::size_t d = 0; d < columns_.size(); ++d) reads[d] = population.states(columns_[d]);
  const std::span<std::uint8_t> changed = population.states(columns_[0]);
  const std::span<std::uint8_t> alive = population.alive();
  const std::uint32_t run_number = run.key().run;
  const std::uint32_t step = run.clock().step();

  run.for_each_block([&](PersonId first, PersonId last, BlockCounts& counts) {
    std::array<double, Run::block_size> u;
    stream_.fill_grouped_uniforms(run_number, step, first, std::span(u).first(last - first));
    for (PersonId p = first; p < last; ++p) {
      if (!alive[p]) continue;
      std::size_t joint = 0;
      for (std::size_t d = 0; d < columns_.size(); ++d) joint += space_.stride(d) * reads[d][p];
      const std::uint8_t to = table_[joint].choose(u[p - first], changed[p]);
      if (to < first_exit_code_) {
        changed[p] = to;
      } else {
        alive[p] = 0;
        counts.add(exit_counters_[to - first_exit_code_]);
      }
    }
  });
}

}  // namespace revolve::test

#include "sim/abm/analyzers.hpp"

namespace revolve::abm {

void StateCounts::declare(Run& run) {
  const Population& population = run.population();
  for (const auto& name : names_) {
    first_output_.push_back(outputs_.size());
    for (const auto& category : population.categories(population.state(name))) {
      outputs_.push_back(run.outputs().add(name + "." + category));
    }
  }
}

void StateCounts::init(Run& run) {
  columns_.clear();
  for (const auto& name : names_) columns_.push_back(run.population().state(name));
}

void StateCounts::record(Run& run) {
  const Population& population = run.population();
  const std::size_t width = outputs_.size();
  tallies_.assign(run.block_count() * width, 0);
  const std::uint8_t* alive = population.alive().data();
  run.parallel_blocks([&](std::size_t b, PersonId first, PersonId last) {
    std::int64_t* row = tallies_.data() + b * width;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::uint8_t* states = population.states(columns_[c]).data();
      const std::size_t categories = population.categories(columns_[c]).size();
      // One pass per category rather than tally[states[p]] += 1: the compare-and-add loop
      // vectorises, where a histogram stalls on its own stores.
      for (std::size_t k = 0; k < categories; ++k) {
        const auto code = static_cast<std::uint8_t>(k);
        std::uint32_t n = 0;
        for (PersonId p = first; p < last; ++p) n += static_cast<std::uint8_t>(states[p] == code) & alive[p];
        row[first_output_[c] + k] = n;
      }
    }
  });
  for (std::size_t k = 0; k < width; ++k) {
    std::int64_t total = 0;
    for (std::size_t b = 0; b < run.block_count(); ++b) total += tallies_[b * width + k];
    run.outputs().set(outputs_[k], static_cast<double>(total));
  }
}

void EventCounts::declare(Run& run) {
  for (const auto& name : names_) outputs_.push_back(run.outputs().add(name));
}

void EventCounts::init(Run& run) {
  counters_.clear();
  for (const auto& name : names_) counters_.push_back(run.counters().find(name));
}

void EventCounts::record(Run& run) {
  for (std::size_t i = 0; i < counters_.size(); ++i) {
    run.outputs().set(outputs_[i], static_cast<double>(run.counters().total(counters_[i])));
  }
}

}  // namespace revolve::abm

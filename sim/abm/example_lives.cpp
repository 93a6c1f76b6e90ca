#include "sim/abm/example_lives.hpp"

#include <algorithm>

#include "sim/core/error.hpp"

namespace revolve::abm {
namespace {

constexpr std::uint8_t gone = 255;  // the code recorded once a person has left the run
constexpr std::size_t most_people = 26;  // named A to Z

}  // namespace

ExampleLives::ExampleLives(ExampleLivesSpec spec) : spec_(std::move(spec)) {
  if (spec_.columns.empty()) throw Error("example lives '" + spec_.name + "': no columns to record");
  if (spec_.people == 0 || spec_.people > most_people) {
    throw Error("example lives '" + spec_.name + "': follow 1 to 26 people, not " + std::to_string(spec_.people));
  }
}

void ExampleLives::init(Run& run) {
  const Population& population = run.population();
  columns_.clear();
  for (const auto& name : spec_.columns) {
    columns_.push_back(population.state(name));
    if (population.categories(columns_.back()).size() >= gone) {
      throw Error("example lives '" + spec_.name + "': column '" + name + "' has too many categories to record");
    }
  }
  rule_.clear();
  for (const auto& [name, categories] : spec_.chosen_from) {
    const StateColumn column = population.state(name);
    std::vector<std::uint8_t> codes;
    for (const auto& category : categories) codes.push_back(population.category(column, category));
    rule_.emplace_back(column, std::move(codes));
  }
  people_.clear();
  states_.clear();
  compactions_seen_ = 0;
}

void ExampleLives::step(Phase, Run& run) {
  if (run.clock().step() == 1) choose(run);
}

void ExampleLives::choose(const Run& run) {
  const Population& population = run.population();
  const random::Stream stream = run.stream(spec_.name + ".choose");
  std::vector<std::pair<double, PersonId>> eligible;
  for (PersonId p = 0; p < population.size(); ++p) {
    const bool meets = population.alive()[p] && std::all_of(rule_.begin(), rule_.end(), [&](const auto& r) {
                         const std::uint8_t state = population.states(r.first)[p];
                         return std::find(r.second.begin(), r.second.end(), state) != r.second.end();
                       });
    if (meets) eligible.emplace_back(stream.uniform(run.key().run, population.ids()[p], 0), p);
  }
  const std::size_t n = std::min(spec_.people, eligible.size());
  std::partial_sort(eligible.begin(), eligible.begin() + static_cast<std::ptrdiff_t>(n), eligible.end());
  people_.clear();
  for (std::size_t i = 0; i < n; ++i) people_.push_back(eligible[i].second);
}

void ExampleLives::record(Run& run) {
  const Population& population = run.population();
  if (population.follow_compactions(compactions_seen_)) {  // rows moved: a person removed has left the run
    for (PersonId& p : people_) p = p == no_row ? no_row : population.moved(p);
  }
  for (const PersonId p : people_) {
    for (const StateColumn c : columns_) {
      states_.push_back(p != no_row && population.alive()[p] ? population.states(c)[p] : gone);
    }
  }
}

void ExampleLives::finalize(Run& run) { run.outputs().attach(spec_.name, episodes(run)); }

Table ExampleLives::episodes(const Run& run) const {
  Table table{{"person", "column", "state", "first_step", "last_step"}, {}};
  const std::size_t width = people_.size() * columns_.size();
  const std::size_t steps = width == 0 ? 0 : states_.size() / width;
  const auto state_name = [&](std::size_t c, std::uint8_t code) {
    return code == gone ? std::string(left_state) : run.population().categories(columns_[c])[code];
  };
  for (std::size_t p = 0; p < people_.size(); ++p) {
    const std::string person(1, static_cast<char>('A' + p));
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto at = [&](std::size_t step) { return states_[step * width + p * columns_.size() + c]; };
      for (std::size_t first = 0, last = 0; first < steps; first = last + 1) {
        for (last = first; last + 1 < steps && at(last + 1) == at(first);) ++last;
        // Recorded row k is the end of step k + 1.
        table.rows.push_back({person, spec_.columns[c], state_name(c, at(first)), std::to_string(first + 1),
                              std::to_string(last + 1)});
      }
    }
  }
  return table;
}

}  // namespace revolve::abm

#include "models/cohort_bench/exact_chain.hpp"

#include <array>

#include "models/cohort_bench/step_tables.hpp"
#include "sim/random/tables.hpp"

namespace revolve::cohort_bench {

namespace {

constexpr std::size_t states = PersonState::count;
using Occupancy = std::array<double, states>;           // expected people alive in each joint state
using Matrix = std::array<std::array<double, states>, states>;  // [from][to], alive to alive

constexpr std::uint8_t code(auto category) { return static_cast<std::uint8_t>(category); }

/// Housing at the end of the step given the justice move: a release sends the person rough with
/// probability rough_after_release, whatever their (frozen) housing was.
double housing_probability(const Parameters& p, const StepTable& t, PersonState from, std::uint8_t justice_to,
                           std::uint8_t housing_to) {
  const double moved = t.housing.transition_probability(from.housing, housing_to);
  const bool released = from.is(Justice::custody) && justice_to == code(Justice::licence);
  if (!released) return moved;
  const double rough = housing_to == code(Housing::rough) ? 1.0 : 0.0;
  return p.rough_after_release * rough + (1.0 - p.rough_after_release) * moved;
}

/// Probabilities of surviving the step and ending it in each joint state.
Matrix transition_matrix(const Parameters& p, const std::vector<StepTable>& tables) {
  Matrix m{};
  for (std::size_t i = 0; i < states; ++i) {
    const PersonState from = PersonState::from_index(i);
    const StepTable& t = tables[i];
    for (std::size_t k = 0; k < states; ++k) {
      const PersonState to = PersonState::from_index(k);
      m[i][k] = (1.0 - t.death_probability) * t.justice.transition_probability(from.justice, to.justice) *
                housing_probability(p, t, from, to.justice, to.housing) *
                t.mental.transition_probability(from.mental, to.mental);
    }
  }
  return m;
}

/// The initial draws are independent per domain, from the same (normalised) shares as the model's.
Occupancy initial_occupancy(const Parameters& p, double agents) {
  const random::Categorical housing(p.initial_housing), justice(p.initial_justice), mental(p.initial_mental);
  Occupancy x{};
  for (std::size_t i = 0; i < states; ++i) {
    const PersonState s = PersonState::from_index(i);
    x[i] = agents * housing.probability(s.housing) * justice.probability(s.justice) * mental.probability(s.mental);
  }
  return x;
}

}  // namespace

abm::Outputs expected_outputs(const Parameters& parameters, double agents, std::uint32_t steps) {
  const std::vector<StepTable> tables = step_tables(parameters);
  const Matrix m = transition_matrix(parameters, tables);
  abm::Outputs out;
  for (const auto& name : output_names()) out.add(name);
  const abm::Output deaths = out.find("deaths"), recalls = out.find("recalls"), releases = out.find("releases"),
                    ae = out.find("ae_attendances");
  out.reserve_rows(steps);

  Occupancy x = initial_occupancy(parameters, agents);
  for (std::uint32_t step = 1; step <= steps; ++step) {
    // Events of the step, from the occupancy at its start.
    double expected_deaths = 0.0, expected_recalls = 0.0, expected_releases = 0.0, expected_ae = 0.0;
    for (std::size_t i = 0; i < states; ++i) {
      const PersonState s = PersonState::from_index(i);
      const StepTable& t = tables[i];
      const double survivors = x[i] * (1.0 - t.death_probability);
      expected_deaths += x[i] * t.death_probability;
      expected_ae += x[i] * t.ae.mean();
      if (s.is(Justice::licence)) expected_recalls += survivors * t.justice.probability(code(Justice::custody));
      if (s.is(Justice::custody)) expected_releases += survivors * t.justice.probability(code(Justice::licence));
    }
    Occupancy next{};
    for (std::size_t i = 0; i < states; ++i) {
      for (std::size_t k = 0; k < states; ++k) next[k] += x[i] * m[i][k];
    }
    x = next;

    // Alive people per category: output_names() starts with the housing, justice and mental
    // health categories, in that order, so category c of a domain is output offset + c.
    std::array<double, housing_count + justice_count + mental_count> by_state{};
    for (std::size_t k = 0; k < states; ++k) {
      const PersonState s = PersonState::from_index(k);
      by_state[s.housing] += x[k];
      by_state[housing_count + s.justice] += x[k];
      by_state[housing_count + justice_count + s.mental] += x[k];
    }
    for (std::size_t c = 0; c < by_state.size(); ++c) out.set({static_cast<std::uint32_t>(c)}, by_state[c]);
    out.set(deaths, expected_deaths);
    out.set(recalls, expected_recalls);
    out.set(releases, expected_releases);
    out.set(ae, expected_ae);
    out.commit_row();
  }
  return out;
}

}  // namespace revolve::cohort_bench

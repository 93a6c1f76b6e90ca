#include "models/cohort_bench/cohort_bench.hpp"

#include <array>

#include "models/cohort_bench/step_tables.hpp"
#include "sim/abm/analyzers.hpp"
#include "sim/random/tables.hpp"

namespace revolve::cohort_bench {

namespace {

const std::vector<std::string> housing_names = {"rough", "temporary", "supported", "settled"};
const std::vector<std::string> justice_names = {"community", "custody", "licence"};
const std::vector<std::string> mental_names = {"stable", "crisis", "inpatient"};
const std::vector<std::string> event_names = {"deaths", "recalls", "releases", "ae_attendances"};

constexpr std::uint8_t code(auto category) { return static_cast<std::uint8_t>(category); }

/// One uniform per person of a block for each decision of the step, generated in bulk.
struct BlockDraws {
  std::array<double, abm::Run::block_size> death, justice, housing, mental, rough_after_release, ae;
};

/// The cohort: its three state columns, its initial population, and one kernel that resolves a
/// whole step per person from the start-of-step state (synchronous update, as the spec asks).
/// Death competes with every other transition, so it is decided in the same kernel, first.
class CohortProcess : public abm::Module {
 public:
  CohortProcess(std::size_t agents, const Parameters& parameters) : agents_(agents), parameters_(parameters) {}

  PhaseSet phases() const override { return {Phase::transitions}; }
  void declare(abm::Run& run) override;
  void init(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 private:
  std::size_t agents_;
  Parameters parameters_;
  std::vector<StepTable> tables_;
  abm::StateColumn housing_, justice_, mental_;
  abm::Counter deaths_, recalls_, releases_, ae_;
  random::Stream death_stream_, justice_stream_, housing_stream_, mental_stream_, rough_stream_, ae_stream_;

  void add_people(abm::Run& run);
};

void CohortProcess::declare(abm::Run& run) {
  abm::Population& population = run.population();
  housing_ = population.add_state("housing", housing_names);
  justice_ = population.add_state("justice", justice_names);
  mental_ = population.add_state("mh", mental_names);
  deaths_ = run.counters().add("deaths");
  recalls_ = run.counters().add("recalls");
  releases_ = run.counters().add("releases");
  ae_ = run.counters().add("ae_attendances");
}

void CohortProcess::init(abm::Run& run) {
  tables_ = step_tables(parameters_);
  death_stream_ = run.stream("cohort.death");
  justice_stream_ = run.stream("cohort.justice");
  housing_stream_ = run.stream("cohort.housing");
  mental_stream_ = run.stream("cohort.mh");
  rough_stream_ = run.stream("cohort.rough_after_release");
  ae_stream_ = run.stream("cohort.ae");
  add_people(run);
}

void CohortProcess::add_people(abm::Run& run) {
  abm::Population& population = run.population();
  population.reserve(agents_);
  population.add_people(agents_);
  const random::Categorical housing(parameters_.initial_housing), justice(parameters_.initial_justice),
      mental(parameters_.initial_mental);
  const random::Stream stream = run.stream("cohort.initial");
  const std::span<std::uint8_t> h = population.states(housing_), j = population.states(justice_),
                                m = population.states(mental_);
  const std::uint32_t run_number = run.key().run;
  // Step 0 of the stream's counter, one draw (k) per domain: independent draws per domain.
  run.parallel_blocks([&](std::size_t, abm::PersonId first, abm::PersonId last) {
    for (abm::PersonId p = first; p < last; ++p) {
      h[p] = static_cast<std::uint8_t>(housing.draw(stream.grouped_uniform(run_number, p, 0, 0)));
      j[p] = static_cast<std::uint8_t>(justice.draw(stream.grouped_uniform(run_number, p, 0, 1)));
      m[p] = static_cast<std::uint8_t>(mental.draw(stream.grouped_uniform(run_number, p, 0, 2)));
    }
  });
}

void CohortProcess::step(Phase, abm::Run& run) {
  abm::Population& population = run.population();
  // Raw pointers held in locals: stores through uint8_t may alias anything, so the compiler would
  // otherwise reload every column's address for every person.
  std::uint8_t* const housing = population.states(housing_).data();
  std::uint8_t* const justice = population.states(justice_).data();
  std::uint8_t* const mental = population.states(mental_).data();
  std::uint8_t* const alive = population.alive().data();
  const StepTable* const tables = tables_.data();
  const std::uint32_t run_number = run.key().run;
  const std::uint32_t step = run.clock().step();
  const double rough_after_release = parameters_.rough_after_release;

  run.for_each_block([&](abm::PersonId first, abm::PersonId last, abm::BlockCounts& counts) {
    const std::size_t n = last - first;
    BlockDraws d;
    const auto fill = [&](const random::Stream& stream, auto& draws) {
      stream.fill_grouped_uniforms(run_number, step, first, std::span(draws).first(n));
    };
    fill(death_stream_, d.death);
    fill(justice_stream_, d.justice);
    fill(housing_stream_, d.housing);
    fill(mental_stream_, d.mental);
    fill(rough_stream_, d.rough_after_release);
    fill(ae_stream_, d.ae);

    std::int64_t deaths = 0, recalls = 0, releases = 0, ae = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const abm::PersonId p = first + static_cast<abm::PersonId>(i);
      if (!alive[p]) continue;
      const PersonState start{housing[p], justice[p], mental[p]};
      const StepTable& table = tables[start.index()];
      ae += table.ae.draw(d.ae[i]);  // everyone alive at the start, including those who die
      if (d.death[i] < table.death_probability) {
        alive[p] = 0;
        ++deaths;
        continue;
      }
      const std::uint8_t j = table.justice.choose(d.justice[i], start.justice);
      std::uint8_t h = table.housing.choose(d.housing[i], start.housing);
      mental[p] = table.mental.choose(d.mental[i], start.mental);
      if (start.is(Justice::custody) && j == code(Justice::licence)) {
        ++releases;
        if (d.rough_after_release[i] < rough_after_release) h = code(Housing::rough);
      } else if (start.is(Justice::licence) && j == code(Justice::custody)) {
        ++recalls;
      }
      justice[p] = j;
      housing[p] = h;
    }
    counts.add(deaths_, deaths);
    counts.add(recalls_, recalls);
    counts.add(releases_, releases);
    counts.add(ae_, ae);
  });
}

}  // namespace

std::vector<std::string> output_names() {
  std::vector<std::string> names;
  for (const auto& h : housing_names) names.push_back("housing." + h);
  for (const auto& j : justice_names) names.push_back("justice." + j);
  for (const auto& m : mental_names) names.push_back("mh." + m);
  names.insert(names.end(), event_names.begin(), event_names.end());
  return names;
}

void add_cohort_bench(abm::Run& run, std::size_t agents, const Parameters& parameters) {
  run.add<CohortProcess>(agents, parameters);
  run.add<abm::StateCounts>(std::vector<std::string>{"housing", "justice", "mh"});
  run.add<abm::EventCounts>(event_names);
}

}  // namespace revolve::cohort_bench

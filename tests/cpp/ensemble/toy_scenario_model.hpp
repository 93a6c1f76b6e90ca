#pragma once
// A small but complete ScenarioModel for testing the scenario machinery (runs, totals, files,
// paired comparisons) without the revolving-door model: people are housed or sleeping rough, in
// two groups; an intervention "outreach" raises the chance of being housed, and costs money.
#include <cmath>
#include <memory>

#include "sim/abm/run.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "sim/ensemble/scenario_model.hpp"
#include "sim/params/parameter_file.hpp"

namespace revolve::test {

inline const char* toy_parameters = R"(model: toy
conventions: {time_unit: week, price_year: 2023/24}
sections:
  toy:
    title: Toy
    parameters:
      people: {value: 2000, unit: people, kind: count, description: Cohort size., bounds: [1, 1000000], uncertainty: {distribution: uniform, low: 1000, high: 3000}, status: assumption, rationale: Test.}
      housing_rate: {value: 0.05, unit: per week, kind: rate, description: Rough to housed., bounds: [0, 10], uncertainty: {distribution: uniform, low: 0.03, high: 0.07}, status: assumption, rationale: Test.}
      loss_rate: {value: 0.01, unit: per week, kind: rate, description: Housed to rough., bounds: [0, 10], uncertainty: {distribution: uniform, low: 0.005, high: 0.02}, status: assumption, rationale: Test.}
      outreach_effect: {value: 1, unit: multiplier, kind: ratio, description: Extra housing rate at full outreach., bounds: [0, 10], uncertainty: {distribution: uniform, low: 0.5, high: 2}, status: assumption, rationale: Test.}
      outreach_cost: {value: 100, unit: GBP per week, kind: money, price_year: 2023/24, description: Outreach cost., bounds: [0, 1e9], uncertainty: {distribution: uniform, low: 50, high: 150}, status: assumption, rationale: Test.}
      rough_cost: {value: 50, unit: GBP per week, kind: money, price_year: 2023/24, description: Cost per week rough., bounds: [0, 1e9], uncertainty: {distribution: uniform, low: 25, high: 75}, status: assumption, rationale: Test.}
)";

class ToyScenario : public ensemble::PreparedScenario {
 public:
  ToyScenario(io::Scenario scenario, params::ParameterSet parameters)
      : scenario_(std::move(scenario)), parameters_(std::move(parameters)) {
    for (const std::string group : {"", "a", "b"}) {
      const std::string suffix = group.empty() ? "" : "[" + group + "]";
      measures_.push_back({"people.rough_sleeping" + suffix, "people.rough_sleeping", group, "people",
                           ensemble::Aggregation::level, "", 0});
      measures_.push_back({"person_weeks.rough_sleeping" + suffix, "person_weeks.rough_sleeping", group,
                           "person-weeks", ensemble::Aggregation::flow, "", -1});
      measures_.push_back({"cost.la_housing" + suffix, "cost.la_housing", group, "GBP", ensemble::Aggregation::flow,
                           "la_housing", 0});
      measures_.push_back({"cost_discounted.la_housing" + suffix, "cost_discounted.la_housing", group, "GBP",
                           ensemble::Aggregation::flow, "la_housing", 0});
    }
  }
  const io::Scenario& scenario() const override { return scenario_; }
  std::uint32_t steps() const override { return static_cast<std::uint32_t>(std::lround(scenario_.horizon_years * 52.1786)); }
  double step_years() const override { return 7.0 / 365.25; }
  const std::vector<ensemble::MeasureInfo>& measures() const override { return measures_; }
  nlohmann::json manifest() const override { return {{"model", "toy"}}; }
  void build(abm::Run& run) const override;

 private:
  io::Scenario scenario_;
  params::ParameterSet parameters_;
  std::vector<ensemble::MeasureInfo> measures_;
};

/// The toy's one module: every person moves each step; outputs per group.
class ToyPeople : public abm::Module {
 public:
  explicit ToyPeople(const ToyScenario& s, const params::ParameterSet& p, const io::Scenario& scenario)
      : scenario_(&scenario) {
    people_ = static_cast<std::size_t>(p[p.id("toy.people")] * scenario.population_scale);
    housing_ = p[p.id("toy.housing_rate")];
    loss_ = p[p.id("toy.loss_rate")];
    effect_ = p[p.id("toy.outreach_effect")];
    outreach_cost_ = p[p.id("toy.outreach_cost")];
    rough_cost_ = p[p.id("toy.rough_cost")];
    (void)s;
  }
  PhaseSet phases() const override { return {Phase::transitions}; }
  void declare(abm::Run& run) override {
    housed_ = run.population().add_state("housed", {"no", "yes"});
    group_ = run.population().add_state("group", {"a", "b"});
    for (const auto& name : {"people.rough_sleeping", "person_weeks.rough_sleeping", "cost.la_housing",
                             "cost_discounted.la_housing"}) {
      for (const std::string suffix : {"", "[a]", "[b]"}) outputs_.push_back(run.outputs().add(name + suffix));
    }
  }
  void init(abm::Run& run) override {
    run.population().add_people(people_);
    auto group = run.population().states(group_);
    for (std::size_t i = 0; i < people_; ++i) group[i] = i % 3 == 0 ? 1 : 0;
  }
  void step(Phase, abm::Run& run) override {
    const double years = run.clock().step() * 7.0 / 365.25;
    double level = 0.0;
    if (auto it = scenario_->interventions.find("outreach"); it != scenario_->interventions.end()) {
      level = it->second.level_at(years);
    }
    const double p_house = -std::expm1(-housing_ * (1.0 + effect_ * level));
    const double p_lose = -std::expm1(-loss_);
    // One stream per decision, as in real models: the intervention changes only who is housed.
    const auto housing = run.stream("toy.housed"), loss = run.stream("toy.lost_home");
    auto housed = run.population().states(housed_);
    for (std::size_t i = 0; i < housed.size(); ++i) {
      const auto person = static_cast<std::uint32_t>(i);
      if (housed[i]) {
        housed[i] = loss.uniform(run.key().run, person, run.clock().step()) < p_lose ? 0 : 1;
      } else {
        housed[i] = housing.uniform(run.key().run, person, run.clock().step()) < p_house ? 1 : 0;
      }
    }
    const auto group = run.population().states(group_);
    double rough[3] = {0, 0, 0};
    for (std::size_t i = 0; i < housed.size(); ++i) {
      if (!housed[i]) {
        rough[0] += 1;
        rough[1 + group[i]] += 1;
      }
    }
    const double discount = std::pow(1.035, -years);
    for (int g = 0; g < 3; ++g) {
      const double cost = rough[g] * rough_cost_ + (g == 0 ? level * outreach_cost_ : 0.0);
      run.outputs().set(outputs_[0 * 3 + g], rough[g]);
      run.outputs().set(outputs_[1 * 3 + g], rough[g]);
      run.outputs().set(outputs_[2 * 3 + g], cost);
      run.outputs().set(outputs_[3 * 3 + g], cost * discount);
    }
  }

 private:
  const io::Scenario* scenario_;
  std::size_t people_ = 0;
  double housing_ = 0, loss_ = 0, effect_ = 0, outreach_cost_ = 0, rough_cost_ = 0;
  abm::StateColumn housed_, group_;
  std::vector<abm::Output> outputs_;  // measure-major, then groups "", a, b
};

inline void ToyScenario::build(abm::Run& run) const { run.add<ToyPeople>(*this, parameters_, scenario_); }

class ToyModel : public ensemble::ScenarioModel {
 public:
  ToyModel() : parameters_(params::parse_parameter_file(toy_parameters, "toy.yaml")) {}
  const std::string& name() const override { return name_; }
  io::ScenarioSchema schema() const override {
    return {"toy", &parameters_, {"outreach"}, {"people.rough_sleeping", "person_weeks.rough_sleeping"}};
  }
  std::shared_ptr<const ensemble::PreparedScenario> prepare(const io::Scenario& scenario) const override {
    io::validate_scenario(scenario, schema());
    params::ParameterSet set = parameters_;
    for (const auto& o : scenario.parameters) set.set(o);
    set.freeze();
    return std::make_shared<ToyScenario>(scenario, std::move(set));
  }

  /// People sleeping rough at the end of the horizon, and person-weeks slept rough over it (for 100 people).
  std::vector<ensemble::FitTarget> calibration_targets() const override {
    return {{"people sleeping rough at the end", 20, 18, 22, "people"},
            {"person-weeks sleeping rough", 1500, 1000, 2000, "person-weeks"}};
  }
  std::vector<double> calibration_means(const io::Scenario& scenario, const std::vector<std::size_t>& targets,
                                        std::uint32_t runs, std::uint64_t seed,
                                        const std::function<void()>& on_step) const override {
    const auto prepared = prepare(scenario);
    ensemble::EnsembleOptions options;
    options.runs = runs;
    options.steps = prepared->steps();
    options.seed = seed;
    options.on_step = on_step;
    double at_end = 0, weeks = 0;  // summed over runs
    ensemble::for_each_run([&](abm::Run& run) { prepared->build(run); }, options,
                           [&](std::uint32_t, const abm::Outputs& outputs) {
                             const abm::Output rough = outputs.find("people.rough_sleeping");
                             at_end += outputs.at(outputs.rows() - 1, rough);
                             for (std::size_t r = 0; r < outputs.rows(); ++r) weeks += outputs.at(r, rough);
                           });
    std::vector<double> means;
    for (const std::size_t t : targets) means.push_back((t == 0 ? at_end : weeks) / runs);
    return means;
  }

 private:
  std::string name_ = "toy";
  params::ParameterSet parameters_;
};

}  // namespace revolve::test

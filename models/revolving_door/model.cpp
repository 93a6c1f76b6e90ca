#include "models/revolving_door/model.hpp"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "models/revolving_door/calibration.hpp"
#include "models/revolving_door/cohort.hpp"
#include "models/revolving_door/dictionary.hpp"
#include "models/revolving_door/exits.hpp"
#include "models/revolving_door/interventions/registry.hpp"
#include "models/revolving_door/outputs.hpp"
#include "models/revolving_door/people_kernel.hpp"
#include "models/revolving_door/scheduled_events.hpp"
#include "models/revolving_door/system.hpp"
#include "models/revolving_door/system_feeds.hpp"
#include "sim/abm/example_lives.hpp"
#include "sim/core/error.hpp"
#include "sim/core/hash.hpp"
#include "sim/coupling/system_coupling.hpp"
#include "sim/params/parameter_file.hpp"

namespace revolve::revolving_door {
namespace {

namespace fs = std::filesystem;

/// FNV-1a (64-bit) of a file's bytes, in hex: the manifest's fingerprint of a model file.
std::string file_hash(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open model file");
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::uint64_t h = core::fnv1a(bytes);
  std::ostringstream hex;
  hex << std::hex << std::setw(16) << std::setfill('0') << h;
  return hex.str();
}

class PreparedRevolvingDoor : public ensemble::PreparedScenario {
 public:
  PreparedRevolvingDoor(io::Scenario scenario, std::shared_ptr<const ModelSetup> setup, nlohmann::json manifest,
                        std::vector<ensemble::MeasureInfo> measures = measure_infos())
      : scenario_(std::move(scenario)),
        setup_(std::move(setup)),
        measures_(std::move(measures)),
        manifest_(std::move(manifest)) {}

  const io::Scenario& scenario() const override { return scenario_; }
  std::uint32_t steps() const override { return setup_->steps; }
  double step_years() const override { return setup_->step_years; }
  void build(abm::Run& run) const override { add_revolving_door(run, setup_); }
  const std::vector<ensemble::MeasureInfo>& measures() const override { return measures_; }
  nlohmann::json manifest() const override { return manifest_; }
  const std::shared_ptr<const ModelSetup>& setup() const { return setup_; }

  using ensemble::PreparedScenario::following;
  std::shared_ptr<const ensemble::PreparedScenario> following(const std::vector<Followed>& followed) const override {
    if (followed.empty()) throw Error("following: no scenario's entrants to follow");
    auto setup = std::make_shared<ModelSetup>(*setup_);
    for (const Followed& f : followed) {
      const auto* other = dynamic_cast<const PreparedRevolvingDoor*>(f.entrants_from);
      if (!other) throw ScenarioError(f.entrants_from->scenario().file.string() + ": not a revolving-door scenario");
      const std::string differ = people_differ(*other);
      if (!differ.empty()) {
        throw ScenarioError(other->scenario().label + " and " + scenario_.label + " do not have the same people (" +
                            differ + "), so its entrants cannot be followed by person in the baseline");
      }
      setup->following.push_back(f.entries);
    }
    auto layout = output_layout(followed.size());
    return std::make_shared<PreparedRevolvingDoor>(scenario_, std::move(setup), manifest_, measure_infos(layout));
  }

 private:
  io::Scenario scenario_;
  std::shared_ptr<const ModelSetup> setup_;
  std::vector<ensemble::MeasureInfo> measures_;
  nlohmann::json manifest_;

  /// What makes person p of a run of `other` someone else than person p of the same run of this scenario: a
  /// different starting cohort, arrivals, or what people start or arrive as (the draws keyed by person id); "" if
  /// nothing.
  std::string people_differ(const PreparedRevolvingDoor& other) const {
    const Parameters &a = setup_->parameters, &b = other.setup_->parameters;
    if (a.cohort.size != b.cohort.size) return "starting cohort";
    if (a.flows.arrivals != b.flows.arrivals) return "arrivals";
    if (closed_cohort_text(scenario_) != closed_cohort_text(other.scenario_)) return "closed cohort";
    // The attributes and states people start or arrive with.
    const auto& mine = manifest_["parameters"];
    const auto& theirs = other.manifest_["parameters"];
    for (std::size_t i = 0; i < mine.size() && i < theirs.size(); ++i) {
      const std::string name = mine[i]["name"];
      const bool who = name.starts_with("cohort.") || name.starts_with("initial.") || name.starts_with("flows.arrival");
      if (who && mine[i]["model_value"] != theirs[i]["model_value"]) return name;
    }
    return "";
  }

  /// A closed cohort's people and shares as text, "" for the model's own cohort.
  static std::string closed_cohort_text(const io::Scenario& s) {
    if (!s.cohort) return "";
    std::ostringstream text;
    text << std::setprecision(17) << s.cohort->people * s.population_scale;
    for (const auto& [column, shares] : s.cohort->shares) {
      for (const auto& share : shares) text << ';' << column << '.' << share.category << '=' << share.share;
    }
    return text.str();
  }
};

class RevolvingDoorModel : public ensemble::ScenarioModel {
 public:
  explicit RevolvingDoorModel(const fs::path& dir)
      : parameters_file_(dir / "parameters.yaml"),
        system_file_(dir / "system.yaml"),
        limitations_file_(dir / "limitations.yaml"),
        parameters_(params::load_parameter_file(parameters_file_)),
        dictionary_(revolving_door_dictionary(limitations_file_)) {
    // A scenario may list any column: a whole-cohort measure ("people.rough_sleeping") or one
    // group's ("people.rough_sleeping[chronic_homeless]").
    for (const auto& spec : output_layout()) outputs_.push_back(spec.info.column);
  }

  const std::string& name() const override { return name_; }
  ensemble::ModelDictionary dictionary() const override { return dictionary_; }

  io::ScenarioSchema schema() const override {
    return {.model = name_,
            .parameters = &parameters_,
            .interventions = intervention_names(),
            .outputs = outputs_,
            .cohort_columns = ClosedCohort::columns()};
  }

  std::shared_ptr<const ensemble::PreparedScenario> prepare(const io::Scenario& scenario) const override {
    io::validate_scenario(scenario, schema());
    params::ParameterSet set = parameters_;
    for (const auto& o : scenario.parameters) set.set(o);
    set.freeze();

    auto setup = std::make_shared<ModelSetup>();
    setup->parameters = read_parameters(set, scenario.population_scale);
    for (const auto& [name, setting] : scenario.interventions) setup->schedules[name] = InterventionSchedule(setting);
    setup->steps = static_cast<std::uint32_t>(std::lround(scenario.horizon_years * weeks_per_year));
    if (scenario.cohort) {  // a closed cohort: its people only, none arriving
      setup->closed_cohort.emplace(*scenario.cohort);
      setup->parameters.cohort.size = std::round(scenario.cohort->people * scenario.population_scale);
      setup->parameters.flows.arrivals = 0.0;
    }
    io::check_population(scenario, setup->parameters.cohort.size + setup->parameters.flows.arrivals * setup->steps);
    setup->system = compile_system(system_file_, setup->parameters);
    setup->effects = engagement_effects(setup->parameters.engagement);
    setup->mortality_age_factor = mortality_age_factors(setup->parameters.mortality);
    return std::make_shared<PreparedRevolvingDoor>(scenario, std::move(setup), manifest(scenario, set));
  }

  std::vector<ensemble::FitTarget> calibration_targets() const override { return fit_targets(); }

  std::vector<double> calibration_means(const io::Scenario& scenario, const std::vector<std::size_t>& targets,
                                        std::uint32_t runs, std::uint64_t seed,
                                        const std::function<void()>& on_step) const override {
    return target_means(*this, scenario, targets, runs, seed, on_step);
  }

 private:
  std::string name_ = "revolving_door";
  fs::path parameters_file_, system_file_, limitations_file_;
  params::ParameterSet parameters_;
  ensemble::ModelDictionary dictionary_;
  std::vector<std::string> outputs_;

  nlohmann::json manifest(const io::Scenario& scenario, const params::ParameterSet& set) const {
    nlohmann::json parameters = nlohmann::json::array();
    for (std::size_t i = 0; i < set.size(); ++i) {
      const params::Parameter& spec = set.spec({static_cast<std::uint32_t>(i)});
      nlohmann::json p = {{"name", spec.name},
                          {"value", spec.value},
                          {"unit", spec.unit.text},
                          {"model_value", set[{static_cast<std::uint32_t>(i)}]},
                          {"model_unit", "weeks and GBP " + set.conventions().price_year},
                          {"status", params::to_string(spec.provenance.status)}};
      for (const auto& o : scenario.parameters) {
        if (o.name == spec.name)
          p["scenario_value"] = {{"value", o.value}, {"unit", o.unit.empty() ? spec.unit.text : o.unit}};
      }
      parameters.push_back(std::move(p));
    }
    nlohmann::json interventions = nlohmann::json::object();
    for (const auto& [name, setting] : scenario.interventions) {
      nlohmann::json windows = nlohmann::json::array();
      for (const auto& w : setting.windows) {
        windows.push_back({{"start", w.start},
                           {"scale_up", w.scale_up},
                           {"stop", std::isinf(w.stop) ? nlohmann::json() : nlohmann::json(w.stop)},
                           {"level", w.level}});
      }
      interventions[name] = windows;
    }
    return {{"model", name_},
            {"files",
             {{{"path", parameters_file_.string()}, {"fnv1a64", file_hash(parameters_file_)}},
              {{"path", system_file_.string()}, {"fnv1a64", file_hash(system_file_)}},
              {{"path", limitations_file_.string()}, {"fnv1a64", file_hash(limitations_file_)}}}},
            {"scenario_hash", scenario.hash()},
            {"population_scale", scenario.population_scale},
            {"horizon_years", scenario.horizon_years},
            {"interventions", interventions},
            {"parameters", parameters},
            {"limitations", dictionary_.limitations}};
  }
};

}  // namespace

std::unique_ptr<ensemble::ScenarioModel> make_revolving_door_model(const fs::path& model_dir) {
  return std::make_unique<RevolvingDoorModel>(model_dir);
}

std::vector<std::unique_ptr<abm::Module>> revolving_door_modules(std::shared_ptr<const ModelSetup> setup) {
  std::vector<std::unique_ptr<abm::Module>> modules;
  modules.push_back(std::make_unique<Cohort>(setup));
  modules.push_back(std::make_unique<ScheduledEvents>(setup));
  modules.push_back(std::make_unique<PeopleKernel>(setup));
  modules.push_back(std::make_unique<Exits>(setup));
  modules.push_back(std::make_unique<Arrivals>(setup));
  modules.push_back(std::make_unique<SystemFeeds>(setup));
  auto system = std::make_unique<coupling::SystemCoupling>(setup->system);
  for (const SystemOutput& o : system_outputs()) system->record_output(o.column, o.variable);
  modules.push_back(std::move(system));
  std::vector<const Intervention*> interventions;
  for (const InterventionType& type : intervention_types()) {
    auto intervention = type.make(setup);
    interventions.push_back(intervention.get());
    modules.push_back(std::move(intervention));
  }
  modules.push_back(std::make_unique<Recorder>(setup, std::move(interventions)));
  // Four people of a priority group who start homeless, followed week by week for the report (lives.csv).
  modules.push_back(std::make_unique<abm::ExampleLives>(abm::ExampleLivesSpec{
      .name = "lives",
      .people = 4,
      .columns = {"housing", "justice", "mental_health", "support", "priority_group"},
      .chosen_from = {{"housing", {"rough_sleeping", "temporary"}},
                      {"priority_group", {"young_mec_justice", "women_domestic_abuse", "chronic_homeless"}}}}));
  return modules;
}

void add_revolving_door(abm::Run& run, std::shared_ptr<const ModelSetup> setup) {
  for (auto& module : revolving_door_modules(std::move(setup))) run.add(std::move(module));
}

std::shared_ptr<const ModelSetup> setup_of(const ensemble::PreparedScenario& prepared) {
  const auto* ours = dynamic_cast<const PreparedRevolvingDoor*>(&prepared);
  if (!ours) throw Error("not a prepared scenario of the revolving-door model");
  return ours->setup();
}

}  // namespace revolve::revolving_door

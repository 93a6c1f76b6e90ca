#pragma once
// The contract between a domain model and the commands that run scenarios (revolve run, revolve
// compare, the Python package): the engine knows models only through these two interfaces, so
// sim/ never includes models/.
//
//   ScenarioModel            a model on disk: its parameters, system, interventions and outputs
//     prepare(scenario) ->   PreparedScenario: the scenario validated and applied, immutable,
//                            shared by every run of an ensemble on every thread
//       build(run)           adds the model's modules to one abm::Run
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/abm/run.hpp"
#include "sim/ensemble/calibration.hpp"
#include "sim/io/scenario.hpp"

namespace revolve::ensemble {

/// How an output is totalled over a period (a year, the horizon).
enum class Aggregation {
  level,  ///< a state at the end of each step (people in a state, a stock): averaged over the period
  flow,   ///< a quantity during each step (events, costs, bed days): summed over the period
};

/// What one output column of a run means. The run's output named `column` is this measure for
/// `group` ("" for everyone).
struct MeasureInfo {
  std::string column;      ///< the run's output name, e.g. "events.ae_attendance[women_domestic_abuse]"
  std::string measure;     ///< e.g. "events.ae_attendance"
  std::string group;       ///< priority group, or "" for the whole cohort
  std::string unit;        ///< e.g. "people", "attendances", "GBP"
  Aggregation aggregation = Aggregation::flow;
  std::string payer;       ///< for costs: "nhs", "la_housing", ...; otherwise ""
  /// For comparisons: -1 if fewer is better for people (weeks rough sleeping, crises, deaths), +1 if
  /// more is better (sustained positive exits), 0 if neither (costs, system stocks). Outcomes marked
  /// here get a "net cost per outcome" row in comparisons.
  int better = 0;
  std::string label;  ///< what a board calls the measure, e.g. "A&E attendances"; the measure if none
  /// Measures an entry cohort (abm::Entry): in a comparison, the baseline's value of an alternative's row is of the
  /// alternative's own entrants followed in the baseline (intention to treat), not of the baseline's entrants.
  bool follows_entries = false;
  /// In a run following several scenarios' entrants (PreparedScenario::following), whose entrants an entry-cohort
  /// column counts: k for the (k+1)-th scenario followed. 0 in every other run.
  std::uint32_t entrants_of = 0;
};

/// Per run number, the entries of one scenario's run (abm::Outputs::entries).
using RunEntries = std::vector<std::vector<abm::Entry>>;

/// A scenario ready to run. Immutable after prepare(); build() is called once per run, from any
/// thread, and must give identical runs for identical run keys.
class PreparedScenario {
 public:
  virtual ~PreparedScenario() = default;
  virtual const io::Scenario& scenario() const = 0;
  /// Steps of the horizon.
  virtual std::uint32_t steps() const = 0;
  /// Step length [years]: a weekly model returns 7 / 365.25.
  virtual double step_years() const = 0;
  /// Add the model's modules (people, system, interventions, outputs) to a run.
  virtual void build(abm::Run& run) const = 0;
  /// What every output column of a run means, in the run's output order.
  virtual const std::vector<MeasureInfo>& measures() const = 0;
  /// What a manifest records so the run can be reproduced: resolved parameters, model files.
  virtual nlohmann::json manifest() const = 0;
  /// Whose entrants a run follows: a scenario, and its runs' entries by run number.
  struct Followed {
    const PreparedScenario* entrants_from;
    std::shared_ptr<const RunEntries> entries;
  };
  /// This scenario, with run r following in its entry cohorts, in place of its own entrants, the people that
  /// `entries[r]` of each scenario followed lists: the matched arms of an intention-to-treat comparison, all in one
  /// pass, since following someone changes nothing that happens to them. Its measures are this scenario's, with the
  /// entry-cohort columns (MeasureInfo::follows_entries) of the first scenario followed, then those of each further
  /// one (MeasureInfo::entrants_of 1, 2, ...). nullptr when the model records no entries; throws ScenarioError when a
  /// scenario followed does not have the same people (e.g. its arrivals differ), so that ids would not match.
  virtual std::shared_ptr<const PreparedScenario> following(const std::vector<Followed>& /*followed*/) const {
    return nullptr;
  }
  /// This scenario following one scenario's entrants (as above).
  std::shared_ptr<const PreparedScenario> following(const PreparedScenario& entrants_from,
                                                    std::shared_ptr<const RunEntries> entries) const {
    return following(std::vector<Followed>{{&entrants_from, std::move(entries)}});
  }
};

/// A name as files and code spell it, with what people call it.
struct Label {
  std::string name;         ///< e.g. "chronic_homeless"
  std::string label;        ///< e.g. "People chronically homeless"
  std::string short_label;  ///< for axis ticks; the label if empty
};

/// States of one domain that stack to the whole cohort (e.g. housing), best placed first.
struct StateDomain {
  std::string title;
  std::vector<Label> states;  ///< output names ("people.settled"), or a column's categories, with their labels
  std::string column = "";    ///< the state column whose categories `states` names (per-person tables); or empty
};

/// Everything a front end needs to speak about a model's outputs in plain words: the one place where
/// labels, units, better directions and payers are declared (Python and the report read it).
struct ModelDictionary {
  std::vector<MeasureInfo> measures;  ///< every whole-cohort measure, labelled
  std::vector<Label> groups;          ///< priority groups, "" (everyone) first
  std::vector<Label> payers;
  std::vector<Label> interventions;
  std::vector<Label> trajectories;    ///< measures that make good week-by-week fan charts
  std::vector<StateDomain> state_domains;
  std::vector<StateDomain> life_columns;  ///< the state columns of followed people's lives (ExampleLives)
  std::vector<std::string> limitations;  ///< the model's own simplifications, one sentence each (markdown)
};

class ScenarioModel {
 public:
  virtual ~ScenarioModel() = default;
  virtual const std::string& name() const = 0;
  /// Labels, units and caveats of the model's outputs; empty for a model that declares none.
  virtual ModelDictionary dictionary() const { return {}; }
  /// What scenario files may set for this model.
  virtual io::ScenarioSchema schema() const = 0;
  /// Validate the scenario against the model and apply it. Throws ScenarioError naming the file,
  /// line and key of the first problem.
  virtual std::shared_ptr<const PreparedScenario> prepare(const io::Scenario& scenario) const = 0;

  /// Figures the model should reproduce, for `revolve calibrate`; none unless the model has some.
  virtual std::vector<FitTarget> calibration_targets() const { return {}; }
  /// The mean over `runs` runs (seed `seed`) of the measure of each target in `targets` (indices into
  /// calibration_targets()), with the scenario as given: NaN where no run measures it. `on_step` is
  /// called after every step of every run (progress, Ctrl-C).
  virtual std::vector<double> calibration_means(const io::Scenario& /*scenario*/,
                                                const std::vector<std::size_t>& /*targets*/, std::uint32_t /*runs*/,
                                                std::uint64_t /*seed*/, const std::function<void()>& /*on_step*/) const {
    return {};
  }
};

}  // namespace revolve::ensemble

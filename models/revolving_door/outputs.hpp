#pragma once
// The outputs of a run (docs/model/design.md, 'Costs and outputs'): one column per measure for the whole cohort, then
// one per priority group named "measure[group]". What each column means (for the runner and
// reports) and where its value comes from are described together, in one layout, so they cannot
// drift apart.
#include <vector>

#include "models/revolving_door/costs.hpp"
#include "models/revolving_door/entry_cohorts.hpp"
#include "models/revolving_door/events.hpp"
#include "models/revolving_door/follow_ups.hpp"
#include "models/revolving_door/interventions/intervention.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/people_module.hpp"
#include "models/revolving_door/state_tally.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/abm/run.hpp"
#include "sim/ensemble/scenario_model.hpp"

namespace revolve::revolving_door {

/// Where an output's value comes from.
enum class Source : std::uint8_t {
  people,             ///< a tally at the end of the week (index: tally position)
  days,               ///< 7 x a tally: days spent in a state during the week
  event,              ///< an event counter (index: Event)
  cost,               ///< undiscounted cost (index: Payer, payer_count for all payers)
  cost_discounted,    ///< the same, discounted to the start of the run
  intervention_cost,  ///< an intervention's own cost (index: its place in intervention_types())
  intervention_cost_discounted,  ///< the same, discounted to the start of the run
  engagement,         ///< mean engagement of the people alive
  reported_positive,  ///< closed cases recorded as positive: the true ones and those gamed under payment by results
  system,             ///< a system variable (index: position in system_outputs()), recorded by the coupler
  cost_by_place,      ///< cost by place at the start of the week (index: place x (payer_count + 1) + payer)
  cost_at_entry,      ///< cost of people in their first year by place at entry (index as cost_by_place)
  weeks_by_place,     ///< person-weeks by place at the start of the week (index: place)
  weeks_at_entry,     ///< person-weeks of people in their first year by place at entry (index: place)
};

struct OutputSpec {
  ensemble::MeasureInfo info;
  Source source = Source::people;
  std::size_t index = 0;
  std::int32_t group = -1;  ///< -1 for the whole cohort
};

/// What the recorder reads each week for one output: an OutputSpec without its names and units, so that the weekly
/// walk over several hundred outputs stays in a few KiB of cache.
struct RecordedOutput {
  abm::Output output;
  Source source = Source::people;
  std::int32_t group = -1;
  std::uint32_t entrants_of = 0;
  std::size_t index = 0;
};

/// Every output column, in output order.
const std::vector<OutputSpec>& output_layout();
/// The columns of a run following `entry_sets` scenarios' entrants (ModelSetup::following): output_layout(), then
/// the entry-cohort columns again for each followed scenario after the first, named "column@k" (info.entrants_of k).
std::vector<OutputSpec> output_layout(std::size_t entry_sets);
/// The measures of a layout, in output order.
std::vector<ensemble::MeasureInfo> measure_infos(const std::vector<OutputSpec>& layout = output_layout());

/// Records every output at the end of each week (the system's are recorded by the coupler).
class Recorder : public PeopleModule {
 public:
  /// `interventions`: the run's interventions in intervention_types() order, whose costs it records.
  Recorder(std::shared_ptr<const ModelSetup> setup, std::vector<const Intervention*> interventions)
      : PeopleModule(std::move(setup)), interventions_(std::move(interventions)) {}

  std::string name() const override { return "recorder"; }
  /// The starting cohort exists at init, so it is costed in its cells from week 1.
  std::vector<std::string> after() const override { return {"cohort"}; }
  void declare(abm::Run& run) override;
  void init(abm::Run& run) override;
  void record(abm::Run& run) override;
  /// Hands over who entered the entry cohorts (abm::Outputs::entries).
  void finalize(abm::Run& run) override;

 private:
  std::vector<const Intervention*> interventions_;
  GroupWeeks groups_{};
  CellWeeks cells_;  // the people by cost cell and group, and each cell's costs
  StateTally state_tally_;  // the people in each state by cost cell and group, kept from week to week
  std::array<std::array<double, payer_count>, group_count> by_payer_{};  // intervention costs included [GBP]
  std::vector<std::array<double, group_count>> by_intervention_;         // [intervention][group] [GBP]
  std::vector<CellWeeks::InterventionCost> own_costs_;  // each intervention's payer, weight and by_intervention_ row
  double discount_ = 1.0;  // discount factor of this week's costs
  Signal gaming_share_;          // payment by results: share of closed cases not positive recorded as positive
  double gaming_share_now_ = 0;  // its value this week
  /// Each person's housing at the end of last week, as code + 1 (0: not yet recorded), so the
  /// moves between housing states can be counted whatever rule made them.
  abm::StateColumn last_housing_;
  abm::EventTimeColumn entered_;  // the week each person joined the cohort [step]
  std::vector<RecordedOutput> recorded_;  // output_layout(entry sets) in order, those of the system left out
  FollowUps follow_ups_;  // releases for 52 weeks, and unbroken weeks housed
  /// The run's own entrants, or in their place each scenario's followed (ModelSetup::following).
  std::vector<EntryCohorts> entry_cohorts_;
  /// This week's tallies by group of the entry cohorts of entry_cohorts_[1], [2], ... (those of [0] are in groups_).
  std::vector<std::array<PeopleCounts, group_count>> further_entrants_;

  void tally_people(abm::Run& run);
  void read_events(const abm::Run& run);
  void add_costs(const abm::Run& run);
  /// Sets where each person of the starting cohort is costed from week 1.
  void start_cost_cells(abm::Run& run);
  /// Each group's engagement summed over the people alive.
  void sum_engagement(const PeopleView& v);
  /// The tally of the week of group g that an output reads.
  double people(const RecordedOutput& spec, std::size_t g) const;
  /// An output's value for one group (0 to 3) this week.
  double group_value(const RecordedOutput& spec, std::size_t group) const;
  double value(const RecordedOutput& spec) const;
};

}  // namespace revolve::revolving_door

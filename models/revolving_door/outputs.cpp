#include "models/revolving_door/outputs.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <tuple>

#include "models/revolving_door/dictionary.hpp"
#include "models/revolving_door/interventions/registry.hpp"
#include "models/revolving_door/lanes16.hpp"
#include "models/revolving_door/system.hpp"
#include "sim/core/error.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

/// Lanes of the sums of sum_living_by_group: row i adds to lane i % sum_lanes of its group.
constexpr std::size_t sum_lanes = 8;
using LaneSums = std::array<std::array<std::int64_t, sum_lanes>, group_count>;

/// The sums are of whole multiples of 2^-40, in integers: exact, so the same in any order and whatever rows a
/// compaction removed. A value of 0 to 1 is rounded by under 5e-13; 2^23 people fit in a sum.
constexpr double fixed_unit = 0x1p40;  // [per 1]
/// The integer nearest to x * fixed_unit, for x in [0, 2048): added to 2^52, it is the low bits of the mantissa.
constexpr double mantissa_magic = 0x1p52;
inline std::int64_t to_fixed(double x) {
  return std::bit_cast<std::int64_t>(x * fixed_unit + mantissa_magic) - std::bit_cast<std::int64_t>(mantissa_magic);
}

/// Rows [from, n) of sum_living_by_group, one at a time.
void add_rows(std::size_t from, std::size_t n, const std::uint8_t* alive, const std::uint8_t* group,
              const double* values, LaneSums& lanes) {
  for (std::size_t i = from; i < n; ++i) {
    if (alive[i] != 0) lanes[group[i]][i % sum_lanes] += to_fixed(values[i]);
  }
}

#ifdef REVOLVE_LANES16
REVOLVE_LANES16_BEGIN
using namespace lanes16;

/// add_rows for rows [0, n), n a multiple of eight, eight at a time in AVX-512 lanes: a masked addition a group, the
/// same additions in the same order. Returns n.
__attribute__((target("avx512f"))) std::size_t add_rows_avx512(std::size_t n, const std::uint8_t* alive,
                                                                const std::uint8_t* group, const double* values,
                                                                LaneSums& lanes) {
  static_assert(sum_lanes == 8 && group_count == 4);
  __m512i sums[group_count];
  for (std::size_t g = 0; g < group_count; ++g) sums[g] = _mm512_loadu_si512(lanes[g].data());
  const __m512d unit = _mm512_set1_pd(fixed_unit), magic = _mm512_set1_pd(mantissa_magic);
  const __m512i magic_bits = _mm512_castpd_si512(magic);
  for (std::size_t i = 0; i < n; i += 8) {
    const __m512d v = _mm512_loadu_pd(values + i);
    const __m512d shifted = _mm512_add_pd(_mm512_mul_pd(v, unit), magic);  // to_fixed, eight at a time
    const __m512i fixed = _mm512_sub_epi64(_mm512_castpd_si512(shifted), magic_bits);
    const __m512i groups = lanes64(group + i);
    const __mmask8 living = _mm512_cmpneq_epi64_mask(lanes64(alive + i), _mm512_setzero_si512());
    for (std::size_t g = 0; g < group_count; ++g) {
      const __mmask8 in_group = living & _mm512_cmpeq_epi64_mask(groups, _mm512_set1_epi64(static_cast<long long>(g)));
      sums[g] = _mm512_mask_add_epi64(sums[g], in_group, sums[g], fixed);
    }
  }
  for (std::size_t g = 0; g < group_count; ++g) _mm512_storeu_si512(lanes[g].data(), sums[g]);
  return n;
}
REVOLVE_LANES16_END
#endif

/// The sum of `values` (each 0 to 1) over the living rows [0, n) of each group, n under 2^23, to within 5e-13 a
/// value: in whole multiples of 2^-40 (to_fixed), exact integer sums that no order and no compaction changes. Row i
/// is added to lane i % 8 of its group, eight rows at a time in AVX-512 lanes.
std::array<double, group_count> sum_living_by_group(std::size_t n, const std::uint8_t* alive,
                                                    const std::uint8_t* group, const double* values) {
  if (n >= std::size_t{1} << 23) {
    throw Error("engagement sums: over 2^23 people's rows, which 64-bit sums may overflow");
  }
  LaneSums lanes{};
  std::size_t done = 0;
#ifdef REVOLVE_LANES16
  if (random::may_use(random::VectorWidth::avx512)) done = add_rows_avx512(n / 8 * 8, alive, group, values, lanes);
#endif
  add_rows(done, n, alive, group, values, lanes);
  std::array<double, group_count> sums{};
  for (std::size_t g = 0; g < group_count; ++g) {
    std::int64_t sum = 0;
    for (const std::int64_t lane : lanes[g]) sum += lane;
    sums[g] = static_cast<double>(sum) / fixed_unit;
  }
  return sums;
}

using ensemble::Aggregation;

/// A measure before it is split by group.
struct Measure {
  std::string name, unit;
  Aggregation aggregation;
  Source source;
  std::size_t index;
  std::string payer;
  bool by_group = true;  ///< also one column per priority group
};

/// The people measures: the name of each tally position.
std::vector<std::pair<std::size_t, std::string>> people_measures() {
  std::vector<std::pair<std::size_t, std::string>> m;
  const auto block = [&](std::size_t first, const std::vector<std::string>& names, const std::string& prefix,
                         std::size_t skip = 0) {
    for (std::size_t i = skip; i < names.size(); ++i) m.emplace_back(first + i - skip, prefix + names[i]);
  };
  block(tally::housing, housing_names, "");
  m.emplace_back(tally::justice, "justice_none");
  block(tally::justice + 1, justice_names, "", 1);
  block(tally::mental, mental_names, "mh_");
  block(tally::substance, substance_names, "substance_");
  block(tally::support, support_names, "support_");
  block(tally::waiting, waiting_names, "waiting_", 1);
  m.emplace_back(tally::alive, "alive");
  m.emplace_back(tally::revolving, "revolving");
  m.emplace_back(tally::homeless, "homeless");
  m.emplace_back(tally::homeless_mental_need, "homeless_with_mental_health_need");
  m.emplace_back(tally::housed, "housed");
  m.emplace_back(tally::in_prison, "in_prison");
  m.emplace_back(tally::in_transition, "release_accommodation");
  return m;
}

/// Costs and person-weeks by place at the start of the week and, for people in their first year, by place at entry
/// (cost_cells.hpp), for the whole cohort only.
void cost_cell_measures(std::vector<Measure>& m) {
  for (const auto& [source, weeks, prefix, weeks_prefix] :
       {std::tuple{Source::cost_by_place, Source::weeks_by_place, "cost_by_housing.", "person_weeks_by_housing."},
        std::tuple{Source::cost_at_entry, Source::weeks_at_entry, "cost_at_entry.", "person_weeks_at_entry."}}) {
    for (std::size_t place = 0; place < place_count; ++place) {
      const std::string name = prefix + place_names()[place] + ".";
      for (std::size_t k = 0; k <= payer_count; ++k) {
        const std::string payer = k < payer_count ? payer_names[k] : "all";
        m.push_back({name + (k < payer_count ? payer : "total"), "GBP", Aggregation::flow, source,
                     place * (payer_count + 1) + k, payer, false});
      }
      m.push_back({weeks_prefix + place_names()[place], "person-weeks", Aggregation::flow, weeks, place, "", false});
    }
  }
}

std::vector<Measure> measures() {
  std::vector<Measure> m;
  for (const auto& [t, name] : people_measures())
    m.push_back({"people." + name, "people", Aggregation::level, Source::people, t, ""});
  for (const auto& [t, name] : std::vector<std::pair<std::size_t, std::string>>{
           {tally::housing + code(Housing::rough_sleeping), "rough_sleeping"},
           {tally::homeless, "homeless"},
           {tally::housed, "housed"},
           {tally::in_prison, "in_prison"}}) {
    m.push_back({"person_weeks." + name, "person-weeks", Aggregation::flow, Source::people, t, ""});
  }
  for (std::size_t e = 0; e < event_count; ++e) {
    m.push_back(
        {std::string("events.") + event_info()[e].name, event_info()[e].unit, Aggregation::flow, Source::event, e, ""});
  }
  m.push_back({"events.mh_inpatient_days", "days", Aggregation::flow, Source::days,
               tally::mental + code(Mental::inpatient), ""});
  m.push_back({"events.custody_days", "days", Aggregation::flow, Source::days, tally::in_prison, ""});
  for (const Source source : {Source::cost, Source::cost_discounted}) {
    const std::string prefix = source == Source::cost ? "cost." : "cost_discounted.";
    for (std::size_t k = 0; k < payer_count; ++k)
      m.push_back({prefix + payer_names[k], "GBP", Aggregation::flow, source, k, payer_names[k]});
    m.push_back({prefix + "total", "GBP", Aggregation::flow, source, payer_count, "all"});
  }
  for (const Source source : {Source::intervention_cost, Source::intervention_cost_discounted}) {
    const std::string prefix =
        source == Source::intervention_cost ? "intervention_cost." : "intervention_cost_discounted.";
    const auto types = intervention_types();
    for (std::size_t i = 0; i < types.size(); ++i) {
      m.push_back({prefix + types[i].name, "GBP", Aggregation::flow, source, i,
                   payer_names[static_cast<std::size_t>(types[i].payer)]});
    }
  }
  cost_cell_measures(m);
  // Moves between housing states during the week, for the pathways diagram.
  for (std::size_t from = 0; from < housing_count; ++from) {
    for (std::size_t to = 0; to < housing_count; ++to) {
      if (from == to) continue;
      m.push_back({"moves.housing." + housing_names[from] + "." + housing_names[to], "moves", Aggregation::flow,
                   Source::people, tally::moves + from * housing_count + to, ""});
    }
  }
  // Releases followed for 52 weeks, counted when the follow-up ends, by housing in the week of release.
  for (std::size_t h = 0; h < release_housing_names.size(); ++h) {
    m.push_back({"releases_followed_52w." + release_housing_names[h], "releases", Aggregation::flow, Source::people,
                 tally::releases_followed + h, ""});
    m.push_back({"releases_returned_52w." + release_housing_names[h], "releases", Aggregation::flow, Source::people,
                 tally::releases_returned + h, ""});
  }
  // Counted in the last week of each year only, so a year's sum is the count at its end.
  m.push_back({"year_end.present_last_26_weeks", "people", Aggregation::flow, Source::people, tally::present_window, ""});
  m.push_back(
      {"year_end.housed_all_last_26_weeks", "people", Aggregation::flow, Source::people, tally::housed_window, ""});
  // Entry cohorts, counted when each person's 52 weeks from entry end (dead or alive); a comparison follows an
  // alternative's entrants in the baseline too (MeasureInfo::follows_entries).
  for (std::size_t c = 0; c < entry_cohort_names.size(); ++c) {
    const std::string prefix = "entry_cohort_52w." + entry_cohort_names[c] + ".";
    m.push_back({prefix + "people", "people", Aggregation::flow, Source::people, tally::entry_people + c, ""});
    m.push_back({prefix + "weeks_rough_sleeping", "person-weeks", Aggregation::flow, Source::people,
                 tally::entry_rough_sleeping + c, ""});
    m.push_back({prefix + "weeks_housed", "person-weeks", Aggregation::flow, Source::people, tally::entry_housed + c, ""});
    m.push_back({prefix + "weeks_in_prison", "person-weeks", Aggregation::flow, Source::people,
                 tally::entry_in_prison + c, ""});
    m.push_back({prefix + "ae_attendances", "attendances", Aggregation::flow, Source::people,
                 tally::entry_ae_attendances + c, ""});
  }
  m.push_back({"engagement.mean", "score 0 to 1", Aggregation::level, Source::engagement, 0, ""});
  // Closed MTAM and navigator cases ending positively, as providers report them and as they are.
  m.push_back({"positive_outcomes.reported", "closed cases", Aggregation::flow, Source::reported_positive, 0, ""});
  m.push_back({"positive_outcomes.true", "closed cases", Aggregation::flow, Source::event,
               code(Event::coordinator_episode_positive), ""});
  return m;
}

std::vector<OutputSpec> build_layout() {
  std::vector<OutputSpec> layout;
  for (const Measure& m : measures()) {
    layout.push_back({{m.name, m.name, "", m.unit, m.aggregation, m.payer}, m.source, m.index, -1});
    for (std::size_t g = 0; g < group_count && m.by_group; ++g) {
      layout.push_back({{m.name + "[" + group_names[g] + "]", m.name, group_names[g], m.unit, m.aggregation, m.payer},
                        m.source,
                        m.index,
                        static_cast<std::int32_t>(g)});
    }
  }
  const auto& system = system_outputs();
  for (std::size_t i = 0; i < system.size(); ++i) {
    const SystemOutput& s = system[i];
    layout.push_back({{s.column, s.column, "", s.unit, s.aggregation, ""}, Source::system, i, -1});
  }
  return layout;
}

/// Whether a measure counts an entry cohort (MeasureInfo::follows_entries).
bool follows_entries(const std::string& measure) { return measure.starts_with("entry_cohort_52w."); }

}  // namespace

const std::vector<OutputSpec>& output_layout() {
  static const std::vector<OutputSpec> layout = build_layout();
  return layout;
}

std::vector<OutputSpec> output_layout(std::size_t entry_sets) {
  std::vector<OutputSpec> layout = output_layout();
  for (std::uint32_t k = 1; k < entry_sets; ++k) {
    for (const OutputSpec& spec : output_layout()) {
      if (!follows_entries(spec.info.measure)) continue;
      layout.push_back(spec);
      layout.back().info.column += "@" + std::to_string(k);
      layout.back().info.entrants_of = k;
    }
  }
  return layout;
}

std::vector<ensemble::MeasureInfo> measure_infos(const std::vector<OutputSpec>& layout) {
  std::vector<ensemble::MeasureInfo> infos;
  for (const auto& spec : layout) {
    infos.push_back(spec.info);
    infos.back().follows_entries = follows_entries(spec.info.measure);
    const MeasureWords words = measure_words(spec.info.measure);
    infos.back().better = words.better;
    infos.back().label = words.label;
  }
  return infos;
}

void Recorder::declare(abm::Run& run) {
  gaming_share_ = run.signals().read("commissioning.gaming_share", Phase::record);
  std::vector<std::string> last = {"not_recorded"};
  last.insert(last.end(), housing_names.begin(), housing_names.end());
  last_housing_ = run.population().add_state("recorded_housing", last);
  entered_ = run.population().add_event_time("recorded_entry");
  follow_ups_.declare(run.population());
  const std::size_t entry_sets = std::max<std::size_t>(1, setup_->following.size());
  entry_cohorts_.assign(entry_sets, {});
  for (std::size_t k = 0; k < entry_sets; ++k) {
    entry_cohorts_[k].declare(run.population(), k ? "@" + std::to_string(k) : "");
  }
  further_entrants_.assign(entry_sets - 1, {});
  recorded_.clear();
  for (const auto& spec : output_layout(entry_sets)) {
    const abm::Output output = run.outputs().add(spec.info.column);
    if (spec.source == Source::system) continue;  // the coupler records it
    recorded_.push_back({output, spec.source, spec.group, spec.info.entrants_of, spec.index});
  }
  run.outputs().reserve_rows(setup_->steps);
}

void Recorder::init(abm::Run& run) {
  PeopleModule::init(run);
  by_intervention_.assign(interventions_.size(), {});
  own_costs_.clear();
  const auto types = intervention_types();
  for (std::size_t i = 0; i < interventions_.size(); ++i)
    own_costs_.push_back({types[i].payer, types[i].cost_weight, &by_intervention_[i]});
  const std::uint32_t number = run.key().run;
  follow_ups_.init(setup_->step_years);
  if (setup_->following.empty()) entry_cohorts_[0].init(nullptr);
  for (std::size_t k = 0; k < setup_->following.size(); ++k) {
    const auto& runs = *setup_->following[k];
    if (number >= runs.size()) {
      throw Error("run " + std::to_string(number) + " has no entrants to follow: the scenario followed had " +
                  std::to_string(runs.size()) + " runs");
    }
    entry_cohorts_[k].init(&runs[number]);
  }
  state_tally_.reset();
  start_cost_cells(run);
}

void Recorder::finalize(abm::Run& run) { run.outputs().set_entries(entry_cohorts_[0].entries()); }

void Recorder::start_cost_cells(abm::Run& run) {
  const PeopleView v = PeopleView::of(run.population(), columns_);
  auto entered = run.population().event_times(entered_);
  const auto first_week = static_cast<std::int32_t>(run.clock().step() + 1);
  for (abm::PersonId p = 0; p < v.size; ++p) {
    if (!v.alive[p]) continue;
    const std::uint8_t place = place_of(v.housing[p], v.in_prison(p));
    entered[p] = first_week;
    v.cost_cell[p] = cost_cell(place, static_cast<std::uint8_t>(place + 1));
  }
}

void Recorder::record(abm::Run& run) {
  tally_people(run);
  read_events(run);
  add_costs(run);
  gaming_share_now_ = run.signals().value(gaming_share_);
  discount_ = std::pow(1.0 + setup_->parameters.economics.discount_rate, -static_cast<double>(run.clock().step() - 1));
  for (const RecordedOutput& r : recorded_) run.outputs().set(r.output, value(r));
}

void Recorder::add_costs(const abm::Run& run) {
  for (std::size_t i = 0; i < interventions_.size(); ++i) interventions_[i]->week_costs(run, groups_, by_intervention_[i]);
  const auto types = intervention_types();
  cells_.cost(run, events_, setup_->parameters.cost, own_costs_);
  for (std::size_t g = 0; g < group_count; ++g) {
    by_payer_[g] = service_costs(setup_->parameters.cost, groups_[g]);
    for (std::size_t i = 0; i < interventions_.size(); ++i) {
      by_payer_[g][static_cast<std::size_t>(types[i].payer)] += by_intervention_[i][g];
    }
  }
}

void Recorder::tally_people(abm::Run& run) {
  const PeopleView v = PeopleView::of(run.population(), columns_);
  const auto step = static_cast<std::int32_t>(run.clock().step());
  // The states, and the housing moves, of those whose states changed; the cost cells moved on to next week.
  state_tally_.follow_compaction(run.population());
  state_tally_.update(v, step, run.population().event_times(entered_).data(),
                      run.population().states(last_housing_).data());
  cells_.start(state_tally_.counts());
  state_tally_.add_moves(cells_.people());
  const auto row = [&](abm::PersonId p) -> PeopleCounts& {
    return cells_.at(static_cast<std::uint8_t>(state_tally_.cell(p)), static_cast<std::uint8_t>(state_tally_.group(p)));
  };
  sum_engagement(v);
  follow_ups_.start_week(run.population(), step);
  follow_ups_.week(v, state_tally_.changes(), row);
  for (auto& groups : further_entrants_) groups = {};
  for (EntryCohorts& cohorts : entry_cohorts_) {
    cohorts.start_week(run.population(), step);
    cohorts.week(v);
  }
  entry_cohorts_[0].end_week(v, [&](abm::PersonId p) -> auto& {
    return cells_.at(v.cost_cell[p], v.group.code(p));
  });
  for (std::size_t k = 1; k < entry_cohorts_.size(); ++k) {
    entry_cohorts_[k].end_week(v, [&](abm::PersonId p) -> auto& { return further_entrants_[k - 1][v.group.code(p)]; });
  }
  cells_.sum_groups(groups_);
}

void Recorder::sum_engagement(const PeopleView& v) {
  const std::array<double, group_count> sums = sum_living_by_group(v.size, v.alive, v.group.codes_from(0), v.engagement);
  for (std::size_t g = 0; g < group_count; ++g) groups_[g].engagement = sums[g];
}

void Recorder::read_events(const abm::Run& run) {
  for (std::size_t e = 0; e < event_count; ++e) {
    for (std::size_t g = 0; g < group_count; ++g) {
      groups_[g].events[e] = static_cast<double>(
          run.counters().total(events_(static_cast<Event>(e), static_cast<std::uint8_t>(g))));
    }
  }
}

double Recorder::people(const RecordedOutput& spec, std::size_t g) const {
  if (spec.entrants_of == 0) return groups_[g].people[spec.index];
  return static_cast<double>(further_entrants_[spec.entrants_of - 1][g][spec.index]);
}

double Recorder::group_value(const RecordedOutput& spec, std::size_t g) const {
  const GroupWeek& w = groups_[g];
  const auto& payers = by_payer_[g];
  const auto all_payers = [&] {
    double sum = 0;
    for (double c : payers) sum += c;
    return sum;
  };
  switch (spec.source) {
    case Source::people:
      return people(spec, g);
    case Source::days:
      return 7.0 * people(spec, g);
    case Source::event:
      return w.events[spec.index];
    case Source::cost:
      return spec.index == payer_count ? all_payers() : payers[spec.index];
    case Source::cost_discounted:
      return discount_ * (spec.index == payer_count ? all_payers() : payers[spec.index]);
    case Source::intervention_cost:
      return by_intervention_[spec.index][g];
    case Source::intervention_cost_discounted:
      return discount_ * by_intervention_[spec.index][g];
    case Source::engagement:
      return w.engagement;  // a sum here; value() divides by the people alive
    case Source::reported_positive: {
      const double positive = w.events[code(Event::coordinator_episode_positive)];
      return positive + gaming_share_now_ * (w.events[code(Event::coordinator_episode_end)] - positive);
    }
    case Source::system:
    case Source::cost_by_place:  // whole cohort only: value() reads them
    case Source::cost_at_entry:
    case Source::weeks_by_place:
    case Source::weeks_at_entry:
      return 0.0;
  }
  return 0.0;
}

double Recorder::value(const RecordedOutput& spec) const {
  const std::size_t place = spec.index / (payer_count + 1), payer = spec.index % (payer_count + 1);
  switch (spec.source) {
    case Source::cost_by_place:
      return cells_.by_place(place, payer);
    case Source::cost_at_entry:
      return cells_.at_entry(place, payer);
    case Source::weeks_by_place:
      return cells_.weeks_by_place(spec.index);
    case Source::weeks_at_entry:
      return cells_.weeks_at_entry(spec.index);
    default:
      break;
  }
  if (spec.source == Source::engagement) {
    double sum = 0, alive = 0;
    for (std::size_t g = 0; g < group_count; ++g) {
      if (spec.group >= 0 && static_cast<std::size_t>(spec.group) != g) continue;
      sum += groups_[g].engagement;
      alive += groups_[g].people[tally::alive];
    }
    return alive > 0 ? sum / alive : 0.0;
  }
  if (spec.group >= 0) return group_value(spec, static_cast<std::size_t>(spec.group));
  double total = 0;
  for (std::size_t g = 0; g < group_count; ++g) total += group_value(spec, g);
  return total;
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/people_kernel.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "models/revolving_door/episodes.hpp"
#include "models/revolving_door/hazards.hpp"
#include "models/revolving_door/week_passes.hpp"
#include "sim/abm/alive.hpp"
#include "sim/abm/competing_risks.hpp"
#include "sim/params/units.hpp"
#include "sim/random/split.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

/// Rows whose draws are made and used together: the words of 256 rows' calls (4 KiB of high halves, 4 KiB of low
/// halves for those marked) stay in the L1 cache, where a whole block's would not.
constexpr abm::PersonId draw_stretch = 256;

/// Competing risks over one week: the index of the hazard [per week] that uniform u selects, or N
/// if the person stays. Since 1 - exp(-H) <= H, most people stay without an exp. Inlined, so that this
/// test, which is all most people reach, needs no call and no array in memory.
template <std::size_t N>
[[gnu::always_inline]] inline std::size_t choose(double u, const std::array<double, N>& hazards) {
  double total = 0.0;
  std::size_t positive = 0, last = N;
  for (std::size_t k = 0; k < N; ++k) {
    total += hazards[k];
    if (hazards[k] > 0.0) ++positive, last = k;
  }
  if (!(u < total)) return N;
  // With one hazard the destination is known, and below a lower bound of 1 - exp(-H) the event is as sure as
  // choose_destination would find it: no exp for most events.
  if (positive == 1 && u < params::probability_lower_bound(total)) return last;
  return abm::choose_destination(u, hazards);
}

/// A whole number of weeks, at least one.
std::int32_t whole_weeks(double weeks) { return std::max(1, static_cast<int>(std::lround(weeks))); }

/// A stretch's words of the week's calls (random::split), a column for each word of a call.
using StretchWords = std::array<std::array<std::uint32_t, draw_stretch>, 4>;
/// Pointers to a stretch's columns, as Stream::fill_words writes them.
random::Stream::WordColumns columns(StretchWords& words) {
  return {words[0].data(), words[1].data(), words[2].data(), words[3].data()};
}

/// A person's uniforms (random::to_unit) of their week's draws (WeekDraw), for their events: from their row i of the
/// stretch's high halves and their place j in the list of the low halves.
struct PersonDraws {
  double justice, mental, housing, substance, support, worker, ae;
  PersonDraws(const StretchWords& high, std::size_t i, const StretchWords& low, std::size_t j)
      : justice(unit(high, i, low, j, justice_draw)),
        mental(unit(high, i, low, j, mental_draw)),
        housing(unit(high, i, low, j, housing_draw)),
        substance(unit(high, i, low, j, substance_draw)),
        support(unit(high, i, low, j, support_draw)),
        worker(unit(high, i, low, j, worker_draw)),
        ae(unit(high, i, low, j, ae_draw)) {}

  static double unit(const StretchWords& high, std::size_t i, const StretchWords& low, std::size_t j, unsigned k) {
    return random::to_unit(random::split::join_words(high[k / 2][i], low[k / 2][j], k));
  }
};

/// The streams of the kernel's decisions (docs/model/design.md, 'Conventions the code must follow'): one whose draws
/// (WeekDraw) every person makes each week, and the rest drawn by person and step only when the decision arises.
struct Streams {
  random::Stream week;
  random::Stream arrest_outcome, custody_entry, recall, crisis_start, crisis_end, loss_destination, ae_outcome;

  explicit Streams(const abm::Run& run)
      : week(run.stream("people.week")),
        arrest_outcome(run.stream("justice.arrest_outcome")),
        custody_entry(run.stream("justice.custody_entry")),
        recall(run.stream("justice.recall")),
        crisis_start(run.stream("mental_health.crisis_start")),
        crisis_end(run.stream("mental_health.crisis_end")),
        loss_destination(run.stream("housing.loss_destination")),
        ae_outcome(run.stream("events.ae_outcome")) {}
};

/// The rules of docs/model/design.md, 'Hazards' for the people of one block.
class BlockStep {
 public:
  BlockStep(const PeopleView& v, const ModelSetup& setup, const EventCounters& events, const WeekRates& rates,
            const QuietBounds* bounds, const Streams& streams, std::uint32_t run, std::uint32_t step,
            abm::BlockCounts& counts)
      : v_(v),
        P_(setup.parameters),
        effects_(setup.effects),
        events_(events),
        r_(rates),
        hazards_(setup.parameters, setup.effects, rates),
        bounds_(bounds),
        streams_(streams),
        run_(run),
        step_(step),
        counts_(counts) {
    for (std::uint8_t s = 0; s < support_states; ++s) {
      const auto service = code(service_of(static_cast<Support>(s)));  // none's is not used
      for (std::uint8_t sex = 0; sex < 2; ++sex) {
        ceiling_[s * 2u + sex] = rates.ceiling[service];
        build_[s * 2u + sex] = rates.build[service][sex];
      }
    }
  }

  /// The week of the people of rows [first, last), at most draw_stretch of them.
  void rows(abm::PersonId first, abm::PersonId last);

 private:
  /// The events of person p's week, who is not quiet (QuietBounds), given their draws. Returns p's A&E attendances
  /// this week.
  std::uint32_t events(abm::PersonId p, const Start& s, const PersonDraws& d);
  /// What a week does to everyone of rows [first, last), after their events (if any): ageing, engagement, time in
  /// their states; `attendances` of A&E by row of the stretch.
  void week_passes(abm::PersonId first, abm::PersonId last, const std::uint32_t* attendances);

  const PeopleView& v_;
  const Parameters& P_;
  const EngagementEffects& effects_;
  const EventCounters& events_;
  const WeekRates& r_;
  const Hazards hazards_;
  const QuietBounds* bounds_;  // null when quiet weeks are off: every domain is then decided in full
  const Streams& streams_;
  std::uint32_t run_, step_;
  abm::BlockCounts& counts_;
  static constexpr std::size_t support_states = code(Support::housing_first) + 1;
  // The ceiling and build rate of engagement of a person's service [per week], by support code x 2 + sex code;
  // zeros after, to engagement_table_size (pass_engagement).
  static_assert(support_states * 2 <= engagement_table_size);
  std::array<double, engagement_table_size> ceiling_{}, build_{};
  std::uint32_t attendances_ = 0;  // this person's A&E attendances this week

  void count(Event e, abm::PersonId p, std::int64_t n = 1) {
    events_.count(counts_, e, v_.group.code(p), v_.cost_cell[p], n);
  }
  std::int32_t now() const { return static_cast<std::int32_t>(step_); }

  std::uint32_t ae_count(const Start& s, double u) const;
  void attend_ae(abm::PersonId p, const Start& s, std::uint32_t attendances);
  bool justice(abm::PersonId p, const Start& s, double u);
  void arrested(abm::PersonId p);
  void sentence(abm::PersonId p, const std::array<double, 4>& u);
  void recall(abm::PersonId p, bool further_charge);
  void enter_prison(abm::PersonId p);
  bool mental_health(abm::PersonId p, const Start& s, double u);
  bool start_crisis(abm::PersonId p, const Start& s);
  void housing(abm::PersonId p, const Start& s, double u);
  void lose_home(abm::PersonId p);
  void substance(abm::PersonId p, const Start& s, double u);
  void support(abm::PersonId p, const Start& s, double u, double u_worker);
};

void BlockStep::rows(abm::PersonId first, abm::PersonId last) {
  const std::size_t n = last - first;
  // The high halves of everyone's draws of the week (random::split): most people are quiet on these alone.
  StretchWords high;
  streams_.week.fill_words_of(run_, step_, std::span(v_.id + first, n), random::split::high_block, columns(high));
  // Three passes, none with a branch on who is quiet, which no predictor can guess: the people with an event
  // possible, marked in a vectorised loop; their events; then everyone's week. A person's events read and change
  // only their own row, and no event reads age, so the order is free.
  alignas(64) std::array<std::uint8_t, draw_stretch> busy;
  if (bounds_) {
    const QuietBounds::Rows rows{.alive = v_.alive + first,
                                 .housing = v_.housing.codes_from(first),
                                 .justice = v_.justice.codes_from(first),
                                 .mental = v_.mental_health.codes_from(first),
                                 .substance = v_.substance.codes_from(first),
                                 .support = v_.support.codes_from(first),
                                 .group = v_.group.codes_from(first),
                                 .need = v_.need.codes_from(first),
                                 .weeks_in_housing = v_.weeks_in_housing + first,
                                 .high = {high[0].data(), high[1].data(), high[2].data(), high[3].data()}};
    bounds_->mark_busy(n, rows, busy.data());
  } else {
    for (std::size_t i = 0; i < n; ++i) busy[i] = v_.alive[first + i] != 0;  // every domain decided in full
  }
  // The low halves of the busy people's draws, by their place in the list.
  std::array<abm::PersonId, draw_stretch> listed;
  const std::size_t count = abm::list_marked(first, busy.data(), n, listed.data());
  std::array<abm::PersonId, draw_stretch> ids;  // the draws are keyed by person id, not row
  for (std::size_t j = 0; j < count; ++j) ids[j] = v_.id[listed[j]];
  StretchWords low;
  streams_.week.fill_words_of(run_, step_, std::span(ids.data(), count), random::split::low_block, columns(low));
  std::array<std::uint32_t, draw_stretch> attendances{};
  for (std::size_t j = 0; j < count; ++j) {
    const abm::PersonId p = listed[j];
    Start s = Start::states_of(v_, p);
    s.with_history(v_, p, r_);
    attendances[p - first] = events(p, s, PersonDraws(high, p - first, low, j));
  }
  week_passes(first, last, attendances.data());
}

std::uint32_t BlockStep::events(abm::PersonId p, const Start& s, const PersonDraws& d) {
  attendances_ = 0;
  // A domain whose draw is clear of its bound has no event (QuietBounds): its hazards need not be computed. Most
  // people who are not quiet have an event in one domain only.
  const QuietBounds* b = bounds_;
  const bool prison = in_prison(s.justice);
  const bool inpatient = s.mental == Mental::inpatient;
  if (!prison && !inpatient && !(b && b->ae_quiet(s, d.ae))) attend_ae(p, s, ae_count(s, d.ae));
  // Application order (design 4.5): justice, mental health, housing, substance, support, engagement.
  bool institution = false;  // entered prison or hospital this week: housing is left as it is
  if (!prison && !inpatient && !(b && b->justice_quiet(s, d.justice))) institution = justice(p, s, d.justice);
  if (!prison && !institution && !(b && b->mental_quiet(s, d.mental))) {
    institution = mental_health(p, s, d.mental);
  }
  if (!prison && !institution && !inpatient && !v_.in_transition(p) && !(b && b->housing_quiet(s, d.housing))) {
    housing(p, s, d.housing);
  }
  if (!prison && !in_prison(v_.justice[p]) && !(b && b->substance_quiet(s, d.substance))) {
    substance(p, s, d.substance);
  }
  const bool support_clear = b && v_.support[p] == s.support && b->support_quiet(s, d.support, d.worker);
  if (!in_prison(v_.justice[p]) && !support_clear) support(p, s, d.support, d.worker);
  return attendances_;
}

void BlockStep::week_passes(abm::PersonId first, abm::PersonId last, const std::uint32_t* attendances) {
  const std::size_t n = last - first;
  const std::uint8_t *alive = v_.alive + first, *justice = v_.justice.codes_from(first);
  pass_engagement(n, alive, justice, v_.support.codes_from(first), v_.sex.codes_from(first), v_.engagement + first,
                  v_.weeks_with_worker + first, ceiling_.data(), build_.data(), r_.decay);
  pass_time(n, alive, justice, v_.housing.codes_from(first), attendances, v_.age + first, v_.weeks_in_housing + first,
            v_.weeks_homeless + first, v_.ae_past_year + first, v_.ae_this_week + first, r_.ae_memory);
}

std::uint32_t BlockStep::ae_count(const Start& s, double u) const {
  const double mean = hazards_.ae_mean(s);
  if (u <= 1.0 - mean) return 0;  // P(0) = exp(-mean) >= 1 - mean: no exp for most people
  return random::poisson(mean, u, 0.5);
}

void BlockStep::attend_ae(abm::PersonId p, const Start& s, std::uint32_t attendances) {
  const EventsParameters& e = P_.events;
  for (std::uint32_t k = 0; k < attendances; ++k) {
    const auto u = streams_.ae_outcome.uniforms4(run_, v_.id[p], step_, attendances_ + k);
    count(Event::ae_attendance, p);
    if (s.homeless) count(Event::ae_attendance_homeless, p);
    if (u[0] < e.ambulance_share) count(Event::ambulance_callout, p);
    if (u[1] < e.admission_share) {
      count(Event::emergency_admission, p);
      const auto days = static_cast<std::int64_t>(whole_weeks(-std::log(u[2]) * e.emergency_stay * 7.0));
      count(Event::emergency_bed_days, p, days);
      if (s.homeless) count(Event::emergency_bed_days_homeless, p, days);
    }
  }
  attendances_ += attendances;
}

bool BlockStep::justice(abm::PersonId p, const Start& s, double u) {
  const JusticeParameters& J = P_.justice;
  const std::size_t chosen = choose(u, hazards_.justice(s));  // arrest, or (on licence) a breach
  if (s.justice == Justice::licence) {
    switch (chosen) {
      case 0:
        arrested(p);
        if (!(streams_.arrest_outcome.uniform(run_, v_.id[p], step_) < J.recall_on_arrest)) return false;
        recall(p, true);
        return true;
      case 1:
        recall(p, false);
        return true;
      default:
        return false;
    }
  }
  if (chosen != 0) return false;
  arrested(p);
  const auto outcome = streams_.arrest_outcome.uniforms4(run_, v_.id[p], step_);
  if (outcome[0] < J.arrest_to_custody) {
    count(Event::court_case, p);
    sentence(p, outcome);
    return true;
  }
  if (outcome[3] < J.arrest_to_community_order) {
    count(Event::court_case, p);
    v_.justice[p] = Justice::community_order;
    v_.ti_order_end[p] = now() + whole_weeks(J.community_order_length);
  }
  return false;
}

void BlockStep::arrested(abm::PersonId p) {
  count(Event::arrest, p);
  if (v_.awaiting_rearrest[p]) {  // proven reoffending after a short sentence (calibration target 11)
    v_.awaiting_rearrest[p] = 0;
    if (now() - v_.t_released[p] <= past_year_weeks) count(Event::rearrest_within_year, p);
  }
}

void BlockStep::sentence(abm::PersonId p, const std::array<double, 4>& u) {
  const JusticeParameters& J = P_.justice;
  v_.justice[p] = Justice::custody;
  v_.short_sentence[p] = u[1] < J.short_sentence_share;
  v_.ti_release[p] = now() + whole_weeks(-std::log(u[2]) * J.custody_time_served);
  v_.ti_order_end[p] = abm::no_event;  // custody supersedes a community order
  enter_prison(p);
}

void BlockStep::recall(abm::PersonId p, bool further_charge) {
  const JusticeParameters& J = P_.justice;
  const auto u = streams_.recall.uniforms4(run_, v_.id[p], step_);
  const double length = u[0] < J.fixed_term_share
                            ? (v_.short_sentence[p] ? J.fixed_term_recall_short : J.fixed_term_recall_long)
                            : -std::log(u[1]) * J.standard_recall_time;
  v_.justice[p] = Justice::recalled;
  v_.ti_recall_end[p] = now() + whole_weeks(length);
  v_.recalls[p] += 1;
  count(Event::recall, p);
  count(further_charge ? Event::recall_further_charge : Event::recall_breach, p);
  enter_prison(p);
}

void BlockStep::enter_prison(abm::PersonId p) {
  count(Event::custody_entry, p);
  if (v_.ethnicity[p] == Ethnicity::minority_ethnic) count(Event::custody_entry_minority_ethnic, p);
  const Housing h = v_.housing[p];
  // A hostel bed or transitional stay is given up; a tenancy is kept with some chance. Housing
  // rough_sleeping in prison means no home to return to.
  bool home_lost = h == Housing::temporary || v_.in_transition(p);
  if (!home_lost && h != Housing::rough_sleeping &&
      streams_.custody_entry.uniform(run_, v_.id[p], step_) < P_.justice.tenancy_loss_in_custody) {
    home_lost = true;
    count_eviction(v_, p, events_, counts_);
  }
  if (home_lost) {
    v_.housing[p] = Housing::rough_sleeping;
    v_.weeks_in_housing[p] = 0;
    v_.ti_transition_end[p] = abm::no_event;
  }
  v_.waiting_for[p] = WaitingFor::nothing;
  v_.request[p] = Request::none;
  // Usual support ends; Housing First support ends with the tenancy; MTAM and navigator episodes
  // pause with their slot kept.
  const Support support = v_.support[p];
  if (support == Support::usual || (support == Support::housing_first && home_lost)) {
    v_.support[p] = Support::none;
    v_.weeks_with_worker[p] = 0;
  }
  if (v_.mental_health[p] == Mental::crisis) v_.mental_health[p] = Mental::unwell;
}

bool BlockStep::mental_health(abm::PersonId p, const Start& s, double u) {
  const std::size_t chosen = choose(u, hazards_.mental(s));
  switch (s.mental) {
    case Mental::stable:
      if (chosen == 0) v_.mental_health[p] = Mental::unwell;
      return false;
    case Mental::unwell:
      switch (chosen) {
        case 0:
          v_.mental_health[p] = Mental::treatment;
          return false;
        case 1:
          v_.mental_health[p] = Mental::stable;
          return false;
        case 2:
          return start_crisis(p, s);
        default:
          return false;
      }
    case Mental::treatment:
      switch (chosen) {
        case 0:
          return start_crisis(p, s);
        case 1:
          v_.mental_health[p] = Mental::stable;
          return false;
        case 2:
          v_.mental_health[p] = Mental::unwell;
          return false;
        default:
          return false;
      }
    case Mental::crisis:
      if (chosen == 0) {
        const double to_treatment = s.mtam ? r_.mtam.crisis_to_treatment : P_.mental_health.crisis_to_treatment;
        const bool treated = streams_.crisis_end.uniform(run_, v_.id[p], step_) < to_treatment;
        v_.mental_health[p] = treated ? Mental::treatment : Mental::unwell;
      }
      return false;
    case Mental::inpatient:
      return false;  // discharge is a scheduled event
  }
  return false;
}

bool BlockStep::start_crisis(abm::PersonId p, const Start& s) {
  const MentalHealthParameters& M = P_.mental_health;
  const EventsParameters& e = P_.events;
  const auto u = streams_.crisis_start.uniforms4(run_, v_.id[p], step_);
  v_.crises[p] += 1;
  count(Event::mh_crisis, p);
  const bool admitted = u[0] < M.crisis_admission;
  if (admitted) {
    v_.mental_health[p] = Mental::inpatient;
    v_.ti_discharge[p] = now() + whole_weeks(-std::log(u[3]) * M.inpatient_stay);
    count(Event::mh_admission, p);
  } else {
    v_.mental_health[p] = Mental::crisis;
  }
  if (u[1] < e.ae_at_crisis) attend_ae(p, s, 1);
  if (u[2] < e.s136_at_crisis * (s.rough ? P_.modifier.rough_sleeping_on_s136 : 1.0)) count(Event::s136_detention, p);
  return admitted;
}

void BlockStep::housing(abm::PersonId p, const Start& s, double u) {
  const std::size_t chosen = choose(u, hazards_.housing(s));
  switch (s.housing) {
    case Housing::rough_sleeping:
      switch (chosen) {
        case 0:
          v_.request[p] = Request::temporary;
          break;
        case 1:
          v_.request[p] = Request::supported;
          break;
        case 2:
          move_housing(v_, p, Housing::settled, step_);
          break;
        default:
          break;
      }
      return;
    case Housing::temporary:
      switch (chosen) {
        case 0:  // an exclusion or abandonment
          count_eviction(v_, p, events_, counts_);
          move_housing(v_, p, Housing::rough_sleeping, step_);
          break;
        case 1:
          v_.request[p] = Request::supported;
          break;
        case 2:
          move_on_to_tenancy(v_, p, step_);
          break;
        default:
          break;
      }
      return;
    case Housing::supported:
      if (chosen == 0) move_on_to_tenancy(v_, p, step_);
      if (chosen == 1) lose_home(p);
      return;
    case Housing::settled:
    case Housing::housing_first:
      if (chosen == 0) lose_home(p);
      return;
  }
}

void BlockStep::lose_home(abm::PersonId p) {
  count_eviction(v_, p, events_, counts_);
  if (v_.support[p] == Support::housing_first) start_support(v_, p, Support::usual);
  if (streams_.loss_destination.uniform(run_, v_.id[p], step_) < P_.housing.loss_to_rough_share) {
    move_housing(v_, p, Housing::rough_sleeping, step_);
  } else {
    v_.request[p] = Request::temporary_after_eviction;  // the street if no hostel place is free
  }
}

void BlockStep::substance(abm::PersonId p, const Start& s, double u) {
  const std::size_t chosen = choose(u, hazards_.substance(s));
  switch (s.substance) {
    case Substance::none:
      if (chosen == 0) v_.substance[p] = Substance::problematic;
      return;
    case Substance::problematic:
      if (chosen == 0) v_.substance[p] = Substance::treatment;
      if (chosen == 1) v_.substance[p] = Substance::none;
      return;
    case Substance::treatment:
      if (chosen == 0) v_.substance[p] = Substance::none;
      if (chosen == 1) v_.substance[p] = Substance::problematic;
      return;
  }
}

void BlockStep::support(abm::PersonId p, const Start& s, double u, double u_worker) {
  const Support before = v_.support[p];
  const bool changes = choose(u, std::array<double, 1>{hazards_.support(before, s.engagement)}) == 0;
  switch (before) {
    case Support::none:
      if (changes) start_support(v_, p, Support::usual);
      break;
    case Support::usual:
      if (changes) start_support(v_, p, Support::none);
      break;
    case Support::navigator:
    case Support::mtam:
      if (changes) {
        close_coordinator_episode(v_, p, step_, false, events_, counts_);
        start_support(v_, p, Support::usual);
      }
      break;
    case Support::housing_first:
      break;
  }
  // Workers leave at their service's leaver fraction; the relationship starts again.
  const Support now_support = v_.support[p];
  if (now_support == before && now_support != Support::none &&
      u_worker < r_.leaver[code(service_of(now_support))]) {
    v_.engagement[p] *= 1.0 - P_.engagement.loss_on_worker_change;
    v_.weeks_with_worker[p] = 0;
    count(Event::worker_change, p);
  }
}

}  // namespace

void PeopleKernel::declare(abm::Run& run) {
  signals_ = KernelSignals::declare(run.signals());
  queue_.declare(run.signals());
}

const QuietBounds* PeopleKernel::bounds_for(const WeekRates& rates) {
  if (!setup_->quiet_weeks) return nullptr;
  const HazardRates& hazard_rates = rates;
  if (!bounds_ || !(bounds_->first == hazard_rates)) {
    bounds_.emplace(hazard_rates, QuietBounds(setup_->parameters, setup_->effects, hazard_rates));
  }
  return &bounds_->second;
}

void PeopleKernel::step(Phase, abm::Run& run) {
  const ModelSetup& setup = *setup_;
  const WeekRates rates = week_rates(setup.parameters, run.signals(), signals_);
  const QuietBounds* bounds = bounds_for(rates);
  const Streams streams(run);
  const PeopleView v = PeopleView::of(run.population(), columns_);
  const std::uint32_t run_number = run.key().run, step = run.clock().step();
  run.for_each_block([&](abm::PersonId first, abm::PersonId last, abm::BlockCounts& counts) {
    BlockStep block(v, setup, events_, rates, bounds, streams, run_number, step, counts);
    for (abm::PersonId from = first; from < last; from += draw_stretch) {
      block.rows(from, std::min(from + draw_stretch, last));
    }
  });
  queue_.grant(run, v);
}

}  // namespace revolve::revolving_door

#include "models/revolving_door/cohort.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "models/revolving_door/housing_moves.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

constexpr double adult_age_years = 18.0;  // the cohort is adults: a definition, not a parameter

/// A category drawn by inversion from shares; the last category takes the remainder.
template <std::size_t N>
std::uint8_t draw_share(double u, const std::array<double, N>& shares_but_last) {
  double cumulative = 0.0;
  for (std::size_t i = 0; i < N; ++i) {
    cumulative += shares_but_last[i];
    if (u < cumulative) return static_cast<std::uint8_t>(i);
  }
  return static_cast<std::uint8_t>(N);
}

/// A duration [weeks] drawn exponential with mean `mean`, as a whole number of steps, at least 1.
std::int32_t exponential_steps(double u, double mean) {
  return std::max(1, static_cast<int>(std::lround(-std::log(u) * mean)));
}

/// Group, sex, ethnicity, need and age (design 3.4), keyed by the person's id alone so that a person
/// is the same person in every scenario.
void draw_attributes(const PeopleView& v, abm::PersonId p, const CohortParameters& c, const random::Stream& s,
                     std::uint32_t run, const ChosenStates& chosen = {}) {
  random::EntityUniforms u(s, run, v.id[p], 0);
  const std::uint8_t k =
      draw_share<3>(u(0), {c.share_young_mec_justice, c.share_women_domestic_abuse, c.share_chronic_homeless});
  const Group group = chosen.group != ChosenStates::not_chosen ? static_cast<Group>(chosen.group)
                      : k == 3                                  ? Group::wider  // the remainder is the wider population
                                                                : static_cast<Group>(1 + k);
  const bool priority = group != Group::wider;
  const bool female = group == Group::women_domestic_abuse || u(1) < c.female_share_other;
  const double mec_share = group == Group::young_mec_justice      ? 1.0
                           : group == Group::women_domestic_abuse ? c.mec_share_women_domestic_abuse
                                                                  : c.mec_share_other;
  const double high_need_share = priority ? c.high_need_share_priority : c.high_need_share;
  const double adult = adult_age_years * weeks_per_year;  // [weeks]
  double age = 0.0;
  if (group == Group::young_mec_justice) {
    age = adult + u(4) * (c.young_age_max - adult);
  } else {
    age = adult;  // if every draw falls below adulthood (practically never), the youngest adult
    for (std::uint32_t k = 0; k < 16; k += 2) {
      const double a = c.age_mean + c.age_sd * random::standard_normal(u(4 + k), u(5 + k));
      if (a >= adult) {
        age = a;
        break;
      }
    }
  }
  v.group[p] = group;
  v.sex[p] = female ? Sex::female : Sex::male;
  v.ethnicity[p] = u(2) < mec_share ? Ethnicity::minority_ethnic : Ethnicity::white;
  v.need[p] = u(3) < high_need_share ? Need::high : Need::moderate;
  if (chosen.need != ChosenStates::not_chosen) v.need[p] = static_cast<Need>(chosen.need);
  v.age[p] = std::round(age);
}

/// The factor on initial.rough_sleeping for a person of high or moderate need: high need is
/// initial.rough_sleeping_high_need times as likely, and the cohort's mean share stays initial.rough_sleeping.
double rough_sleeping_by_need(bool high_need, const Parameters& P) {
  const CohortParameters& c = P.cohort;
  const double priority = c.share_young_mec_justice + c.share_women_domestic_abuse + c.share_chronic_homeless;
  const double high = priority * c.high_need_share_priority + (1 - priority) * c.high_need_share;
  const double ratio = P.initial.rough_sleeping_high_need;
  return (high_need ? ratio : 1.0) / (high * ratio + (1 - high));
}

Mental draw_mental_health(double u, const InitialParameters& i) {
  const std::uint8_t k = draw_share<4>(u, {i.mh_unwell, i.mh_treatment, i.mh_crisis, i.mh_inpatient});
  return k == 4 ? Mental::stable : static_cast<Mental>(1 + k);
}

Substance draw_substance(double u, const InitialParameters& i) {
  const std::uint8_t k = draw_share<2>(u, {i.substance_problematic, i.substance_treatment});
  return k == 2 ? Substance::none : static_cast<Substance>(1 + k);
}

double draw_engagement(double u, double mean) { return std::min(1.0, u * 2.0 * mean); }

/// The starting states of a member of the initial cohort (design 3.4), made consistent: a home is
/// kept in prison except a hostel bed, Housing First tenants have Housing First support, and every
/// spell under way gets its end date.
void draw_initial_states(const PeopleView& v, abm::PersonId p, const Parameters& P, const random::Stream& s,
                         std::uint32_t run, const ChosenStates& chosen) {
  const InitialParameters& i = P.initial;
  random::EntityUniforms u(s, run, v.id[p], 0);
  const double rough = i.rough_sleeping * rough_sleeping_by_need(v.need[p] == Need::high, P);
  Housing housing = Housing::settled;
  if (v.group[p] == Group::chronic_homeless) {  // their spell is under way: never settled
    const double total = rough + i.temporary + i.supported + i.housing_first;
    const std::uint8_t k = draw_share<3>(u(0), {rough / total, i.temporary / total, i.supported / total});
    housing = static_cast<Housing>(1 + k);
  } else {
    const std::uint8_t k = draw_share<4>(u(0), {rough, i.temporary, i.supported, i.housing_first});
    housing = k == 4 ? Housing::settled : static_cast<Housing>(1 + k);
  }
  const std::uint8_t j = draw_share<3>(u(1), {i.custody, i.licence, i.community_order});
  Justice justice = j == 0   ? Justice::custody
                    : j == 1 ? Justice::licence
                    : j == 2 ? Justice::community_order
                             : Justice::none;
  if (chosen.housing != ChosenStates::not_chosen) housing = static_cast<Housing>(chosen.housing);
  if (chosen.justice != ChosenStates::not_chosen) justice = static_cast<Justice>(chosen.justice);
  v.housing[p] = housing;
  v.justice[p] = justice;
  v.mental_health[p] = draw_mental_health(u(2), i);
  v.substance[p] = draw_substance(u(3), i);
  if (chosen.mental_health != ChosenStates::not_chosen) v.mental_health[p] = static_cast<Mental>(chosen.mental_health);
  if (chosen.substance != ChosenStates::not_chosen) v.substance[p] = static_cast<Substance>(chosen.substance);
  v.weeks_in_housing[p] = weeks_per_year;  // starting tenancies count as established
  const bool prison = justice == Justice::custody;
  if (prison && housing == Housing::temporary) v.housing[p] = Housing::rough_sleeping;

  Support support = Support::none;
  double engagement_mean = i.engagement_none;
  if (v.housing[p] == Housing::housing_first) {
    support = Support::housing_first;
    engagement_mean = i.engagement_housing_first;
  } else if (!prison && u(4) < i.support_usual) {
    support = Support::usual;
    engagement_mean = i.engagement_usual;
  }
  v.support[p] = support;
  v.engagement[p] = draw_engagement(u(5), engagement_mean);

  const JusticeParameters& J = P.justice;
  if (justice == Justice::custody) {
    v.short_sentence[p] = u(6) < J.short_sentence_share;
    v.ti_release[p] = exponential_steps(u(7), J.custody_time_served);
  } else if (justice == Justice::licence) {
    v.ti_licence_end[p] = std::max(1, static_cast<int>(std::lround(u(7) * J.licence_length)));
  } else if (justice == Justice::community_order) {
    v.ti_order_end[p] = std::max(1, static_cast<int>(std::lround(u(7) * J.community_order_length)));
  }
  if (v.mental_health[p] == Mental::inpatient) {
    v.ti_discharge[p] = exponential_steps(u(8), P.mental_health.inpatient_stay);
  }
  // A spell under way has a history (design 'Initial cohort and arrivals'), and hostels are full at the start, so
  // the people on the street have asked for a place and are waiting (those eligible for Housing First move to its
  // list in week 1).
  if (homeless(v.housing[p])) v.weeks_homeless[p] = exponential_steps(u(9), i.homeless_spell);
  if (v.housing[p] == Housing::rough_sleeping && !prison) v.waiting_for[p] = WaitingFor::temporary;
}

/// No more Housing First tenants than places at the start: the tenants drawn beyond the places (in id order, which
/// is random) have moved on to a settled tenancy with usual support.
void cap_housing_first(const PeopleView& v, std::size_t size, double places) {
  double tenants = 0;
  for (abm::PersonId p = 0; p < size; ++p) {
    if (v.housing[p] != Housing::housing_first) continue;
    tenants += 1;
    if (tenants <= places) continue;
    v.housing[p] = Housing::settled;
    v.support[p] = Support::usual;
  }
}

}  // namespace

void Cohort::declare(abm::Run& run) {
  Columns::declare(run.population());
  EventCounters().declare(run);
  // Every module of the model keys draws by person id and follows compactions where it keeps rows.
  run.compact_every(setup_->compact_every);
}

void Cohort::init(abm::Run& run) {
  abm::Population& population = run.population();
  const Parameters& P = setup_->parameters;
  const auto size = static_cast<std::size_t>(std::lround(P.cohort.size));
  // Room for every arrival of the horizon (a generous bound), so no column moves during a run.
  const double expected_arrivals = P.flows.arrivals * setup_->steps;
  population.reserve(size +
                     static_cast<std::size_t>(expected_arrivals * 1.5 + 6.0 * std::sqrt(expected_arrivals) + 64));
  population.add_people(size);
  const PeopleView v = PeopleView::of(population, Columns::resolve(population));
  const random::Stream attributes = run.stream("init.attributes"), states = run.stream("init.states");
  const random::Stream chosen_states = run.stream("init.closed_cohort");
  const auto& closed = setup_->closed_cohort;
  for (abm::PersonId p = 0; p < size; ++p) {
    const ChosenStates chosen = closed ? closed->draw(chosen_states, run.key().run, v.id[p]) : ChosenStates{};
    draw_attributes(v, p, P.cohort, attributes, run.key().run, chosen);
    draw_initial_states(v, p, P, states, run.key().run, chosen);
  }
  cap_housing_first(v, size, std::floor(P.housing_first.places));
}

void Arrivals::declare(abm::Run& run) {
  places_.declare(run.signals(), Phase::exits_and_entries);
  release_.declare(run, Phase::exits_and_entries);
}

void Arrivals::step(Phase, abm::Run& run) {
  const Parameters& P = setup_->parameters;
  const std::uint32_t run_number = run.key().run, step = run.clock().step();
  const auto u = run.stream("flows.arrivals").uniforms4(run_number, 0, step);
  const std::uint32_t count = random::poisson(P.flows.arrivals, u[0], u[1]);
  if (count == 0) return;
  const abm::PersonId first = run.population().add_people(count);
  const PeopleView v = PeopleView::of(run.population(), columns_);
  const random::Stream attributes = run.stream("init.attributes"), states = run.stream("arrival.states");
  SerialCounts serial(run);
  for (abm::PersonId p = first; p < first + count; ++p) {
    draw_attributes(v, p, P.cohort, attributes, run_number);
    draw_states(v, p, run, states);
    serial.counts().add(events_(Event::arrival, v.group.code(p)));
  }
}

/// The states of a person joining the cohort this week (design 3.4): housed, in a hostel, sleeping
/// rough, or released from prison onto licence under the release rule.
void Arrivals::draw_states(const PeopleView& v, abm::PersonId p, abm::Run& run, const random::Stream& s) {
  const Parameters& P = setup_->parameters;
  const FlowsParameters& f = P.flows;
  const std::uint32_t step = run.clock().step();
  random::EntityUniforms u(s, run.key().run, v.id[p], step);
  v.mental_health[p] = draw_mental_health(u(2), P.initial);
  v.substance[p] = draw_substance(u(3), P.initial);
  v.support[p] = Support::none;
  v.engagement[p] = draw_engagement(u(5), P.initial.engagement_none);
  v.weeks_in_housing[p] = weeks_per_year;  // an arrival's tenancy is established
  if (v.mental_health[p] == Mental::inpatient) {
    v.ti_discharge[p] = step + exponential_steps(u(8), P.mental_health.inpatient_stay);
  }
  if (u(0) < f.arrival_from_custody) {
    v.justice[p] = Justice::licence;
    v.ti_licence_end[p] =
        static_cast<std::int32_t>(step) + std::max(1, static_cast<int>(std::lround(P.justice.licence_length)));
    v.t_released[p] = static_cast<std::int32_t>(step);
    v.housing[p] = Housing::rough_sleeping;  // no home to go back to
    release_.place(v, p, run, P, step);
    return;
  }
  const double r = u(1);
  if (r < f.arrival_rough_sleeping) {
    v.housing[p] = Housing::rough_sleeping;
  } else if (r < f.arrival_rough_sleeping + f.arrival_temporary) {
    v.housing[p] = Housing::rough_sleeping;
    if (places_.take(run.signals(), Housing::temporary)) {
      v.housing[p] = Housing::temporary;
    } else {
      v.waiting_for[p] = WaitingFor::temporary;
    }
  }
}

}  // namespace revolve::revolving_door

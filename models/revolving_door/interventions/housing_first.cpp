// Housing First (docs/model/design.md, 'Housing First'). Places exist in the baseline (housing_first.places); the
// intervention adds housing_first.added_places x its level, which become ready through the system's
// supply pipeline. Each week eligible people (homeless, and chronically homeless or of high need) join
// the waiting list, some drop out, and while a place and a worker slot are free the longest homeless
// is offered a tenancy with Housing First support.
#include <algorithm>
#include <cmath>

#include "models/revolving_door/episodes.hpp"
#include "models/revolving_door/housing_moves.hpp"
#include "models/revolving_door/interventions/capacity_referral.hpp"
#include "sim/core/vector_clones.hpp"
#include "sim/params/units.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

/// Marks with 1 the rows of [0, n) whose week Housing First's visit may change, 0 the rest: alive, outside prison
/// and hospital, and on the list or eligible for it (homeless, not off the list in this spell, and chronically
/// homeless or of high need). A test that must stay true of everyone visit() can change; a loop with no branch over
/// columns that cannot overlap (restrict), which the compiler vectorises, built for AVX2 too.
REVOLVE_AVX2_CLONES
void mark_reach(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict justice,
                const std::uint8_t* __restrict mental, const std::uint8_t* __restrict housing,
                const std::uint8_t* __restrict waiting, const std::uint8_t* __restrict off,
                const std::uint8_t* __restrict group, const std::uint8_t* __restrict need,
                std::uint8_t* __restrict marks) {
  for (std::size_t i = 0; i < n; ++i) {
    const bool outside = !in_prison(static_cast<Justice>(justice[i])) & (mental[i] != code(Mental::inpatient));
    const bool eligible = homeless(static_cast<Housing>(housing[i])) & (off[i] == 0) &
                          ((group[i] == code(Group::chronic_homeless)) | (need[i] == code(Need::high)));
    const bool on_list = waiting[i] == code(WaitingFor::housing_first);
    marks[i] = (alive[i] != 0) & outside & (eligible | on_list);
  }
}

class HousingFirst : public CapacityReferral {
 public:
  explicit HousingFirst(std::shared_ptr<const ModelSetup> setup) : CapacityReferral(std::move(setup), "housing_first") {}

  void declare(abm::Run& run) override {
    CapacityReferral::declare(run);
    Signals& s = run.signals();
    added_places_ = s.write("system.housing first added places", Phase::advance_clock);
    ceiling_ = s.write("support.ceiling[housing_first]", Phase::advance_clock);
    free_places_ = s.read("system.housing first free places", Phase::interventions);
    free_slots_ = s.read("system.housing first free slots", Phase::interventions);
  }

  void init(abm::Run& run) override {
    PeopleModule::init(run);
    dropout_ = run.stream("housing_first.dropout");
    accept_ = run.stream("housing_first.accept");
  }

  void week_costs(const abm::Run&, const GroupWeeks& week, std::array<double, group_count>& cost) const override {
    for (std::size_t g = 0; g < group_count; ++g) {
      cost[g] = week[g].people[tally::support + code(Support::housing_first)] * parameters().housing_first.support_cost;
    }
  }

 private:
  Signal added_places_, ceiling_, free_places_, free_slots_;
  random::Stream dropout_, accept_;
  double dropout_probability_ = 0;       // of leaving the waiting list this week

  void set_week(abm::Run& run) override {
    run.signals().set(added_places_, parameters().housing_first.added_places * level(run));
    run.signals().set(ceiling_, 1.0);  // Housing First support builds trust fully
  }

  void start_pass() override {
    dropout_probability_ = params::rate_to_probability(parameters().housing_first.waiting_dropout, 1.0);
  }

  /// Keeps the waiting list: joining, leaving, dropping out.
  void visit(const ReferralWeek& week, abm::PersonId p) {
    const PeopleView& v = week.people;
    if (v.in_prison(p) || v.mental_health[p] == Mental::inpatient) return;
    const bool eligible = homeless(v.housing[p]) && !v.housing_first_off[p] &&
                          (v.group[p] == Group::chronic_homeless || v.need[p] == Need::high);
    const bool on_list = v.waiting_for[p] == WaitingFor::housing_first;
    if (on_list && !eligible) {
      v.waiting_for[p] = WaitingFor::nothing;
    } else if (on_list && dropout_.uniform(week.run_number, week.people.id[p], week.step) < dropout_probability_) {
      v.waiting_for[p] = WaitingFor::nothing;
      v.housing_first_off[p] = 1;
    } else if (eligible) {
      v.waiting_for[p] = WaitingFor::housing_first;
      add_candidate(p);
    }
  }

  /// Only someone outside prison and hospital, on the list or eligible for it, has a visit that does anything
  /// (mark_reach).
  void visit_people(const ReferralWeek& week) override {
    const PeopleView& v = week.people;
    const auto mark = [&](abm::PersonId first, abm::PersonId n, std::uint8_t* marks) {
      mark_reach(n, v.alive + first, v.justice.codes_from(first), v.mental_health.codes_from(first),
                 v.housing.codes_from(first), v.waiting_for.codes_from(first), v.housing_first_off + first,
                 v.group.codes_from(first), v.need.codes_from(first), marks);
    };
    visit_marked(week, mark, [&](abm::PersonId p) { HousingFirst::visit(week, p); });
  }

  /// While a place and a worker slot are both free (the system's count, from last week's tenancies and
  /// caseloads).
  std::int64_t room(const ReferralWeek& week) const override {
    const Signals& s = week.run.signals();
    return static_cast<std::int64_t>(std::floor(std::min(s.value(free_places_), s.value(free_slots_))));
  }

  /// The longest homeless first; ties by id.
  bool before(const PeopleView& v, abm::PersonId a, abm::PersonId b) const override {
    return v.weeks_homeless[a] > v.weeks_homeless[b] || (v.weeks_homeless[a] == v.weeks_homeless[b] && a < b);
  }

  void offer(const ReferralWeek& week, abm::PersonId p) override {
    const PeopleView& v = week.people;
    const std::uint8_t g = v.group.code(p);
    week.counts.add(events()(Event::housing_first_offer, g));
    v.waiting_for[p] = WaitingFor::nothing;
    const double u = accept_.uniform(week.run_number, v.id[p], week.step);
    if (!(u < parameters().housing_first.offer_acceptance)) {
      v.housing_first_off[p] = 1;  // declined: not offered again in this homelessness spell
      return;
    }
    week.counts.add(events()(Event::housing_first_start, g));
    close_coordinator_episode(v, p, week.step, false, events(), week.counts);
    start_support(v, p, Support::housing_first);
    move_housing(v, p, Housing::housing_first, week.step);
    v.t_housing_first_start[p] = static_cast<std::int32_t>(week.step);
  }
};

}  // namespace

std::unique_ptr<Intervention> make_housing_first(std::shared_ptr<const ModelSetup> setup) {
  return std::make_unique<HousingFirst>(std::move(setup));
}

}  // namespace revolve::revolving_door

#pragma once
// An intervention that refers people to a service with limited room each week (Housing First, MTAM,
// navigators): one pass over the people counts the service's clients and collects the candidates; the
// room left goes to the first candidates in the intervention's ranking, each made an offer they may
// decline. The hooks below are what differs between interventions. Under payment by reported outcomes a share
// of the room goes to the easiest candidates instead (signal commissioning.selection_share, 0 otherwise).
#include <cstdint>
#include <vector>

#include "models/revolving_door/events.hpp"
#include "models/revolving_door/interventions/intervention.hpp"
#include "models/revolving_door/people.hpp"
#include "sim/abm/alive.hpp"

namespace revolve::revolving_door {

/// What the hooks of one week's referrals share.
struct ReferralWeek {
  abm::Run& run;
  const PeopleView& people;
  abm::BlockCounts& counts;
  std::uint32_t run_number, step;
};

class CapacityReferral : public Intervention {
 public:
  using Intervention::Intervention;

  PhaseSet phases() const override { return {Phase::advance_clock, Phase::interventions}; }
  /// Reads the selection pressure; a subclass that declares more calls this first.
  void declare(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 protected:
  /// Phase::advance_clock: this week's level and what the intervention publishes (places, effects).
  virtual void set_week(abm::Run& run) = 0;
  /// Whether this week's referrals run (a closed service stops once its clients are handed back).
  virtual bool refers_this_week() { return true; }
  /// Before the pass: reset what the pass counts.
  virtual void start_pass() {}
  /// The pass over the people alive: each is counted as a client, or added as a candidate (add_candidate). The most
  /// derived class visits them (visit_each, or visit_marked when few can act) with no virtual call a person.
  virtual void visit_people(const ReferralWeek& week) = 0;
  /// Offers the service can make this week, after the pass.
  virtual std::int64_t room(const ReferralWeek& week) const = 0;
  /// Whether candidate a is offered before candidate b (ties broken by id, so the order never depends on
  /// the pass).
  virtual bool before(const PeopleView& v, abm::PersonId a, abm::PersonId b) const = 0;
  /// Makes candidate p an offer.
  virtual void offer(const ReferralWeek& week, abm::PersonId p) = 0;

  /// Calls visit(p) for everyone alive, in id order, a visit the compiler can inline: a virtual call per person a
  /// week cost more than most visits, which return at once.
  template <class Visit>
  static void visit_each(const ReferralWeek& week, Visit&& visit) {
    abm::for_each_alive(week.people.alive, 0, static_cast<abm::PersonId>(week.people.size), visit);
  }
  /// The same for the people mark(first, n, marks) marks (abm::for_each_marked_by): for a service whose visit
  /// changes the week of few, found many rows at a time.
  template <class Mark, class Visit>
  static void visit_marked(const ReferralWeek& week, Mark&& mark, Visit&& visit) {
    abm::for_each_marked_by(0, static_cast<abm::PersonId>(week.people.size), mark, visit);
  }

  void add_candidate(abm::PersonId p) { candidates_.push_back(p); }
  const EventCounters& events() const { return events_; }

 private:
  Signal selection_share_;
  std::vector<abm::PersonId> candidates_;

  void refer(abm::Run& run);
  /// Puts the first n candidates in offer order: the easiest `easiest` of them, then the usual priority.
  void rank(const PeopleView& v, std::size_t n, std::size_t easiest);
};

}  // namespace revolve::revolving_door

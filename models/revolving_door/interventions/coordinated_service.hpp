#pragma once
// A coordinated support service (MTAM, A&E navigators): a lead worker for each client, in a team that
// matures over workforce.team_maturity_time (docs/model/design.md, 'Intervention maturity'). Trust can build
// further with a mature team, so the service publishes its engagement ceiling each week; when the service closes
// its clients go back to usual services. Capacity is its staff (from the system) times its caseload. What providers
// have learnt (system.provider learning, commissioning section) strengthens its effect multipliers (learned()), and
// its level tells the system a specialist programme runs (mainstream services may pull back).
#include <cmath>
#include <string>

#include "models/revolving_door/interventions/capacity_referral.hpp"

namespace revolve::revolving_door {

class CoordinatedService : public CapacityReferral {
 public:
  CoordinatedService(std::shared_ptr<const ModelSetup> setup, std::string name, Support support, Service service);

  void declare(abm::Run& run) override;
  void step(Phase phase, abm::Run& run) override;

 protected:
  /// What the service publishes this week besides its ceiling: `running` [years] since it started,
  /// `maturity` 0 to 1 of its team.
  virtual void publish(abm::Run& run, double level, double running, double maturity) = 0;
  /// Whether person p (alive, not a client) may be referred.
  virtual bool is_candidate(const PeopleView& v, abm::PersonId p) const = 0;
  /// Clients the service can hold this week.
  virtual double capacity(const abm::Run& run) const = 0;

  void set_week(abm::Run& run) final;
  bool refers_this_week() final;
  void start_pass() final { clients_ = 0; }
  /// Person p, alive: a client is counted (or handed back if the service has closed); anyone else may be a
  /// candidate. `candidate` calls the subclass's own is_candidate by name, so that it is not a virtual call.
  template <class Candidate>
  void visit(const ReferralWeek& week, abm::PersonId p, Candidate&& candidate) {
    const PeopleView& v = week.people;
    if (v.support[p] != support_) {
      if (candidate(v, p)) add_candidate(p);
    } else if (level_ <= 0.0) {
      hand_back(week, p);
    } else {
      clients_ += 1;
    }
  }
  std::int64_t room(const ReferralWeek& week) const final;
  /// Ends client p's episode, the service having closed: back to usual services.
  void hand_back(const ReferralWeek& week, abm::PersonId p);
  /// Starts person p's episode with the service.
  void take_on(const ReferralWeek& week, abm::PersonId p);

  /// The service's staff this week [staff], from the system.
  double staff(const abm::Run& run) const { return run.signals().value(staff_); }
  /// An effect multiplier strengthened by what providers have learnt: m^(1 + gain x learning) [multiplier].
  double learned(double multiplier) const { return strength_ == 1.0 ? multiplier : std::pow(multiplier, strength_); }
  /// People in the service's support this week, shared among groups like its staff costs.
  Support support() const { return support_; }

 private:
  Support support_;
  Service service_;
  Signal staff_, ceiling_, learning_, programme_level_;
  double level_ = 0;
  double learning_seen_ = 0;  // provider learning at the end of last week's referrals [0 to 1]
  double strength_ = 1;       // the power learning raises effect multipliers to this week
  bool running_ = false;  // open last week (it still has clients to hand back)
  double clients_ = 0;
};

}  // namespace revolve::revolving_door

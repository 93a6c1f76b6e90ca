// My Team Around Me (docs/model/design.md, 'MTAM'): a lead coordinator and one plan across services for the
// people with the deepest need. Coverage grows by programme year (mtam.coverage_year1..3, times the
// level); its staff come through the system's recruitment; clients are chosen from the priority
// groups first, then by most evictions, recalls and crises. For its clients, as the team matures,
// treatment is easier to enter (fewer hand-offs, the dual-diagnosis barrier eased), crises are shorter
// and end in treatment more often, and tenancies and licences are lost less.
#include <algorithm>
#include <cmath>

#include "models/revolving_door/costs.hpp"
#include "models/revolving_door/interventions/coordinated_service.hpp"

namespace revolve::revolving_door {
namespace {

class Mtam final : public CoordinatedService {
 public:
  explicit Mtam(std::shared_ptr<const ModelSetup> setup)
      : CoordinatedService(std::move(setup), "mtam", Support::mtam, Service::mtam) {}

  std::vector<std::string> after() const override { return {"housing_first"}; }

  void declare(abm::Run& run) override {
    CoordinatedService::declare(run);
    Signals& s = run.signals();
    coverage_target_ = s.write("system.mtam coverage target", Phase::advance_clock);
    for (std::size_t i = 0; i < effect_names.size(); ++i) {
      effects_[i] = s.write(std::string("effect.mtam.") + effect_names[i], Phase::advance_clock);
    }
  }

  void visit_people(const ReferralWeek& week) override {
    const auto candidate = [&](const PeopleView& v, abm::PersonId p) { return Mtam::is_candidate(v, p); };
    visit_each(week, [&](abm::PersonId p) { visit(week, p, candidate); });
  }

  void week_costs(const abm::Run& run, const GroupWeeks& week, std::array<double, group_count>& cost) const override {
    const MtamParameters& m = parameters().mtam;
    const auto share = shares(week, tally::support + code(Support::mtam));
    for (std::size_t g = 0; g < group_count; ++g) {
      cost[g] = staff(run) * m.coordinator_cost * share[g] + week[g].events[code(Event::mtam_referral)] * m.team_cost_per_client;
    }
  }

 private:
  /// The effects on hazards it publishes for its clients (read by the people kernel).
  static constexpr std::array<const char*, 6> effect_names = {"treatment_entry", "dual_diagnosis", "crisis_to_treatment",
                                                              "crisis_end",      "tenancy_loss",   "breach"};
  Signal coverage_target_;
  std::array<Signal, effect_names.size()> effects_;
  double coverage_target_now_ = 0;

  void publish(abm::Run& run, double level, double running, double maturity) override {
    const Parameters& P = parameters();
    const MtamParameters& m = P.mtam;
    const double coverage = running < 1.0 ? m.coverage_year1 : running < 2.0 ? m.coverage_year2 : m.coverage_year3;
    coverage_target_now_ = coverage * level;
    Signals& s = run.signals();
    s.set(coverage_target_, coverage_target_now_);
    const std::array<double, effect_names.size()> effects = {
        mature_effect(learned(m.treatment_entry_multiplier), maturity),
        std::pow(P.modifier.dual_diagnosis_on_treatment_entry, 1.0 - m.dual_diagnosis_relief * maturity),
        P.mental_health.crisis_to_treatment + (m.crisis_to_treatment - P.mental_health.crisis_to_treatment) * maturity,
        1.0 / mature_effect(learned(m.crisis_duration_multiplier), maturity),
        mature_effect(learned(m.tenancy_loss_multiplier), maturity),
        mature_effect(learned(m.breach_multiplier), maturity),
    };
    for (std::size_t i = 0; i < effects.size(); ++i) s.set(effects_[i], effects[i]);
  }

  bool is_candidate(const PeopleView& v, abm::PersonId p) const override {
    const Support s = v.support[p];
    return !v.in_prison(p) && (s == Support::none || s == Support::usual || s == Support::navigator);
  }

  double capacity(const abm::Run& run) const override {
    return std::min(coverage_target_now_, staff(run) * parameters().mtam.caseload);
  }

  // Priority groups first, then the most evictions, recalls and crises; ties by id.
  bool before(const PeopleView& v, abm::PersonId a, abm::PersonId b) const override {
    const bool ga = v.group[a] != Group::wider, gb = v.group[b] != Group::wider;
    if (ga != gb) return ga;
    const double ha = v.evictions[a] + v.recalls[a] + v.crises[a], hb = v.evictions[b] + v.recalls[b] + v.crises[b];
    return ha > hb || (ha == hb && a < b);
  }

  void offer(const ReferralWeek& week, abm::PersonId p) override {
    week.counts.add(events()(Event::mtam_referral, week.people.group.code(p)));
    take_on(week, p);
  }
};

}  // namespace

std::unique_ptr<Intervention> make_mtam(std::shared_ptr<const ModelSetup> setup) {
  return std::make_unique<Mtam>(std::move(setup));
}

}  // namespace revolve::revolving_door

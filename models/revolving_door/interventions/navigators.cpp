// A&E navigators (docs/model/design.md, 'Navigators for high-impact A&E users'): workers on fixed-term contracts
// who meet people who attend A&E often (navigator.referral_threshold attendances in the past year) and offer
// support; some engage. Referrals open after navigator.setup_time; each time the workers' contracts run out some of
// them leave. For their clients, as the team matures, A&E attendance falls (navigator.ae_multiplier).
#include <algorithm>
#include <cmath>

#include "models/revolving_door/costs.hpp"
#include "models/revolving_door/interventions/coordinated_service.hpp"
#include "sim/core/vector_clones.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

/// Marks with 1 the rows of [0, n) whose week the navigators' visit may change, 0 the rest: alive, and a client,
/// or with a refusal to forget (A&E use below the referral threshold), or a candidate (Navigators::is_candidate).
/// A test that must stay true of everyone the visit can change; a loop with no branch over columns that cannot
/// overlap (restrict), which the compiler vectorises, built for AVX2 too.
REVOLVE_AVX2_CLONES
void mark_navigator_reach(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict support,
                          const std::uint8_t* __restrict justice, const std::uint8_t* __restrict mental,
                          const std::uint8_t* __restrict declined, const double* __restrict ae_past_year,
                          double threshold, std::uint8_t* __restrict marks) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t s = support[i];
    const bool refused = declined[i] != 0;
    const bool forget = refused & (ae_past_year[i] < threshold);
    const bool candidate = ((s == code(Support::none)) | (s == code(Support::usual))) &
                           !in_prison(static_cast<Justice>(justice[i])) & (mental[i] != code(Mental::inpatient)) &
                           !refused & (ae_past_year[i] >= threshold);
    marks[i] = (alive[i] != 0) & ((s == code(Support::navigator)) | forget | candidate);
  }
}

class Navigators final : public CoordinatedService {
 public:
  explicit Navigators(std::shared_ptr<const ModelSetup> setup)
      : CoordinatedService(std::move(setup), "navigators", Support::navigator, Service::navigator) {}

  std::vector<std::string> after() const override { return {"mtam"}; }

  void declare(abm::Run& run) override {
    CoordinatedService::declare(run);
    Signals& s = run.signals();
    posts_ = s.write("system.navigator posts", Phase::advance_clock);
    staff_loss_ = s.write("system.staff loss[navigator]", Phase::advance_clock);
    ae_effect_ = s.write("effect.navigator.ae", Phase::advance_clock);
  }

  void init(abm::Run& run) override {
    CoordinatedService::init(run);
    engage_ = run.stream("navigator.engage");
  }

  void week_costs(const abm::Run& run, const GroupWeeks& week, std::array<double, group_count>& cost) const override {
    const auto share = shares(week, tally::support + code(Support::navigator));
    for (std::size_t g = 0; g < group_count; ++g) cost[g] = staff(run) * parameters().navigator.worker_cost * share[g];
  }

 private:
  Signal posts_, staff_loss_, ae_effect_;
  random::Stream engage_;
  bool referrals_open_ = false;     // set-up done
  std::int64_t contract_round_ = 0;  // fixed-term contracts completed so far

  void publish(abm::Run& run, double level, double running, double maturity) override {
    const NavigatorParameters& n = parameters().navigator;
    const double weeks = running * weeks_per_year;
    referrals_open_ = level > 0.0 && weeks >= n.setup_time;
    // Each time the workers' fixed-term contracts run out, some of them leave.
    const auto round = static_cast<std::int64_t>(std::floor(weeks / n.worker_contract));
    Signals& s = run.signals();
    s.set(staff_loss_, level > 0.0 && round > contract_round_ ? n.contract_end_leaving : 0.0);
    contract_round_ = level > 0.0 ? round : 0;
    s.set(posts_, n.staff * level);
    s.set(ae_effect_, mature_effect(learned(n.ae_multiplier), maturity));
  }

  /// A refusal is forgotten once A&E use falls below the threshold; then the visit of every coordinated service.
  void visit_people(const ReferralWeek& week) override {
    const PeopleView& v = week.people;
    const double threshold = parameters().navigator.referral_threshold;
    const auto candidate = [&](const PeopleView& w, abm::PersonId p) { return Navigators::is_candidate(w, p); };
    const auto mark = [&](abm::PersonId first, abm::PersonId n, std::uint8_t* marks) {
      mark_navigator_reach(n, v.alive + first, v.support.codes_from(first), v.justice.codes_from(first),
                           v.mental_health.codes_from(first), v.navigator_declined + first, v.ae_past_year + first,
                           threshold, marks);
    };
    visit_marked(week, mark, [&](abm::PersonId p) {
      if (v.navigator_declined[p] && v.ae_past_year[p] < threshold) v.navigator_declined[p] = 0;
      visit(week, p, candidate);
    });
  }

  bool is_candidate(const PeopleView& v, abm::PersonId p) const override {
    const Support s = v.support[p];
    return (s == Support::none || s == Support::usual) && !v.in_prison(p) && v.mental_health[p] != Mental::inpatient &&
           !v.navigator_declined[p] && v.ae_past_year[p] >= parameters().navigator.referral_threshold;
  }

  double capacity(const abm::Run& run) const override {
    return referrals_open_ ? staff(run) * parameters().navigator.caseload : 0.0;
  }

  bool before(const PeopleView& v, abm::PersonId a, abm::PersonId b) const override {
    return v.ae_past_year[a] > v.ae_past_year[b] || (v.ae_past_year[a] == v.ae_past_year[b] && a < b);
  }

  void offer(const ReferralWeek& week, abm::PersonId p) override {
    week.counts.add(events()(Event::navigator_referral, week.people.group.code(p)));
    const double u = engage_.uniform(week.run_number, week.people.id[p], week.step);
    if (!(u < parameters().navigator.engagement_probability)) {
      week.people.navigator_declined[p] = 1;  // the referral closes
      return;
    }
    take_on(week, p);
  }
};

}  // namespace

std::unique_ptr<Intervention> make_navigators(std::shared_ptr<const ModelSetup> setup) {
  return std::make_unique<Navigators>(std::move(setup));
}

}  // namespace revolve::revolving_door

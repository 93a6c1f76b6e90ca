#pragma once
// The competing hazards [per week] of each domain for a person's start-of-week state (docs/model/design.md,
// 'Hazards'), and bounds of them over everyone who shares a few states. The people kernel decides each person's
// week from the hazards, and skips those decisions for anyone whose draws all clear their bounds: a quiet week, the
// same result without the branches (most people, most weeks, have no event).
//
// A bound is the hazards' own functions evaluated over a grid of start states and taken at the largest: every
// hazard is a product of non-negative factors, summed over competing risks, and floating-point products and sums
// are monotone in each factor, so no person can exceed it. Engagement enters through PowerTable effects x^e, convex
// in e, at most one in each term, so each sum is convex too and its largest over e in [0, 1] is at e = 0 or e = 1.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "models/revolving_door/kernel_week.hpp"
#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "sim/random/split.hpp"

namespace revolve::revolving_door {

/// The service whose worker a person with this support has (usual for none).
inline Service service_of(Support support) {
  switch (support) {
    case Support::navigator:
      return Service::navigator;
    case Support::mtam:
      return Service::mtam;
    case Support::housing_first:
      return Service::housing_first;
    default:
      return Service::usual;
  }
}

/// The sum of competing hazards [per week], added in order as abm::choose_destination adds them.
template <std::size_t N>
double total_hazard(const std::array<double, N>& hazards) {
  double sum = 0.0;
  for (double h : hazards) sum += h;
  return sum;
}

/// A person's states at the start of the week, which every hazard reads.
struct Start {
  Housing housing;
  Justice justice;
  Mental mental;
  Substance substance;
  Support support;
  Group group;
  bool rough, homeless, problematic, high_need, mtam;
  bool long_term;   ///< in the chronically homeless group or homeless for HazardRates::long_term_spell or more
  bool first_year;  ///< in the first year of the current housing state
  double engagement;
  PowerTable::At engagement_at;  ///< where engagement falls in the tables of its effects (EngagementEffects)

  /// Person p's states alone, with long_term, first_year and engagement left for with_history. QuietBounds reads
  /// first_year too (Rows::weeks_in_housing), and takes the other two at their largest.
  static Start states_of(const PeopleView& v, abm::PersonId p);
  /// Adds to states_of what the hazards read beyond the states (the person's history this week and engagement).
  void with_history(const PeopleView& v, abm::PersonId p, const HazardRates& r);
  /// Whether weeks_in_housing [weeks] is within the first year of a housing state (first_year); QuietBounds'
  /// vectorised mark compares the same way.
  static bool in_first_year(double weeks_in_housing) { return weeks_in_housing < weeks_per_year; }
  /// A start state from its domains' states and attributes, as states_of and with_history derive its flags.
  static Start from(Housing housing, Justice justice, Mental mental, Substance substance, Support support, Group group,
                    Need need, bool long_term, bool first_year, double engagement);
};

/// The hazards of the week [per week], each domain's competing risks in the order its decision reads them (zeros
/// where a state has fewer).
class Hazards {
 public:
  Hazards(const Parameters& P, const EngagementEffects& effects, const HazardRates& r)
      : P_(P), effects_(effects), r_(r) {}

  /// Mean A&E attendances this week.
  double ae_mean(const Start& s) const;
  /// Arrest, and (on licence) recall for a breach.
  std::array<double, 2> justice(const Start& s) const;
  /// By mental state: stable {onset}; unwell {treatment, remission, crisis}; treatment {crisis, recovery, dropout};
  /// crisis {its end}; inpatient: none (discharge is scheduled).
  std::array<double, 3> mental(const Start& s) const;
  /// By housing: rough sleeping {hostel, supported, tenancy}; temporary {street, supported, tenancy}; supported
  /// {tenancy, loss}; settled and Housing First {loss}.
  std::array<double, 3> housing(const Start& s) const;
  /// By substance use: none {onset}; problematic {treatment, remission}; treatment {completion, dropout}.
  std::array<double, 2> substance(const Start& s) const;
  /// By support (the person's now, which losing a Housing First tenancy this week changes; engagement at the
  /// start of the week): none {usual support starts}; usual {it ends}; a coordinator {the episode ends}; Housing
  /// First: none.
  double support(Support support, double engagement) const;
  /// The chance a worker of the person's service leaves this week (none without support).
  double worker_change(const Start& s) const;

 private:
  const Parameters& P_;
  const EngagementEffects& effects_;
  const HazardRates& r_;

  double tenancy_loss_factor(const Start& s) const;
  double crisis_factor(const Start& s) const;
  double dual_diagnosis(bool need, bool mtam) const;
  double treatment_entry(double base, const Start& s, bool dual_need) const;
};

/// n rounded up to a multiple of 32: the length of a table of QuietBounds::Bits.
constexpr std::size_t padded_to_32(std::size_t n) { return (n + 31) / 32 * 32; }

/// The decisions every person draws every week, each one draw of random::split, in the order of their halves in a
/// call's words: justice and mental health in word 0, housing and substance use in word 1, support and the worker's
/// change in word 2, A&E in word 3.
enum WeekDraw : unsigned { justice_draw, mental_draw, housing_draw, substance_draw, support_draw, worker_draw, ae_draw };
inline constexpr unsigned week_draws = ae_draw + 1;
static_assert(week_draws <= random::split::draws);

/// A draw at or above a domain's bound means no event in that domain this week (for A&E: at or below, none).
class QuietBounds {
 public:
  QuietBounds(const Parameters& P, const EngagementEffects& effects, const HazardRates& r);

  /// Whether a person starting the week as `s` has no event, given their draws of the week (in WeekDraw's order).
  bool quiet(const Start& s, double justice, double mental, double housing, double substance, double support,
             double worker, double ae) const {
    return ae_quiet(s, ae) & justice_quiet(s, justice) & mental_quiet(s, mental) & housing_quiet(s, housing) &
           substance_quiet(s, substance) & support_quiet(s, support, worker);
  }

  /// The state columns of a stretch of rows and the high halves of their week's draws (random::split: the words of
  /// each person's first call, a column a word, WeekDraw), each from its first row (mark_busy).
  struct Rows {
    const std::uint8_t *alive, *housing, *justice, *mental, *substance, *support, *group, *need;
    const double* weeks_in_housing;  // [weeks] for the first year in a home (Start::first_year)
    std::array<const std::uint32_t*, 4> high;
  };
  /// Marks with 1 the people of rows [0, n) who are alive and may not be quiet, with 0 the rest: quiet() for many
  /// rows at a time, with no branch. Where the processor has AVX-512 (random::may_use), sixteen rows at a time with
  /// the tables held in registers; the rest in a loop the compiler vectorises (its table look-ups become gathers).
  /// Each draw is taken at the end of its range that is least quiet, random::split::lowest of its high half (A&E's
  /// highest), and tested in integers against random::draw_bits of the bounds: a person left unmarked is quiet
  /// whatever their low halves, and a marked one may still be found quiet by the domains' own tests.
  void mark_busy(std::size_t n, const Rows& rows, std::uint8_t* __restrict marks) const;

  // Each domain alone: a draw clear of its bound means no event in that domain, whatever the others do. Support's
  // bound is kept by the start-of-week support, so it holds only while the person's support is unchanged.
  // (Keys are unsigned and tables read through data(): look-ups the compiler can vectorise in mark_busy.)
  bool ae_quiet(const Start& s, double u) const { return u <= ae_none_.data()[ae_key(s)]; }
  bool justice_quiet(const Start& s, double u) const { return u >= justice_.data()[justice_key(s)]; }
  bool mental_quiet(const Start& s, double u) const { return u >= mental_.data()[mental_key(s)]; }
  bool housing_quiet(const Start& s, double u) const { return u >= housing_.data()[housing_key(s)]; }
  bool substance_quiet(const Start& s, double u) const { return u >= substance_.data()[substance_key(s)]; }
  bool support_quiet(const Start& s, double u, double u_worker) const {
    return (u >= support_.data()[support_key(s)]) & (u_worker >= worker_.data()[support_key(s)]);
  }

 private:
  // What each domain's bound is kept by: the states its hazards read most, the rest taken at their largest.
  static unsigned ae_key(const Start& s) {
    const bool navigator = s.support == Support::navigator;
    return code(s.mental) * 8u + s.homeless * 4u + s.problematic * 2u + navigator;
  }
  static unsigned justice_key(const Start& s) {
    return (s.justice == Justice::licence) * 16u + s.rough * 8u + s.problematic * 4u + s.high_need * 2u +
           (s.group == Group::young_mec_justice);
  }
  static unsigned mental_key(const Start& s) {
    return code(s.mental) * 16u + s.rough * 8u + s.problematic * 4u + s.high_need * 2u + s.mtam;
  }
  // Housing's also by the first year in a home and support (none, MTAM or another): a settled tenancy's loss is
  // far likelier in its first year, and likelier still with no support there.
  static unsigned housing_key(const Start& s) {
    const unsigned support = s.support == Support::none ? 0u : s.mtam ? 1u : 2u;
    return code(s.housing) * 24u + s.first_year * 12u + support * 4u + s.problematic * 2u + s.high_need;
  }
  static unsigned substance_key(const Start& s) {
    return code(s.substance) * 8u + s.rough * 4u + s.high_need * 2u + s.mtam;
  }
  static unsigned support_key(const Start& s) { return code(s.support); }

  // Categories of each state, for the tables' sizes; a category added to an enum must be added here.
  static constexpr std::size_t mental_states = code(Mental::inpatient) + 1;
  static constexpr std::size_t housing_states = code(Housing::housing_first) + 1;
  static constexpr std::size_t substance_states = code(Substance::treatment) + 1;
  static constexpr std::size_t support_states = code(Support::housing_first) + 1;
  std::array<double, mental_states * 8> ae_none_{};  // a draw at or below it means no attendance: 1 - largest mean
  std::array<double, 2 * 16> justice_{};
  std::array<double, mental_states * 16> mental_{};
  std::array<double, housing_states * 24> housing_{};
  std::array<double, substance_states * 8> substance_{};
  std::array<double, support_states> support_{}, worker_{};

 public:
  /// The same bounds as random::draw_bits, for mark_busy, each table padded with zeros to a multiple of 32 entries:
  /// the AVX-512 loop looks them up 32 at a time in registers (two of 16 lanes).
  struct Bits {
    std::array<std::uint32_t, padded_to_32(mental_states * 8)> ae_none{};
    std::array<std::uint32_t, padded_to_32(2 * 16)> justice{};
    std::array<std::uint32_t, padded_to_32(mental_states * 16)> mental{};
    std::array<std::uint32_t, padded_to_32(housing_states * 24)> housing{};
    std::array<std::uint32_t, padded_to_32(substance_states * 8)> substance{};
    std::array<std::uint32_t, padded_to_32(support_states)> support{}, worker{};
  };

 private:
  Bits bits_;
  /// mark_busy for rows [first, n) in a loop the compiler vectorises (the SSE2 and AVX2 builds).
  void mark_busy_from(std::size_t first, std::size_t n, const Rows& rows, std::uint8_t* __restrict marks) const;
};

// Inline: the kernel calls these for every person who is not quiet, every week.

inline Start Start::from(Housing housing, Justice justice, Mental mental, Substance substance, Support support,
                         Group group, Need need, bool long_term, bool first_year, double engagement) {
  Start s{.housing = housing, .justice = justice, .mental = mental, .substance = substance, .support = support,
          .group = group};
  s.homeless = !in_prison(justice) && revolving_door::homeless(housing);
  s.rough = s.homeless && housing == Housing::rough_sleeping;
  s.problematic = substance == Substance::problematic;
  s.high_need = need == Need::high;
  s.mtam = support == Support::mtam;
  s.long_term = group == Group::chronic_homeless || long_term;
  s.first_year = first_year;
  s.engagement = engagement;
  s.engagement_at = PowerTable::at(engagement);
  return s;
}

inline Start Start::states_of(const PeopleView& v, abm::PersonId p) {
  return from(v.housing[p], v.justice[p], v.mental_health[p], v.substance[p], v.support[p], v.group[p], v.need[p],
              false, false, 0.0);
}

inline void Start::with_history(const PeopleView& v, abm::PersonId p, const HazardRates& r) {
  long_term = group == Group::chronic_homeless || v.weeks_homeless[p] >= r.long_term_spell;
  first_year = in_first_year(v.weeks_in_housing[p]);
  engagement = v.engagement[p];
  engagement_at = PowerTable::at(engagement);
}

inline double Hazards::ae_mean(const Start& s) const {
  const ModifierParameters& m = P_.modifier;
  const bool unwell = s.mental == Mental::unwell || s.mental == Mental::treatment;
  return P_.events.ae_base * (s.homeless ? m.homeless_on_ae : 1.0) *
         (s.problematic ? m.problematic_substance_on_ae : 1.0) * (unwell ? m.mh_unwell_on_ae : 1.0) *
         effects_.ae(s.engagement_at) * (s.support == Support::navigator ? r_.navigator.ae : 1.0);
}

inline std::array<double, 2> Hazards::justice(const Start& s) const {
  const JusticeParameters& J = P_.justice;
  const ModifierParameters& m = P_.modifier;
  const double arrest = J.arrest_rate * (s.rough ? m.rough_sleeping_on_arrest : 1.0) *
                        (s.problematic ? m.problematic_substance_on_arrest : 1.0) * (s.high_need ? m.high_need : 1.0) *
                        (s.group == Group::young_mec_justice ? m.young_mec_on_arrest : 1.0);
  if (s.justice != Justice::licence) return {arrest, 0.0};
  return {arrest, J.recall_breach_rate * (s.rough ? m.rough_sleeping_on_breach : 1.0) *
                      effects_.breach(s.engagement_at) * (s.mtam ? r_.mtam.breach : 1.0)};
}

inline double Hazards::crisis_factor(const Start& s) const {
  const ModifierParameters& m = P_.modifier;
  return (s.rough ? m.rough_sleeping_on_crisis : 1.0) * (s.problematic ? m.problematic_substance_on_crisis : 1.0) *
         (s.high_need ? m.high_need : 1.0) * effects_.crisis(s.engagement_at);
}

inline double Hazards::dual_diagnosis(bool need, bool mtam) const {
  return need ? (mtam ? r_.mtam.dual_diagnosis : P_.modifier.dual_diagnosis_on_treatment_entry) : 1.0;
}

inline double Hazards::treatment_entry(double base, const Start& s, bool dual_need) const {
  return base * dual_diagnosis(dual_need, s.mtam) * effects_.treatment_entry(s.engagement_at) *
         (s.mtam ? r_.mtam.treatment_entry : 1.0);
}

inline std::array<double, 3> Hazards::mental(const Start& s) const {
  const MentalHealthParameters& M = P_.mental_health;
  switch (s.mental) {
    case Mental::stable:
      return {M.onset * (s.rough ? P_.modifier.rough_sleeping_on_mh_onset : 1.0), 0.0, 0.0};
    case Mental::unwell:
      return {treatment_entry(M.treatment_entry, s, s.problematic), M.remission_untreated,
              M.crisis_from_unwell * crisis_factor(s)};
    case Mental::treatment:
      return {M.crisis_from_treatment * crisis_factor(s), M.recovery,
              M.treatment_dropout * effects_.dropout(s.engagement_at)};
    case Mental::crisis:
      return {r_.crisis_end * (s.mtam ? r_.mtam.crisis_end : 1.0), 0.0, 0.0};
    case Mental::inpatient:
      break;
  }
  return {0.0, 0.0, 0.0};
}

inline double Hazards::tenancy_loss_factor(const Start& s) const {
  const ModifierParameters& m = P_.modifier;
  return (s.problematic ? m.problematic_substance_on_tenancy_loss : 1.0) * (s.high_need ? m.high_need : 1.0) *
         effects_.tenancy_loss(s.engagement_at) * (s.mtam ? r_.mtam.tenancy_loss : 1.0);
}

inline std::array<double, 3> Hazards::housing(const Start& s) const {
  const HousingParameters& H = P_.housing;
  const ModifierParameters& m = P_.modifier;
  switch (s.housing) {
    case Housing::rough_sleeping:
      return r_.rough_exit[rough_exit_class(s.high_need, s.long_term)];
    case Housing::temporary:
      return {H.temporary_to_rough * tenancy_loss_factor(s), r_.temporary_to_supported, H.temporary_to_settled};
    case Housing::supported:
      return {H.supported_to_settled, H.supported_loss * tenancy_loss_factor(s), 0.0};
    case Housing::settled: {
      const double base = s.first_year ? H.tenancy_loss_first_year : H.tenancy_loss_established;
      const double unsupported = s.first_year && s.support == Support::none ? m.no_support_on_tenancy_loss : 1.0;
      return {base * tenancy_loss_factor(s) * unsupported, 0.0, 0.0};
    }
    case Housing::housing_first:  // no high-need modifier, as design.md section 5 (its sustainment is calibrated)
      return {P_.housing_first.tenancy_loss * (s.problematic ? m.problematic_substance_on_tenancy_loss : 1.0) *
                  effects_.tenancy_loss(s.engagement_at) * (s.mtam ? r_.mtam.tenancy_loss : 1.0),
              0.0, 0.0};
  }
  return {0.0, 0.0, 0.0};
}

inline std::array<double, 2> Hazards::substance(const Start& s) const {
  const SubstanceParameters& S = P_.substance;
  switch (s.substance) {
    case Substance::none:
      return {S.onset * (s.rough ? P_.modifier.rough_sleeping_on_substance_onset : 1.0) *
                  (s.high_need ? P_.modifier.high_need : 1.0),
              0.0};
    case Substance::problematic: {
      const bool mental_need = s.mental == Mental::unwell || s.mental == Mental::crisis;
      return {treatment_entry(S.treatment_entry, s, mental_need), S.remission_untreated};
    }
    case Substance::treatment:
      return {S.completion, S.treatment_dropout * effects_.dropout(s.engagement_at)};
  }
  return {0.0, 0.0};
}

inline double Hazards::support(Support support, double engagement) const {
  switch (support) {
    case Support::none:
      return r_.usual_start;
    case Support::usual:
      return P_.support.usual_end * effects_.disengagement(engagement);
    case Support::navigator:
    case Support::mtam:
      return P_.support.coordinator_episode_end;
    case Support::housing_first:
      break;
  }
  return 0.0;
}

inline double Hazards::worker_change(const Start& s) const {
  return s.support == Support::none ? 0.0 : r_.leaver[code(service_of(s.support))];
}

}  // namespace revolve::revolving_door

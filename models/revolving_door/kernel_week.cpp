#include "models/revolving_door/kernel_week.hpp"

#include <cmath>
#include <string>

namespace revolve::revolving_door {

KernelSignals KernelSignals::declare(Signals& s) {
  const Phase at = Phase::transitions;
  KernelSignals in;
  in.capacity_factor_usual = s.read("system.capacity factor usual", at);
  for (std::size_t k = 0; k < service_count; ++k) {
    const std::string service = service_names[k];
    in.leaver_fraction[k] = s.read("system.leaver fraction[" + service + "]", at);
    in.caseload_ratio[k] = s.read("system.caseload ratio[" + service + "]", at);
    in.ceiling[k] = s.read("support.ceiling[" + service + "]", at);
  }
  const std::array<const char*, 6> mtam = {"treatment_entry", "dual_diagnosis", "crisis_to_treatment",
                                           "crisis_end",      "tenancy_loss",   "breach"};
  for (std::size_t i = 0; i < mtam.size(); ++i) in.mtam[i] = s.read(std::string("effect.mtam.") + mtam[i], at);
  in.navigator_ae = s.read("effect.navigator.ae", at);
  return in;
}

WeekRates week_rates(const Parameters& P, const Signals& signals, const KernelSignals& in) {
  WeekRates r;
  const double usual = signals.value(in.capacity_factor_usual);
  r.usual_start = P.support.usual_start * usual;
  const HousingParameters& H = P.housing;
  for (const bool high_need : {false, true}) {
    for (const bool long_term : {false, true}) {
      const double slower = (high_need ? H.rough_exit_high_need : 1.0) * (long_term ? H.rough_exit_long_term : 1.0);
      r.rough_exit[rough_exit_class(high_need, long_term)] = {H.rough_to_temporary * usual * slower,
                                                              H.rough_to_supported * usual * slower,
                                                              H.rough_to_settled * slower};
    }
  }
  r.long_term_spell = H.long_term_spell;
  r.temporary_to_supported = H.temporary_to_supported * usual;
  const EngagementParameters& e = P.engagement;
  for (std::size_t s = 0; s < service_count; ++s) {
    const double overload =
        1.0 + (P.workforce.overload_build_time_multiplier - 1.0) * std::max(0.0, signals.value(in.caseload_ratio[s]) - 1.0);
    r.build[s][code(Sex::male)] = -std::expm1(-1.0 / (e.build_time * overload));
    r.build[s][code(Sex::female)] = -std::expm1(-1.0 / (e.build_time * e.women_build_time_multiplier * overload));
  }
  for (std::size_t s = 0; s < service_count; ++s) {
    r.ceiling[s] = signals.value(in.ceiling[s]);
    r.leaver[s] = signals.value(in.leaver_fraction[s]);
  }
  r.decay = std::exp(-1.0 / e.decay_time);
  r.ae_memory = std::exp(-1.0 / past_year_weeks);
  r.crisis_end = 1.0 / P.mental_health.crisis_duration;
  const auto mtam = [&](std::size_t i) { return signals.value(in.mtam[i]); };
  r.mtam = {.treatment_entry = mtam(0), .dual_diagnosis = mtam(1), .crisis_to_treatment = mtam(2),
            .crisis_end = mtam(3), .tenancy_loss = mtam(4), .breach = mtam(5), .ae = 1.0};
  r.navigator.ae = signals.value(in.navigator_ae);
  return r;
}

}  // namespace revolve::revolving_door

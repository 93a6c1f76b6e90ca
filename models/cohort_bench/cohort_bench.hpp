#pragma once
// cohort_bench: the reference benchmark model of ../shared/bench/cohort_bench.md, a synthetic
// cohort with housing, justice and mental-health states. Its numbers are made up: they measure
// engine speed and check the engine against an exact answer, and are never evidence.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/abm/run.hpp"

namespace revolve::cohort_bench {

enum class Housing : std::uint8_t { rough, temporary, supported, settled };
enum class Justice : std::uint8_t { community, custody, licence };
enum class Mental : std::uint8_t { stable, crisis, inpatient };

inline constexpr std::size_t housing_count = 4, justice_count = 3, mental_count = 3;

/// The numbers of the spec. Hazards are [per week] and one step is one week.
struct Parameters {
  std::array<double, housing_count> initial_housing{0.30, 0.30, 0.20, 0.20};
  std::array<double, justice_count> initial_justice{0.80, 0.10, 0.10};
  std::array<double, mental_count> initial_mental{0.80, 0.15, 0.05};

  double death = 0.0002;  ///< x death_if_rough if rough, x death_if_crisis if in crisis
  double death_if_rough = 3.0;
  double death_if_crisis = 2.0;

  double custody = 0.004;  ///< community -> custody, x custody_if_rough if rough
  double custody_if_rough = 2.0;
  double release = 1.0 / 12.0;       ///< custody -> licence
  double end_of_licence = 1.0 / 26.0;  ///< licence -> community
  double recall = 0.01;  ///< licence -> custody, x recall_if_rough, x recall_if_crisis
  double recall_if_rough = 3.0;
  double recall_if_crisis = 1.5;

  /// housing[from][to]: housing moves when not in custody and not an inpatient.
  std::array<std::array<double, housing_count>, housing_count> housing{{
      {0.0, 0.05, 0.01, 0.0},     // rough -> temporary, supported
      {0.02, 0.0, 0.03, 0.01},    // temporary -> rough, supported, settled
      {0.005, 0.0, 0.0, 0.02},    // supported -> rough, settled
      {0.002, 0.003, 0.0, 0.0},   // settled -> rough, temporary
  }};
  double housing_if_crisis = 3.0;  ///< multiplies the hazards towards rough or temporary in crisis

  double crisis = 0.01;  ///< stable -> crisis, x crisis_if_rough if rough
  double crisis_if_rough = 2.0;
  double recovery = 0.2;    ///< crisis -> stable
  double admission = 0.05;  ///< crisis -> inpatient
  double discharge = 0.25;  ///< inpatient -> stable

  double rough_after_release = 0.15;  ///< probability that a person released this step sleeps rough

  double ae = 0.02;  ///< mean A&E attendances per week, x ae_if_rough, x ae_if_crisis; 0 in custody or inpatient
  double ae_if_rough = 3.0;
  double ae_if_crisis = 5.0;
};

/// One person's categories; the 36 joint states are numbered housing-major (index()).
struct PersonState {
  std::uint8_t housing = 0, justice = 0, mental = 0;

  static constexpr std::size_t count = housing_count * justice_count * mental_count;
  std::size_t index() const { return (housing * justice_count + justice) * mental_count + mental; }
  static PersonState from_index(std::size_t i) {
    return {static_cast<std::uint8_t>(i / (justice_count * mental_count)),
            static_cast<std::uint8_t>(i / mental_count % justice_count), static_cast<std::uint8_t>(i % mental_count)};
  }
  bool is(Housing h) const { return housing == static_cast<std::uint8_t>(h); }
  bool is(Justice j) const { return justice == static_cast<std::uint8_t>(j); }
  bool is(Mental m) const { return mental == static_cast<std::uint8_t>(m); }
};

/// The outputs, in this order: alive people per state at the end of the step, then the events of
/// the step (deaths; recalls and releases of people who survive it; A&E attendances).
std::vector<std::string> output_names();

/// Adds the model to a run: the cohort of `agents` people and the analyzers that record the outputs.
void add_cohort_bench(abm::Run& run, std::size_t agents, const Parameters& parameters = {});

}  // namespace revolve::cohort_bench

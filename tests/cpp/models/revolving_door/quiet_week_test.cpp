// The people kernel's quiet-week path (hazards.hpp): a person whose draws all clear QuietBounds has no event in
// any domain, so skipping the hazards' branches for them changes no result.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/revolving_door/hazards.hpp"
#include "sim/abm/run.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;
using namespace revolve::revolving_door;

namespace {

/// A week's rates with every intervention effect set, some above 1 and some below, as signals could make them.
WeekRates rates_with_effects(double effect) {
  WeekRates r;
  r.usual_start = 0.02;
  for (std::size_t c = 0; c < r.rough_exit.size(); ++c) r.rough_exit[c] = {0.04 / (c + 1.0), 0.02, 0.01};
  r.long_term_spell = 26;
  r.temporary_to_supported = 0.03;
  r.leaver = {0.01, 0.02, 0.005, 0.03};
  r.crisis_end = 0.5;
  r.mtam = {.treatment_entry = effect, .dual_diagnosis = 1.0 / effect, .crisis_to_treatment = 0.3,
            .crisis_end = effect, .tenancy_loss = 1.0 / effect, .breach = effect, .ae = 1.0};
  r.navigator.ae = 1.0 / effect;
  return r;
}

/// Every start state a person can have, at several engagements.
template <class Fn>
void for_each_start(Fn&& fn) {
  for (std::uint8_t h = 0; h < 5; ++h) {
    for (std::uint8_t j = 0; j < 5; ++j) {
      for (std::uint8_t m = 0; m < 5; ++m) {
        for (std::uint8_t sub = 0; sub < 3; ++sub) {
          for (std::uint8_t sup = 0; sup < 5; ++sup) {
            for (std::uint8_t g = 0; g < 4; ++g) {
              for (std::uint8_t need = 0; need < 2; ++need) {
                for (const bool long_term : {false, true}) {
                  for (const bool first_year : {false, true}) {
                    for (const double e : {0.0, 0.1, 0.37, 0.5, 0.93, 1.0}) {
                      fn(Start::from(Housing{h}, Justice{j}, Mental{m}, Substance{sub}, Support{sup}, Group{g},
                                     Need{need}, long_term, first_year, e));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

template <class Hazards>
double total(const Hazards& hazards) {
  double sum = 0.0;
  for (double h : hazards) sum += h;
  return sum;
}

/// Checks that no start state is quiet with one domain's draw just inside its hazard (an event could happen) and
/// every other draw clear. Returns how many such (state, domain) cases it checked.
std::size_t check_bounds(const ModelSetup& setup, const WeekRates& r) {
  const Hazards hazards(setup.parameters, setup.effects, r);
  const QuietBounds bounds(setup.parameters, setup.effects, r);
  std::size_t checked = 0;
  for_each_start([&](const Start& s) {
    // Draws of A&E, justice, mental health, housing, substance use, support and worker change.
    const std::array<double, 7> hazard = {hazards.ae_mean(s),          total(hazards.justice(s)),
                                          total(hazards.mental(s)),    total(hazards.housing(s)),
                                          total(hazards.substance(s)), hazards.support(s.support, s.engagement),
                                          hazards.worker_change(s)};
    for (std::size_t k = 0; k < hazard.size(); ++k) {
      if (hazard[k] <= 0.0) continue;
      std::array<double, 7> u = {0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};  // no event anywhere
      const double inside = hazard[k] * (1.0 - 1e-9);
      u[k] = k == 0 ? 1.0 - inside : inside;  // A&E: an attendance takes a draw above 1 - mean
      const bool quiet = bounds.quiet(s, u[0], u[1], u[2], u[3], u[4], u[5], u[6]);
      if (quiet) {
        INFO("domain " << k << ", housing " << int(code(s.housing)) << ", justice " << int(code(s.justice))
                       << ", mental " << int(code(s.mental)) << ", substance " << int(code(s.substance))
                       << ", support " << int(code(s.support)) << ", group " << int(code(s.group)) << ", engagement "
                       << s.engagement << ", hazard " << hazard[k]);
        CHECK_FALSE(quiet);
      }
      ++checked;
    }
  });
  return checked;
}

std::shared_ptr<const ModelSetup> setup_for(const io::Scenario& scenario) {
  return revolving_door::setup_of(*test::revolving_door().prepare(scenario));
}

abm::Outputs run_model(std::shared_ptr<const ModelSetup> setup, std::uint32_t steps, std::uint32_t run_number) {
  abm::Run run({11, run_number});
  for (auto& m : revolving_door_modules(std::move(setup))) run.add(std::move(m));
  run.run(steps);
  return std::move(run.outputs());
}

}  // namespace

TEST_CASE("no one is quiet whose draw could bring an event, in any start state, for the model's parameters") {
  const auto setup = setup_for(test::ScenarioBuilder(0.1, 1).scenario());
  for (const double effect : {0.5, 1.0, 1.8}) {
    INFO("intervention effects " << effect);
    CHECK(check_bounds(*setup, rates_with_effects(effect)) > 100000);
  }
}

TEST_CASE("no one is quiet whose draw could bring an event, with modifiers below 1 and effects turned around") {
  const auto setup = setup_for(test::ScenarioBuilder(0.1, 1)
                                   .set("modifier.rough_sleeping_on_arrest", 0.7)
                                   .set("modifier.high_need", 0.8)
                                   .set("engagement.effect_on_crisis", 1.5)
                                   .set("engagement.effect_on_treatment_entry", 0.5)
                                   .set("engagement.effect_on_tenancy_loss", 1.4)
                                   .scenario());
  CHECK(check_bounds(*setup, rates_with_effects(0.6)) > 100000);
}

TEST_CASE("the quiet-week path changes no result: every output of every week, with every intervention on") {
  const io::Scenario scenario = test::ScenarioBuilder(0.3, 3)
                                    .with("housing_first")
                                    .with("mtam", 1.0, 0.5, 1.0)
                                    .with("navigators")
                                    .with("release_accommodation")
                                    .with("contracts")
                                    .scenario();
  const auto quiet = setup_for(scenario);
  auto full = std::make_shared<ModelSetup>(*quiet);
  full->quiet_weeks = false;
  const std::uint32_t steps = quiet->steps;
  for (const std::uint32_t run_number : {0U, 1U}) {
    const abm::Outputs with = run_model(quiet, steps, run_number), without = run_model(full, steps, run_number);
    REQUIRE(with.rows() == without.rows());
    REQUIRE(with.values().size() == without.values().size());
    std::size_t differ = 0;
    for (std::size_t k = 0; k < with.values().size(); ++k) differ += with.values()[k] != without.values()[k];
    CHECK(differ == 0);
  }
}

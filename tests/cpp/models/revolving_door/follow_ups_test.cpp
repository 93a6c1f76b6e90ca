// What the recorder follows person by person for evaluations (models/revolving_door/follow_ups.hpp): releases for
// 52 weeks by housing at release, and people housed in every one of the last 26 weeks of each year.
#include <catch2/catch.hpp>

#include "models/revolving_door/categories.hpp"
#include "models/revolving_door/tallies.hpp"
#include "sim/ensemble/ensemble.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;
using revolving_door::release_housing_names;

namespace {

double followed(const test::Ensemble& e, std::size_t year, const std::string& prefix) {
  double sum = 0;
  for (const auto& h : release_housing_names) sum += e.year(year, prefix + h);
  return sum;
}

}  // namespace

TEST_CASE("releases are followed for 52 weeks and counted once, by housing in the week of release") {
  const test::Ensemble base(test::ScenarioBuilder(0.2, 4).scenario(), 3);
  // A release is counted when its 52 weeks end, or sooner at the person's next release: only those can end in
  // year 1, and every one of them went back to prison.
  CHECK(followed(base, 1, "releases_followed_52w.") == followed(base, 1, "releases_returned_52w."));
  double releases = 0, counted = 0;
  for (std::size_t year = 1; year <= 3; ++year) releases += base.year(year, "events.release");
  for (std::size_t year = 2; year <= 4; ++year) counted += followed(base, year, "releases_followed_52w.");
  // Roughly a year later; fewer, as some die or move away in their year.
  CHECK(counted < 1.05 * releases);
  CHECK(counted > 0.75 * releases);
  for (const auto& h : release_housing_names) {
    INFO(h);
    CHECK(base.total("releases_returned_52w." + h) <= base.total("releases_followed_52w." + h));
  }
  CHECK(base.total("releases_followed_52w.rough_sleeping") > 0);
  CHECK(base.total("releases_followed_52w.transitional") == 0);  // no accommodation on release in the baseline
  const test::Ensemble given(test::ScenarioBuilder(0.2, 4).with("release_accommodation").scenario(), 3);
  CHECK(given.total("releases_followed_52w.transitional") > 0);
}

TEST_CASE("housed all of the last 26 weeks is counted in the last week of each year, of the people present") {
  const auto prepared = test::revolving_door().prepare(test::ScenarioBuilder(0.2, 3).scenario());
  ensemble::EnsembleOptions options;
  options.steps = prepared->steps();
  options.seed = 3;
  const abm::Outputs out = ensemble::run_one([&](abm::Run& run) { prepared->build(run); }, options, 0);
  const auto present = out.find("year_end.present_last_26_weeks");
  const auto housed = out.find("year_end.housed_all_last_26_weeks");
  const auto alive = out.find("people.alive");
  const auto housed_now = out.find("people.housed");
  for (std::size_t row = 0; row < out.rows(); ++row) {
    const std::size_t step = row + 1;
    INFO("step " << step);
    if (step == 52 || step == 104 || step == 157) {  // the steps yearly_periods ends years with
      CHECK(out.at(row, present) > 0.8 * out.at(row, alive));
      CHECK(out.at(row, present) <= out.at(row, alive));
      CHECK(out.at(row, housed) <= out.at(row, housed_now));
      CHECK(out.at(row, housed) > 0.5 * out.at(row, housed_now));
    } else {
      CHECK(out.at(row, present) == 0);
      CHECK(out.at(row, housed) == 0);
    }
  }
}

TEST_CASE("entry cohorts: each person once, from the week they join, with at most 52 weeks in the states counted") {
  const test::Ensemble base(test::ScenarioBuilder(0.3, 3).scenario(), 3);
  const test::Ensemble mtam(test::ScenarioBuilder(0.3, 3).with("mtam").scenario(), 3);
  CHECK(base.total("entry_cohort_52w.mtam.people") == 0);  // no MTAM in the baseline
  CHECK(base.total("entry_cohort_52w.housing_first.people") > 0);
  CHECK(mtam.total("entry_cohort_52w.mtam.people") > 0);
  // No one's 52 weeks have ended before week 52; those who were on the list from week 1 end in week 52.
  const auto prepared = test::revolving_door().prepare(test::ScenarioBuilder(0.3, 1.2).scenario());
  ensemble::EnsembleOptions options;
  options.steps = prepared->steps();
  const abm::Outputs out = ensemble::run_one([&](abm::Run& run) { prepared->build(run); }, options, 0);
  const auto counted = out.find("entry_cohort_52w.housing_first.people");
  for (std::size_t row = 0; row < 51; ++row) CHECK(out.at(row, counted) == 0);
  CHECK(out.at(51, counted) > 0);
  for (const auto& cohort : revolving_door::entry_cohort_names) {
    INFO(cohort);
    const std::string prefix = "entry_cohort_52w." + cohort + ".";
    const double people = mtam.total(prefix + "people");
    const double weeks = mtam.total(prefix + "weeks_rough_sleeping") + mtam.total(prefix + "weeks_housed") +
                         mtam.total(prefix + "weeks_in_prison");
    // Every week of the 52 is sleeping rough, in a hostel, housed or in prison: the three are all but hostel weeks.
    CHECK(weeks <= 52 * people);
    if (people > 0) CHECK(weeks > 20 * people);
  }
}

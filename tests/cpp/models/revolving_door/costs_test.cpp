// Costs (docs/model/design.md section 10): the payer split, rent and who pays it, and the costs by housing state
// and at entry to the cohort, which must add up to the totals every week.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/revolving_door/costs.hpp"
#include "models/revolving_door/model.hpp"
#include "tests/cpp/models/revolving_door/support.hpp"

using namespace revolve;
using revolving_door::Payer;
using test::ScenarioBuilder;

namespace {

abm::Outputs one_run(const io::Scenario& scenario) {
  const auto prepared = test::revolving_door().prepare(scenario);
  abm::Run run({5, 0});
  prepared->build(run);
  run.run(prepared->steps());
  return std::move(run.outputs());
}

double at(const abm::Outputs& out, std::size_t row, const std::string& column) { return out.at(row, out.find(column)); }

double payer(const revolving_door::PayerCosts& c, Payer p) { return c[static_cast<std::size_t>(p)]; }

revolving_door::CostParameters unit_costs() {
  const auto prepared = test::revolving_door().prepare(ScenarioBuilder(0.1, 1).scenario());
  return revolving_door::setup_of(*prepared)->parameters.cost;
}

}  // namespace

TEST_CASE("costs: rent is paid by the DWP, the tenant and the council in their shares, for tenancies and supported "
          "accommodation only") {
  const revolving_door::CostParameters c = unit_costs();
  revolving_door::GroupWeek week;
  const auto housing = [&](revolving_door::Housing h) -> double& {
    return week.people[revolving_door::tally::housing + revolving_door::code(h)];
  };
  housing(revolving_door::Housing::housing_first) = 10;
  const auto hf = revolving_door::service_costs(c, week);
  const double rent = 10 * c.rent_housing_first;
  CHECK(payer(hf, Payer::dwp) == Approx(rent * (1 - c.rent_tenant_share - c.rent_council_share)));
  CHECK(payer(hf, Payer::tenants) == Approx(rent * c.rent_tenant_share));
  CHECK(payer(hf, Payer::la_housing) == Approx(rent * c.rent_council_share));
  CHECK(payer(hf, Payer::la_homelessness) == 0);  // Housing First support is the intervention's own cost
  housing(revolving_door::Housing::housing_first) = 0;
  housing(revolving_door::Housing::temporary) = 10;
  const auto hostel = revolving_door::service_costs(c, week);
  CHECK(payer(hostel, Payer::dwp) == 0);  // no tenancy: the council's placement cost only
  CHECK(payer(hostel, Payer::la_homelessness) == Approx(10 * c.la_homelessness_temporary_accommodation));
  CHECK(payer(hostel, Payer::la_housing) == 0);
}

TEST_CASE("costs: homelessness services apart from council housing, drug and alcohol treatment apart from social "
          "care") {
  const revolving_door::CostParameters c = unit_costs();
  revolving_door::GroupWeek week;
  week.people[revolving_door::tally::housing + revolving_door::code(revolving_door::Housing::rough_sleeping)] = 4;
  week.people[revolving_door::tally::substance + revolving_door::code(revolving_door::Substance::treatment)] = 3;
  week.events[revolving_door::code(revolving_door::Event::eviction)] = 2;
  const auto cost = revolving_door::service_costs(c, week);
  CHECK(payer(cost, Payer::la_homelessness) == Approx(4 * c.la_homelessness_outreach));
  CHECK(payer(cost, Payer::la_housing) == Approx(2 * c.la_housing_homelessness_casework));
  CHECK(payer(cost, Payer::la_public_health) == Approx(3 * c.la_public_health_substance_treatment));
  CHECK(payer(cost, Payer::la_social_care) == 0);
}

TEST_CASE("costs by housing state add up to each payer's cost every week, and those at entry are part of them") {
  const auto out = one_run(ScenarioBuilder(0.15, 3).with("housing_first").with("mtam").with("release_accommodation")
                               .with("contracts").scenario());
  const auto& places = revolving_door::place_names();
  std::vector<std::string> payers = revolving_door::payer_names;
  payers.emplace_back("total");
  double entry_weeks_year1 = 0, alive_year1 = 0, entry_weeks_year3 = 0, alive_year3 = 0;
  for (std::size_t r = 0; r < out.rows(); ++r) {
    for (const auto& p : payers) {
      double by_place = 0, at_entry = 0;
      for (const auto& place : places) {
        by_place += at(out, r, "cost_by_housing." + place + "." + p);
        at_entry += at(out, r, "cost_at_entry." + place + "." + p);
      }
      INFO("week " << r + 1 << ", payer " << p);
      CHECK(by_place == Approx(at(out, r, "cost." + p)).epsilon(1e-9).margin(1e-6));
      CHECK(at_entry <= by_place * (1 + 1e-9) + 1e-6);
    }
    double weeks = 0, entry_weeks = 0;
    for (const auto& place : places) {
      weeks += at(out, r, "person_weeks_by_housing." + place);
      entry_weeks += at(out, r, "person_weeks_at_entry." + place);
    }
    CHECK(weeks == at(out, r, "people.alive"));
    (r < 52 ? entry_weeks_year1 : entry_weeks_year3) += r < 52 || r >= 104 ? entry_weeks : 0;
    (r < 52 ? alive_year1 : alive_year3) += r < 52 || r >= 104 ? weeks : 0;
  }
  CHECK(entry_weeks_year1 == alive_year1);             // in year 1 everyone is in their first year
  CHECK(entry_weeks_year3 < 0.2 * alive_year3);        // by year 3, only the year's arrivals
  CHECK(entry_weeks_year3 > 0);
}

TEST_CASE("costs by housing state: prison weeks cost the prisons, Housing First weeks carry support and rent") {
  const auto out = one_run(ScenarioBuilder(0.15, 2).with("housing_first").scenario());
  double prison = 0, prison_justice = 0, hf = 0, hf_rent = 0, hf_support = 0;
  for (std::size_t r = 0; r < out.rows(); ++r) {
    prison += at(out, r, "cost_by_housing.prison.total");
    prison_justice += at(out, r, "cost_by_housing.prison.prisons_probation");
    hf += at(out, r, "cost_by_housing.housing_first.total");
    hf_rent += at(out, r, "cost_by_housing.housing_first.dwp");
    hf_support += at(out, r, "cost_by_housing.housing_first.la_homelessness");
  }
  CHECK(prison_justice > 0.8 * prison);
  CHECK(hf_rent > 0);
  CHECK(hf_support > hf_rent);  // support (about £11k a year) costs more than rent (about £5k)
  CHECK(hf_support + hf_rent < hf);
}

#include "models/revolving_door/system_feeds.hpp"

#include "models/revolving_door/workload.hpp"
#include "sim/abm/alive.hpp"
#include "sim/core/vector_clones.hpp"

namespace revolve::revolving_door {
namespace {

/// The people alive in the places, on the waiting lists and with the services the system counts.
struct PlaceCounts {
  std::uint32_t temporary = 0, supported = 0, tenancies = 0;
  std::uint32_t waiting_temporary = 0, waiting_supported = 0, waiting_housing_first = 0;
  std::uint32_t usual = 0, mtam = 0, navigator = 0;
};

/// Whole people counted in integers over every row of [0, n), the dead counted as 0: a loop with no branch over
/// columns that cannot overlap (restrict), which the compiler vectorises, and builds for AVX2 too.
REVOLVE_AVX2_CLONES
PlaceCounts count_places(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict housing,
                         const std::uint8_t* __restrict justice, const std::int32_t* __restrict transition_end,
                         const std::uint8_t* __restrict waiting, const std::uint8_t* __restrict support) {
  std::uint32_t temporary = 0, supported = 0, tenancies = 0;
  std::uint32_t waiting_temporary = 0, waiting_supported = 0, waiting_housing_first = 0;
  std::uint32_t usual = 0, mtam = 0, navigator = 0;
  for (std::size_t p = 0; p < n; ++p) {
    const std::uint32_t living = alive[p] != 0;
    const auto h = static_cast<Housing>(housing[p]);
    const auto w = static_cast<WaitingFor>(waiting[p]);
    const auto s = static_cast<Support>(support[p]);
    temporary += living & (h == Housing::temporary) & !in_prison(static_cast<Justice>(justice[p]));
    supported += living & (h == Housing::supported) & (transition_end[p] == abm::no_event);  // held in prison
    tenancies += living & (h == Housing::housing_first);
    waiting_temporary += living & (w == WaitingFor::temporary);
    waiting_supported += living & (w == WaitingFor::supported);
    waiting_housing_first += living & (w == WaitingFor::housing_first);
    usual += living & (s == Support::usual);
    mtam += living & (s == Support::mtam);
    navigator += living & (s == Support::navigator);
  }
  return {temporary, supported, tenancies, waiting_temporary, waiting_supported, waiting_housing_first,
          usual,     mtam,      navigator};
}

}  // namespace

void SystemFeeds::declare(abm::Run& run) {
  Signals& s = run.signals();
  const Phase at = Phase::people_to_system;
  temporary_ = s.write("system.temporary occupancy", at);
  supported_ = s.write("system.supported occupancy", at);
  tenancies_ = s.write("system.housing first tenancies", at);
  waiting_temporary_ = s.write("system.waiting temporary", at);
  waiting_supported_ = s.write("system.waiting supported", at);
  waiting_housing_first_ = s.write("system.waiting housing first", at);
  for (std::size_t k = 0; k < service_count; ++k) clients_[k] = s.write("system.clients[" + service_names[k] + "]", at);
}

void SystemFeeds::init(abm::Run& run) {
  PeopleModule::init(run);
  feed(run);  // the starting cohort's occupancy, so week 1 sees the right free places
}

void SystemFeeds::feed(abm::Run& run) {
  const PeopleView v = PeopleView::of(run.population(), columns_);
  const std::uint32_t step = run.clock().step();
  const double new_client_workload = setup_->parameters.housing_first.new_client_workload;
  const PlaceCounts n = count_places(v.size, v.alive, v.housing.codes_from(0), v.justice.codes_from(0),
                                     v.ti_transition_end, v.waiting_for.codes_from(0), v.support.codes_from(0));
  // Only Housing First clients add a workload, summed in person order.
  double housing_first_clients = 0;  // [workload of a settled client]
  const auto client = [&](std::size_t p) { return (v.alive[p] != 0) & (v.support[p] == Support::housing_first); };
  abm::for_each_where(0, static_cast<abm::PersonId>(v.size), client, [&](abm::PersonId p) {
    housing_first_clients += housing_first_workload(v, p, step, new_client_workload);
  });
  const auto count = [](std::uint32_t n) { return static_cast<double>(n); };
  std::array<double, service_count> clients{};
  clients[code(Service::usual)] = count(n.usual);
  clients[code(Service::mtam)] = count(n.mtam);
  clients[code(Service::navigator)] = count(n.navigator);
  clients[code(Service::housing_first)] = housing_first_clients;
  Signals& s = run.signals();
  s.set(temporary_, count(n.temporary));
  s.set(supported_, count(n.supported));
  s.set(tenancies_, count(n.tenancies));
  s.set(waiting_temporary_, count(n.waiting_temporary));
  s.set(waiting_supported_, count(n.waiting_supported));
  s.set(waiting_housing_first_, count(n.waiting_housing_first));
  for (std::size_t k = 0; k < service_count; ++k) s.set(clients_[k], clients[k]);
}

}  // namespace revolve::revolving_door

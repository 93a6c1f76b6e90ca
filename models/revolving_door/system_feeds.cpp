#include "models/revolving_door/system_feeds.hpp"

#include "models/revolving_door/workload.hpp"
#include "sim/abm/alive.hpp"

namespace revolve::revolving_door {

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
  // Whole people are counted in integers over every row, the dead counted as 0: a loop with no branch and no
  // gathered ids, which the compiler vectorises. Only Housing First clients add a workload, summed in person order.
  std::uint32_t temporary = 0, supported = 0, tenancies = 0;
  std::uint32_t waiting_temporary = 0, waiting_supported = 0, waiting_housing_first = 0;
  std::uint32_t usual = 0, mtam = 0, navigator = 0;
  for (std::size_t p = 0; p < v.size; ++p) {
    const std::uint32_t alive = v.alive[p] != 0;
    const Housing h = v.housing[p];
    const WaitingFor w = v.waiting_for[p];
    const Support s = v.support[p];
    temporary += alive & (h == Housing::temporary) & !v.in_prison(p);
    supported += alive & (h == Housing::supported) & !v.in_transition(p);  // a place is held in prison
    tenancies += alive & (h == Housing::housing_first);
    waiting_temporary += alive & (w == WaitingFor::temporary);
    waiting_supported += alive & (w == WaitingFor::supported);
    waiting_housing_first += alive & (w == WaitingFor::housing_first);
    usual += alive & (s == Support::usual);
    mtam += alive & (s == Support::mtam);
    navigator += alive & (s == Support::navigator);
  }
  double housing_first_clients = 0;  // [workload of a settled client]
  const auto client = [&](std::size_t p) { return (v.alive[p] != 0) & (v.support[p] == Support::housing_first); };
  abm::for_each_where(0, static_cast<abm::PersonId>(v.size), client, [&](abm::PersonId p) {
    housing_first_clients += housing_first_workload(v, p, step, new_client_workload);
  });
  const auto count = [](std::uint32_t n) { return static_cast<double>(n); };
  std::array<double, service_count> clients{};
  clients[code(Service::usual)] = count(usual);
  clients[code(Service::mtam)] = count(mtam);
  clients[code(Service::navigator)] = count(navigator);
  clients[code(Service::housing_first)] = housing_first_clients;
  Signals& s = run.signals();
  s.set(temporary_, count(temporary));
  s.set(supported_, count(supported));
  s.set(tenancies_, count(tenancies));
  s.set(waiting_temporary_, count(waiting_temporary));
  s.set(waiting_supported_, count(waiting_supported));
  s.set(waiting_housing_first_, count(waiting_housing_first));
  for (std::size_t k = 0; k < service_count; ++k) s.set(clients_[k], clients[k]);
}

}  // namespace revolve::revolving_door

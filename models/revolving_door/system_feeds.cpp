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
  double temporary = 0, supported = 0, tenancies = 0;
  double waiting_temporary = 0, waiting_supported = 0, waiting_housing_first = 0;
  std::array<double, service_count> clients{};
  abm::for_each_alive(v.alive, 0, static_cast<abm::PersonId>(v.size), [&](abm::PersonId p) {
    const Housing h = v.housing[p];
    temporary += h == Housing::temporary && !v.in_prison(p);
    supported += h == Housing::supported && !v.in_transition(p);  // a place is held in prison
    tenancies += h == Housing::housing_first;
    waiting_temporary += v.waiting_for[p] == WaitingFor::temporary;
    waiting_supported += v.waiting_for[p] == WaitingFor::supported;
    waiting_housing_first += v.waiting_for[p] == WaitingFor::housing_first;
    switch (v.support[p]) {
      case Support::usual:
        clients[code(Service::usual)] += 1;
        break;
      case Support::mtam:
        clients[code(Service::mtam)] += 1;
        break;
      case Support::navigator:
        clients[code(Service::navigator)] += 1;
        break;
      case Support::housing_first:
        clients[code(Service::housing_first)] += housing_first_workload(v, p, step, new_client_workload);
        break;
      case Support::none:
        break;
    }
  });
  Signals& s = run.signals();
  s.set(temporary_, temporary);
  s.set(supported_, supported);
  s.set(tenancies_, tenancies);
  s.set(waiting_temporary_, waiting_temporary);
  s.set(waiting_supported_, waiting_supported);
  s.set(waiting_housing_first_, waiting_housing_first);
  for (std::size_t k = 0; k < service_count; ++k) s.set(clients_[k], clients[k]);
}

}  // namespace revolve::revolving_door

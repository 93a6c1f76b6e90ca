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
  // Whole people are counted in integers, branch-free; only Housing First clients add a workload (in person order).
  std::int64_t temporary = 0, supported = 0, tenancies = 0;
  std::array<std::int64_t, code(WaitingFor::housing_first) + 1> waiting{};  // by WaitingFor
  std::array<std::int64_t, code(Support::housing_first) + 1> by_support{};  // by Support
  double housing_first_clients = 0;          // [workload of a settled client]
  abm::for_each_alive(v.alive, 0, static_cast<abm::PersonId>(v.size), [&](abm::PersonId p) {
    const Housing h = v.housing[p];
    temporary += (h == Housing::temporary) & !v.in_prison(p);
    supported += (h == Housing::supported) & !v.in_transition(p);  // a place is held in prison
    tenancies += h == Housing::housing_first;
    waiting[v.waiting_for.code(p)] += 1;
    by_support[v.support.code(p)] += 1;
    if (v.support[p] == Support::housing_first) {
      housing_first_clients += housing_first_workload(v, p, step, new_client_workload);
    }
  });
  const auto count = [](std::int64_t n) { return static_cast<double>(n); };
  std::array<double, service_count> clients{};
  clients[code(Service::usual)] = count(by_support[code(Support::usual)]);
  clients[code(Service::mtam)] = count(by_support[code(Support::mtam)]);
  clients[code(Service::navigator)] = count(by_support[code(Support::navigator)]);
  clients[code(Service::housing_first)] = housing_first_clients;
  Signals& s = run.signals();
  s.set(temporary_, count(temporary));
  s.set(supported_, count(supported));
  s.set(tenancies_, count(tenancies));
  s.set(waiting_temporary_, count(waiting[code(WaitingFor::temporary)]));
  s.set(waiting_supported_, count(waiting[code(WaitingFor::supported)]));
  s.set(waiting_housing_first_, count(waiting[code(WaitingFor::housing_first)]));
  for (std::size_t k = 0; k < service_count; ++k) s.set(clients_[k], clients[k]);
}

}  // namespace revolve::revolving_door

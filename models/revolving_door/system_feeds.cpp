#include "models/revolving_door/system_feeds.hpp"

#include "models/revolving_door/lanes16.hpp"
#include "models/revolving_door/workload.hpp"
#include "sim/abm/alive.hpp"
#include "sim/core/vector_clones.hpp"
#include "sim/random/stream.hpp"

namespace revolve::revolving_door {
namespace {

/// Whole people counted in integers over the rows of [first, n), the dead counted as 0: a loop with no branch over
/// columns that cannot overlap (restrict), which the compiler vectorises, and builds for AVX2 too.
REVOLVE_AVX2_CLONES
PlaceCounts count_places_from(std::size_t first, std::size_t n, const std::uint8_t* __restrict alive,
                              const std::uint8_t* __restrict housing, const std::uint8_t* __restrict justice,
                              const std::int32_t* __restrict transition_end, const std::uint8_t* __restrict waiting,
                              const std::uint8_t* __restrict support) {
  std::uint32_t temporary = 0, supported = 0, tenancies = 0;
  std::uint32_t waiting_temporary = 0, waiting_supported = 0, waiting_housing_first = 0;
  std::uint32_t usual = 0, mtam = 0, navigator = 0;
  for (std::size_t p = first; p < n; ++p) {
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

#ifdef REVOLVE_LANES16
REVOLVE_LANES16_BEGIN
using namespace lanes16;

/// count_places_from(0, n, ...) for n a multiple of 16, sixteen rows at a time in AVX-512 lanes: each count is
/// kept by lane, one masked addition a count, and the lanes summed at the end (integers, so in any order). The
/// compiler's loop widens every byte compared to a 32-bit count. system_feeds_test.cpp counts random rows with it
/// and without it.
__attribute__((target("avx512f"))) PlaceCounts count_places_avx512(
    std::size_t n, const std::uint8_t* alive, const std::uint8_t* housing, const std::uint8_t* justice,
    const std::int32_t* transition_end, const std::uint8_t* waiting, const std::uint8_t* support) {
  const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi32(1);
  const __m512i no_event = _mm512_set1_epi32(abm::no_event);
  __m512i count[9] = {zero, zero, zero, zero, zero, zero, zero, zero, zero};  // by lane, in PlaceCounts' order
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 living = _mm512_cmpneq_epi32_mask(lanes(alive + i), zero);
    const __m512i h = lanes(housing + i), j = lanes(justice + i), w = lanes(waiting + i), s = lanes(support + i);
    const __mmask16 outside = ~in_prison(j);
    const __mmask16 not_in_transition = _mm512_cmpeq_epi32_mask(lanes32(transition_end + i), no_event);
    const __mmask16 counted[9] = {static_cast<__mmask16>(is(h, Housing::temporary) & outside),
                                  static_cast<__mmask16>(is(h, Housing::supported) & not_in_transition),
                                  is(h, Housing::housing_first),
                                  is(w, WaitingFor::temporary),
                                  is(w, WaitingFor::supported),
                                  is(w, WaitingFor::housing_first),
                                  is(s, Support::usual),
                                  is(s, Support::mtam),
                                  is(s, Support::navigator)};
    for (std::size_t k = 0; k < 9; ++k) count[k] = _mm512_mask_add_epi32(count[k], living & counted[k], count[k], one);
  }
  std::uint32_t total[9] = {};
  for (std::size_t k = 0; k < 9; ++k) {
    alignas(64) std::uint32_t by_lane[16];
    _mm512_store_si512(by_lane, count[k]);
    for (std::uint32_t c : by_lane) total[k] += c;
  }
  return {total[0], total[1], total[2], total[3], total[4], total[5], total[6], total[7], total[8]};
}
REVOLVE_LANES16_END
#endif

}  // namespace

PlaceCounts& PlaceCounts::operator+=(const PlaceCounts& o) {
  temporary += o.temporary, supported += o.supported, tenancies += o.tenancies;
  waiting_temporary += o.waiting_temporary, waiting_supported += o.waiting_supported;
  waiting_housing_first += o.waiting_housing_first, usual += o.usual, mtam += o.mtam, navigator += o.navigator;
  return *this;
}

PlaceCounts count_places(std::size_t n, const std::uint8_t* alive, const std::uint8_t* housing,
                         const std::uint8_t* justice, const std::int32_t* transition_end, const std::uint8_t* waiting,
                         const std::uint8_t* support) {
  PlaceCounts counts;
  std::size_t done = 0;
#ifdef REVOLVE_LANES16
  if (random::may_use(random::VectorWidth::avx512)) {
    done = n / 16 * 16;
    counts = count_places_avx512(done, alive, housing, justice, transition_end, waiting, support);
  }
#endif
  counts += count_places_from(done, n, alive, housing, justice, transition_end, waiting, support);
  return counts;
}

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

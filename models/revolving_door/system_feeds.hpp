#pragma once
// What the people tell the system each week (Phase::people_to_system, and once at init for the
// starting cohort): occupancy of capped accommodation and Housing First tenancies, the waiting lists,
// and the clients of each service (Housing First clients weighted by their first-year workload).
// Written as "system.<input>" signals, which the coupler copies into system.yaml's inputs.
#include <array>
#include <cstdint>
#include <memory>

#include "models/revolving_door/model_setup.hpp"
#include "models/revolving_door/people.hpp"
#include "models/revolving_door/people_module.hpp"
#include "sim/abm/run.hpp"

namespace revolve::revolving_door {

/// The people alive in the places, on the waiting lists and with the services the system counts.
struct PlaceCounts {
  std::uint32_t temporary = 0;  // in temporary accommodation, outside prison
  std::uint32_t supported = 0;  // in supported accommodation, in prison or not, but not in transition on release
  std::uint32_t tenancies = 0;  // Housing First tenancies
  std::uint32_t waiting_temporary = 0, waiting_supported = 0, waiting_housing_first = 0;
  std::uint32_t usual = 0, mtam = 0, navigator = 0;  // clients of each support service

  PlaceCounts& operator+=(const PlaceCounts& other);
  bool operator==(const PlaceCounts&) const = default;
};

/// The counts over rows [0, n) of the columns given, the dead counted as 0: sixteen rows at a time in AVX-512 lanes
/// where the processor has them (random::may_use), the rest in a loop the compiler vectorises.
PlaceCounts count_places(std::size_t n, const std::uint8_t* alive, const std::uint8_t* housing,
                         const std::uint8_t* justice, const std::int32_t* transition_end, const std::uint8_t* waiting,
                         const std::uint8_t* support);

class SystemFeeds : public PeopleModule {
 public:
  using PeopleModule::PeopleModule;

  std::string name() const override { return "system_feeds"; }
  std::vector<std::string> after() const override { return {"cohort"}; }  // the starting cohort exists at init
  PhaseSet phases() const override { return {Phase::people_to_system}; }
  void declare(abm::Run& run) override;
  void init(abm::Run& run) override;
  void step(Phase, abm::Run& run) override { feed(run); }

 private:
  Signal temporary_, supported_, tenancies_, waiting_temporary_, waiting_supported_, waiting_housing_first_;
  std::array<Signal, service_count> clients_;

  void feed(abm::Run& run);
};

}  // namespace revolve::revolving_door

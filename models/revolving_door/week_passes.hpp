#pragma once
// What a week does to everyone, after the people kernel has decided their events (people_kernel.cpp): two loops
// over every row of a stretch, the dead (alive 0) left as they were.
// Each computes every value for every row and then selects the new one or the old, with no branch, over columns that
// cannot overlap (restrict): loops the compiler vectorises, and builds for AVX2 too (sim/core/vector_clones.hpp).
// This file is built with -fno-trapping-math, without which GCC does not compute a product it may discard
// (CMakeLists.txt).
#include <cstddef>
#include <cstdint>

namespace revolve::revolving_door {

/// The length of pass_engagement's tables: sixteen, which AVX-512 looks up in two registers.
inline constexpr std::size_t engagement_table_size = 16;

/// Engagement outside prison: with no worker it decays; with one it closes a share of the gap to the ceiling of the
/// worker's service. `ceiling` and `build` are indexed by support code x 2 + sex code, engagement_table_size long.
/// Eight rows at a time in AVX-512 lanes where the processor has them (random::may_use), the same operations.
void pass_engagement(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict justice,
                     const std::uint8_t* __restrict support, const std::uint8_t* __restrict sex,
                     double* __restrict engagement, double* __restrict weeks_with_worker, const double* ceiling,
                     const double* build, double decay);

/// Age; outside prison, time in the housing state and in homelessness; this week's A&E attendances, and the past
/// year's, weighted by `memory` a week.
void pass_time(std::size_t n, const std::uint8_t* __restrict alive, const std::uint8_t* __restrict justice,
               const std::uint8_t* __restrict housing, const std::uint32_t* __restrict attendances,
               double* __restrict age, double* __restrict weeks_in_housing, double* __restrict weeks_homeless,
               double* __restrict ae_past_year, double* __restrict ae_this_week, double memory);

}  // namespace revolve::revolving_door

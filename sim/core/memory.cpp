#include "sim/core/memory.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace revolve {

void advise_huge_pages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;  // [bytes]
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t aligned_begin = (begin + huge_page - 1) & ~(huge_page - 1);
  const std::uintptr_t aligned_end = (begin + bytes) & ~(huge_page - 1);
  if (aligned_end <= aligned_begin) return;
#ifdef MADV_HUGEPAGE
  madvise(reinterpret_cast<void*>(aligned_begin), aligned_end - aligned_begin, MADV_HUGEPAGE);
#endif
}

}  // namespace revolve

#pragma once
// Memory hints for large buffers.
#include <cstddef>

namespace revolve {

/// Ask the kernel to back the 2 MiB-aligned part of [data, data + bytes) with huge pages, so
/// filling a large results buffer does not take a page fault every 4 KiB. A hint only: does
/// nothing where transparent huge pages are off, and never fails.
void advise_huge_pages(void* data, std::size_t bytes);

}  // namespace revolve

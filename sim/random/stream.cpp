#include "sim/random/stream.hpp"

namespace revolve::random {

void Stream::fill_grouped_uniforms(std::uint32_t run, std::uint32_t step, std::uint32_t first,
                                   std::span<double> out, std::uint32_t k) const {
  std::size_t i = 0;
  // Entities before the first whole group of four draw one at a time.
  for (; i < out.size() && (first + i) % 4 != 0; ++i) out[i] = grouped_uniform(run, first + i, step, k);
  const r123::Philox4x32 philox;
  for (; i + 4 <= out.size(); i += 4) {
    const auto group = static_cast<std::uint32_t>((first + i) / 4);
    const auto r = philox({{run, group, step, grouped_block + k}}, key_);
    out[i] = to_unit(r[0]);
    out[i + 1] = to_unit(r[1]);
    out[i + 2] = to_unit(r[2]);
    out[i + 3] = to_unit(r[3]);
  }
  for (; i < out.size(); ++i) out[i] = grouped_uniform(run, first + i, step, k);
}

}  // namespace revolve::random

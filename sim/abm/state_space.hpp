#pragma once
// The joint categories of several state columns, numbered 0 .. size() - 1 with the first column
// varying slowest (mixed radix). Rules precompute one table entry per joint category, and the
// hot loop finds the entry with a few multiply-adds.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace revolve::abm {

class StateSpace {
 public:
  StateSpace() = default;
  /// `sizes[i]` categories in dimension i.
  explicit StateSpace(std::vector<std::size_t> sizes) : sizes_(std::move(sizes)), strides_(sizes_.size()) {
    std::size_t stride = 1;
    for (std::size_t i = sizes_.size(); i-- > 0;) {
      strides_[i] = stride;
      stride *= sizes_[i];
    }
    size_ = stride;
  }

  std::size_t size() const { return size_; }
  std::size_t dimensions() const { return sizes_.size(); }
  std::size_t stride(std::size_t dimension) const { return strides_[dimension]; }

  std::size_t index(std::span<const std::uint8_t> categories) const {
    std::size_t i = 0;
    for (std::size_t d = 0; d < sizes_.size(); ++d) i += strides_[d] * categories[d];
    return i;
  }
  /// The categories of joint index i, one per dimension.
  std::vector<std::uint8_t> categories(std::size_t i) const {
    std::vector<std::uint8_t> out(sizes_.size());
    for (std::size_t d = 0; d < sizes_.size(); ++d) out[d] = static_cast<std::uint8_t>(i / strides_[d] % sizes_[d]);
    return out;
  }

 private:
  std::vector<std::size_t> sizes_;
  std::vector<std::size_t> strides_;
  std::size_t size_ = 1;
};

}  // namespace revolve::abm

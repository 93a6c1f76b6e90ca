#pragma once
// A list of unique names (counters, outputs) whose positions are their handles.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace revolve::abm {

class Names {
 public:
  /// `what` names the list in error messages ("counter", "output").
  explicit Names(std::string what) : what_(std::move(what)) {}

  /// Position of a new name; throws revolve::ModelError if it is taken or the list is frozen.
  std::uint32_t add(std::string name);
  /// Position of a name; throws revolve::ModelError listing the known names if it is absent.
  std::uint32_t find(std::string_view name) const;
  const std::string& operator[](std::uint32_t index) const { return names_[index]; }
  const std::vector<std::string>& all() const { return names_; }
  std::size_t size() const { return names_.size(); }
  void freeze() { frozen_ = true; }

 private:
  std::string what_;
  std::vector<std::string> names_;
  std::map<std::string, std::uint32_t, std::less<>> positions_;  // a model has thousands of outputs: no linear search
  bool frozen_ = false;
};

}  // namespace revolve::abm

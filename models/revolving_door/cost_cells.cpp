#include "models/revolving_door/cost_cells.hpp"

namespace revolve::revolving_door {

const std::vector<std::string>& place_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = housing_names;
    n.emplace_back("prison");
    return n;
  }();
  return names;
}

std::vector<std::string> cost_cell_names() {
  std::vector<std::string> names;
  for (std::size_t entry = 0; entry < entry_class_count; ++entry) {
    for (std::size_t place = 0; place < place_count; ++place) {
      names.push_back(place_names()[place] + (entry == 0 ? "" : ".entered_" + place_names()[entry - 1]));
    }
  }
  return names;
}

}  // namespace revolve::revolving_door

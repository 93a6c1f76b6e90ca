#include "sim/core/suggest.hpp"

#include <algorithm>

namespace revolve {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& known,
                                       std::size_t most) {
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& candidate : known) {
    const std::size_t d = edit_distance(name, candidate);
    const bool extends = !name.empty() && (std::string_view(candidate).starts_with(name) || name.starts_with(candidate));
    if (d <= limit || extends) scored.emplace_back(d, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < most; ++i) {
    if (std::find(out.begin(), out.end(), scored[i].second) == out.end()) out.push_back(scored[i].second);
  }
  return out;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& known) {
  return did_you_mean(closest_names(name, known));
}

std::string did_you_mean(const std::vector<std::string>& near) {
  if (near.empty()) return "";
  std::string text = " (did you mean ";
  for (std::size_t i = 0; i < near.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == near.size() ? " or " : ", ") + ("'" + near[i] + "'");
  }
  return text + "?)";
}

}  // namespace revolve

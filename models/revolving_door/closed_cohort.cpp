#include "models/revolving_door/closed_cohort.hpp"

#include <algorithm>

#include "models/revolving_door/categories.hpp"

namespace revolve::revolving_door {
namespace {

/// The columns in ChosenStates order, with their categories in code order.
const std::array<std::pair<const char*, std::vector<std::string>>, 6>& column_categories() {
  static const std::array<std::pair<const char*, std::vector<std::string>>, 6> columns = {{
      {"group", group_names},
      {"need", need_names},
      {"housing", housing_names},
      {"justice", {justice_names.begin(), justice_names.end() - 1}},  // not recalled (the last)
      {"mental_health", mental_names},
      {"substance", substance_names},
  }};
  return columns;
}

std::uint8_t pick(const std::vector<double>& cumulative, double u) {
  if (cumulative.empty()) return ChosenStates::not_chosen;
  for (std::size_t k = 0; k < cumulative.size(); ++k) {
    if (u < cumulative[k]) return static_cast<std::uint8_t>(k);
  }
  // u at the top of rounding: the last category with a share (never one with none)
  for (std::size_t k = cumulative.size(); k-- > 0;) {
    if (k == 0 || cumulative[k] > cumulative[k - 1]) return static_cast<std::uint8_t>(k);
  }
  return 0;
}

}  // namespace

std::map<std::string, std::vector<std::string>> ClosedCohort::columns() {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [name, categories] : column_categories()) out[name] = categories;
  return out;
}

ClosedCohort::ClosedCohort(const io::CohortSetting& setting) {
  for (std::size_t c = 0; c < column_count; ++c) {
    const auto& [name, categories] = column_categories()[c];
    const auto shares = setting.shares.find(name);
    if (shares == setting.shares.end()) continue;
    std::vector<double> share(categories.size(), 0.0);
    for (const auto& s : shares->second) {
      const auto at = std::find(categories.begin(), categories.end(), s.category) - categories.begin();
      share[static_cast<std::size_t>(at)] = s.share;
    }
    double sum = 0.0;
    for (double x : share) cumulative_[c].push_back(sum += x);
  }
}

ChosenStates ClosedCohort::draw(const random::Stream& stream, std::uint32_t run, std::uint32_t p) const {
  random::EntityUniforms u(stream, run, p, 0);
  return {pick(cumulative_[0], u(0)), pick(cumulative_[1], u(1)), pick(cumulative_[2], u(2)),
          pick(cumulative_[3], u(3)), pick(cumulative_[4], u(4)), pick(cumulative_[5], u(5))};
}

}  // namespace revolve::revolving_door

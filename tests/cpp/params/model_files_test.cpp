// Every model's parameters.yaml loads: the files in models/ are held to the same rules as any input.
#include <catch2/catch.hpp>
#include <filesystem>

#include "sim/params/parameter_file.hpp"

using namespace revolve::params;

TEST_CASE("every model's parameters file loads") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(REVOLVE_SOURCE_DIR "/models")) {
    const auto path = entry.path() / "parameters.yaml";
    if (!std::filesystem::exists(path)) continue;
    INFO(path.string());
    const auto set = load_parameter_file(path);
    CHECK(set.size() > 0);
    ++files;
  }
  CHECK(files >= 1);
}

TEST_CASE("the revolving-door model's parameters are sourced or stated as assumptions") {
  const auto set = load_parameter_file(REVOLVE_SOURCE_DIR "/models/revolving_door/parameters.yaml");
  CHECK(set.conventions().time_unit == TimeUnit::week);
  const auto counts = set.count_by_status();
  CHECK(counts[static_cast<int>(Status::sourced)] > 0);
  CHECK(counts[static_cast<int>(Status::assumption)] > 0);
  // Discounting follows the Green Book: 3.5% a year.
  CHECK(set.spec(set.id("economics.discount_rate")).value == 3.5);
}

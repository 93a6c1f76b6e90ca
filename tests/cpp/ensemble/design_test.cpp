// PSA designs: Latin hypercube and shifted Sobol points, and the draws made from them.
#include "sim/ensemble/design.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/core/error.hpp"
#include "sim/params/parameter_file.hpp"
#include "tests/cpp/ensemble/toy_scenario_model.hpp"

using namespace revolve;
using ensemble::DesignKind;

namespace {

/// For every dimension, how many points fall in each of the `slices` equal slices of (0, 1).
std::vector<std::vector<int>> slice_counts(const std::vector<double>& points, std::size_t dimensions, int slices) {
  std::vector<std::vector<int>> counts(dimensions, std::vector<int>(static_cast<std::size_t>(slices), 0));
  for (std::size_t i = 0; i < points.size(); ++i) {
    REQUIRE((points[i] > 0 && points[i] < 1));
    ++counts[i % dimensions][static_cast<std::size_t>(points[i] * slices)];
  }
  return counts;
}

bool one_in_each(const std::vector<std::vector<int>>& counts) {
  return std::all_of(counts.begin(), counts.end(), [](const auto& dimension) {
    return std::all_of(dimension.begin(), dimension.end(), [](int n) { return n == 1; });
  });
}

}  // namespace

TEST_CASE("a Latin hypercube puts one point in each slice of every dimension") {
  const auto points = ensemble::latin_hypercube(20, 7, 3);
  REQUIRE(points.size() == 140);
  CHECK(one_in_each(slice_counts(points, 7, 20)));
  CHECK(ensemble::latin_hypercube(20, 7, 3) == points);  // a pure function of its arguments
  CHECK(ensemble::latin_hypercube(20, 7, 4) != points);
}

TEST_CASE("a shifted Sobol sequence of 2^m points puts one in each slice of width 2^-m") {
  const auto points = ensemble::shifted_sobol(32, 5, 9);
  REQUIRE(points.size() == 160);
  CHECK(one_in_each(slice_counts(points, 5, 32)));
  CHECK(ensemble::shifted_sobol(32, 5, 9) == points);
  CHECK(ensemble::shifted_sobol(32, 5, 10) != points);
  // The shift moves the first point off the corner (0, ..., 0) of the plain sequence.
  CHECK(points[0] > 0.0001);
  CHECK_THROWS_WITH(ensemble::shifted_sobol(4, 4000, 1), Catch::Matchers::Contains("at most 3667 dimensions"));
}

TEST_CASE("a design draws every uncertain parameter at its quantiles, in its own unit") {
  const test::ToyModel model;
  const params::ParameterSet& set = *model.schema().parameters;
  for (const auto kind : {DesignKind::lhs, DesignKind::sobol}) {
    const ensemble::Design design(set, kind, 16, 5);
    REQUIRE(design.parameters().size() == 6);
    CHECK(design.parameters()[0].name == "toy.people");
    CHECK(design.parameters()[0].unit == "people");
    CHECK(design.parameters()[0].distribution == "uniform 1000 to 3000");
    const auto points = kind == DesignKind::lhs ? ensemble::latin_hypercube(16, 6, 5) : ensemble::shifted_sobol(16, 6, 5);
    for (std::uint32_t d = 0; d < 16; ++d) {
      // toy.housing_rate: uniform 0.03 to 0.07 per week.
      CHECK(design.value(d, 1) == Approx(0.03 + 0.04 * points[d * 6 + 1]));
    }
  }
}

TEST_CASE("a draw's overrides leave out what a scenario holds") {
  const test::ToyModel model;
  const ensemble::Design design(*model.schema().parameters, DesignKind::lhs, 4, 1);
  const auto all = design.overrides(2, {});
  REQUIRE(all.size() == 6);
  CHECK(all[1].name == "toy.housing_rate");
  CHECK(all[1].value == design.value(2, 1));
  CHECK(all[1].unit.empty());  // in the parameter's own unit
  CHECK(all[1].origin.file == "psa draw 2");
  const auto held = design.overrides(2, {"toy.housing_rate", "toy.people"});
  REQUIRE(held.size() == 4);
  CHECK(std::none_of(held.begin(), held.end(), [](const auto& o) { return o.name == "toy.housing_rate"; }));
}

TEST_CASE("design names parse") {
  CHECK(ensemble::parse_design_kind("lhs") == DesignKind::lhs);
  CHECK(ensemble::parse_design_kind("sobol") == DesignKind::sobol);
  CHECK_FALSE(ensemble::parse_design_kind("random"));
  CHECK(ensemble::to_string(DesignKind::sobol) == "sobol");
}

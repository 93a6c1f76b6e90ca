// The teacup model (sd-conformance/samples/teacup), built two ways, against its canonical outputs
// read from tests/data/sd-conformance.
#include <catch2/catch.hpp>

#include "sim/sd/model_file.hpp"
#include "tests/cpp/sd/support.hpp"
#include "tests/cpp/support/csv.hpp"

using namespace revolve;

namespace {

const std::string teacup_dir = std::string(REVOLVE_TEST_DATA_DIR) + "/sd-conformance/samples/teacup/";

sd::Model teacup_by_builder() {
  sd::Model m;
  m.name = "teacup";
  m.specs = {0.0, 30.0, 0.125, 0.0, sd::Method::euler};
  m.stock("Teacup Temperature", "180", {}, {"Heat Loss to Room"});
  m.flow("Heat Loss to Room", "(Teacup_Temperature - Room_Temperature) / Characteristic_Time");
  m.constant("Room Temperature", 70);
  m.constant("Characteristic Time", 10);
  return m;
}

/// Every saved time and column of `canonical` matches: within 1e-6 relative, or, where the file
/// prints fewer digits than that, within the rounding of its last printed digit.
void check_against(const sd::Results& r, const std::string& file, const std::vector<std::string>& columns,
                   double relative) {
  const auto table = test::read_table(teacup_dir + file);
  REQUIRE(table.rows.size() == r.rows());
  for (const std::string& name : columns) {
    const auto ours = r.column(name);
    const std::size_t col = table.column_by_canonical_name(name);
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const std::string& printed = table.rows[i][col];
      const double expected = std::stod(printed);
      const double tolerance = std::max(relative * std::abs(expected), test::printed_half_unit(printed) * (1 + 1e-9));
      INFO(file << " " << name << " at t = " << r.times[i] << ": " << ours[i] << " vs " << printed);
      CHECK(std::abs(ours[i] - expected) <= tolerance);
    }
  }
}

void check_teacup(const sd::Results& r) {
  const std::vector<std::string> all = {"Teacup Temperature", "Heat Loss to Room", "Room Temperature",
                                        "Characteristic Time"};
  // Stella 10.0.6 prints 12 significant figures: every column to 1e-6 (in fact we agree to 5e-12).
  check_against(r, "output_stella1006.csv", all, 1e-6);
  check_against(r, "output_stella1006.csv", all, 1e-10);
  // output.csv prints 6 significant figures of a single-precision run: at t = 30 it prints a flow
  // of 0.537402 beside a stock of 75.374, whose flow is (75.374 - 70) / 10 = 0.5374, so the file
  // disagrees with itself by up to 1.5e-5 relative. Against it we ask for that agreement.
  check_against(r, "output.csv", all, 1.5e-5);
}

}  // namespace

TEST_CASE("teacup built with the builder API matches Stella's output") {
  check_teacup(test::run_model(teacup_by_builder()));
}

TEST_CASE("teacup loaded from the model file matches Stella's output") {
  const auto model = sd::load_model_file(std::string(REVOLVE_SOURCE_DIR) + "/models/examples/teacup.yaml");
  check_teacup(test::run_model(model));
}

// x^e read from a table (models/revolving_door/power_table.hpp): within its stated error of pow, (ln x)^2 / 2^19
// relative, and clamped to [0, 1]; a person's place in the tables (PowerTable::at) is found once for all of them.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/revolving_door/power_table.hpp"

using revolve::revolving_door::PowerTable;

TEST_CASE("an engagement effect read from its table is within its stated bound of pow, and clamped to [0, 1]") {
  for (const double base : {0.4, 0.8, 1.0, 1.5, 2.0}) {
    const PowerTable table(base);
    const double bound = std::pow(std::log(base), 2) / (1 << 19);  // the linear interpolation's relative error
    for (int k = 0; k <= 1000; ++k) {
      const double e = k / 1000.0;
      INFO("base " << base << ", engagement " << e);
      CHECK(std::abs(table(e) / std::pow(base, e) - 1.0) <= bound + 1e-15);
    }
    CHECK(table(-0.5) == table(0.0));  // clamped
    CHECK(table(1.5) == table(1.0));
    CHECK(table(1.0) == Approx(base).epsilon(1e-15));
  }
  const PowerTable::At at = PowerTable::at(0.37);
  CHECK(at.interval == 94);  // 0.37 x 256 = 94.72
  CHECK(at.fraction == Approx(0.72));
}

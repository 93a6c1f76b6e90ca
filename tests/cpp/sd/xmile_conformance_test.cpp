// Every XMILE model in tests/data/sd-conformance (SDXorg test-models, MIT licence; .xmile files and Stella's
// .stmx, legacy ones included), run with its own specs, against the canonical output beside it: every column at
// every saved time, within 1e-4 relative (1e-6 absolute near zero). The files are read in place.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "sim/core/error.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/model_file.hpp"
#include "sim/sd/xmile.hpp"
#include "sim/sd/xmile_export.hpp"
#include "tests/cpp/sd/support.hpp"
#include "tests/cpp/support/csv.hpp"

using namespace revolve;
namespace fs = std::filesystem;

namespace {

const fs::path conformance_dir = fs::path(REVOLVE_TEST_DATA_DIR) / "sd-conformance";

/// Models whose XMILE file cannot reproduce its canonical output: the file itself is incomplete.
/// They must fail with an error that names the problem, never run with a different result.
const std::map<std::string, std::string> incomplete = {
    // Exported from Vensim without the macro's definition: "EXPRESSION MACRO" is never defined.
    {"tests/macro_expression/test_macro_expression.xmile", "unknown function 'EXPRESSION MACRO'"},
    // Vensim's listed constants became " ??? " in the export.
    {"tests/subscript_1d_arrays/test_subscript_1d_arrays.xmile", "syntax error: unexpected character '?'"},
    {"tests/subscripted_flows/test_subscripted_flows.xmile", "syntax error: unexpected character '?'"},
    {"tests/subscript_subranges/test_subscript_subrange.xmile", "syntax error: unexpected character '?'"},
    // The same files as Stella wrote them.
    {"tests/macro_expression/test_macro_expression.stmx", "unknown function 'EXPRESSION MACRO'"},
    {"tests/subscript_1d_arrays/test_subscript_1d_arrays.stmx", "syntax error: unexpected character '?'"},
    {"tests/subscripted_flows/test_subscripted_flows.stmx", "syntax error: unexpected character '?'"},
    {"tests/subscript_subranges/test_subscript_subrange.stmx", "syntax error: unexpected character '?'"},
    // "IF false_input not THEN": the export turned "not false_input" round.
    {"tests/logicals/test_logicals.stmx", "syntax error: expected THEN after the IF condition"},
};

/// Canonical columns of variables the XMILE file does not define (the Vensim original had them).
const std::map<std::string, std::set<std::string>> columns_not_in_file = {
    {"tests/smooth_and_stock/test_smooth_and_stock.xmile", {"Input", "Smoothed Input", "Smoothing Time"}},
    {"tests/smooth_and_stock/test_smooth_and_stock.stmx", {"Input", "Smoothed Input", "Smoothing Time"}},
};

/// The message as it reads after export, which writes names with spaces with underscores.
std::string with_underscores(std::string message) {
  bool quoted = false;
  for (char& c : message) {
    if (c == '\'') quoted = !quoted;
    if (quoted && c == ' ') c = '_';
  }
  return message;
}

fs::path canonical_output(const fs::path& model) {
  for (const char* name : {"output.csv", "output.tab"}) {
    if (fs::exists(model.parent_path() / name)) return model.parent_path() / name;
  }
  throw std::runtime_error("no canonical output beside " + model.string());
}

std::vector<fs::path> conformance_models() {
  std::vector<fs::path> models;
  for (const auto& entry : fs::recursive_directory_iterator(conformance_dir)) {
    const auto ext = entry.path().extension();
    if (ext == ".xmile" || ext == ".stmx") models.push_back(entry.path());
  }
  std::sort(models.begin(), models.end());
  return models;
}

std::string key(std::string name) {
  std::string k;
  for (char c : name) {
    if (c == '"') continue;
    if (c == ' ' || c == '_' || c == '\n') {
      if (!k.empty() && k.back() != '_') k += '_';
      continue;
    }
    k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // "x[a, b]" and "x[a,b]" name the same element.
  std::string out;
  for (std::size_t i = 0; i < k.size(); ++i) {
    if (k[i] == '_' && ((i + 1 < k.size() && (k[i + 1] == ',' || k[i + 1] == ']' || k[i + 1] == '[')) ||
                        (i > 0 && (k[i - 1] == ',' || k[i - 1] == '[')))) {
      continue;
    }
    out += k[i];
  }
  return out;
}

/// Columns Vensim writes for its time settings; models without such variables take them from specs.
std::optional<double> time_setting(const std::string& column_key, const sd::SimSpecs& specs) {
  if (column_key == "initial_time") return specs.start;
  if (column_key == "final_time") return specs.stop;
  if (column_key == "time_step") return specs.dt;
  if (column_key == "saveper") return specs.save_step > 0 ? specs.save_step : specs.dt;
  return std::nullopt;
}

/// Compares every canonical column at every canonical time. Returns the number of values checked.
/// "Near zero" is judged against the column's scale: several canonical outputs come from
/// single-precision runs, whose rounding error near zero is about 1e-7 of the column's size per
/// step (sd-conformance/tests/exp prints -2.52e-06 where the exact value is 0).
std::size_t compare(const sd::Results& ours, const sd::SimSpecs& specs, const test::Table& canonical,
                    const std::string& label) {
  std::map<std::string, std::size_t> our_columns;
  for (std::size_t c = 0; c < ours.columns(); ++c) our_columns[key(ours.names[c])] = c;
  const double half_step = 0.5 * (specs.save_step > 0 ? specs.save_step : specs.dt);
  std::size_t checked = 0;
  for (std::size_t col = 1; col < canonical.header.size(); ++col) {
    const std::string& name = canonical.header[col];
    const auto found = our_columns.find(key(name));
    const auto setting = time_setting(key(name), specs);
    INFO(label << ": column '" << name << "'");
    if (const auto missing = columns_not_in_file.find(label);
        found == our_columns.end() && missing != columns_not_in_file.end() && missing->second.count(name)) {
      continue;
    }
    REQUIRE((found != our_columns.end() || setting));
    double scale = 0.0;
    for (const auto& row : canonical.rows) {
      if (col < row.size() && !row[col].empty()) scale = std::max(scale, std::abs(std::stod(row[col])));
    }
    for (const auto& row : canonical.rows) {
      if (col >= row.size() || row[col].empty()) continue;  // Vensim leaves constants blank after row 1
      const double t = std::stod(row[0]);  // printed to 6 significant figures in some files
      const auto at = std::lower_bound(ours.times.begin(), ours.times.end(), t - half_step);
      REQUIRE(at != ours.times.end());
      REQUIRE(std::abs(*at - t) < half_step);
      const double expected = std::stod(row[col]);
      const double actual = found != our_columns.end()
                                ? ours.at(static_cast<std::size_t>(at - ours.times.begin()), found->second)
                                : *setting;
      INFO("t = " << t << ": ours " << actual << ", canonical " << expected);
      CHECK(std::abs(actual - expected) <= std::max(1e-4 * std::abs(expected), 1e-6 * std::max(1.0, scale)));
      ++checked;
    }
  }
  return checked;
}

}  // namespace

TEST_CASE("every conformance model matches its canonical output") {
  const auto models = conformance_models();
  REQUIRE(models.size() >= 65);
  std::size_t passed = 0;
  for (const auto& path : models) {
    const std::string label = fs::relative(path, conformance_dir).string();
    if (incomplete.count(label)) continue;
    SECTION(label) {
      const sd::Model model = sd::load_xmile(path);
      const sd::Results results = test::run_model(model);
      const auto canonical = test::read_table(canonical_output(path).string());
      CHECK(compare(results, model.specs, canonical, label) > 0);
      ++passed;
    }
  }
}

TEST_CASE("every conformance model runs the same after export to XMILE and import") {
  // read -> export -> read -> run: bit for bit the original run, so still the canonical output; a file that
  // cannot run fails the same way after the round trip.
  const auto models = conformance_models();
  REQUIRE(models.size() >= 65);
  for (const auto& path : models) {
    const std::string label = fs::relative(path, conformance_dir).string();
    SECTION(label) {
      const sd::Model model = sd::load_model(path);
      const sd::Model back = sd::parse_xmile(sd::to_xmile(model), "exported.xmile");
      if (const auto it = incomplete.find(label); it != incomplete.end()) {
        CHECK_THAT(test::error_of([&] { sd::compile(back); }), Catch::Matchers::Contains(with_underscores(it->second)));
        continue;
      }
      const sd::Results original = test::run_model(model), exported = test::run_model(back);
      CHECK(exported.names == original.names);
      CHECK(exported.times == original.times);
      CHECK(std::memcmp(exported.values.data(), original.values.data(), original.values.size() * sizeof(double)) == 0);
      CHECK(compare(exported, back.specs, test::read_table(canonical_output(path).string()), label) > 0);
    }
  }
}

TEST_CASE("conformance models whose files are incomplete fail with an error naming the problem") {
  for (const auto& [label, message] : incomplete) {
    SECTION(label) {
      const fs::path path = conformance_dir / label;
      REQUIRE(fs::exists(path));
      try {
        sd::compile(sd::load_xmile(path));
        FAIL("compiled although the file is incomplete");
      } catch (const Error& e) {
        CHECK_THAT(e.what(), Catch::Matchers::Contains(message));
        CHECK_THAT(e.what(), Catch::Matchers::Contains(path.filename().string()));
      }
    }
  }
}

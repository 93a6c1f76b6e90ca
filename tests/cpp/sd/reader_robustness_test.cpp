// The readers a fuzz target calls (parse_model_file, parse_xmile, parse_expression, then compile) on
// damaged input: every conformance file and example model, cut, with bytes deleted, inserted and
// repeated. Each either reads or throws revolve's own typed error (SyntaxError for an equation alone);
// nothing else escapes and nothing crashes. A small deterministic stand-in for the libFuzzer targets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/core/hash.hpp"
#include "sim/sd/compiler.hpp"
#include "sim/sd/expression.hpp"
#include "sim/sd/model_file.hpp"
#include "sim/sd/xmile.hpp"

using namespace revolve;
namespace fs = std::filesystem;

namespace {

/// A fixed sequence of numbers (an LCG): the same damaged files on every run.
class Damage {
 public:
  explicit Damage(std::uint64_t seed) : state_(seed * 2862933555777941757ull + 3037000493ull) {}

  std::size_t below(std::size_t n) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return n == 0 ? 0 : static_cast<std::size_t>((state_ >> 33) % n);
  }

  std::string apply(std::string text) {
    static const std::string specials = "<>&\"'[](){},:=\n\t#*-+^/!|\\?0919e.";
    const std::size_t at = below(text.size() + 1);
    switch (below(5)) {
      case 0: return text.substr(0, at);
      case 1: return text.erase(std::min(at, text.size() ? text.size() - 1 : 0), below(40));
      case 2: return text.insert(at, 1, specials[below(specials.size())]);
      case 3: return text.insert(at, text.substr(below(text.size() + 1), below(200)));
      default: return text.insert(at, below(64), specials[below(specials.size())]);
    }
  }

 private:
  std::uint64_t state_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> model_files() {
  std::vector<fs::path> files = {fs::path(REVOLVE_SOURCE_DIR) / "models/examples/teacup.yaml",
                                 fs::path(REVOLVE_SOURCE_DIR) / "models/revolving_door/system.yaml"};
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(REVOLVE_TEST_DATA_DIR) / "sd-conformance")) {
    const auto ext = entry.path().extension();
    if (ext == ".xmile" || ext == ".stmx") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// "read", "error" or, failing the test, what else escaped.
std::string outcome(const std::string& text, bool yaml) {
  try {
    const sd::Model model = yaml ? sd::parse_model_file(text, "m.yaml") : sd::parse_xmile(text, "m.xmile");
    sd::compile(model);
    return "read";
  } catch (const Error&) {
    return "error";
  } catch (const std::exception& e) {
    return std::string("escaped: ") + e.what();
  }
}

}  // namespace

TEST_CASE("damaged model files are read or refused with revolve's own error, never anything else") {
  const auto files = model_files();
  REQUIRE(files.size() >= 70);
  std::size_t read = 0, refused = 0;
  for (const auto& path : files) {
    const std::string original = read_file(path);
    const bool yaml = path.extension() == ".yaml";
    Damage damage(core::fnv1a(path.filename().string()));  // the same damage on every machine
    for (int i = 0; i < 300; ++i) {
      std::string text = damage.apply(original);
      if (i % 3 == 2) text = damage.apply(text);  // twice, now and then
      const std::string result = outcome(text, yaml);
      INFO(path.filename().string() << ", damage " << i);
      REQUIRE(result.rfind("escaped", 0) == std::string::npos);
      (result == "read" ? read : refused) += 1;
    }
  }
  CHECK(read > 0);
  CHECK(refused > 0);
}

TEST_CASE("damaged equations parse or throw SyntaxError") {
  const std::vector<std::string> equations = {
      "IF a > 0 AND NOT b THEN SMTH1(x[young, *], 3, 0) ELSE -2^-2 MOD 3",
      "SUM(queue[*, service]) / MAX(1, \"Room Temperature\" * 1e-3) {note}",
      "DELAYN(input, time, 3, 0) + LOOKUP(g, TIME) <> 0 OR x >= .5e+3"};
  Damage damage(7);
  for (const auto& equation : equations) {
    for (int i = 0; i < 500; ++i) {
      const std::string text = damage.apply(equation);
      INFO(text);
      try {
        sd::parse_expression(text);
      } catch (const sd::SyntaxError&) {
      }
    }
  }
}

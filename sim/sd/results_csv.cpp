#include "sim/sd/results_csv.hpp"

#include <charconv>

#include "sim/core/atomic_file.hpp"

namespace revolve::sd {
namespace {

void append_number(std::string& out, double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_field(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  out += '"';
}

}  // namespace

void write_results_csv(const std::filesystem::path& path, const Results& results) {
  AtomicFile file(path);
  std::string line = "time";
  for (const auto& name : results.names) {
    line += ',';
    append_field(line, name);
  }
  line += '\n';
  file.stream() << line;
  for (std::size_t r = 0; r < results.rows(); ++r) {
    line.clear();
    append_number(line, results.times[r]);
    for (std::size_t c = 0; c < results.columns(); ++c) {
      line += ',';
      append_number(line, results.at(r, c));
    }
    line += '\n';
    file.stream() << line;
  }
  file.commit();
}

}  // namespace revolve::sd

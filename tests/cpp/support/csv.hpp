#pragma once
// A small CSV/TSV reader for tests that compare with canonical outputs read in place.
#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace revolve::test {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // cells as printed, so precision can be judged

  std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    throw std::runtime_error("no column '" + name + "'");
  }

  /// Column whose name matches ignoring case, spaces and underscores (tools differ in case).
  std::size_t column_by_canonical_name(const std::string& name) const {
    const auto key = [](const std::string& s) {
      std::string k;
      for (char c : s) {
        if (c == '"') continue;
        k += (c == ' ' || c == '_') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      return k;
    };
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (key(header[i]) == key(name)) return i;
    }
    throw std::runtime_error("no column '" + name + "'");
  }
};

inline std::vector<std::string> split_line(const std::string& line, char sep) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == sep && !quoted) {
      cells.push_back(cell);
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  cells.push_back(cell);
  return cells;
}

/// Reads a comma- or tab-separated file (the separator is taken from the header line).
inline Table read_table(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot open " + path);
  // Line endings vary between tools (\n, \r\n, and \r alone in old Vensim exports).
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::string normalised;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      normalised += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      normalised += text[i];
    }
  }
  std::istringstream in(normalised);
  Table t;
  std::string line;
  std::getline(in, line);
  const char sep = line.find('\t') != std::string::npos ? '\t' : ',';
  t.header = split_line(line, sep);
  while (std::getline(in, line)) {
    if (!line.empty() && line != "\r") t.rows.push_back(split_line(line, sep));
  }
  return t;
}

/// Half a unit in the last printed digit of `text` ("75.374" -> 0.0005): the rounding a printed
/// canonical value carries, so a comparison never demands more precision than the file holds.
inline double printed_half_unit(const std::string& text) {
  std::string mantissa = text;
  int exponent = 0;
  if (const auto e = text.find_first_of("eE"); e != std::string::npos) {
    mantissa = text.substr(0, e);
    exponent = std::stoi(text.substr(e + 1));
  }
  const auto dot = mantissa.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  double unit = 1.0;
  for (int i = 0; i < decimals - exponent; ++i) unit /= 10.0;
  for (int i = 0; i < exponent - decimals; ++i) unit *= 10.0;
  return 0.5 * unit;
}

}  // namespace revolve::test

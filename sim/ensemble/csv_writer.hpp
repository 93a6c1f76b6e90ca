#pragma once
// A CSV file written row by row: text fields quoted only when they must be, numbers in their shortest exact form
// (so equal results give byte-identical files) and NaN or infinity as an empty field. Throws InputError naming the
// file when it cannot be opened or written.
#include <charconv>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/core/error.hpp"
#include "sim/ensemble/table.hpp"

namespace revolve::ensemble {

/// A CSV file written row by row with a reused buffer.
class CsvWriter final : public RowSink {
 public:
  explicit CsvWriter(const std::filesystem::path& path) : out_(path, std::ios::binary), path_(path) {
    if (!out_) throw InputError(path.string() + ": cannot open for writing");
  }
  ~CsvWriter() noexcept(false) {
    out_.flush();
    if (!out_ && std::uncaught_exceptions() == 0) throw InputError(path_.string() + ": write failed (disk full?)");
  }

  CsvWriter& text(const std::string& field) override {
    separate();
    if (field.find_first_of(",\"\n") == std::string::npos) {
      line_ += field;
    } else {
      line_ += '"';
      for (char c : field) line_ += c == '"' ? std::string("\"\"") : std::string(1, c);
      line_ += '"';
    }
    return *this;
  }
  CsvWriter& number(double value) override {
    separate();
    if (std::isfinite(value)) {
      char buffer[32];
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
      line_.append(buffer, end);
    }
    return *this;  // NaN and infinities are written as an empty field
  }
  void end_row() override {
    line_ += '\n';
    out_ << line_;
    line_.clear();
    first_ = true;
  }

 private:
  void separate() {
    if (!first_) line_ += ',';
    first_ = false;
  }
  std::ofstream out_;
  std::filesystem::path path_;
  std::string line_;
  bool first_ = true;
};

}  // namespace revolve::ensemble

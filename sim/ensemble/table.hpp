#pragma once
// A table written cell by cell, row by row: to a CSV file (CsvWriter) or kept in memory (Table). Each file's
// rows are written once, to a RowSink, so the Python package gets the same columns as the files, with no file
// between them.
#include <cstddef>
#include <string>
#include <vector>

namespace revolve::ensemble {

class RowSink {
 public:
  virtual RowSink& text(const std::string& field) = 0;
  virtual RowSink& number(double value) = 0;  ///< NaN or an infinity: no value (an empty field)
  virtual void end_row() = 0;

 protected:
  ~RowSink() = default;  // never owned through a RowSink
};

/// A table in memory: the first row names the columns; a column holds text or numbers, as its cells were written.
class Table final : public RowSink {
 public:
  struct Column {
    std::string name;
    bool is_text = false;
    std::vector<std::string> texts;  ///< when is_text
    std::vector<double> numbers;     ///< otherwise
  };

  Table& text(const std::string& field) override;
  Table& number(double value) override;
  void end_row() override;

  const std::vector<Column>& columns() const { return columns_; }
  std::size_t rows() const { return rows_; }

 private:
  Column& next_cell(bool is_text);

  std::vector<Column> columns_;
  std::size_t rows_ = 0;     // rows after the header
  std::size_t at_ = 0;       // the column of the next cell
  bool named_ = false;       // the header row is complete
};

}  // namespace revolve::ensemble

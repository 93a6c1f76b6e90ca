#include "sim/ensemble/table.hpp"

#include <cmath>

#include "sim/core/error.hpp"

namespace revolve::ensemble {

Table::Column& Table::next_cell(bool is_text) {
  if (at_ >= columns_.size()) throw Error("table: row " + std::to_string(rows_ + 1) + " has more cells than columns");
  Column& column = columns_[at_++];
  // The first row fixes each column's kind; a writer that mixes them has a bug, not bad input.
  if (rows_ == 0) column.is_text = is_text;
  if (column.is_text != is_text) throw Error("table: column '" + column.name + "' mixes text and numbers");
  return column;
}

Table& Table::text(const std::string& field) {
  if (!named_) {
    columns_.push_back({field, false, {}, {}});
    return *this;
  }
  next_cell(true).texts.push_back(field);
  return *this;
}

Table& Table::number(double value) {
  if (!named_) throw Error("table: the header row names columns with text, not numbers");
  // As in the CSV file, where an infinity (a ratio over no change) is an empty field: no value.
  next_cell(false).numbers.push_back(std::isfinite(value) ? value : std::nan(""));
  return *this;
}

void Table::end_row() {
  if (named_ && at_ != columns_.size())
    throw Error("table: row " + std::to_string(rows_ + 1) + " has " + std::to_string(at_) + " cells, not " +
                std::to_string(columns_.size()));
  if (named_) ++rows_;
  named_ = true;
  at_ = 0;
}

}  // namespace revolve::ensemble

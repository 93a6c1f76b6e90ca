#pragma once
// A table for the terminal: a header row, then rows, each column as wide as its widest cell (counted in characters,
// so "£" is one), text columns aligned left and number columns right.
#include <string>
#include <vector>

namespace revolve::cli {

class TextTable {
 public:
  enum class Align { left, right };

  /// The columns' headings and alignments.
  TextTable(std::vector<std::string> headings, std::vector<Align> align);
  /// A row of cells, one per column (missing cells are empty).
  void add(std::vector<std::string> cells);
  /// Every row, each indented by `indent` spaces, columns two spaces apart, without trailing spaces.
  std::string render(std::size_t indent = 2) const;

 private:
  std::vector<std::vector<std::string>> rows_;  // the headings first
  std::vector<Align> align_;
};

/// The characters of a UTF-8 string (not its bytes).
std::size_t text_width(const std::string& text);

}  // namespace revolve::cli

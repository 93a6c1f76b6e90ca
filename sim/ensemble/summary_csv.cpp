#include "sim/ensemble/summary_csv.hpp"

#include <charconv>

#include "sim/core/atomic_file.hpp"

namespace revolve::ensemble {

namespace {

std::string number(double x) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  return {buffer, end};
}

}  // namespace

void write_summary_csv(const std::filesystem::path& path, const Summary& summary) {
  AtomicFile file(path);
  std::ostream& out = file.stream();
  out << "step,output,mean,sd";
  for (double q : summary.quantiles()) out << ",q" << number(q);
  out << "\n";
  for (std::size_t row = 0; row < summary.rows(); ++row) {
    for (std::size_t o = 0; o < summary.names().size(); ++o) {
      out << row + 1 << ',' << summary.names()[o] << ',' << number(summary.mean(row, o)) << ','
          << number(summary.sd(row, o));
      for (std::size_t q = 0; q < summary.quantiles().size(); ++q) out << ',' << number(summary.quantile(q, row, o));
      out << '\n';
    }
  }
  file.commit();
}

void write_outputs_csv(const std::filesystem::path& path, const abm::Outputs& outputs, const std::string& value_column) {
  AtomicFile file(path);
  std::ostream& out = file.stream();
  out << "step,output," << value_column << "\n";
  for (std::size_t row = 0; row < outputs.rows(); ++row) {
    for (std::size_t o = 0; o < outputs.size(); ++o) {
      out << row + 1 << ',' << outputs.names()[o] << ',' << number(outputs.row(row)[o]) << '\n';
    }
  }
  file.commit();
}

}  // namespace revolve::ensemble

#include "sim/core/error.hpp"

namespace revolve {

std::string where(const std::string& file, int line) {
  std::string out;
  if (!file.empty()) out += file;
  if (line > 0) {
    out += file.empty() ? "line " : ":";
    out += std::to_string(line);
  }
  if (!out.empty()) out += ": ";
  return out;
}

}  // namespace revolve

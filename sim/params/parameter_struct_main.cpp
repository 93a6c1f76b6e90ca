// Build-time generator of a model's parameter structs (sim/params/parameter_struct.hpp):
//
//   revolve_parameter_struct PARAMETERS.yaml NAMESPACE HEADER_INCLUDE OUT_HEADER OUT_SOURCE
//
// Writes each output only when its text changed, so an edit to a description does not rebuild
// everything that includes the header unless the header changed.
#include <fstream>
#include <iostream>
#include <sstream>

#include "sim/core/error.hpp"
#include "sim/params/parameter_file.hpp"
#include "sim/params/parameter_struct.hpp"

namespace {

void write_if_changed(const std::string& path, const std::string& text) {
  std::ifstream old(path, std::ios::binary);
  std::ostringstream current;
  current << old.rdbuf();
  if (old && current.str() == text) return;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw revolve::InputError(path + ": cannot write");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: revolve_parameter_struct PARAMETERS.yaml NAMESPACE HEADER_INCLUDE OUT_HEADER OUT_SOURCE\n";
    return 2;
  }
  try {
    const auto set = revolve::params::load_parameter_file(argv[1]);
    const auto code = revolve::params::generate_parameter_struct(set, {argv[1], argv[3], argv[2]});
    write_if_changed(argv[4], code.header);
    write_if_changed(argv[5], code.source);
  } catch (const revolve::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

// libFuzzer target: a stock-flow model file in YAML (sim/sd/model_file.hpp), read, then compiled and run
// when small (sd_run.hpp). A model that is refused throws revolve::Error (InputError, ModelError); anything
// else escaping, a crash, a sanitizer report or a hang is a finding.
#include <cstdint>

#include "fuzz/sd_run.hpp"
#include "sim/sd/model_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return revolve::fuzz::read_and_run(data, size, revolve::sd::parse_model_file, "fuzz.yaml");
}

#pragma once
// What sd_yaml_fuzz and xmile_fuzz do with a model that reads: compile it and run it as `revolve sd run`
// does (apps/revolve/sd_command.cpp), when the run is small enough for a fuzzer's pace.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/sd/model.hpp"

namespace revolve::fuzz {

/// Compiles `model`, giving every parameter without a default the value 1 (as --set would), and runs it if
/// it has at most 100,000 scalars and 10,000 steps of at most 2 x 10^7 operations in all; a dopri5 run is
/// cancelled after a second. `strict` is RunOptions::strict. Throws revolve::Error as the command would.
void compile_and_run(const sd::Model& model, bool strict);

/// parse_model_file or parse_xmile: text and a file name for messages.
using ModelReader = sd::Model (*)(const std::string& text, const std::string& file_name);

/// One input of a model reader's target: `read` it, then compile_and_run the model, strict or not as the
/// input's length is odd or even (both ways, chosen by the input). A refusal, revolve::Error, is caught: it is
/// what most inputs get. Returns 0, for LLVMFuzzerTestOneInput.
int read_and_run(const std::uint8_t* data, std::size_t size, ModelReader read, const std::string& file_name);

}  // namespace revolve::fuzz

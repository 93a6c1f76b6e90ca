// A main for a fuzz target in a normal build (no libFuzzer): feeds every file of the folders (or the files)
// it is given to LLVMFuzzerTestOneInput, in name order, so ctest checks that the harness still builds and
// that its seed corpus still runs without a crash, a sanitizer report or an uncaught exception.
//
//   scenario_fuzz_replay fuzz/corpus/scenario_fuzz
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

/// The regular files named, and those directly inside the folders named, sorted within each folder.
std::vector<fs::path> inputs(int argc, char** argv) {
  std::vector<fs::path> out;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    if (!fs::is_directory(arg)) {
      out.push_back(arg);
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(arg)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  const auto files = inputs(argc, argv);
  // An empty or missing corpus would pass without checking anything.
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s CORPUS_FOLDER_OR_FILE...: no input files found\n", argv[0]);
    return 2;
  }
  for (const auto& file : files) {
    const std::string data = bytes_of(file);
    // A crash or an abort names the input that caused it: the line before it is the last printed.
    std::fprintf(stderr, "%s\n", file.c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  }
  std::printf("replayed %zu inputs without a crash\n", files.size());
  return 0;
}

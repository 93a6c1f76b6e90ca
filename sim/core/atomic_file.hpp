#pragma once
// Atomic writes: content goes to "<path>.partial-<pid>", is flushed to the disk, and is renamed over <path>
// only when complete, so an interrupted run or a power cut never leaves a file that looks finished.
//
// What it replaces: nothing but a regular file, never a folder, link, device or FIFO (even with `force`);
// with a signature, only a file that carries it (one revolve wrote), unless `force`. docs/reliability.md.
#include <filesystem>
#include <fstream>
#include <string>

namespace revolve {

/// Which existing file an AtomicFile may replace.
struct ReplaceRule {
  /// "": any regular file; otherwise only one whose first 4 KiB contain this text.
  std::string signature;
  /// Also replace a regular file without the signature.
  bool force = false;
};

/// Throws OutputError, saying what is there and what to do, unless an AtomicFile may replace `path`: for
/// commands that check before a long job rather than after it.
void check_output_file(const std::filesystem::path& path, const ReplaceRule& rule);

class AtomicFile {
 public:
  /// Checks `path` against `rule` before anything is written: throws OutputError if it must not be replaced.
  explicit AtomicFile(std::filesystem::path path, ReplaceRule rule = {});
  ~AtomicFile();  // removes the partial file unless commit() was called
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  /// Flush to the disk, close and rename into place. Throws InputError if the disk refused the write.
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path partial_;
  std::ofstream out_;
  bool committed_ = false;
};

/// Write a whole string to `path` atomically.
void write_file_atomically(const std::filesystem::path& path, const std::string& content, const ReplaceRule& rule = {});

}  // namespace revolve

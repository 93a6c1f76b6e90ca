#pragma once
// Atomic writes: content goes to "<path>.partial" and is renamed over <path> only when complete,
// so an interrupted run never leaves a file that looks finished.
#include <filesystem>
#include <fstream>
#include <string>

namespace revolve {

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();  // removes the partial file unless commit() was called
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  /// Flush, close and rename into place. Throws InputError if the disk refused the write.
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path partial_;
  std::ofstream out_;
  bool committed_ = false;
};

/// Write a whole string to `path` atomically.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

}  // namespace revolve

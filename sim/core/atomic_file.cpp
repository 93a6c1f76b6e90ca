#include "sim/core/atomic_file.hpp"

#include "sim/core/error.hpp"

namespace revolve {

AtomicFile::AtomicFile(std::filesystem::path path)
    : path_(std::move(path)), partial_(path_.string() + ".partial") {
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path());
  out_.open(partial_, std::ios::binary | std::ios::trunc);
  if (!out_) throw InputError(path_.string() + ": cannot open for writing");
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(partial_, ignored);
}

void AtomicFile::commit() {
  out_.flush();
  out_.close();
  if (!out_) throw InputError(path_.string() + ": write failed (disk full?)");
  std::filesystem::rename(partial_, path_);
  committed_ = true;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
  AtomicFile file(path);
  file.stream() << content;
  file.commit();
}

}  // namespace revolve

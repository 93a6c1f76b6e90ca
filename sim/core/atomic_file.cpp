#include "sim/core/atomic_file.hpp"

#include "sim/core/error.hpp"
#include "sim/core/files.hpp"

namespace revolve {
namespace fs = std::filesystem;
namespace {

bool carries(const fs::path& path, const std::string& signature) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.find(signature) != std::string::npos;
}

}  // namespace

void check_output_file(const fs::path& path, const ReplaceRule& rule) {
  if (path.filename().empty()) throw OutputError("'" + path.string() + "': not a file name: name the file to write");
  std::error_code error;
  const auto type = fs::symlink_status(path, error).type();
  if (type == fs::file_type::not_found) return;
  if (type != fs::file_type::regular) {
    throw OutputError(path.string() + ": is " + kind_of(type) +
                      ", not a regular file: revolve never replaces it; choose another output path");
  }
  if (rule.force || rule.signature.empty() || carries(path, rule.signature)) return;
  throw OutputError(path.string() + ": is a file revolve did not write; choose another output path, or replace "
                    "it with --force (force=True in Python)");
}

AtomicFile::AtomicFile(fs::path path, ReplaceRule rule)
    : path_(std::move(path)), partial_(path_.string() + ".partial-" + unique_suffix()) {
  check_output_file(path_, rule);
  std::error_code ignored;
  if (path_.has_parent_path() && !fs::is_directory(path_.parent_path(), ignored)) {
    std::error_code error;
    fs::create_directories(path_.parent_path(), error);
    if (error) throw OutputError(path_.parent_path().string() + ": cannot create the folder: " + error.message());
  }
  for (const auto& stale : stale_siblings(path_, ".partial-")) {
    if (fs::is_regular_file(fs::symlink_status(stale, ignored))) fs::remove(stale, ignored);
  }
  out_.open(partial_, std::ios::binary | std::ios::trunc);
  if (!out_) throw InputError(path_.string() + ": cannot open for writing");
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  fs::remove(partial_, ignored);
}

void AtomicFile::commit() {
  out_.flush();
  out_.close();
  if (!out_) throw InputError(path_.string() + ": write failed (disk full?)");
  sync_file(partial_);
  std::error_code error;
  fs::rename(partial_, path_, error);
  if (error) throw InputError(path_.string() + ": cannot move the new file into place: " + error.message());
  committed_ = true;
  sync_folder(path_.has_parent_path() ? path_.parent_path() : fs::path("."));
}

void write_file_atomically(const fs::path& path, const std::string& content, const ReplaceRule& rule) {
  AtomicFile file(path, rule);
  file.stream() << content;
  file.commit();
}

}  // namespace revolve

#pragma once
// An output folder that appears complete or not at all: files are written into a temporary
// sibling folder, which replaces the target only when commit() is called. If the run fails or is
// interrupted, the temporary folder is removed and an earlier complete folder is left untouched.
#include <filesystem>

namespace revolve {

class AtomicFolder {
 public:
  explicit AtomicFolder(std::filesystem::path target);
  ~AtomicFolder();  // removes the temporary folder unless committed
  AtomicFolder(const AtomicFolder&) = delete;
  AtomicFolder& operator=(const AtomicFolder&) = delete;

  /// Where to write now.
  const std::filesystem::path& path() const { return temporary_; }
  const std::filesystem::path& target() const { return target_; }
  /// Put the folder in place of the target (replacing an earlier one).
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

}  // namespace revolve

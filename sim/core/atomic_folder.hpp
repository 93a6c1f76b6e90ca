#pragma once
// An output folder that appears complete or not at all. Files are written into a temporary sibling folder,
// "<target>.partial-<pid>-<n>", which commit() flushes to the disk and swaps with the target in one step
// (renameat2 RENAME_EXCHANGE; two renames where the file system cannot swap), then removes the earlier folder.
// A power cut leaves the earlier or the new complete folder at the target. If the run fails or is interrupted,
// the temporary folder is removed; one left by a killed process is removed by the next write to the same target.
//
// Which folders it replaces (docs/reliability.md): none, an empty folder, or one revolve wrote (it holds the
// marker file ".revolve-output", which every folder written here gets). Any other folder only with `force`.
// Never a file, link or device, nor a folder that holds the current folder or the home folder, even with force.
#include <filesystem>

namespace revolve {

/// The file that marks a folder as revolve's output; delete it to keep revolve from replacing the folder.
inline constexpr const char* output_marker = ".revolve-output";

/// True if `folder` is a folder revolve wrote (it holds the marker file).
bool is_revolve_output(const std::filesystem::path& folder);

/// Throws OutputError, saying what is there and what to do, unless an AtomicFolder may replace `target`:
/// for commands that check before a long run rather than after it.
void check_output_folder(const std::filesystem::path& target, bool force);

class AtomicFolder {
 public:
  /// Checks the target before any work is done: throws OutputError, saying what is there and what to do,
  /// if it must not be replaced. `force`: also replace a folder revolve did not write.
  explicit AtomicFolder(std::filesystem::path target, bool force = false);
  ~AtomicFolder() { discard(); }
  AtomicFolder(const AtomicFolder&) = delete;
  AtomicFolder& operator=(const AtomicFolder&) = delete;

  /// Where to write now.
  const std::filesystem::path& path() const { return temporary_; }
  const std::filesystem::path& target() const { return target_; }
  /// Put the folder in place of the target, checked again (the run may have taken hours).
  void commit();
  /// Remove the temporary folder, unless committed.
  void discard();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool force_ = false;
  bool committed_ = false;
};

}  // namespace revolve

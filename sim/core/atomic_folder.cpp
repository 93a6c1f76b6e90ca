#include "sim/core/atomic_folder.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/core/files.hpp"

namespace revolve {
namespace fs = std::filesystem;
namespace {

const char* const marker_text =
    "This folder was written by revolve. revolve replaces it, as a whole, when told to write its output here "
    "again; delete this file to keep revolve from replacing it (docs/reliability.md).\n";

fs::file_type type_at(const fs::path& path) {
  std::error_code ignored;
  return fs::symlink_status(path, ignored).type();
}

/// "out/" -> "out", "out/." -> "out": the folder itself, whose name the temporary folder extends.
fs::path folder_path(const fs::path& given) {
  fs::path path = given.lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  return path;
}

/// True if `inner` is `folder` or inside it.
bool holds(const fs::path& folder, const fs::path& inner) {
  std::error_code error;
  std::error_code other;
  const fs::path f = fs::weakly_canonical(folder, error), i = fs::weakly_canonical(inner, other);
  if (error || other) return false;
  return std::mismatch(f.begin(), f.end(), i.begin(), i.end()).first == f.end();
}

bool holds_working_or_home(const fs::path& folder) {
  std::error_code error;
  const fs::path working = fs::current_path(error);
  if (!error && holds(folder, working)) return true;
  const char* home = std::getenv("HOME");
  return home != nullptr && *home != '\0' && holds(folder, home);
}

/// "'thesis.txt'" or "'a.txt', 'b' and 12 more": what a folder holds, for a message.
std::string some_entries(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 2; ++i) out += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > 2) out += " and " + std::to_string(names.size() - 2) + " more";
  return out;
}

/// Throws OutputError, saying what is there and what to do, unless `target` may be replaced.
void check_target(const fs::path& target, bool force) {
  if (target.empty()) throw OutputError("the output folder's path is empty: name a folder");
  const auto type = type_at(target);
  if (type == fs::file_type::not_found) return;
  const std::string at = target.string() + ": ";
  if (type != fs::file_type::directory) {
    throw OutputError(at + "is " + kind_of(type) + ", not a folder: revolve writes its output as a folder and "
                      "never replaces anything else, even with --force; choose another output path");
  }
  if (holds_working_or_home(target)) {
    throw OutputError(at + "holds the current folder or the home folder: revolve never replaces it, even with "
                      "--force; choose an output folder inside it");
  }
  std::error_code error;
  if (is_revolve_output(target) || force || fs::is_empty(target, error)) return;
  throw OutputError(at + "is a folder revolve did not write (it holds " + some_entries(target) +
                    "); choose another output folder, or replace it and everything in it with --force "
                    "(force=True in Python)");
}

/// Removes what writes to `target` killed before they finished left behind (only folders revolve wrote).
void remove_leftovers(const fs::path& target) {
  std::error_code ignored;
  for (const auto& stale : stale_siblings(target, ".partial-")) {
    if (is_revolve_output(stale)) fs::remove_all(stale, ignored);
  }
  for (const auto& stale : stale_siblings(target, ".previous-")) {
    if (!is_revolve_output(stale)) continue;
    // A commit killed between its two renames (file systems without RENAME_EXCHANGE): put the folder back.
    if (type_at(target) == fs::file_type::not_found) {
      fs::rename(stale, target, ignored);
    } else {
      fs::remove_all(stale, ignored);
    }
  }
}

fs::path parent_of(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

[[noreturn]] void cannot_move(const fs::path& target) {
  throw OutputError(target.string() + ": cannot move the new output into place: " + std::strerror(errno));
}

/// Where the file system cannot swap two folders: move the earlier one aside, the new one in, then remove it.
void replace_in_two_steps(const fs::path& temporary, const fs::path& target) {
  fs::path previous = target;
  previous += ".previous-" + unique_suffix();
  if (std::rename(target.c_str(), previous.c_str()) != 0) cannot_move(target);
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    const int reason = errno;
    std::rename(previous.c_str(), target.c_str());
    errno = reason;
    cannot_move(target);
  }
  sync_folder(parent_of(target));
  std::error_code ignored;
  fs::remove_all(previous, ignored);
}

}  // namespace

bool is_revolve_output(const fs::path& folder) { return type_at(folder / output_marker) == fs::file_type::regular; }

void check_output_folder(const fs::path& target, bool force) { check_target(folder_path(target), force); }

AtomicFolder::AtomicFolder(fs::path target, bool force) : target_(folder_path(target)), force_(force) {
  remove_leftovers(target_);
  check_target(target_, force_);
  temporary_ = target_;
  temporary_ += ".partial-" + unique_suffix();
  std::error_code error;
  fs::create_directories(temporary_, error);
  if (error) throw OutputError(temporary_.string() + ": cannot create the output folder: " + error.message());
  // Marked from the start, so a leftover of a killed run is recognisably revolve's.
  std::ofstream marker(temporary_ / output_marker, std::ios::binary);
  marker << marker_text;
  if (!marker) throw OutputError((temporary_ / output_marker).string() + ": cannot write");
}

void AtomicFolder::discard() {
  if (committed_ || temporary_.empty()) return;
  std::error_code ignored;
  fs::remove_all(temporary_, ignored);
}

void AtomicFolder::commit() {
  check_target(target_, force_);
  sync_tree(temporary_);
  if (::renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
    committed_ = true;
    sync_folder(parent_of(target_));
    std::error_code ignored;
    fs::remove_all(temporary_, ignored);  // now the earlier folder
    return;
  }
  if (errno == ENOENT) {  // nothing to swap with
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0) cannot_move(target_);
    sync_folder(parent_of(target_));
  } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
    replace_in_two_steps(temporary_, target_);
  } else {
    cannot_move(target_);
  }
  committed_ = true;
}

}  // namespace revolve

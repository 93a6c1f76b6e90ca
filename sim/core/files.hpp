#pragma once
// Files the user names, read and written with care: an input is read only if it is a regular file of bounded
// size (a FIFO would block forever, /dev/zero never ends), and written output is flushed to the disk (fsync)
// before it is renamed into place, so a power cut leaves the old or the new version, never a torn one.
#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace revolve {

/// "a regular file", "a folder", "a symbolic link", "a character device", "a FIFO (named pipe)", ...
std::string kind_of(std::filesystem::file_type type);

/// "1 MiB", "64 KiB" or "1000 bytes", for messages about size limits.
std::string format_bytes(std::size_t bytes);

/// The whole of a regular file. Throws InputError naming `path` if it cannot be opened, is not a regular
/// file, or holds more than `limit` bytes; never blocks on a FIFO or a device.
std::string read_text_file(const std::filesystem::path& path, std::size_t limit);

/// Flush a file's contents to the disk. Throws InputError naming `path` if the disk refuses (full, failing).
void sync_file(const std::filesystem::path& path);
/// Flush a folder's entries (names created, renamed or removed in it) to the disk.
void sync_folder(const std::filesystem::path& folder);
/// sync_file for every file under `folder`, then sync_folder for every folder, deepest first.
void sync_tree(const std::filesystem::path& folder);

/// True while a process with this id exists (a zombie counts), as far as this process can tell.
bool process_alive(pid_t pid);

/// "<pid>-<n>", different at every call in this process: the end of a temporary file's or folder's name.
std::string unique_suffix();

/// Siblings "<target><infix><pid>-<n>" (infix such as ".partial-") left by processes that no longer run:
/// leftovers of interrupted writes to `target`. Never those of a live process or of this one.
std::vector<std::filesystem::path> stale_siblings(const std::filesystem::path& target, const std::string& infix);

}  // namespace revolve

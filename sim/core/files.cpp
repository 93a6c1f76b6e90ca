#include "sim/core/files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "sim/core/error.hpp"

namespace revolve {
namespace fs = std::filesystem;
namespace {

/// Closes a file descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

fs::file_type type_of(mode_t mode) {
  if (S_ISREG(mode)) return fs::file_type::regular;
  if (S_ISDIR(mode)) return fs::file_type::directory;
  if (S_ISLNK(mode)) return fs::file_type::symlink;
  if (S_ISCHR(mode)) return fs::file_type::character;
  if (S_ISBLK(mode)) return fs::file_type::block;
  if (S_ISFIFO(mode)) return fs::file_type::fifo;
  if (S_ISSOCK(mode)) return fs::file_type::socket;
  return fs::file_type::unknown;
}

void sync_path(const fs::path& path, int flags) {
  const Descriptor fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
    throw InputError(path.string() + ": cannot flush to the disk: " + std::strerror(errno));
  }
}

}  // namespace

std::string kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::regular: return "a regular file";
    case fs::file_type::directory: return "a folder";
    case fs::file_type::symlink: return "a symbolic link";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::fifo: return "a FIFO (named pipe)";
    case fs::file_type::socket: return "a socket";
    default: return "something other than a file or folder";
  }
}

std::string format_bytes(std::size_t bytes) {
  constexpr std::size_t kib = 1024, mib = 1024 * kib;
  if (bytes >= mib && bytes % mib == 0) return std::to_string(bytes / mib) + " MiB";
  if (bytes >= kib && bytes % kib == 0) return std::to_string(bytes / kib) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string read_text_file(const fs::path& path, std::size_t limit) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) throw InputError(path.string() + ": cannot open: " + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) throw InputError(path.string() + ": cannot read: " + std::strerror(errno));
  if (!S_ISREG(info.st_mode)) {
    throw InputError(path.string() + ": is " + kind_of(type_of(info.st_mode)) + ", not a regular file");
  }
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw InputError(path.string() + ": cannot read: " + std::strerror(errno));
    if (got == 0) return text;
    // Counted as read, not from st_size: a file may grow while it is read.
    if (text.size() + static_cast<std::size_t>(got) > limit) {
      throw InputError(path.string() + ": larger than the limit of " + format_bytes(limit) + " for this file");
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
}

void sync_file(const fs::path& path) { sync_path(path, O_RDONLY); }

void sync_folder(const fs::path& folder) { sync_path(folder, O_RDONLY | O_DIRECTORY); }

void sync_tree(const fs::path& folder) {
  std::vector<fs::path> folders = {folder};
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const auto type = entry.symlink_status().type();
    if (type == fs::file_type::regular) sync_file(entry.path());
    if (type == fs::file_type::directory) folders.push_back(entry.path());
  }
  for (auto it = folders.rbegin(); it != folders.rend(); ++it) sync_folder(*it);
}

std::string unique_suffix() {
  static std::atomic<unsigned> count{0};
  return std::to_string(::getpid()) + "-" + std::to_string(count++);
}

bool process_alive(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

std::vector<fs::path> stale_siblings(const fs::path& target, const std::string& infix) {
  std::vector<fs::path> stale;
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = target.filename().string() + infix;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const char* digits = name.data() + prefix.size();
    const char* end = name.data() + name.size();
    pid_t pid = 0;
    unsigned count = 0;
    const auto parsed = std::from_chars(digits, end, pid);
    if (parsed.ec != std::errc() || parsed.ptr == end || *parsed.ptr != '-') continue;
    const auto counted = std::from_chars(parsed.ptr + 1, end, count);
    if (counted.ec != std::errc() || counted.ptr != end || pid <= 0 || pid == ::getpid() || process_alive(pid)) continue;
    stale.push_back(entry.path());
  }
  return stale;
}

}  // namespace revolve

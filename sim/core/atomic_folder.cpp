#include "sim/core/atomic_folder.hpp"

#include <unistd.h>

#include "sim/core/error.hpp"

namespace revolve {
namespace fs = std::filesystem;

AtomicFolder::AtomicFolder(fs::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) target_ = target_.parent_path();  // "out/" -> "out"
  temporary_ = target_;
  temporary_ += ".partial-" + std::to_string(::getpid());
  std::error_code error;
  fs::remove_all(temporary_, error);
  fs::create_directories(temporary_, error);
  if (error) throw InputError(temporary_.string() + ": cannot create output folder: " + error.message());
}

AtomicFolder::~AtomicFolder() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(temporary_, ignored);
}

void AtomicFolder::commit() {
  std::error_code error;
  fs::path previous;
  if (fs::exists(target_)) {
    previous = target_;
    previous += ".previous-" + std::to_string(::getpid());
    fs::rename(target_, previous, error);
    if (error) throw InputError(target_.string() + ": cannot replace the earlier results: " + error.message());
  }
  fs::rename(temporary_, target_, error);
  if (error) {
    if (!previous.empty()) fs::rename(previous, target_, error);
    throw InputError(target_.string() + ": cannot move the results into place");
  }
  committed_ = true;
  if (!previous.empty()) fs::remove_all(previous, error);
}

}  // namespace revolve

// Reading the files a user names: only regular files, within a size limit, never blocking.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include "sim/core/error.hpp"
#include "sim/core/files.hpp"
#include "tests/cpp/support/error_text.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
using revolve::test::TempFolder;

namespace {

std::string read_error(const std::filesystem::path& path, std::size_t limit) {
  return revolve::test::error_text<InputError>([&] { read_text_file(path, limit); });
}

}  // namespace

TEST_CASE("read_text_file reads a regular file up to its limit") {
  TempFolder dir;
  const auto path = dir.write("s.yaml", "runs: 3\n");
  CHECK(read_text_file(path, 8) == "runs: 3\n");
  CHECK(read_error(path, 7) == path.string() + ": larger than the limit of 7 bytes for this file");
  CHECK_THAT(read_error(dir / "missing.yaml", 100), Contains("missing.yaml: cannot open: No such file or directory"));
  CHECK_THAT(read_error(dir.path(), 100), Contains(": is a folder, not a regular file"));
}

TEST_CASE("read_text_file refuses endless and blocking files at once") {
  // A regression would hang on the FIFO: the alarm turns that into a failure.
  ::alarm(20);
  CHECK(read_error("/dev/zero", 1 << 20) == "/dev/zero: is a character device, not a regular file");
  TempFolder dir;
  REQUIRE(::mkfifo((dir / "pipe").c_str(), 0600) == 0);
  CHECK(read_error(dir / "pipe", 1 << 20) == (dir / "pipe").string() + ": is a FIFO (named pipe), not a regular file");
  ::alarm(0);
}

TEST_CASE("format_bytes names limits as people write them") {
  CHECK(format_bytes(1 << 20) == "1 MiB");
  CHECK(format_bytes(64 * 1024) == "64 KiB");
  CHECK(format_bytes(1000) == "1000 bytes");
}

TEST_CASE("sync_tree flushes every file and folder of a tree") {
  TempFolder dir;
  dir.write("a/b/c.txt", "x");
  dir.write("a/d.txt", "y");
  CHECK_NOTHROW(sync_tree(dir.path()));
  CHECK_THROWS_AS(sync_file(dir / "missing"), InputError);
}

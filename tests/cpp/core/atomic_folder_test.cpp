// Output folders: written in full or not at all, replacing only what revolve wrote, and cleaning up after
// processes that were killed. Each case is a way an earlier version lost a user's files.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/core/atomic_folder.hpp"
#include "sim/core/error.hpp"
#include "tests/cpp/support/error_text.hpp"
#include "tests/cpp/support/temp_folder.hpp"

using namespace revolve;
using Catch::Matchers::Contains;
using revolve::test::read_text;
using revolve::test::TempFolder;
namespace fs = std::filesystem;

namespace {

/// Writes `text` to result.txt through an AtomicFolder at `target` and commits.
void write_output(const fs::path& target, const std::string& text, bool force = false) {
  AtomicFolder out(target, force);
  std::ofstream(out.path() / "result.txt") << text;
  out.commit();
}

std::string output_error(const fs::path& target, bool force = false) {
  return revolve::test::error_text<OutputError>([&] { write_output(target, "new", force); });
}

/// The names in `folder`, sorted: to check that nothing was left behind.
std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("an output folder is written in full, marked as revolve's, and replaces revolve's earlier one") {
  TempFolder dir;
  const auto target = dir / "out";
  write_output(target, "first");
  CHECK(read_text(target / "result.txt") == "first");
  CHECK(is_revolve_output(target));
  std::ofstream(target / "stale.csv") << "from the first run";
  write_output(target, "second");
  CHECK(read_text(target / "result.txt") == "second");
  CHECK_FALSE(fs::exists(target / "stale.csv"));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out"});
}

TEST_CASE("an output folder refuses a folder of someone else's files, and keeps them") {
  TempFolder dir;
  const auto target = dir.write("thesis/thesis.txt", "years of work").parent_path();
  dir.write("thesis/notes/a.txt", "more");
  const std::string error = output_error(target);
  CHECK_THAT(error, Contains(target.string() + ": is a folder revolve did not write (it holds 'notes', 'thesis.txt')"));
  CHECK_THAT(error, Contains("--force"));
  CHECK(read_text(target / "thesis.txt") == "years of work");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"thesis"});
}

TEST_CASE("an output folder replaces someone else's folder only when forced") {
  TempFolder dir;
  const auto target = dir.write("old/file.txt", "replace me").parent_path();
  write_output(target, "forced", true);
  CHECK(read_text(target / "result.txt") == "forced");
  CHECK_FALSE(fs::exists(target / "file.txt"));
}

TEST_CASE("an empty output path is refused, not turned into a folder beside the current one") {
  CHECK(output_error("") == "the output folder's path is empty: name a folder");
}

TEST_CASE("an output folder may use an empty folder") {
  TempFolder dir;
  fs::create_directory(dir / "empty");
  write_output(dir / "empty/", "into the empty folder");
  CHECK(read_text(dir / "empty" / "result.txt") == "into the empty folder");
}

TEST_CASE("an output folder never replaces a file, link, FIFO or device, even when forced") {
  TempFolder dir;
  const auto file = dir.write("thesis.txt", "years of work");
  CHECK_THAT(output_error(file, true), Contains("thesis.txt: is a regular file, not a folder"));
  CHECK(read_text(file) == "years of work");

  fs::create_directory(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "link");
  CHECK_THAT(output_error(dir / "link", true), Contains("link: is a symbolic link, not a folder"));
  CHECK(fs::is_symlink(dir / "link"));

  REQUIRE(::mkfifo((dir / "pipe").c_str(), 0600) == 0);
  CHECK_THAT(output_error(dir / "pipe", true), Contains("pipe: is a FIFO (named pipe), not a folder"));

  CHECK_THAT(output_error("/dev/null", true), Contains("/dev/null: is a character device, not a folder"));
  CHECK(fs::is_character_file("/dev/null"));
  for (const auto& entry : fs::directory_iterator("/dev")) {
    CHECK(entry.path().filename().string().rfind("null.partial", 0) == std::string::npos);
  }
  CHECK(names_in(dir.path()) == std::vector<std::string>{"link", "pipe", "real", "thesis.txt"});
}

TEST_CASE("an output folder never replaces the current folder or one holding it, even when forced") {
  TempFolder dir;
  const auto inner = dir.write("project/work/file.txt", "x").parent_path();
  const fs::path before = fs::current_path();
  fs::current_path(inner);
  const std::string itself = output_error(".", true), parent = output_error(inner.parent_path(), true);
  fs::current_path(before);
  CHECK_THAT(itself, Contains("holds the current folder or the home folder"));
  CHECK_THAT(parent, Contains("holds the current folder or the home folder"));
  CHECK(read_text(inner / "file.txt") == "x");
}

TEST_CASE("a failed run leaves the earlier output folder untouched and no temporary folder") {
  TempFolder dir;
  const auto target = dir / "out";
  write_output(target, "complete");
  try {
    AtomicFolder out(target);
    std::ofstream(out.path() / "result.txt") << "half";
    throw std::runtime_error("the run failed");
  } catch (const std::runtime_error&) {
  }
  CHECK(read_text(target / "result.txt") == "complete");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out"});
}

TEST_CASE("commit checks the target again: something put there during the run is kept") {
  TempFolder dir;
  const auto target = dir / "out";
  AtomicFolder out(target);
  std::ofstream(out.path() / "result.txt") << "new";
  dir.write("out/notes.txt", "written while the run ran");
  CHECK_THROWS_AS(out.commit(), OutputError);
  CHECK(read_text(target / "notes.txt") == "written while the run ran");
}

TEST_CASE("leftovers of a killed process are removed by the next write to the same target, never a live one's") {
  TempFolder dir;
  const auto target = dir / "out";
  const pid_t dead = revolve::test::exited_process();
  const std::string live = std::to_string(::getppid());
  dir.write("out.partial-" + std::to_string(dead) + "-0/" + output_marker, "");
  dir.write("out.partial-" + live + "-0/" + output_marker, "");
  dir.write("out.partial-" + std::to_string(dead) + "-1/someone_elses.txt", "no marker: not revolve's");
  dir.write("other.partial-" + std::to_string(dead) + "-0/" + output_marker, "another target's");
  write_output(target, "new");
  // Sorted as names_in sorts: how the two process ids compare as text depends on their digits.
  std::vector<std::string> kept = {"other.partial-" + std::to_string(dead) + "-0", "out", "out.partial-" + live + "-0",
                                   "out.partial-" + std::to_string(dead) + "-1"};
  std::sort(kept.begin(), kept.end());
  CHECK(names_in(dir.path()) == kept);
}

TEST_CASE("a commit killed between its two renames is undone: the earlier folder is put back") {
  TempFolder dir;
  const auto target = dir / "out";
  const pid_t dead = revolve::test::exited_process();
  dir.write("out.previous-" + std::to_string(dead) + "-0/" + output_marker, "");
  dir.write("out.previous-" + std::to_string(dead) + "-0/result.txt", "earlier");
  AtomicFolder out(target);
  CHECK(read_text(target / "result.txt") == "earlier");
}

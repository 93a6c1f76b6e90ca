#pragma once
// Run code on exactly N TBB threads, even more than the machine's cores, to show that results
// do not depend on the number of threads.
#include <utility>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

namespace revolve::test {

template <class Fn>
auto with_threads(int threads, Fn&& fn) {
  // global_control lifts TBB's default limit of one thread per core; the arena uses them.
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  return arena.execute(std::forward<Fn>(fn));
}

}  // namespace revolve::test

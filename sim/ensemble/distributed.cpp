#include "sim/ensemble/distributed.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>

#ifdef REVOLVE_WITH_MPI
#include <mpi.h>
#endif

#include "sim/core/error.hpp"

namespace revolve::ensemble {
namespace {

/// One item's result, or what computing it threw.
struct Outcome {
  std::vector<double> result;
  std::exception_ptr failure;
};

/// Items [first, last), computed at once on this process's threads.
std::vector<Outcome> compute_block(std::size_t first, std::size_t last, const ComputeItem& compute) {
  std::vector<Outcome> block(last > first ? last - first : 0);
  tbb::parallel_for(std::size_t{0}, block.size(), [&](std::size_t j) {
    try {
      block[j].result = compute(first + j);
    } catch (...) {
      block[j].failure = std::current_exception();
    }
  });
  return block;
}

std::size_t threads_here() { return static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()); }

void run_here(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume, std::size_t per_round) {
  for (std::size_t first = 0; first < items; first += per_round) {
    std::vector<Outcome> block = compute_block(first, std::min(items, first + per_round), compute);
    for (std::size_t j = 0; j < block.size(); ++j) {
      if (block[j].failure) std::rethrow_exception(block[j].failure);
      consume(first + j, std::move(block[j].result));
    }
  }
}

#ifdef REVOLVE_WITH_MPI

bool mpi_started = false;   // a Processes exists
bool mpi_finished = false;  // one existed: MPI cannot start twice
int rank_ = 0, size_ = 1;  // this process's, from MPI once started

std::string message_of(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an unknown error";
  }
}

// A rank's block as bytes: per item a kind, a length in bytes, then the doubles of a result or the
// characters of an error.
enum class Kind : char { result, error };

void append(std::vector<char>& bytes, const void* data, std::size_t size) {
  const char* begin = static_cast<const char*>(data);
  bytes.insert(bytes.end(), begin, begin + size);
}

std::vector<char> pack(const std::vector<Outcome>& block) {
  std::vector<char> bytes;
  for (const Outcome& o : block) {
    const std::string message = o.failure ? message_of(o.failure) : std::string();
    const Kind kind = o.failure ? Kind::error : Kind::result;
    const std::uint64_t size = o.failure ? message.size() : o.result.size() * sizeof(double);
    append(bytes, &kind, 1);
    append(bytes, &size, sizeof size);
    append(bytes, o.failure ? static_cast<const void*>(message.data()) : o.result.data(), size);
  }
  if (bytes.size() >= INT_MAX) throw Error("distributed: one rank's results are too large to send (2 GB or more)");
  return bytes;
}

/// The packed blocks of one round, one per rank, on rank 0 (empty elsewhere).
struct Round {
  std::vector<int> lengths, offsets;
  std::vector<char> bytes;
};

Round gather(const std::vector<char>& mine, int rank, int size) {
  Round round;
  const int length = static_cast<int>(mine.size());
  if (rank == 0) round.lengths.resize(static_cast<std::size_t>(size));
  MPI_Gather(&length, 1, MPI_INT, round.lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    long long total = 0;
    for (int l : round.lengths) {
      round.offsets.push_back(static_cast<int>(total));
      total += l;
    }
    if (total >= INT_MAX) throw Error("distributed: one round's results are too large to gather (2 GB or more)");
    round.bytes.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(mine.data(), length, MPI_CHAR, round.bytes.data(), round.lengths.data(), round.offsets.data(), MPI_CHAR,
              0, MPI_COMM_WORLD);
  return round;
}

/// Rank 0's verdict on a round, sent to every rank: the rank whose failure ends the run (-1 for none)
/// and its message.
struct Verdict {
  int failed_rank = -1;
  std::string message;
};

void broadcast(Verdict& verdict) {
  int header[2] = {verdict.failed_rank, static_cast<int>(verdict.message.size())};
  MPI_Bcast(header, 2, MPI_INT, 0, MPI_COMM_WORLD);
  verdict.failed_rank = header[0];
  verdict.message.resize(static_cast<std::size_t>(header[1]));
  MPI_Bcast(verdict.message.data(), header[1], MPI_CHAR, 0, MPI_COMM_WORLD);
}

/// On rank 0: consume the round's results in item order (rank by rank, each rank's block in order) up to
/// the first failure. `consumer_failure` receives what the consumer threw.
Verdict consume_round(const Round& round, std::size_t first, const ConsumeItem& consume,
                      std::exception_ptr& consumer_failure) {
  std::size_t item = first;
  for (std::size_t r = 0; r < round.lengths.size(); ++r) {
    const char* at = round.bytes.data() + round.offsets[r];
    const char* end = at + round.lengths[r];
    for (; at < end; ++item) {
      const auto kind = static_cast<Kind>(at[0]);
      std::uint64_t size = 0;
      std::memcpy(&size, at + 1, sizeof size);
      const char* payload = at + 1 + sizeof size;
      at = payload + size;
      if (kind == Kind::error) return {static_cast<int>(r), std::string(payload, size)};
      std::vector<double> result(size / sizeof(double));
      if (size > 0) std::memcpy(result.data(), payload, size);
      try {
        consume(item, std::move(result));
      } catch (...) {
        consumer_failure = std::current_exception();
        return {0, message_of(consumer_failure)};
      }
    }
  }
  return {};
}

/// Rank 0's value of `local`, on every rank.
std::size_t root_value(std::size_t local) {
  auto value = static_cast<unsigned long long>(local);
  MPI_Bcast(&value, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  return static_cast<std::size_t>(value);
}

void run_rounds(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume, std::size_t per_rank) {
  const int rank = process_rank(), size = process_count();
  const std::size_t per_round = per_rank * static_cast<std::size_t>(size);
  for (std::size_t first = 0; first < items; first += per_round) {
    const std::size_t mine = std::min(items, first + static_cast<std::size_t>(rank) * per_rank);
    const std::vector<Outcome> block = compute_block(mine, std::min(items, mine + per_rank), compute);
    const Round round = gather(pack(block), rank, size);
    Verdict verdict;
    std::exception_ptr consumer_failure;
    if (rank == 0) verdict = consume_round(round, first, consume, consumer_failure);
    broadcast(verdict);
    if (verdict.failed_rank < 0) continue;
    if (consumer_failure) std::rethrow_exception(consumer_failure);
    if (verdict.failed_rank == rank) {
      for (const Outcome& o : block) {
        if (o.failure) std::rethrow_exception(o.failure);  // this rank's first failure is the lowest failing item
      }
    }
    throw Error(verdict.message);
  }
}

#endif

}  // namespace

#ifdef REVOLVE_WITH_MPI

void start_processes() {
  if (mpi_started || mpi_finished) return;
  // Only the main thread calls MPI; TBB's threads never do.
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  mpi_started = true;
}

void finish_processes() {
  if (!mpi_started) return;
  mpi_started = false;
  mpi_finished = true;
  MPI_Finalize();
}

int process_rank() { return rank_; }

int process_count() { return size_; }

bool built_with_mpi() { return true; }

void run_distributed(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume, std::size_t per_rank) {
  if (!mpi_started || size_ == 1) {
    run_here(items, compute, consume, per_rank > 0 ? per_rank : threads_here());
  } else {
    run_rounds(items, compute, consume, per_rank > 0 ? per_rank : root_value(threads_here()));
  }
}

std::size_t items_here(std::size_t items, std::size_t per_rank) {
  if (!mpi_started || size_ == 1) return items;
  if (per_rank == 0) per_rank = root_value(threads_here());  // as run_distributed decides it
  const std::size_t per_round = per_rank * static_cast<std::size_t>(size_);
  std::size_t mine = 0;
  for (std::size_t first = static_cast<std::size_t>(rank_) * per_rank; first < items; first += per_round) {
    mine += std::min(per_rank, items - first);
  }
  return mine;
}

#else

void start_processes() {}
void finish_processes() {}
int process_rank() { return 0; }
int process_count() { return 1; }
bool built_with_mpi() { return false; }

void run_distributed(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume, std::size_t per_rank) {
  run_here(items, compute, consume, per_rank > 0 ? per_rank : threads_here());
}

std::size_t items_here(std::size_t items, std::size_t) { return items; }

#endif

void on_every_process(const std::function<void()>& action) {
  // One item per rank, one at a time: item r runs on rank r.
  run_distributed(
      static_cast<std::size_t>(process_count()),
      [&action](std::size_t) {
        action();
        return std::vector<double>{};
      },
      [](std::size_t, std::vector<double>) {}, 1);
}

void on_root(const std::function<void()>& action) {
  // One item, one per rank: item 0 runs on rank 0, and its error reaches every rank.
  run_distributed(
      1,
      [&action](std::size_t) {
        action();
        return std::vector<double>{};
      },
      [](std::size_t, std::vector<double>) {}, 1);
}

std::vector<std::vector<double>> run_distributed(std::size_t items, const ComputeItem& compute,
                                                 std::size_t per_rank) {
  std::vector<std::vector<double>> results;
  run_distributed(
      items, compute, [&results](std::size_t, std::vector<double> result) { results.push_back(std::move(result)); },
      per_rank);
  return results;
}

}  // namespace revolve::ensemble

#include "sim/ensemble/distributed.hpp"

#include <climits>
#include <cstring>
#include <exception>
#include <string>

#ifdef REVOLVE_WITH_MPI
#include <mpi.h>
#endif

#include "sim/core/error.hpp"

namespace revolve::ensemble {
namespace {

void run_here(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume) {
  for (std::size_t i = 0; i < items; ++i) consume(i, compute(i));
}

#ifdef REVOLVE_WITH_MPI

bool mpi_started = false;  // a Processes exists

std::string message_of(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an unknown error";
  }
}

// One item's outcome as bytes: a kind, then the doubles of a result or the characters of an error.
enum class Outcome : char { result, error, none };

std::vector<char> pack(Outcome kind, const void* data, std::size_t bytes) {
  if (bytes >= INT_MAX) throw Error("distributed: an item's result is too large to send (2 GB or more)");
  std::vector<char> packed(1 + bytes);
  packed[0] = static_cast<char>(kind);
  if (bytes > 0) std::memcpy(packed.data() + 1, data, bytes);
  return packed;
}

std::vector<double> unpack_result(const char* data, int bytes) {
  std::vector<double> result(static_cast<std::size_t>(bytes - 1) / sizeof(double));
  if (!result.empty()) std::memcpy(result.data(), data + 1, result.size() * sizeof(double));
  return result;
}

/// The packed outcomes of one round, one per rank, on rank 0 (empty elsewhere).
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

/// On rank 0: consume the round's results in item order up to the first failure. `consumer_failure`
/// receives what the consumer threw.
Verdict consume_round(const Round& round, std::size_t first, const ConsumeItem& consume,
                      std::exception_ptr& consumer_failure) {
  for (std::size_t r = 0; r < round.lengths.size(); ++r) {
    const char* data = round.bytes.data() + round.offsets[r];
    const auto kind = static_cast<Outcome>(data[0]);
    if (kind == Outcome::none) break;
    if (kind == Outcome::error)
      return {static_cast<int>(r), std::string(data + 1, static_cast<std::size_t>(round.lengths[r] - 1))};
    try {
      consume(first + r, unpack_result(data, round.lengths[r]));
    } catch (...) {
      consumer_failure = std::current_exception();
      return {0, message_of(consumer_failure)};
    }
  }
  return {};
}

void run_rounds(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume) {
  const int rank = process_rank(), size = process_count();
  for (std::size_t first = 0; first < items; first += static_cast<std::size_t>(size)) {
    const std::size_t mine = first + static_cast<std::size_t>(rank);
    std::exception_ptr failure;
    std::vector<char> packed;
    if (mine >= items) {
      packed = pack(Outcome::none, nullptr, 0);
    } else {
      try {
        const std::vector<double> result = compute(mine);
        packed = pack(Outcome::result, result.data(), result.size() * sizeof(double));
      } catch (...) {
        failure = std::current_exception();
        const std::string message = message_of(failure);
        packed = pack(Outcome::error, message.data(), message.size());
      }
    }
    const Round round = gather(packed, rank, size);
    Verdict verdict;
    std::exception_ptr consumer_failure;
    if (rank == 0) verdict = consume_round(round, first, consume, consumer_failure);
    broadcast(verdict);
    if (verdict.failed_rank < 0) continue;
    if (consumer_failure) std::rethrow_exception(consumer_failure);
    if (failure && verdict.failed_rank == rank) std::rethrow_exception(failure);
    throw Error(verdict.message);
  }
}

#endif

}  // namespace

#ifdef REVOLVE_WITH_MPI

Processes::Processes(int& argc, char**& argv) {
  if (mpi_started) throw Error("distributed: MPI is already started");
  // Only the main thread calls MPI; TBB's threads never do.
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  mpi_started = true;
}

Processes::~Processes() {
  mpi_started = false;
  MPI_Finalize();
}

int process_rank() {
  int rank = 0;
  if (mpi_started) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

int process_count() {
  int size = 1;
  if (mpi_started) MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
}

bool built_with_mpi() { return true; }

void run_distributed(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume) {
  if (process_count() == 1) {
    run_here(items, compute, consume);
  } else {
    run_rounds(items, compute, consume);
  }
}

#else

Processes::Processes(int& /*argc*/, char**& /*argv*/) {}
Processes::~Processes() = default;
int process_rank() { return 0; }
int process_count() { return 1; }
bool built_with_mpi() { return false; }

void run_distributed(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume) {
  run_here(items, compute, consume);
}

#endif

std::vector<std::vector<double>> run_distributed(std::size_t items, const ComputeItem& compute) {
  std::vector<std::vector<double>> results;
  run_distributed(items, compute, [&results](std::size_t, std::vector<double> result) {
    results.push_back(std::move(result));
  });
  return results;
}

}  // namespace revolve::ensemble

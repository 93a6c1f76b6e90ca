#pragma once
// Independent work items (the draws of a design, the rows of a sensitivity design) spread over the
// processes of `mpirun -n K`, with each result handed back on rank 0 in item order: what rank 0 writes
// is the same whatever K, because every item is deterministic given its index and results are
// consumed in the same order.
//
// Items go in rounds: each of the K ranks takes the next B items of the round (a contiguous block) and
// computes them at once on its threads (TBB). After each round the results (or the first error) go to
// rank 0, which consumes them in item order and tells every rank whether to go on. So an error on any
// rank, or in rank 0's consumer, ends every rank with the same message at the end of that round, and no
// rank is left waiting. For a cluster, run one rank per node and let TBB use the node's cores.
//
// Built without MPI (REVOLVE_WITH_MPI off), or with MPI but before a Processes exists, everything runs
// in this process. A binary built with MPI runs without mpirun too: MPI starts as a singleton of one
// rank.
#include <cstddef>
#include <functional>
#include <vector>

namespace revolve::ensemble {

/// Starts MPI for this process, when built with it (the commands that distribute call it, so other
/// commands never start MPI). Once in a program's life; later calls do nothing.
void start_processes();
/// Ends MPI, if started. Call it after rank 0 has printed any error: ending waits for every process, so
/// no process leaves (and mpirun stops the others) before rank 0 has said why.
void finish_processes();

/// start_processes() for the lifetime of the object, then finish_processes() (for tests' main).
class Processes {
 public:
  Processes() { start_processes(); }
  ~Processes() { finish_processes(); }
  Processes(const Processes&) = delete;
  Processes& operator=(const Processes&) = delete;
};

/// This process's rank: 0 without MPI or before it starts; kept after it ends.
int process_rank();
/// The number of processes: 1 without MPI or before it starts; kept after it ends.
int process_count();
/// Rank 0, the one that writes files and prints.
inline bool is_root_process() { return process_rank() == 0; }
/// Whether this binary was built with MPI.
bool built_with_mpi();

/// Runs `action` on every rank; when it throws on any, every rank throws (as run_distributed does), so
/// preparation that fails on one node only (a file it cannot read) ends every rank, not only that one.
void on_every_process(const std::function<void()>& action);
/// Runs `action` on rank 0 only; when it throws, every rank throws: for a check made before a long job
/// (may the output folder be replaced?).
void on_root(const std::function<void()>& action);

/// Item `index`'s result. Called from several threads at once, for different items.
using ComputeItem = std::function<std::vector<double>(std::size_t index)>;
/// Receives item `index`'s result, on rank 0 only, for index = 0, 1, ... in order.
using ConsumeItem = std::function<void(std::size_t index, std::vector<double> result)>;

/// Computes items 0..items-1 over the processes, `per_rank` at once on each (0: as many as rank 0 has
/// threads), and consumes their results on rank 0 in item order. When an item's compute, or the
/// consumer, throws, every rank throws at the end of that round: the rank whose item or consumer failed
/// rethrows the original exception, the others throw revolve::Error with its message (the lowest failing
/// item's, so the message does not depend on K). Call it on every rank with the same arguments.
void run_distributed(std::size_t items, const ComputeItem& compute, const ConsumeItem& consume,
                     std::size_t per_rank = 0);

/// How many of the items this process computes in run_distributed(items, ..., per_rank): all of them
/// in one process. For a progress bar that counts this process's own work. Call it on every rank.
std::size_t items_here(std::size_t items, std::size_t per_rank = 0);

/// The results in item order on rank 0; an empty vector on the other ranks.
std::vector<std::vector<double>> run_distributed(std::size_t items, const ComputeItem& compute,
                                                 std::size_t per_rank = 0);

}  // namespace revolve::ensemble

// Commands that cannot share their work among the processes of `mpirun` refuse to start under it: every
// process would do the whole job and race to write the same folder.
#include <string>

#include "apps/revolve/commands.hpp"
#include "sim/core/error.hpp"
#include "sim/ensemble/distributed.hpp"

namespace revolve::cli {

void run_in_one_process(const std::string& command, const std::string& why) {
  ensemble::start_processes();  // only then does MPI know how many processes mpirun started
  if (ensemble::process_count() > 1) {
    throw Error("revolve " + command + " runs in one process (" + std::to_string(ensemble::process_count()) +
                " were started by mpirun): " + why + ", so run it without mpirun; it uses every core of the machine "
                "(--threads)");
  }
}

}  // namespace revolve::cli

#pragma once
// A clean stop on Ctrl-C (SIGINT) or SIGTERM: the handler only sets a flag; long runs check it after every
// step and stop by throwing Cancelled, so their output folder is never committed and its temporary folder
// is removed.
namespace revolve::cli {

/// Install the SIGINT and SIGTERM handler: they then set a flag instead of killing the process.
void catch_interrupts();

/// Throws Cancelled if Ctrl-C was pressed or SIGTERM received.
void stop_if_interrupted();

}  // namespace revolve::cli

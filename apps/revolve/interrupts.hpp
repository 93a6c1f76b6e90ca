#pragma once
// A clean stop on Ctrl-C: the handler only sets a flag; long runs check it after every step and
// stop by throwing Cancelled, so their output folder is never committed.
namespace revolve::cli {

/// Install the SIGINT handler. Ctrl-C then sets a flag instead of killing the process.
void catch_interrupts();

/// Throws Cancelled if Ctrl-C was pressed.
void stop_if_interrupted();

}  // namespace revolve::cli

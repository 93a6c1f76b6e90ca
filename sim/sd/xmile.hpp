#pragma once
// XMILE 1.0 import (the OASIS standard exchanged by Stella, Vensim and others) with pugixml.
//
// Reads sim specs, behavior defaults, dimensions, stocks, flows, auxiliaries, graphical functions
// (inline or named), arrays (apply-to-all, per-element, comma-listed constants) and macros into a
// Model. A construct revolve does not support (modules, conveyors, queues, ...) is an InputError
// naming the construct and its line, never a silently different result. Also reads the attributes
// xmile_export writes in revolve's namespace (revolve:abs_tol, revolve:rel_tol, revolve:input,
// revolve:parameter).
// See docs/xmile.md.
#include <filesystem>
#include <string>

#include "sim/sd/model.hpp"

namespace revolve::sd {

Model load_xmile(const std::filesystem::path& path);

/// Parse XMILE text; `file_name` is used in messages and variable origins.
Model parse_xmile(const std::string& text, const std::string& file_name);

}  // namespace revolve::sd

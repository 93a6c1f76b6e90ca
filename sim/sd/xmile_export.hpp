#pragma once
// XMILE 1.0 export: a Model (read from a revolve YAML model file, from XMILE, or built in code) written
// as XMILE that revolve reads back to the same results, bit for bit, and that Stella and Vensim can
// import: sim specs, dimensions, macros, stocks, flows, auxiliaries, graphical functions, arrays,
// units and documentation. Equations are written as in the model, names with spaces in them written
// with underscores. Two things XMILE has no words for travel as attributes in revolve's own namespace
// (urn:revolve:xmile), which other tools ignore: dopri5's abs_tol and rel_tol, input variables
// (written as auxiliaries holding their starting value) and parameters (auxiliaries holding their
// default, or without <eqn> if they have none, so other tools ask for it). See docs/xmile.md.
#include <filesystem>
#include <string>

#include "sim/sd/model.hpp"

namespace revolve::sd {

/// The namespace of revolve's attributes in XMILE files, bound to the prefix "revolve".
inline constexpr const char* revolve_xmile_namespace = "urn:revolve:xmile";

/// The model as XMILE text. Throws ModelError naming what XMILE cannot hold: an element name with a
/// comma (XMILE lists subscripts with commas), an empty name, or a control character in any text.
std::string to_xmile(const Model& model);

/// Writes to_xmile(model) to `path` atomically: a failed export leaves no file, nor a partial one.
/// The path must end in .xmile, .xml or .stmx (InputError otherwise).
void save_xmile(const Model& model, const std::filesystem::path& path);

}  // namespace revolve::sd

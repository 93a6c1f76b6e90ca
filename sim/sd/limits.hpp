#pragma once
// Limits on what a stock-flow model may ask for, so that a mistaken or hostile model file is a clear
// error instead of a stack overflow, an exhausted memory or a run that never ends. Each is far above
// what real models use; the error says which limit was hit and what to change. docs/sd.md lists them.
#include <cstdint>

namespace revolve::sd {

/// How deeply an equation may nest: parentheses, function calls, IF THEN ELSE, unary operators and
/// the right operand of ^ each add a level (also through macros). Long flat chains such as
/// a + b + c + ... do not nest and have no limit. Real models nest a few levels deep (the conformance,
/// example and revolving-door models at most 5). Parsing, compiling and running the deepest equations
/// allowed takes at most 384 KB of stack in a Release build and 1.5 MB in an ASan build (measured with
/// threads of chosen stack size), well within a TBB worker's 4 MB and the main thread's 8 MB.
inline constexpr int max_nesting = 100;

/// Scalars of a model: the elements of all its variables together, and the hidden stocks and flows of
/// its smooths and delays (each stage is one of each). Also the most elements a dimension may have.
inline constexpr std::uint64_t max_scalars = 1'000'000;

/// Operations a model may compile to: its equations once arrays, macros and builtins are expanded
/// (the 10,000-equation benchmark chain has 16,000). About 100 bytes of compiler memory each.
inline constexpr std::uint64_t max_operations = 10'000'000;

/// Integration steps in one run, (stop - start) / dt.
inline constexpr std::uint64_t max_steps = 1'000'000'000;

/// Values a run may save, saved times x saved variables: 2 GB of results.
inline constexpr std::uint64_t max_saved_values = 250'000'000;

/// Size of a model file (YAML or XMILE) [bytes].
inline constexpr std::uint64_t max_model_file_bytes = 256ull << 20;

}  // namespace revolve::sd

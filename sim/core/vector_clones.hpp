#pragma once
// Loops over many people at a time are written to be vectorised by the compiler. The build targets any x86-64
// processor (SSE2); REVOLVE_AVX2_CLONES before such a function has GCC also build it for AVX2, twice the width,
// and pick one when the program loads. AVX2 alone, without FMA: every clone rounds every operation alike, so
// results do not depend on the processor. A library that uses it is built with -ffp-contract=off too (the model's
// is), so that no clone, and no -march, can fuse a multiply and an add. Elsewhere the macro is empty.
#if defined(__GNUC__) && defined(__x86_64__)
#define REVOLVE_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define REVOLVE_AVX2_CLONES
#endif

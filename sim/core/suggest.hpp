#pragma once
// "Did you mean ...?": the known names closest to a name that was not found.
#include <string>
#include <string_view>
#include <vector>

namespace revolve {

/// Levenshtein distance: single-character insertions, deletions and substitutions.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Up to `most` of `known` that are plausibly what `name` meant, closest first: a typo (within a
/// third of the name's length, at least 2 edits), or one name extending the other.
std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& known,
                                       std::size_t most = 3);

/// " (did you mean 'a' or 'b'?)" for the given names, or "" when there are none.
std::string did_you_mean(const std::vector<std::string>& near);

/// did_you_mean(closest_names(name, known)).
std::string did_you_mean(std::string_view name, const std::vector<std::string>& known);

}  // namespace revolve

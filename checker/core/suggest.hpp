// "Did you mean": the nearest of a list of known words to a misspelt one, for error messages
// (a CLI option or subcommand, a rule id in --disable, a key of the project config).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gk {

// Edit distance (insertions, deletions, substitutions and adjacent transpositions), in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is close enough to be a plausible typo (distance at
// most max(1, |word| / 3)), else "". Ties go to the first candidate.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

} // namespace gk

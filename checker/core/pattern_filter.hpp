// A set of RE2 patterns with RE2's own prefilter (re2::FilteredRE2): for a text, which patterns
// could match it at all. The patterns are compiled once, here; callers match with re(id).
//
// The guarantee: candidates(text) lists, in increasing id order, every pattern that has a match
// in `text` (and perhaps some that do not). So searching only the candidates finds exactly what
// searching every pattern finds. The prefilter's required strings ("atoms") are looked for in
// one pass (LiteralSet); an atom with a letter is taken as present without looking (FilteredRE2
// lowercases atoms, and the text is not lowercased), as is any pattern without atoms.
// With atoms too many to scan for cheaply (a table past 16 MB: a user's list of thousands of
// phrases), every pattern is a candidate. candidates() keeps no state: one PatternFilter may be
// used from any number of threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include "core/literal_set.hpp"

namespace gk {

class PatternFilter {
public:
    PatternFilter();
    // Compiles `pattern` and returns its id (the number of patterns added before it). On an
    // error, returns -1 with RE2's message in `error` and adds nothing. Not after compile().
    int add(const std::string& pattern, const RE2::Options& options, std::string& error);
    // After the last add(), before candidates().
    void compile();

    std::size_t size() const { return static_cast<std::size_t>(filter_.NumRegexps()); }
    const RE2& re(int id) const { return filter_.GetRE2(id); }
    // The ids of the patterns that may match `text`, in increasing order, into `out` (cleared).
    void candidates(std::string_view text, std::vector<int>& out) const;

private:
    re2::FilteredRE2 filter_{1}; // one-byte atoms too: "," and "(" are all some patterns require
    bool compiled_ = false;
    std::unique_ptr<LiteralSet> searched_; // the caseless atoms; none when there is no filter
    std::vector<int> searched_ids_;        // searched_'s literal k is filter_'s atom searched_ids_[k]
    std::vector<int> present_always_;      // atom ids taken as present
};

} // namespace gk

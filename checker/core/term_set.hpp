// A set of literal terms found in a text the way RE2 finds the alternation `(t1|t2|…)` of them,
// without compiling that alternation (for a lexicon of hundreds of terms in several script forms,
// RE2's compilation alone cost more than the whole check of a document).
//
// The guarantee, for the terms in the order given (their priority):
//   * a hit starts at the leftmost code-point boundary, at or after `from`, where some term
//     matches (and the caller's `accept` holds);
//   * among the terms matching there, the first in priority order wins, as with RE2's
//     leftmost-first alternation;
//   * with a gap set, a term of at least `min_gapped` code points may have gap characters between
//     any two of its characters, up to `max_gap` of them (0: any number), taken greedily and given
//     back as needed, as RE2's `c1(?:G){0,max}c2…`: the hit's end is the one RE2 reports;
//   * with `fold_case`, characters compare under Unicode simple case folding (RE2's (?i)).
// The text is UTF-8; an invalid byte is one character of its own and matches nothing but itself.
// No state is kept between calls: one TermSet may be used from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

class TermSet {
public:
    struct Options {
        bool fold_case = false;
        std::function<bool(char32_t)> is_gap; // empty: no gaps
        unsigned max_gap = 0;                 // with is_gap: at most this many per gap (0: unbounded)
        std::size_t min_gapped = 0;           // terms shorter than this (code points) are literal
    };
    struct Hit {
        std::size_t begin = 0, end = 0; // bytes of the text
        std::size_t term = 0;           // index into the terms given
    };

    TermSet(const std::vector<std::string>& terms, Options options);

    // The leftmost-first hit at or after `from` (see above); `accept` may refuse a hit, and then
    // the next term in priority order at the same start is tried, then the next start.
    std::optional<Hit> find(std::string_view text, std::size_t from,
                            const std::function<bool(const Hit&)>& accept = {}) const;

private:
    struct Node {
        std::vector<std::pair<char32_t, std::uint32_t>> children; // sorted by character
        std::uint32_t term = UINT32_MAX;                          // first term (priority) ending here
    };
    struct Trie {
        std::vector<Node> nodes{Node{}};
        void add(const std::u32string& key, std::uint32_t term);
        std::uint32_t child(std::uint32_t node, char32_t c) const;
    };

    // The working lists of one find() (kept between positions so that a scan allocates once).
    struct Scratch {
        std::vector<Hit> hits;
        std::vector<std::pair<std::uint32_t, std::size_t>> seen, stack;
        std::vector<std::size_t> gaps;
    };

    char32_t fold(char32_t c) const;
    // `first`: the folded character at `begin`, `after` the position after it.
    void collect(const Trie& trie, bool gapped, std::string_view text, std::size_t begin, char32_t first,
                 std::size_t after, Scratch& scratch) const;

    Options options_;
    Trie literal_, gapped_;
    std::vector<bool> starts_; // by folded BMP character: some term starts with it
};

} // namespace gk

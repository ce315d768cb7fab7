#include "core/term_set.hpp"

#include <algorithm>

#include <unicode/uchar.h>

#include "core/text.hpp"

namespace gk {
namespace {

// Characters outside Unicode stand for invalid bytes: each matches only itself.
constexpr char32_t kInvalidBase = 0x110000;

// The character at `i` (advancing `i`): a code point, or kInvalidBase + byte for an invalid byte.
char32_t decode(std::string_view s, std::size_t& i) {
    const std::size_t at = i;
    const char32_t c = utf8::next(s, i);
    if (c == 0xFFFD && !(i - at == 3 && s.compare(at, 3, "\xEF\xBF\xBD") == 0))
        return kInvalidBase + static_cast<unsigned char>(s[at]);
    return c;
}

} // namespace

void TermSet::Trie::add(const std::u32string& key, std::uint32_t term) {
    std::uint32_t n = 0;
    for (const char32_t c : key) {
        std::uint32_t next = child(n, c);
        if (next == UINT32_MAX) {
            next = static_cast<std::uint32_t>(nodes.size());
            nodes.emplace_back();
            auto& ch = nodes[n].children;
            ch.insert(std::lower_bound(ch.begin(), ch.end(), std::make_pair(c, std::uint32_t{0})), {c, next});
        }
        n = next;
    }
    if (term < nodes[n].term) nodes[n].term = term; // the first term in priority order wins
}

std::uint32_t TermSet::Trie::child(std::uint32_t node, char32_t c) const {
    const auto& ch = nodes[node].children;
    const auto it = std::lower_bound(ch.begin(), ch.end(), c, [](const auto& p, char32_t v) { return p.first < v; });
    return it != ch.end() && it->first == c ? it->second : UINT32_MAX;
}

TermSet::TermSet(const std::vector<std::string>& terms, Options options) : options_(std::move(options)) {
    for (std::size_t t = 0; t < terms.size(); ++t) {
        std::u32string key;
        for (std::size_t i = 0; i < terms[t].size();) key += fold(decode(terms[t], i));
        if (key.empty()) continue;
        const bool gapped = options_.is_gap && key.size() >= options_.min_gapped && key.size() > 1;
        (gapped ? gapped_ : literal_).add(key, static_cast<std::uint32_t>(t));
        if (key[0] < 0x10000) {
            if (starts_.empty()) starts_.resize(0x10000);
            starts_[key[0]] = true;
        }
    }
}

char32_t TermSet::fold(char32_t c) const {
    if (!options_.fold_case || c >= kInvalidBase) return c;
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

// Every term of `trie` that matches at `begin`, each once, with the end of the first way it
// matches in RE2's backtracking order (more gap characters first).
void TermSet::collect(const Trie& trie, bool gapped, std::string_view text, std::size_t begin, char32_t first_char,
                      std::size_t after, Scratch& scratch) const {
    auto& out = scratch.hits;
    const std::uint32_t first = trie.child(0, first_char);
    if (first == UINT32_MAX) return;
    if (!gapped) {
        std::uint32_t n = first;
        for (std::size_t i = after;;) {
            if (trie.nodes[n].term != UINT32_MAX) out.push_back({begin, i, trie.nodes[n].term});
            if (i >= text.size() || trie.nodes[n].children.empty()) return;
            n = trie.child(n, fold(decode(text, i)));
            if (n == UINT32_MAX) return;
        }
    }
    // Depth-first over (node, position) states; a state seen before has given all it can.
    auto& seen = scratch.seen;
    auto& stack = scratch.stack;
    auto& gaps = scratch.gaps; // positions after 0, 1, … gap characters
    seen.clear();
    stack.assign(1, {first, after});
    while (!stack.empty()) {
        const auto [n, pos] = stack.back();
        stack.pop_back();
        if (std::find(seen.begin(), seen.end(), std::make_pair(n, pos)) != seen.end()) continue;
        seen.emplace_back(n, pos);
        const Node& node = trie.nodes[n];
        if (node.term != UINT32_MAX &&
            std::none_of(out.begin(), out.end(), [&](const Hit& h) { return h.term == node.term; }))
            out.push_back({begin, pos, node.term});
        if (node.children.empty()) continue;
        gaps.assign(1, pos);
        for (std::size_t k = pos; k < text.size() && (options_.max_gap == 0 || gaps.size() <= options_.max_gap);) {
            const char32_t c = decode(text, k);
            if (c >= kInvalidBase || !options_.is_gap(c)) break;
            gaps.push_back(k);
        }
        // Pushed fewest-gaps first, so that the most gap characters are tried first.
        for (const std::size_t at : gaps) {
            if (at >= text.size()) continue;
            std::size_t k = at;
            const std::uint32_t next = trie.child(n, fold(decode(text, k)));
            if (next != UINT32_MAX) stack.emplace_back(next, k);
        }
    }
}

std::optional<TermSet::Hit> TermSet::find(std::string_view text, std::size_t from,
                                          const std::function<bool(const Hit&)>& accept) const {
    Scratch scratch;
    auto& hits = scratch.hits;
    for (std::size_t p = from; p < text.size();) {
        std::size_t after = p;
        const char32_t c = fold(decode(text, after));
        if (c < 0x10000 && (starts_.empty() || !starts_[c])) { p = after; continue; }
        hits.clear();
        collect(literal_, false, text, p, c, after, scratch);
        collect(gapped_, true, text, p, c, after, scratch);
        if (hits.size() > 1) std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.term < b.term; });
        for (const Hit& h : hits)
            if (!accept || accept(h)) return h;
        p = after;
    }
    return std::nullopt;
}

} // namespace gk

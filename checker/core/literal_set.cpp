#include "core/literal_set.hpp"

#include <algorithm>
#include <queue>

namespace gk {

LiteralSet::LiteralSet(const std::vector<std::string>& literals) : count_(literals.size()) {
    constexpr std::uint32_t none = UINT32_MAX;
    // The byte classes first: bytes in no literal share class 0, each other byte has its own, and
    // the automaton is built over classes (bytes of one class behave alike in it).
    bool used[256] = {};
    for (const auto& l : literals)
        for (unsigned char c : l) used[c] = true;
    for (unsigned c = 0; c < 256; ++c)
        if (used[c]) class_of_[c] = static_cast<std::uint16_t>(classes_++);
    const std::size_t w = classes_;
    // The trie, with `none` for a missing edge.
    std::vector<std::uint32_t> go(w, none);
    std::vector<std::vector<std::uint32_t>> ends(1); // literals ending at each state
    for (std::size_t k = 0; k < literals.size(); ++k) {
        if (literals[k].empty()) continue;
        std::uint32_t s = 0;
        for (unsigned char c : literals[k]) {
            const std::size_t at = s * w + class_of_[c];
            if (go[at] == none) {
                go[at] = static_cast<std::uint32_t>(ends.size());
                ends.emplace_back();
                go.resize(go.size() + w, none);
            }
            s = go[at];
        }
        ends[s].push_back(static_cast<std::uint32_t>(k));
    }
    const std::size_t states = ends.size();
    // Breadth first: each state's failure link, its missing edges filled from the failure state's,
    // and its outputs its own followed by the failure state's (already complete).
    std::vector<std::uint32_t> fail(states, 0);
    out_head_.assign(states, none);
    auto own_outputs = [&](std::uint32_t s, std::uint32_t tail) {
        std::uint32_t head = tail;
        for (auto it = ends[s].rbegin(); it != ends[s].rend(); ++it) {
            out_.push_back({*it, head});
            head = static_cast<std::uint32_t>(out_.size() - 1);
        }
        out_head_[s] = head;
    };
    own_outputs(0, none);
    std::queue<std::uint32_t> q;
    for (std::size_t c = 0; c < w; ++c) {
        std::uint32_t& t = go[c];
        if (t == none) t = 0;
        else { fail[t] = 0; q.push(t); }
    }
    while (!q.empty()) {
        const std::uint32_t s = q.front();
        q.pop();
        own_outputs(s, out_head_[fail[s]]);
        for (std::size_t c = 0; c < w; ++c) {
            std::uint32_t& t = go[s * w + c];
            if (t == none) t = go[fail[s] * w + c];
            else { fail[t] = go[fail[s] * w + c]; q.push(t); }
        }
    }
    // The output flag folded into the targets.
    next_.resize(states * w);
    for (std::size_t k = 0; k < states * w; ++k) next_[k] = go[k] | (out_head_[go[k]] != none ? kHasOutput : 0);
}

void LiteralSet::present(std::string_view text, std::vector<int>& out) const {
    if (out_.empty()) return;
    const std::size_t first = out.size();
    std::uint32_t s = 0;
    for (unsigned char c : text) {
        s = next_[static_cast<std::size_t>(s) * classes_ + class_of_[c]];
        if (s & kHasOutput) {
            s &= ~kHasOutput;
            for (std::uint32_t o = out_head_[s]; o != UINT32_MAX; o = out_[o].second) out.push_back(static_cast<int>(out_[o].first));
        }
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
    out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()), out.end());
}

} // namespace gk

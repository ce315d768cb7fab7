#include "core/literal_set.hpp"

#include <algorithm>
#include <queue>

namespace gk {

LiteralSet::LiteralSet(const std::vector<std::string>& literals) : count_(literals.size()) {
    constexpr std::uint32_t none = UINT32_MAX;
    // The trie, with `none` for a missing edge.
    std::vector<std::uint32_t> go(256, none);
    std::vector<std::vector<std::uint32_t>> ends(1); // literals ending at each state
    for (std::size_t k = 0; k < literals.size(); ++k) {
        if (literals[k].empty()) continue;
        std::uint32_t s = 0;
        for (unsigned char c : literals[k]) {
            std::uint32_t& t = go[s * 256 + c];
            if (t == none) {
                t = static_cast<std::uint32_t>(ends.size());
                ends.emplace_back();
                go.resize(go.size() + 256, none);
            }
            s = go[s * 256 + c];
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
    for (unsigned c = 0; c < 256; ++c) {
        std::uint32_t& t = go[c];
        if (t == none) t = 0;
        else { fail[t] = 0; q.push(t); }
    }
    while (!q.empty()) {
        const std::uint32_t s = q.front();
        q.pop();
        own_outputs(s, out_head_[fail[s]]);
        for (unsigned c = 0; c < 256; ++c) {
            std::uint32_t& t = go[s * 256 + c];
            if (t == none) t = go[fail[s] * 256 + c];
            else { fail[t] = go[fail[s] * 256 + c]; q.push(t); }
        }
    }
    // The byte classes, and the table over them with the output flag folded into the targets.
    bool used[256] = {};
    for (const auto& l : literals)
        for (unsigned char c : l) used[c] = true;
    for (unsigned c = 0; c < 256; ++c)
        if (used[c]) class_of_[c] = static_cast<std::uint16_t>(classes_++);
    // A byte of each class (class 0 has none when every byte occurs in some literal: unused then).
    std::vector<unsigned> representative(classes_, 0);
    for (unsigned c = 256; c-- > 0;) representative[class_of_[c]] = c;
    next_.assign(states * classes_, 0);
    for (std::size_t st = 0; st < states; ++st)
        for (std::size_t k = 0; k < classes_; ++k) {
            const std::uint32_t t = go[st * 256 + representative[k]];
            next_[st * classes_ + k] = t | (out_head_[t] != none ? kHasOutput : 0);
        }
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

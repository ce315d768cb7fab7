// Facts::sections: MinHash signatures of the level-1 sections of an annual report that the
// catalogue's <data name="similarity" measure="minhash-jaccard" ngram= hashes= sections=> names,
// for cross.duplicate (check/cross.hpp). A section's text is that of the body's text blocks
// (tables excluded) from its heading to the next level-1 heading, reduced to letters, digits and
// CJK ideographs; its n-grams are hashed with `hashes` seeded hashes and the minimum of each kept.
#include "extract/extract.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

namespace gk {

namespace {

std::uint64_t mix(std::uint64_t x) { // splitmix64's finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// minhash[k] = min(minhash[k], high 32 bits of mix(h ^ seeds[k])) for every k. Integer arithmetic
// only, so every clone gives the same values; where the CPU has AVX-512 (64-bit lanes multiply),
// GCC vectorises the loop eight seeds at a time, chosen at load time (ifunc).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "default"), optimize("tree-vectorize")))
#endif
void min_hashes(const std::uint64_t* __restrict seeds, std::uint32_t* __restrict minhash, std::size_t count, std::uint64_t h) {
    for (std::size_t k = 0; k < count; ++k) {
        const auto v = static_cast<std::uint32_t>(mix(h ^ seeds[k]) >> 32);
        minhash[k] = v < minhash[k] ? v : minhash[k];
    }
}

bool kept(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x3400 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

} // namespace

void extract_sections(const Document& doc, const Catalogue& catalogue, Facts& facts) {
    if (facts.type != "annual-report") return;
    const DataRef data = catalogue.data("similarity");
    if (!data) return;
    const int n = data.node.attribute("ngram").as_int(5);
    const int hashes = data.node.attribute("hashes").as_int(128);
    if (n < 1 || hashes < 1 || std::string(data.node.attribute("measure").as_string()) != "minhash-jaccard") return;
    std::vector<std::string> wanted;
    {
        std::istringstream in(data.node.attribute("sections").as_string());
        for (std::string w; in >> w;) wanted.push_back(w);
    }
    std::vector<const OutlineEntry*> level1;
    for (const auto& o : facts.outline)
        if (o.level == 1) level1.push_back(&o);
    if (std::none_of(level1.begin(), level1.end(), [&](const OutlineEntry* o) {
            return std::find(wanted.begin(), wanted.end(), o->number) != wanted.end();
        }))
        return;
    // The body's kept characters with their source offsets, read once for all sections.
    std::vector<std::pair<SourceOffset, char32_t>> body;
    for (std::size_t b : facts.body_blocks) {
        const Block& block = doc.blocks[b];
        if (block.kind == BlockKind::table) continue;
        const MappedText& m = block.norm.empty() ? block.text : block.norm;
        for (std::size_t i = 0; i < m.text.size();) {
            const std::size_t at = i;
            const char32_t c = utf8::next(m.text, i);
            if (kept(c)) body.emplace_back(m.source_at(at), c);
        }
    }
    // The hash functions' seeds (the k-th is mix(k + 1)).
    std::vector<std::uint64_t> seeds(static_cast<std::size_t>(hashes));
    for (int k2 = 0; k2 < hashes; ++k2) seeds[static_cast<std::size_t>(k2)] = mix(static_cast<std::uint64_t>(k2) + 1);
    for (std::size_t k = 0; k < level1.size(); ++k) {
        const OutlineEntry& o = *level1[k];
        if (std::find(wanted.begin(), wanted.end(), o.number) == wanted.end()) continue;
        const SourceOffset begin = o.offset;
        const SourceOffset end = k + 1 < level1.size() ? level1[k + 1]->offset : std::numeric_limits<SourceOffset>::max();
        std::vector<char32_t> text;
        for (const auto& [at, c] : body)
            if (at >= begin && at < end) text.push_back(c);
        SectionPrint s;
        s.number = o.number;
        s.title = o.title;
        s.offset = o.offset;
        s.chars = text.size();
        if (text.size() >= static_cast<std::size_t>(n)) {
            s.minhash.assign(static_cast<std::size_t>(hashes), std::numeric_limits<std::uint32_t>::max());
            for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= text.size(); ++i) {
                std::uint64_t h = 1469598103934665603ULL; // FNV-1a over the n-gram's code points
                for (int j = 0; j < n; ++j) h = (h ^ text[i + static_cast<std::size_t>(j)]) * 1099511628211ULL;
                min_hashes(seeds.data(), s.minhash.data(), seeds.size(), h);
            }
        }
        facts.sections.push_back(std::move(s));
    }
}

} // namespace gk

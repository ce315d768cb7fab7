#include "core/pattern_filter.hpp"

#include <algorithm>
#include <iterator>

#include "core/text.hpp"

namespace gk {

namespace {

// True when no character of `atom` has a case, so that it is found in the text as it is. Only
// ranges known to be caseless: ASCII but letters, general punctuation, CJK symbols and kana, the
// ideographs, and the full-width block but its letters. Anything else (Latin, Greek, Roman
// numerals, circled letters…) counts as cased.
bool caseless(std::string_view atom) {
    for (std::size_t i = 0; i < atom.size();) {
        const char32_t c = utf8::next(atom, i);
        const bool ok = (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) || (c >= 0x2000 && c <= 0x206F) ||
                        (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
                        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF01 && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
                        (c >= 0xFF5B && c <= 0xFF65);
        if (!ok) return false;
    }
    return !atom.empty();
}

} // namespace

PatternFilter::PatternFilter() = default;

int PatternFilter::add(const std::string& pattern, const RE2::Options& options, std::string& error) {
    int id = -1;
    if (filter_.Add(pattern, options, &id) == RE2::NoError) return id;
    const RE2 bad(pattern, options); // only for the message: FilteredRE2 keeps none
    error = bad.error();
    return -1;
}

void PatternFilter::compile() {
    compiled_ = true;
    std::vector<std::string> atoms, searched;
    if (filter_.NumRegexps() > 0) filter_.Compile(&atoms);
    for (std::size_t k = 0; k < atoms.size(); ++k) {
        if (caseless(atoms[k])) {
            searched.push_back(std::move(atoms[k]));
            searched_ids_.push_back(static_cast<int>(k));
        } else {
            present_always_.push_back(static_cast<int>(k));
        }
    }
    // The scan's table has (atom bytes + 1) × (distinct bytes + 1) entries: a user's word list
    // of thousands of phrases could make it large. Past 4 M entries (16 MB) there is no filter:
    // every pattern is a candidate everywhere (correct, only slower).
    std::size_t bytes = 0;
    bool used[256] = {};
    for (const auto& a : searched) {
        bytes += a.size();
        for (unsigned char c : a) used[c] = true;
    }
    const auto distinct = static_cast<std::size_t>(std::count(std::begin(used), std::end(used), true));
    if ((bytes + 1) * (distinct + 1) <= (std::size_t{1} << 22)) searched_ = std::make_unique<LiteralSet>(searched);
}

void PatternFilter::candidates(std::string_view text, std::vector<int>& out) const {
    out.clear();
    if (!compiled_) return;
    if (!searched_) { // no filter: every pattern
        for (int id = 0; id < filter_.NumRegexps(); ++id) out.push_back(id);
        return;
    }
    std::vector<int> found, present = present_always_;
    searched_->present(text, found);
    for (int k : found) present.push_back(searched_ids_[static_cast<std::size_t>(k)]);
    filter_.AllPotentials(present, &out);
    std::sort(out.begin(), out.end());
}

} // namespace gk

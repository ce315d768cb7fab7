// Normaliser: script detection, t2s with origin mapping, full-width ASCII folding and stray
// whitespace removal. See normalise.hpp for the exact behaviour.
#include "normalise/normalise.hpp"

#include "core/script.hpp"

#include <vector>

namespace gk {

namespace {

bool is_cjk_ideograph(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

// Code points folded to a space: they are whitespace for the removal rule.
bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Invisible code points that carry nothing for matching: dropped outright.
bool is_invisible(char32_t c) {
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

// ，：；！？ live in the full-width block but are ordinary Chinese punctuation, like 。、 which
// are not in it: they stay, so that prose keeps its punctuation (brackets （） do fold).
bool is_chinese_sentence_punct(char32_t c) {
    return c == 0xFF0C || c == 0xFF1A || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F;
}

bool is_ascii_alnum(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// One decoded code point of a MappedText: its value and the source offset of its first byte.
struct MappedCp {
    char32_t cp;
    SourceOffset origin;
};

std::vector<MappedCp> decode(const MappedText& in) {
    std::vector<MappedCp> out;
    out.reserve(in.text.size());
    std::size_t i = 0;
    while (i < in.text.size()) {
        const std::size_t start = i;
        const char32_t cp = utf8::next(in.text, i);
        out.push_back({cp, in.source_at(start)});
    }
    return out;
}

// The fold's second half, one code point at a time: full-width ASCII forms → ASCII, every
// space-like code point → ' ', invisibles dropped, and a whitespace run kept (as one space, at
// the run's first origin) only between two ASCII letters/digits. With Origins, out.origin gets
// each output byte's source offset; without, only out.text is written.
template <bool Origins>
class FoldSink {
public:
    explicit FoldSink(MappedText& out) : out_(out) {}
    void put(char32_t cp, SourceOffset origin) {
        if (cp >= 0xFF01 && cp <= 0xFF5E && !is_chinese_sentence_punct(cp)) cp -= 0xFEE0;
        else if (cp == 0x2212) cp = '-'; // MINUS SIGN, as printed before negative numbers
        if (is_invisible(cp)) return;
        if (is_space(cp)) {
            if (!pending_) { pending_ = true; pending_origin_ = origin; }
            return;
        }
        if (pending_) {
            if (have_prev_ && is_ascii_alnum(prev_) && is_ascii_alnum(cp)) emit(' ', pending_origin_);
            pending_ = false;
        }
        emit(cp, origin);
        prev_ = cp;
        have_prev_ = true;
    }

private:
    void emit(char32_t cp, SourceOffset origin) {
        const std::size_t before = out_.text.size();
        utf8::append(out_.text, cp);
        if constexpr (Origins) out_.origin.insert(out_.origin.end(), out_.text.size() - before, origin);
        else (void)origin;
    }
    MappedText& out_;
    bool pending_ = false, have_prev_ = false;
    SourceOffset pending_origin_ = 0;
    char32_t prev_ = 0;
};

} // namespace

struct Normaliser::Impl {
    // t2s over a decoded run, keeping origins: code point k of the output maps to code point k
    // of the input when the count is unchanged, else every output code point maps to the run start.
    void t2s_run(const std::vector<MappedCp>& in, std::size_t from, std::size_t to,
                 std::vector<MappedCp>& out) const {
        if (from >= to) return;
        std::string run;
        for (std::size_t k = from; k < to; ++k) utf8::append(run, in[k].cp);
        const std::string converted = script::to_simplified(run);
        std::vector<char32_t> cps;
        for (std::size_t i = 0; i < converted.size();) cps.push_back(utf8::next(converted, i));
        if (cps.size() == to - from) {
            for (std::size_t k = 0; k < cps.size(); ++k) out.push_back({cps[k], in[from + k].origin});
        } else {
            for (char32_t c : cps) out.push_back({c, in[from].origin});
        }
    }

    std::vector<MappedCp> to_simplified(const std::vector<MappedCp>& in) const {
        bool any_traditional = false;
        for (std::size_t k = 0; k < in.size() && !any_traditional; ++k)
            any_traditional = script::is_traditional_only(in[k].cp);
        if (!any_traditional) return in;
        // Usually t2s keeps the number of code points: one conversion of the whole text, origins
        // kept code point by code point.
        {
            std::vector<MappedCp> out;
            out.reserve(in.size());
            t2s_run(in, 0, in.size(), out);
            if (out.size() == in.size()) return out; // t2s_run mapped code point k to k
        }
        // Otherwise runs of CJK-range code points are converted separately so that a length
        // change in one phrase only blurs the origins of that run.
        std::vector<MappedCp> out;
        out.reserve(in.size());
        std::size_t k = 0;
        while (k < in.size()) {
            if (in[k].cp < 0x2E80) { out.push_back(in[k]); ++k; continue; }
            std::size_t end = k;
            while (end < in.size() && in[end].cp >= 0x2E80) ++end;
            bool any_traditional = false;
            for (std::size_t j = k; j < end && !any_traditional; ++j)
                any_traditional = script::is_traditional_only(in[j].cp);
            if (any_traditional) t2s_run(in, k, end, out);
            else out.insert(out.end(), in.begin() + static_cast<std::ptrdiff_t>(k),
                            in.begin() + static_cast<std::ptrdiff_t>(end));
            k = end;
        }
        return out;
    }

    // The whole fold of `in` into `out` (see FoldSink), after t2s when `to_simplified`.
    template <bool Origins>
    void fold_into(const MappedText& in, bool to_simplified, MappedText& out) const {
        out.text.reserve(in.text.size());
        if constexpr (Origins) out.origin.reserve(in.text.size());
        FoldSink<Origins> sink(out);
        // t2s changes nothing in a text without a traditional-only character (to_simplified above)
        if (to_simplified) {
            bool any_traditional = false;
            for (std::size_t i = 0; i < in.text.size() && !any_traditional;)
                any_traditional = script::is_traditional_only(utf8::next(in.text, i));
            to_simplified = any_traditional;
        }
        if (to_simplified) {
            for (const MappedCp& c : this->to_simplified(decode(in))) sink.put(c.cp, c.origin);
            return;
        }
        for (std::size_t i = 0; i < in.text.size();) {
            const std::size_t start = i;
            const char32_t cp = utf8::next(in.text, i);
            sink.put(cp, Origins ? in.source_at(start) : 0);
        }
    }
};

// The script tables are constant data (script.hpp): nothing to load.
Normaliser::Normaliser() : impl_(new Impl) {}

Normaliser::~Normaliser() { delete impl_; }

const Normaliser& Normaliser::instance() {
    static const Normaliser n;
    return n;
}

bool Normaliser::is_traditional_only(char32_t c) const { return script::is_traditional_only(c); }
bool Normaliser::is_simplified_only(char32_t c) const { return script::is_simplified_only(c); }

std::string Normaliser::to_simplified(std::string_view s) const { return script::to_simplified(s); }
std::string Normaliser::to_traditional(std::string_view s) const { return script::to_traditional(s); }

MappedText Normaliser::fold(const MappedText& in, bool to_simplified) const {
    MappedText out;
    impl_->fold_into<true>(in, to_simplified, out);
    return out;
}

std::string Normaliser::fold(std::string_view in, bool to_simplified) const {
    MappedText m; // no origins: source_at() is 0 throughout, and none are written
    m.text.assign(in);
    MappedText out;
    impl_->fold_into<false>(m, to_simplified, out);
    return std::move(out.text);
}

void Normaliser::normalise(Document& doc) const {
    // Script: count ideographs that only exist in traditional (resp. simplified) script.
    std::size_t cjk = 0, traditional = 0, simplified = 0;
    auto count = [&](std::string_view s) {
        for (std::size_t i = 0; i < s.size();) {
            const char32_t c = utf8::next(s, i);
            if (!is_cjk_ideograph(c)) continue;
            ++cjk;
            if (script::is_traditional_only(c)) ++traditional;
            else if (script::is_simplified_only(c)) ++simplified;
        }
    };
    bool any_block_text = false;
    for (const auto& b : doc.blocks) {
        if (b.kind == BlockKind::table && b.table) {
            for (const auto& row : b.table->rows)
                for (const auto& cell : row) { count(cell.text.text); any_block_text = true; }
            if (b.table->rows.empty()) { count(b.text.text); any_block_text = true; }
        } else {
            count(b.text.text);
            any_block_text = any_block_text || !b.text.empty();
        }
    }
    if (!any_block_text) count(doc.source);
    // A simplified page quoting a few traditional names stays simplified: traditional-only
    // characters must be a real share of the text and outnumber simplified-only ones.
    const bool is_traditional = traditional >= 5 && traditional * 50 >= cjk && traditional > simplified;
    doc.script = is_traditional ? "traditional" : "simplified";

    for (auto& b : doc.blocks) {
        b.norm = fold(b.text, is_traditional);
        if (b.table)
            for (auto& row : b.table->rows)
                for (auto& cell : row) cell.norm = fold(cell.text, is_traditional);
    }
}

} // namespace gk

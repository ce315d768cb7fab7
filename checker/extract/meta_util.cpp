#include "extract/meta_util.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>

#include "core/text.hpp"

namespace gk::extract_util {

std::optional<int> doc_number_year(std::string_view s) {
    static const RE2 re(R"((?:〔|\[|﹝|\(|【|（|〈|<)\s*((?:19|20)\d\d)\s*(?:〕|\]|﹞|\)|】|）|〉|>))");
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece y;
    if (RE2::PartialMatch(input, re, &y)) return std::stoi(std::string(y));
    return std::nullopt;
}

// The whole string is one of
//   ^\s*[\p{Han}A-Za-z]{1,16}(?:〔|\[|﹝|\(|【|（)\s*(?:19|20)\d\d\s*(?:〕|\]|﹞|\)|】|）)\s*(?:第)?\d{1,5}\s*[号號]\s*$
//   ^\s*[\p{Han}]{1,16}令?第\d{1,5}[号號]\s*$
// matched as the same patterns with the bounded run unbounded and captured, then its length
// checked: a run of 16 copies of \p{Han} took RE2 ~0.5 ms to compile, on every process's first
// document. Exact, because each run is determined by the string alone:
// - in the first, the run is every character after the leading blanks up to the opening bracket,
//   and no bracket is a letter or Han;
// - in the second, \s* and the digits are not Han, so the run and 令? are every character after
//   the blanks up to the 第 before the digits: the run is all of them (1..16), or all but a last 令
//   (17 with 令 at the end).
// tests/test_extract.cpp compares this with the two patterns themselves on generated strings.
bool is_document_number(std::string_view s) {
    static const RE2 re(
        R"(^\s*([\p{Han}A-Za-z]+)(?:〔|\[|﹝|\(|【|（)\s*(?:19|20)\d\d\s*(?:〕|\]|﹞|\)|】|）)\s*(?:第)?\d{1,5}\s*[号號]\s*$)");
    static const RE2 order(R"(^\s*(\p{Han}+)第\d{1,5}[号號]\s*$)");
    const re2::StringPiece input(s.data(), s.size());
    re2::StringPiece run;
    if (RE2::FullMatch(input, re, &run) && utf8::count_code_points(std::string_view(run.data(), run.size())) <= 16) return true;
    if (!RE2::FullMatch(input, order, &run)) return false;
    const std::string_view r(run.data(), run.size());
    const std::size_t n = utf8::count_code_points(r);
    return n <= 16 || (n == 17 && r.ends_with("令"));
}

std::string printed(const Document& doc, const MappedText& norm, std::size_t b, std::size_t e) {
    if (e > norm.text.size()) e = norm.text.size();
    if (b >= e) return {};
    const std::string fallback = norm.text.substr(b, e - b);
    if (norm.origin.size() != norm.text.size() || doc.source.empty()) return fallback;
    const std::size_t start = norm.source_at(b);
    const std::size_t last = norm.source_at(e - 1);
    if (start >= doc.source.size() || last >= doc.source.size() || last < start) return fallback;
    // Extend over the whole code point at `last`.
    std::size_t end = last + 1;
    while (end < doc.source.size() && (static_cast<unsigned char>(doc.source[end]) & 0xC0) == 0x80) ++end;
    // A mapping that jumps far (synthetic separators, reordered runs) is not a printed span.
    if (end - start > 4 * (e - b) + 64) return fallback;
    std::string out = doc.source.substr(start, end - start);
    if (!utf8::is_valid(out)) return fallback;
    // HTML: a span crossing markup is not "as printed"; entities are shown decoded.
    if (out.find('<') != std::string::npos && out.find('>') != std::string::npos) return fallback;
    if (out.find('&') != std::string::npos) {
        static const RE2 amp("&amp;"), lt("&lt;"), gt("&gt;"), quot("&quot;");
        static const RE2 named(R"(&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);)");
        RE2::GlobalReplace(&out, amp, "\x01");
        RE2::GlobalReplace(&out, lt, "<");
        RE2::GlobalReplace(&out, gt, ">");
        RE2::GlobalReplace(&out, quot, "\"");
        RE2::GlobalReplace(&out, named, " "); // &ensp; &nbsp; ...
        std::replace(out.begin(), out.end(), '\x01', '&');
    }
    return out;
}

std::size_t code_points(std::string_view s) { return utf8::count_code_points(s); }

std::string opening_text(const Document& doc, std::size_t n_blocks, std::size_t max_bytes) {
    std::string out;
    std::size_t used = 0;
    for (const auto& b : doc.blocks) {
        if (used >= n_blocks || out.size() >= max_bytes) break;
        if (b.hidden) continue;
        if (b.kind == BlockKind::table && b.table) {
            for (const auto& row : b.table->rows) {
                out += row_text(row).text;
                out += '\n';
                if (out.size() >= max_bytes) break;
            }
        } else {
            out += b.norm.empty() ? b.text.text : b.norm.text;
            out += '\n';
        }
        ++used;
    }
    if (out.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

bool head_gap_tail(std::string_view text, std::span<const std::string_view> heads, std::size_t max_gap,
                   std::span<const std::string_view> tails) {
    for (const std::string_view h : heads) {
        // Every occurrence, at any byte (RE2's unanchored search starts anywhere too).
        for (std::size_t at = text.find(h); at != std::string_view::npos; at = text.find(h, at + 1)) {
            std::size_t p = at + h.size();
            for (std::size_t gap = 0;; ++gap) {
                for (const std::string_view t : tails)
                    if (text.substr(p).starts_with(t)) return true;
                if (gap == max_gap || p >= text.size()) break;
                std::size_t i = p;
                const char32_t c = utf8::next(text, i);
                if (c == U'。' || (c == 0xFFFD && i - p != 3)) break;
                p = i;
            }
        }
    }
    return false;
}

// Removes the bracketed qualifier that ends `t` — （试行） (暂行) 【…】 [附件] with at most 20
// characters inside — exactly as RE2::Replace(&t, R"((?:（[^（）]{0,20}）|\([^()]{0,20}\)|【[^【】]{0,20}】|\[[^\[\]]{0,20}\])$)", "")
// would, without compiling that pattern (0.5 ms of RE2 in every process, for every title): the
// group is fixed by the string (the closing bracket is the last character, its opening one the
// nearest before it with neither bracket of that kind between), so it is found from the end. An
// invalid byte inside ends the search, as it matches no RE2 class. Returns whether it removed one.
bool strip_bracket_tail(std::string& t) {
    if (t.empty()) return false;
    struct Cp {
        std::size_t at;
        char32_t cp;
        bool valid;
    };
    std::vector<Cp> cps;
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t at = i;
        const char32_t cp = utf8::next(t, i);
        cps.push_back({at, cp, cp != 0xFFFD || i - at == 3});
    }
    static constexpr std::pair<char32_t, char32_t> kinds[] = {{U'（', U'）'}, {U'(', U')'}, {U'【', U'】'}, {U'[', U']'}};
    for (const auto& [open, close] : kinds) {
        if (cps.back().cp != close || !cps.back().valid) continue;
        std::size_t k = cps.size() - 1; // the opening bracket is cps[k - 1]
        while (k > 0 && cps[k - 1].valid && cps[k - 1].cp != open && cps[k - 1].cp != close && cps.size() - 1 - k < 20) --k;
        if (k == 0 || cps[k - 1].cp != open || !cps[k - 1].valid) return false;
        t.erase(cps[k - 1].at);
        return true;
    }
    return false;
}

std::string type_from_title(std::string_view title) {
    std::string t(title);
    // Strip trailing spaces, punctuation and bracketed qualifiers: （试行） (暂行) 【…】 （详见附件）.
    static const RE2 tail(R"((?:\s|\x{3000}|[。.，,：:;；!！"”’'》>])+$)");
    for (int guard = 0; guard < 4; ++guard) {
        const std::string before = t;
        RE2::Replace(&t, tail, "");
        strip_bracket_tail(t);
        if (t == before) break;
    }
    auto ends = [&](std::string_view suf) {
        return t.size() >= suf.size() && std::string_view(t).substr(t.size() - suf.size()) == suf;
    };
    auto has = [&](std::string_view w) { return t.find(w) != std::string::npos; };
    if ((ends("年度报告") || ends("年报") || ends("年度报表") || ends("工作报告")) &&
        (has("信息公开") || has("政务公开")))
        return "annual-report";
    for (std::string_view s : {"通知", "通报", "公告", "通告", "意见", "决定", "批复", "复函", "函",
                               "条例", "办法", "规定", "细则", "命令", "令", "公报", "决议", "纪要",
                               "情况"})
        if (ends(s)) return "notice";
    for (std::string_view s : {"方案", "计划", "规划", "要点", "安排", "分解表"})
        if (ends(s)) return "plan";
    if (ends("总结")) return "summary";
    if (ends("指南")) return "guide";
    return "";
}

MappedText row_text(const std::vector<Cell>& row) {
    MappedText out;
    for (const auto& c : row) {
        if (c.span_copy) continue;
        const MappedText& t = c.norm.empty() ? c.text : c.norm;
        if (!out.empty()) out.append_synthetic("|", out.source_at(out.text.size() - 1));
        out.append(t);
    }
    return out;
}

} // namespace gk::extract_util

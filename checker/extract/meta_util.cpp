#include "extract/meta_util.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>

namespace gk::extract_util {

namespace {

// Spaces that survive in normalised text only between ASCII characters, but in original text
// anywhere: ASCII space/tab, NBSP, en/em spaces, ideographic space.
constexpr const char* kSpace = R"((?:\s|\x{00A0}|\x{2002}|\x{2003}|\x{3000}))";

// year sep month sep day, separators 年月日 or - / . ; spaces allowed around them. Spelled as
// one literal: GCC 12 warns falsely (-Warray-bounds) on std::string concatenation here.
#define GK_DATE_SP "(?:\\s|\\x{00A0}|\\x{2002}|\\x{2003}|\\x{3000})*"
constexpr const char* kDatePattern = "((?:19|20)\\d\\d)" GK_DATE_SP "(?:年|-|/|\\.)" GK_DATE_SP "(\\d{1,2})" GK_DATE_SP
                                     "(?:月|-|/|\\.)" GK_DATE_SP "(\\d{1,2})(?:" GK_DATE_SP "日)?";
#undef GK_DATE_SP

const RE2& date_re() {
    static const RE2 re(kDatePattern);
    return re;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

std::string DateMatch::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<DateMatch> find_date(std::string_view s, std::size_t from, bool anchored) {
    if (from > s.size()) return std::nullopt;
    std::size_t pos = from;
    if (anchored) {
        std::size_t b = from, e = s.size();
        trim_range(s, b, e);
        pos = b;
    }
    while (pos < s.size()) {
        re2::StringPiece input(s.data() + pos, s.size() - pos);
        re2::StringPiece sub[4];
        if (!date_re().Match(input, 0, input.size(), anchored ? RE2::ANCHOR_START : RE2::UNANCHORED,
                             sub, 4))
            return std::nullopt;
        const std::size_t begin = static_cast<std::size_t>(sub[0].data() - s.data());
        const std::size_t end = begin + sub[0].size();
        // A year glued to a preceding digit ("12020-01-01") is not a date start.
        const bool glued = begin > 0 && is_digit(s[begin - 1]);
        DateMatch dm;
        dm.year = std::stoi(std::string(sub[1]));
        dm.month = std::stoi(std::string(sub[2]));
        dm.day = std::stoi(std::string(sub[3]));
        dm.begin = begin;
        dm.end = end;
        const bool glued_after = end < s.size() && is_digit(s[end]);
        if (!glued && !glued_after && dm.month >= 1 && dm.month <= 12 && dm.day >= 1 && dm.day <= 31)
            return dm;
        if (anchored) return std::nullopt;
        pos = begin + 1;
    }
    return std::nullopt;
}

std::optional<int> first_year_before_nian(std::string_view s) {
    static const RE2 re("((?:19|20)\\d\\d)" + std::string(kSpace) + "*年");
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece y;
    while (RE2::FindAndConsume(&input, re, &y)) {
        const std::size_t at = static_cast<std::size_t>(y.data() - s.data());
        if (at > 0 && is_digit(s[at - 1])) continue;
        return std::stoi(std::string(y));
    }
    return std::nullopt;
}

std::optional<int> doc_number_year(std::string_view s) {
    static const RE2 re(R"((?:〔|\[|﹝|\(|【|（|〈|<)\s*((?:19|20)\d\d)\s*(?:〕|\]|﹞|\)|】|）|〉|>))");
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece y;
    if (RE2::PartialMatch(input, re, &y)) return std::stoi(std::string(y));
    return std::nullopt;
}

bool is_document_number(std::string_view s) {
    static const RE2 re(
        R"(^\s*[\p{Han}A-Za-z]{1,16}(?:〔|\[|﹝|\(|【|（)\s*(?:19|20)\d\d\s*(?:〕|\]|﹞|\)|】|）)\s*(?:第)?\d{1,5}\s*[号號]\s*$)");
    static const RE2 order(R"(^\s*[\p{Han}]{1,16}令?第\d{1,5}[号號]\s*$)");
    re2::StringPiece input(s.data(), s.size());
    return RE2::FullMatch(input, re) || RE2::FullMatch(input, order);
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

void trim_range(std::string_view s, std::size_t& b, std::size_t& e,
                const std::vector<std::string_view>& extra) {
    static const std::vector<std::string_view> spaces = {" ", "\t", "\r", "\n", "\xC2\xA0",
                                                         "\xE2\x80\x82", "\xE2\x80\x83", "\xE3\x80\x80"};
    if (e > s.size()) e = s.size();
    bool changed = true;
    while (changed && b < e) {
        changed = false;
        for (const auto* list : {&spaces, &extra}) {
            for (auto t : *list) {
                if (t.empty()) continue;
                if (e - b >= t.size() && s.substr(b, t.size()) == t) { b += t.size(); changed = true; }
                if (e - b >= t.size() && s.substr(e - t.size(), t.size()) == t) { e -= t.size(); changed = true; }
            }
        }
    }
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

std::string type_from_title(std::string_view title) {
    std::string t(title);
    // Strip trailing spaces, punctuation and bracketed qualifiers: （试行） (暂行) 【…】 （详见附件）.
    static const RE2 tail(R"((?:\s|\x{3000}|[。.，,：:;；!！"”’'》>])+$)");
    static const RE2 bracket(R"((?:（[^（）]{0,20}）|\([^()]{0,20}\)|【[^【】]{0,20}】|\[[^\[\]]{0,20}\])$)");
    for (int guard = 0; guard < 4; ++guard) {
        const std::string before = t;
        RE2::Replace(&t, tail, "");
        RE2::Replace(&t, bracket, "");
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

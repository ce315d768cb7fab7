// Outline: numbered headings 一、 (一) 1. (1) → levels 1–4 with their numeric value and title.
//
// Sources, in document order:
//  - a heading block or a paragraph that starts with a number (the usual case);
//  - inside a long block (crawler plain text puts a whole report on one line), a number that
//    follows sentence punctuation or a space AND continues the numbering at its level (the next
//    value or one after it). The continuity test keeps template-table labels that run together
//    with the body text (「…0000000三、本年度办理结果（一）予以公开…」) out of the outline.
// Never headings: table cells, page furniture, 「2020年」, decimals 「1.5万」, 「1、2月」.
//
// Section heads (extract_section_heads, Facts::section_heads): the looser view the section rules
// need — every level-1 number at a sentence boundary in any non-table block, and short
// unnumbered blocks — without the continuity test; which section each names is judged by the
// required-sections kind.
//
// Title: the text after the number up to the first 。：；. For run-in headings with no such
// punctuation close by (「一、总体情况2021年，我区…」) the title also stops at a dropped space
// or where digits start after Chinese text, so it stays short.
#include <array>

#include "extract/extract.hpp"
#include "extract/meta_util.hpp"
#include "grammar/grammar.hpp"

namespace gk {

namespace {

using extract_util::code_points;

const MappedText& norm_of(const Block& b) { return b.norm.empty() ? b.text : b.norm; }

struct Candidate {
    int level = 0;
    std::string number; // numeral text
    int value = 0;
    std::size_t begin = 0;       // where the number starts
    std::size_t title_begin = 0; // after the number and its punctuation
};

// The heading number starting at byte `at` (grammar::read_heading_number, normalised dialect):
// a hand-written recogniser that rejects a non-candidate character by its first byte.
std::optional<Candidate> match_number(std::string_view s, std::size_t at) {
    const auto h = grammar::read_heading_number(s, at, grammar::HeadingDialect::normalised);
    if (!h || h->level < 1 || h->level > 4) return std::nullopt;
    Candidate c;
    c.level = h->level;
    c.number = std::string(s.substr(h->numeral_begin, h->numeral_end - h->numeral_begin));
    c.value = h->value;
    c.begin = at;
    c.title_begin = h->end;
    return c;
}

// Byte length of the UTF-8 sequence starting with lead byte c.
std::size_t seq_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// True when the original text had something (spaces) between norm bytes i-1 and i.
bool dropped_gap(const MappedText& t, std::size_t i) {
    if (i == 0 || i >= t.text.size() || t.origin.size() != t.text.size()) return false;
    std::size_t prev = i - 1;
    while (prev > 0 && (static_cast<unsigned char>(t.text[prev]) & 0xC0) == 0x80) --prev;
    const SourceOffset expect = t.source_at(prev) + static_cast<SourceOffset>(seq_len(static_cast<unsigned char>(t.text[prev])));
    return t.source_at(i) > expect;
}

// Title range after the number `c`.
std::pair<std::size_t, std::size_t> title_range(const MappedText& t, const Candidate& c, bool inline_mode) {
    const std::size_t tb = c.title_begin;
    const std::string_view s = t.text;
    std::size_t b = tb, e = s.size();
    grammar::trim_range(s, b, e);
    // first strong punctuation
    std::size_t stop = e;
    for (std::string_view p : {"。", "：", ":", "；", ";", "！", "？"}) {
        auto at = s.find(p, b);
        if (at != std::string_view::npos && at < stop) stop = at;
    }
    // A title never runs into the next heading number: 「…政务公开（1）政府工作…」,
    // 「1.本机关不掌握相关政府信息2.没有现成信息…」, 「概述,(一)注重…」.
    for (std::size_t i = b; i < stop;) {
        const std::size_t at = i;
        utf8::next(s, i);
        if (at == b) continue;
        if (auto n = match_number(s, at)) {
            const bool bracketed = n->level == 2 || n->level == 4;
            const bool next_sibling = n->level == c.level && n->value == c.value + 1;
            if (bracketed || next_sibling) { stop = at; break; }
        }
    }
    const bool close = code_points(s.substr(b, stop - b)) <= 40;
    if (!close || inline_mode) {
        // no punctuation nearby: also stop at a comma, a dropped space, or digits after text
        std::size_t i = b;
        char32_t prev = 0;
        std::size_t n = 0;
        while (i < stop) {
            const std::size_t at = i;
            const char32_t c = utf8::next(s, i);
            if (c == U'，' || c == ',') { stop = at; break; }
            if (n > 0 && dropped_gap(t, at)) { stop = at; break; }
            if (n > 0 && c >= '0' && c <= '9' && prev >= 0x3400) { stop = at; break; }
            if (++n > 40) { stop = at; break; }
            prev = c;
        }
    }
    std::size_t te = stop;
    grammar::trim_range(s, b, te, {",", "，", "、", "(", "（"});
    return {b, te};
}

char32_t char_before(const MappedText& t, std::size_t at) {
    if (at == 0) return 0;
    std::size_t prev = at - 1;
    while (prev > 0 && (static_cast<unsigned char>(t.text[prev]) & 0xC0) == 0x80) --prev;
    return utf8::next(t.text, prev);
}

// Characters after which an inline number may start a heading.
bool inline_boundary(const MappedText& t, std::size_t at) {
    if (at == 0 || dropped_gap(t, at)) return true;
    const char32_t c = char_before(t, at);
    return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'：' || c == ';' || c == ':' ||
           c == ' ' || c == U'\u3000';
}

struct Counters {
    std::array<int, 5> last{}; // last accepted value per level (1..4)
    void accept(int level, int value) {
        last[static_cast<std::size_t>(level)] = value;
        for (int l = level + 1; l <= 4; ++l) last[static_cast<std::size_t>(l)] = 0;
    }
    bool exactly_next(int level, int value) const {
        return value == last[static_cast<std::size_t>(level)] + 1 &&
               (level == 1 || last[static_cast<std::size_t>(level - 1)] != 0);
    }
    bool continues(int level, int value) const {
        const int expect = last[static_cast<std::size_t>(level)] + 1;
        // a sub-level only directly under its parent or a sibling sub-level
        if (level > 1 && last[static_cast<std::size_t>(level - 1)] == 0 && level != 3) return false;
        return value == expect || value == expect + 1;
    }
};

// The heading as printed for messages: from `start`, cut at the first sentence punctuation (or
// digit) after two code points, or at the window end on a code-point boundary, or 24 code points.
std::string heading_text(const std::string& t, std::size_t start, std::size_t end) {
    std::string out;
    std::size_t i = start;
    int n = 0;
    while (i < end && i < t.size()) {
        const std::size_t b = i;
        const char32_t c = utf8::next(t, i);
        if ((c == U'。' || c == U'，' || c == U'：' || (c >= '0' && c <= '9')) && n > 2) break;
        out.append(t, b, i - b);
        if (++n >= 24) break;
    }
    return out;
}

void section_heads_of(const Block& block, std::size_t bi, std::vector<SectionHead>& out) {
    const std::string& t = block.norm.text;
    // 1. Numbered level-1 headings anywhere in the block: start, or after a sentence end.
    std::size_t i = 0;
    char32_t prev = 0;
    while (i < t.size()) {
        const std::size_t start = i;
        const char32_t c = utf8::next(t, i);
        const bool boundary = start == 0 || prev == U'。' || prev == U'；' || prev == U'！' || prev == U'？' ||
                              prev == U' ' || prev == U')' || prev == U'”' || prev == U'：';
        prev = c;
        if (!boundary) continue;
        const auto number = grammar::read_heading_number(t, start);
        if (!number || number->form != grammar::HeadingForm::chinese) continue;
        const std::size_t k = number->end;
        SectionHead h;
        h.numbered = true;
        h.after = t.substr(k, 150);
        h.offset = block.norm.source_at(start);
        h.value = number->value;
        h.printed = heading_text(t, start, std::min(t.size(), k + 60));
        h.block = bi;
        out.push_back(std::move(h));
    }
    // 2. A short unnumbered heading-like block — not one that goes on after a sentence end: that
    //    is prose (a hard-wrapped line such as 「其他需要报告的事项。本年度报告中所列数据…」).
    auto sentence_goes_on = [&] {
        for (const char* end : {"。", "！", "？", "；"}) {
            const std::size_t at = t.find(end);
            if (at != std::string::npos && !grammar::trim(std::string_view(t).substr(at + 3)).empty()) return true;
        }
        return false;
    };
    if (!t.empty() && utf8::count_code_points(t) <= 30 && !t.starts_with("(") && !sentence_goes_on()) {
        SectionHead h;
        h.after = t;
        h.printed = t;
        h.offset = block.norm.source_at(0);
        h.block = bi;
        out.push_back(std::move(h));
    }
}

} // namespace

void extract_section_heads(const Document& doc, Facts& facts) {
    for (std::size_t bi = 0; bi < doc.blocks.size(); ++bi) {
        const Block& b = doc.blocks[bi];
        if (b.boilerplate || b.kind == BlockKind::table || b.kind == BlockKind::image) continue;
        section_heads_of(b, bi, facts.section_heads);
    }
}

void extract_outline(const Document& doc, Facts& facts) {
    Counters counters;
    for (std::size_t bi = 0; bi < doc.blocks.size(); ++bi) {
        const Block& b = doc.blocks[bi];
        if (b.hidden || b.boilerplate || b.in_metadata || b.kind == BlockKind::table ||
            b.kind == BlockKind::image)
            continue;
        const MappedText& t = norm_of(b);
        const std::string_view s = t.text;
        if (s.empty()) continue;
        auto add = [&](const Candidate& c, bool run_in) {
            auto [tb, te] = title_range(t, c, run_in);
            OutlineEntry e;
            e.level = c.level;
            e.number = c.number;
            e.value = c.value;
            e.title = std::string(s.substr(tb, te - tb));
            e.block = bi;
            e.offset = t.source_at(c.begin);
            e.from_heading_block = b.kind == BlockKind::heading;
            counters.accept(c.level, c.value);
            facts.outline.push_back(std::move(e));
        };
        // number at the start of the block
        std::size_t start = 0, end_ = s.size();
        grammar::trim_range(s, start, end_);
        std::size_t scan_from = start;
        if (auto c = match_number(s, start)) {
            // a heading block or a paragraph that starts with a number
            add(*c, false);
            scan_from = c->title_begin;
        }
        // inline headings in long run-together blocks
        if (code_points(s) < 200) continue;
        for (std::size_t i = scan_from; i < s.size();) {
            const std::size_t at = i;
            utf8::next(s, i);
            auto c = match_number(s, at);
            if (!c || !counters.continues(c->level, c->value)) continue;
            const char32_t before = char_before(t, at);
            if (before == U'第') continue; // 第（一）项
            if (before >= '0' && before <= '9' && !dropped_gap(t, at)) continue; // glued table digits
            if (!inline_boundary(t, at) && !(c->level == 4 && counters.exactly_next(c->level, c->value)))
                continue; // after running text only a 「（1）」 that is the very next item
            if (c->level == 3 && char_before(t, at) != U'。' && char_before(t, at) != U'；')
                continue; // 「1.」 inline only right after a full stop
            if (c->level == 4 && !counters.exactly_next(c->level, c->value)) continue;
            add(*c, true);
            i = c->title_begin;
        }
    }
}

} // namespace gk

#include "extract/extract.hpp"

#include <re2/re2.h>

#include "extract/page_text.hpp"
#include "grammar/grammar.hpp"

namespace gk {

namespace {

bool ends_whole(std::string_view t) {
    for (std::string_view p : {"。", "！", "？", "；", "”", "」", "）", ")", ".", "!", "?", ":", "：", "日", "…"})
        if (t.size() >= p.size() && t.substr(t.size() - p.size()) == p) return true;
    return false;
}

// A line that may legitimately end a text without sentence-final punctuation: a date, an organ
// name (the signature), a field line (附件：… 责任编辑：…) or a bracketed marking.
bool may_end_text(std::string_view t) {
    if (grammar::whole_date(t)) return true;
    static const RE2 han(R"(\p{Han})");
    if (!RE2::PartialMatch(t, han)) return true; // a page number 「— 7 —」, a lone figure
    if (page::is_organ_line(t)) return true;
    if (t.find("：") != std::string_view::npos || t.find(':') != std::string_view::npos) return true;
    return false;
}

// A whole sentence (or a date, or a table's last figure), then a space and at most 10 characters
// without digits that are no heading: page furniture left at the end of a one-line crawl
// (「…费用1万元。 附件下载」, 「…行政诉讼数件00 附件下载」, 「…。 打印本页 关闭窗口」), not a cut.
bool short_trailer(std::string_view t) {
    static const RE2 tail_re(R"((?:。|！|？|；|日|\d)[\s\x{3000}\x{00A0}]+([^\s\x{3000}\x{00A0}0-9０-９][^0-9０-９]{0,30}?)[\s\x{3000}\x{00A0}]*$)");
    re2::StringPiece words;
    // The trailer is searched for only in the last 64 bytes: furniture is short.
    const std::string_view end = t.size() > 64 ? t.substr(t.size() - 64) : t;
    if (!RE2::PartialMatch(end, tail_re, &words)) return false;
    const std::string_view w(words.data(), words.size());
    return utf8::count_code_points(w) <= 10 && !grammar::read_heading_number(w, 0);
}

// The same trailer split off by the parser as a block of its own (a run-together line cut into
// blocks): at most 10 characters without digits that are no heading, on the source line where
// the block before it starts, and that block ends a sentence, a date or a figure.
bool trailer_on_same_line(const Document& doc, std::size_t k, std::string_view t) {
    static const RE2 digit(R"([0-9０-９])");
    if (utf8::count_code_points(t) > 10 || RE2::PartialMatch(t, digit) || grammar::read_heading_number(t, 0)) return false;
    for (std::size_t j = k; j-- > 0;) {
        const Block& prev = doc.blocks[j];
        if (prev.hidden || prev.boilerplate) continue;
        const std::string_view p = grammar::trim(prev.text.text);
        if (p.empty()) continue;
        if (doc.position(prev.offset()).line != doc.position(doc.blocks[k].offset()).line) return false;
        static const RE2 end_re(R"((?:。|！|？|；|日|\d)$)");
        return RE2::PartialMatch(p, end_re);
    }
    return false;
}

// Whether the outline reaches the last required section of an annual report (the last <section>
// of <data name="annual-report-sections">, by number and an alias of its title): a text cut off
// there loses nothing the section and table rules look for.
bool reaches_last_section(const Facts& facts, const Catalogue& catalogue) {
    if (facts.type != "annual-report") return false;
    const DataRef data = catalogue.data("annual-report-sections");
    if (!data) return false;
    pugi::xml_node last;
    for (pugi::xml_node s : data.node.children("section")) last = s;
    if (!last) return false;
    const auto number = grammar::parse_chinese_numeral(last.attribute("number").as_string());
    if (!number) return false;
    for (const OutlineEntry& e : facts.outline) {
        if (e.level != 1 || e.value != *number) continue;
        std::string title;
        for (std::size_t i = 0; i < e.title.size();) {
            const std::size_t n = grammar::space_len(e.title, i);
            if (n) { i += n; continue; }
            title += e.title[i++];
        }
        for (pugi::xml_node a : last.children("alias"))
            if (title.find(a.text().as_string()) != std::string::npos) return true;
    }
    return false;
}

void detect_truncation(const Document& doc, const Catalogue& catalogue, Facts& facts) {
    if (reaches_last_section(facts, catalogue)) return;
    for (const auto& [id, t] : facts.tables)
        if (t.cut_at) {
            facts.truncated = "文本在表格行中间结束";
            facts.truncated_en = "the text ends inside a table row";
            facts.truncated_at = *t.cut_at;
            return;
        }
    const std::vector<bool> body = [&] {
        std::vector<bool> b(doc.blocks.size(), false);
        for (std::size_t i : facts.body_blocks) if (i < b.size()) b[i] = true;
        return b;
    }();
    for (std::size_t k = doc.blocks.size(); k-- > 0;) {
        const Block& block = doc.blocks[k];
        if (block.hidden || block.boilerplate) continue;
        if (block.kind == BlockKind::table && block.table) {
            const auto& rows = block.table->rows;
            auto width = [](const std::vector<Cell>& r) {
                std::size_t n = 0;
                for (const auto& c : r) if (!c.span_copy && !c.text.text.empty()) ++n;
                return n;
            };
            if (rows.size() >= 2 && width(rows.back()) < width(rows[rows.size() - 2])) {
                facts.truncated = "文本在表格行中间结束";
                facts.truncated_en = "the text ends inside a table row";
                facts.truncated_at = block.offset();
            }
            return;
        }
        const MappedText& m = block.norm.empty() ? block.text : block.norm;
        const std::string_view t = grammar::trim(m.text);
        if (t.empty()) continue;
        if (!body[k]) continue; // the metadata block or page furniture: judge the body before it
        if (ends_whole(t)) return;
        if (short_trailer(grammar::trim(block.text.text))) return; // as printed: normalising may drop the space
        if (trailer_on_same_line(doc, k, t)) return;
        if (grammar::read_heading_number(t, 0)) {
            facts.truncated = "文本在标题之后结束，标题下没有内容";
            facts.truncated_en = "the text ends right after a heading, with nothing under it";
        } else if (utf8::count_code_points(t) >= 20 || !may_end_text(t)) {
            facts.truncated = "文本在句子中间结束";
            facts.truncated_en = "the text ends in the middle of a sentence";
        } else {
            return;
        }
        facts.truncated_at = block.offset();
        return;
    }
}

} // namespace

Facts extract(const Document& doc, const Catalogue& catalogue) {
    Facts facts;
    if (!doc.readable()) return facts;
    extract_metadata(doc, facts);      // first: title and dates help decide type and year
    extract_type_and_year(doc, catalogue.templates(), facts);
    extract_outline(doc, facts);
    extract_section_heads(doc, facts);
    extract_annual_tables(doc, catalogue.templates(), facts);
    extract_page_facts(doc, catalogue, facts); // after metadata: body blocks exclude its fields
    extract_agency(doc, catalogue, facts);     // after page facts: reads the signature
    extract_sections(doc, catalogue, facts);
    detect_truncation(doc, catalogue, facts);
    return facts;
}

} // namespace gk

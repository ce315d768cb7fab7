#include "extract/extract.hpp"

#include "extract/page_text.hpp"
#include "grammar/grammar.hpp"

namespace gk {

namespace {

bool ends_whole(std::string_view t) {
    for (std::string_view p : {"。", "！", "？", "；", "”", "」", "）", ")", ".", "!", "?", ":", "：", "日", "…"})
        if (t.size() >= p.size() && t.substr(t.size() - p.size()) == p) return true;
    return false;
}

void detect_truncation(const Document& doc, Facts& facts) {
    for (auto it = doc.blocks.rbegin(); it != doc.blocks.rend(); ++it) {
        if (it->hidden || it->boilerplate) continue;
        if (it->kind == BlockKind::table && it->table) {
            const auto& rows = it->table->rows;
            auto width = [](const std::vector<Cell>& r) {
                std::size_t n = 0;
                for (const auto& c : r) if (!c.span_copy && !c.text.text.empty()) ++n;
                return n;
            };
            if (rows.size() >= 2 && width(rows.back()) < width(rows[rows.size() - 2])) {
                facts.truncated = "文本在表格行中间结束";
                facts.truncated_at = it->offset();
            }
            return;
        }
        const MappedText& m = it->norm.empty() ? it->text : it->norm;
        const std::string_view t = grammar::trim(m.text);
        if (t.empty()) continue;
        if (utf8::count_code_points(t) >= 20 && !ends_whole(t)) {
            facts.truncated = "文本在句子中间结束";
            facts.truncated_at = it->offset();
        }
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
    detect_truncation(doc, facts);
    return facts;
}

} // namespace gk

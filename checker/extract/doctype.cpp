// Document type and year.
//
// Type: the title's head noun decides (see extract_util::type_from_title) — a title ends in the
// kind of document it is, so 「关于…年度报告有关事项的通知」 is a notice. Without a typed title, an
// opening such as 「本报告根据《中华人民共和国政府信息公开条例》…」 or a statistics-period sentence
// marks an annual report.
//
// Year (year_source in brackets):
//  - annual report: the report year in the title [title], else the statistics period
//    「统计期…自2020年1月1日」 [period], else 「2012年度报告」 in the opening [opening], else the
//    publication year − 1 [published].
//  - plan / summary: the year in the title first [title] (「2024年…工作计划」 published in 2023).
//  - other documents: 成文日期 [created], else the year of the document number in the metadata or
//    printed alone under the title 「国办公开办函〔2021〕30号」 [doc_no], else a signature date line
//    「2021年9月26日」 [signature], else the publication date [published], else a year in the
//    title [title].
#include <re2/re2.h>

#include "extract/extract.hpp"
#include "extract/meta_util.hpp"
#include "catalogue/annual_template.hpp"
#include "grammar/grammar.hpp"

namespace gk {

namespace {

using namespace extract_util;

const MappedText& norm_of(const Block& b) { return b.norm.empty() ? b.text : b.norm; }

// Traditional spellings are accepted too, so an un-normalised page still classifies.
// RE2::PartialMatch of
//   (?:本报告|本年报|本年度报告|本年度報告|本報告|年度报告|年度報告)[^。]{0,80}?(?:《中华人民共和国政府信息公开条例》|《中華人民共和國政府信息公開條例》)
//   (?:本报告|本報告|本年报|本年度报告|本年度報告)[^。]{0,30}?(?:统计|統計)(?:期|时限|時限|期限|区间|區間|时间|時間)
// (extract_util::head_gap_tail: the same answer without compiling the bounded gaps).
bool annual_opening(std::string_view opening) {
    static constexpr std::string_view law_heads[] = {"本报告", "本年报", "本年度报告", "本年度報告", "本報告", "年度报告", "年度報告"};
    static constexpr std::string_view law_tails[] = {"《中华人民共和国政府信息公开条例》", "《中華人民共和國政府信息公開條例》"};
    static constexpr std::string_view period_heads[] = {"本报告", "本報告", "本年报", "本年度报告", "本年度報告"};
    // (?:统计|統計)(?:期|时限|時限|期限|区间|區間|时间|時間) as the words it matches.
    static constexpr std::string_view period_tails[] = {"统计期", "统计时限", "统计時限", "统计期限", "统计区间", "统计區間",
                                                        "统计时间", "统计時間", "統計期", "統計时限", "統計時限", "統計期限",
                                                        "統計区间", "統計區間", "統計时间", "統計時間"};
    return head_gap_tail(opening, law_heads, 80, law_tails) || head_gap_tail(opening, period_heads, 30, period_tails);
}

std::optional<int> period_year(std::string_view opening) {
    static const RE2 re(
        R"((?:统计|統計)(?:期|时限|時限|期限|区间|區間|时间|時間|范围|範圍)[^。]{0,24}?((?:19|20)\d\d)\s*年)");
    std::string y;
    if (RE2::PartialMatch(re2::StringPiece(opening.data(), opening.size()), re, &y)) return std::stoi(y);
    return std::nullopt;
}

std::optional<int> opening_report_year(std::string_view opening) {
    static const RE2 re(
        R"(((?:19|20)\d\d)\s*年度?(?:[^。，,]{0,30}?(?:信息公开|信息公開)[^。，,]{0,6}?)?(?:年度报告|年度報告|报告|報告|年报|年報))");
    std::string y;
    if (RE2::PartialMatch(re2::StringPiece(opening.data(), opening.size()), re, &y)) return std::stoi(y);
    return std::nullopt;
}

std::optional<int> meta_year(const Facts& facts, const char* key) {
    auto it = facts.metadata.find(key);
    if (it == facts.metadata.end() || it->second.value.size() < 4) return std::nullopt;
    const std::string& v = it->second.value;
    if (v[0] < '0' || v[0] > '9') return std::nullopt;
    try {
        return std::stoi(v.substr(0, 4));
    } catch (...) {
        return std::nullopt;
    }
}

// The document's own number printed alone on a line near the top.
std::optional<int> standalone_doc_number_year(const Document& doc) {
    std::size_t seen = 0;
    for (const auto& b : doc.blocks) {
        if (b.hidden || b.kind == BlockKind::table || b.kind == BlockKind::image) continue;
        if (++seen > 40) break;
        const std::string& s = norm_of(b).text;
        if (s.size() > 80 || !is_document_number(s)) continue;
        if (auto y = doc_number_year(s)) return y;
    }
    return std::nullopt;
}

// A signature (落款) date: a line holding only 「2021年9月26日」.
std::optional<int> signature_year(const Document& doc) {
    for (const auto& b : doc.blocks) {
        if (b.hidden || b.in_metadata || b.kind == BlockKind::table) continue;
        const std::string& s = norm_of(b).text;
        if (s.size() > 40) continue;
        if (const auto d = grammar::whole_date(s); d && d->form == grammar::DateForm::ymd) return d->year;
    }
    return std::nullopt;
}

void set_year(Facts& facts, std::optional<int> y, const char* source) {
    if (facts.year || !y) return;
    facts.year = *y;
    facts.year_source = source;
}

} // namespace

// An untitled annual report (an excerpt, a body pasted without its title): its first text block
// is the first section heading of the form (「一、总体情况」) and the text prints a label that
// identifies a statistics table of a format (the <detect> labels of the catalogue's templates).
bool annual_structure(const Document& doc, const std::string& opening, const AnnualTemplates& cat) {
    static const RE2 first_section(R"(^\s*[一1][、.．]\s*总体情况)");
    std::string first;
    for (const auto& b : doc.blocks) {
        if (b.hidden || b.boilerplate || b.in_metadata) continue;
        first = norm_of(b).text;
        break;
    }
    if (!RE2::PartialMatch(first, first_section)) return false;
    const std::string key = label_key(opening);
    for (const auto& tpl : cat.all())
        for (const auto& t : tpl.tables)
            for (const auto& k : t.detect_keys)
                if (!k.empty() && key.find(k) != std::string::npos) return true;
    return false;
}

// The report's own text: the first 「YYYY年」 of the opening (not a date inside a 索引号 or a
// metadata field: those blocks are not in the opening's body).
std::optional<int> text_year(const std::string& opening) {
    static const RE2 re(R"(((?:19|20)\d\d)\s*年)");
    std::string y;
    if (RE2::PartialMatch(opening, re, &y)) return std::stoi(y);
    return std::nullopt;
}

void extract_type_and_year(const Document& doc, const AnnualTemplates& templates, Facts& facts) {
    const std::string opening = opening_text(doc, 16, 4000);
    std::string type = type_from_title(facts.title);
    if (!type.empty()) facts.type_evidence = "title";
    if (type.empty() && annual_opening(opening)) { type = "annual-report"; facts.type_evidence = "opening"; }
    if (type.empty() && annual_structure(doc, opening_text(doc, 64, 16000), templates)) {
        type = "annual-report";
        facts.type_evidence = "structure";
    }
    facts.type = type.empty() ? "other" : type;

    const auto title_year = grammar::find_year(facts.title);
    if (facts.type == "annual-report") {
        set_year(facts, title_year, "title");
        set_year(facts, period_year(opening), "period");
        set_year(facts, opening_report_year(opening), "opening");
        if (facts.type_evidence == "structure") set_year(facts, text_year(opening), "text");
        if (auto p = meta_year(facts, "published")) set_year(facts, *p - 1, "published");
        return;
    }
    if (facts.type == "plan" || facts.type == "summary") set_year(facts, title_year, "title");
    set_year(facts, meta_year(facts, "created"), "created");
    if (auto it = facts.metadata.find("doc_no"); it != facts.metadata.end())
        set_year(facts, doc_number_year(it->second.value), "doc_no");
    set_year(facts, standalone_doc_number_year(doc), "doc_no");
    set_year(facts, signature_year(doc), "signature");
    set_year(facts, meta_year(facts, "published"), "published");
    set_year(facts, title_year, "title");
}

} // namespace gk

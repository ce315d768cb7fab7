// Plain-text layouts of copy-paste and PDF text (parse/text_grid, parse/text_wrap): tables without
// pipes, page footers, hard-wrapped paragraphs — each recognised where it is, never where it is
// not, with every cell and character at its exact place in the source.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "document/document.hpp"
#include "parse/parse.hpp"
#include "core/text.hpp"
#include "grammar/grammar.hpp"
#include "parse/text_grid.hpp"
#include "parse/text_wrap.hpp"

#include "support.hpp"

using namespace gk;

namespace {

Document text_doc(std::string source) {
    Document doc;
    doc.format = "text";
    doc.source = std::move(source);
    doc.lines = LineIndex(doc.source);
    parse_text(doc);
    return doc;
}

std::vector<const Block*> tables(const Document& doc) {
    std::vector<const Block*> out;
    for (const auto& b : doc.blocks)
        if (b.kind == BlockKind::table && b.table) out.push_back(&b);
    return out;
}

std::vector<std::string> row(const Block& b, std::size_t r) {
    std::vector<std::string> out;
    for (const auto& c : b.table->rows.at(r)) out.push_back(c.text.text);
    return out;
}

// Line and column (1-based, code points) where a cell starts in the source.
std::pair<int, int> where(const Document& doc, const Cell& c) {
    const auto p = doc.position(c.text.source_at(0));
    return {static_cast<int>(p.line), static_cast<int>(p.column)};
}

const std::string kTsv =
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
    "自然人\t法人或其他组织\t总计\n"
    "一、本年新收政府信息公开申请数量\t5\t\t1\t0\t0\t0\t6\n"
    "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "本机关未发生行政复议。\n";

} // namespace

TEST_CASE("tab-separated rows: one table, blank fields are cells, exact places", "[text][layouts]") {
    const Document doc = text_doc(kTsv);
    const auto t = tables(doc);
    REQUIRE(t.size() == 1);
    CHECK(t[0]->table->form == "tsv");
    REQUIRE(t[0]->table->rows.size() == 4);
    CHECK(row(*t[0], 2) == std::vector<std::string>{"一、本年新收政府信息公开申请数量", "5", "", "1", "0", "0", "0", "6"});
    // A trailing tab is a blank last cell, not layout.
    CHECK(row(*t[0], 3).size() == 8);
    CHECK(row(*t[0], 3).back().empty());
    CHECK(where(doc, t[0]->table->rows[2][3]) == std::pair<int, int>{4, 21});
    // The section headings around the table stay headings.
    CHECK(doc.blocks.front().kind == BlockKind::heading);
    CHECK(doc.blocks[2].kind == BlockKind::heading);
    CHECK(doc.blocks[2].text.text == "四、政府信息公开行政复议、行政诉讼情况");
}

TEST_CASE("space-aligned columns (pdftotext -layout): one table, single spaces stay inside a cell", "[text][layouts]") {
    const Document doc = text_doc(
        "表四\n"
        "    行政复议                    行政诉讼\n"
        "    结果 维持   结果纠正   其他结果   尚未审结   总计\n"
        "    2           0          0          1          3\n"
        "五、存在的主要问题及改进情况\n");
    const auto t = tables(doc);
    REQUIRE(t.size() == 1);
    CHECK(t[0]->table->form == "aligned");
    REQUIRE(t[0]->table->rows.size() == 3);
    CHECK(row(*t[0], 1).front() == "结果 维持");
    CHECK(row(*t[0], 2) == std::vector<std::string>{"2", "0", "0", "1", "3"});
    CHECK(where(doc, t[0]->table->rows[2][4]) == std::pair<int, int>{4, 50});
    CHECK(doc.blocks.back().kind == BlockKind::heading);
}

TEST_CASE("space-aligned columns with blank cells: figures placed under their header cells", "[text][layouts]") {
    // Display columns: a CJK character is two wide. 表四's 其他结果 and 尚未审结 are blank.
    const Document doc = text_doc(
        "表四\n"
        "  结果维持   结果纠正   其他结果   尚未审结   总计\n"
        "  2          1                                3\n"
        "  5                                           5\n"
        "五、存在的主要问题及改进情况\n");
    const auto t = tables(doc);
    REQUIRE(t.size() == 1);
    CHECK(t[0]->table->form == "columns");
    REQUIRE(t[0]->table->rows.size() == 3);
    CHECK(row(*t[0], 1) == std::vector<std::string>{"2", "1", "", "", "3"});
    CHECK(row(*t[0], 2) == std::vector<std::string>{"5", "", "", "", "5"});
    CHECK(where(doc, t[0]->table->rows[1][4]) == std::pair<int, int>{3, 47});
    SECTION("a row of thousands of figures is not placed (and parsing stays linear)") {
        std::string big = "表四\n  结果维持   结果纠正   其他结果   尚未审结   总计\n ";
        for (int i = 0; i < 200000; ++i) big += " 1 ";
        big += "\n五、存在的主要问题及改进情况\n";
        const Document d3 = text_doc(big);
        const auto t3 = tables(d3);
        REQUIRE_FALSE(t3.empty());
        for (const auto* b : t3) CHECK(b->table->form != "columns");
    }
    SECTION("figures that fall under no single column leave the rows as printed") {
        const Document d2 = text_doc(
            "表四\n"
            "  结果维持   结果纠正   其他结果   尚未审结   总计\n"
            "  2      1                                  3\n"
            "  5                                           5\n"
            "五、存在的主要问题及改进情况\n");
        const auto t2 = tables(d2);
        REQUIRE(t2.size() == 1);
        CHECK(t2[0]->table->form == "aligned");
        CHECK(row(*t2[0], 1) == std::vector<std::string>{"2", "1", "3"});
    }
}

TEST_CASE("one cell per line: a table of figures, not a numbered list", "[text][layouts]") {
    SECTION("rows of values") {
        const Document doc = text_doc("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n"
                                      "现行有效件数\n规章\n0\n0\n0\n行政规范性文件\n58\n45\n546\n三、收到和处理政府信息公开申请情况\n");
        const auto t = tables(doc);
        REQUIRE(t.size() == 1);
        CHECK(t[0]->table->form == "cells");
        CHECK(t[0]->table->rows.size() == 13); // from 第二十条第（一）项 to 546
        CHECK(doc.blocks.front().kind == BlockKind::heading);
        CHECK(doc.blocks.back().kind == BlockKind::heading);
    }
    SECTION("a 序号 column between labels is a list") {
        const Document doc = text_doc("序号\n试点领域\n编制单位\n1\n城乡规划领域\n市自然资源局\n2\n重大建设项目领域\n市发改局\n"
                                      "3\n公共资源交易领域\n市公共资源交易中心\n4\n财政预决算领域\n市财政局\n");
        CHECK(tables(doc).empty());
    }
    SECTION("short lines and a few numbers are prose") {
        const Document doc = text_doc("联系人：张三\n电话：0591-12345678\n2025年1月20日\n共3件\n");
        CHECK(tables(doc).empty());
    }
}

TEST_CASE("prose with double spaces is no table", "[text][layouts]") {
    const Document doc = text_doc(
        "2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。全年办理因政府信息公开申请引发的行政复议"
        "36起，  行政诉讼9起，  均在法定期限内答复，  未发生被纠错的情形，  工作总体平稳有序，  群众满意度持续提升。\n");
    CHECK(tables(doc).empty());
}

TEST_CASE("page footers are furniture in every style", "[text][layouts]") {
    for (const char* f : {"— 3 —", "-3-", "－ 12 －", "第3页 共9页", "第 3 页", "共9页 第3页", "3/9"}) {
        INFO(f);
        CHECK(textparse::page_footer(f));
    }
    for (const char* f : {"3", "第三章", "-", "2024-01-05", "第3条", "— 3 — 本页完", "共3件"}) {
        INFO(f);
        CHECK_FALSE(textparse::page_footer(f));
    }
    const Document doc = text_doc("一、总体情况\n本年度工作平稳。\n\n— 2 —\n\n二、主动公开政府信息情况\n");
    REQUIRE(doc.blocks.size() == 4);
    CHECK(doc.blocks[2].boilerplate);
    CHECK(doc.blocks[3].kind == BlockKind::heading);
}

TEST_CASE("hard-wrapped paragraphs are joined, across a page footer, with exact places", "[text][layouts]") {
    // Twelve lines broken at 30 CJK characters (60 display columns), one of them across a page break.
    std::string src = "一、总体情况\n";
    const std::string line30 = "本年度报告中所列数据的统计期限为本年一月一日至十二月三十一日止各项";
    REQUIRE(textparse::display_width(line30) >= 60);
    for (int p = 0; p < 4; ++p) {
        src += line30 + "\n" + line30 + "\n";
        if (p == 1) src += "\n— 1 —\n\n";
        src += "工作有序推进。\n";
    }
    const Document doc = text_doc(src);
    std::vector<const Block*> paras;
    for (const auto& b : doc.blocks)
        if (b.kind == BlockKind::paragraph && !b.boilerplate) paras.push_back(&b);
    REQUIRE(paras.size() == 4);
    CHECK(paras[1]->text.text == line30 + line30 + "工作有序推进。");
    // The third line of the second paragraph, after the footer, keeps its own line and column.
    const std::size_t at = paras[1]->text.text.find("工作有序推进");
    CHECK(doc.position(paras[1]->text.source_at(at)).line == 10);
    CHECK(doc.position(paras[1]->text.source_at(at)).column == 1);
    CHECK(doc.position(paras[1]->text.source_at(line30.size())).line == 6);
}

TEST_CASE("a text of one paragraph per line is never joined", "[text][layouts]") {
    const Document doc = test::check_file(test::shared_corpus() + "/seeds/000_0133a77586099665.txt").doc;
    if (doc.source.empty()) return;
    std::vector<textparse::SourceRange> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= doc.source.size(); ++i)
        if (i == doc.source.size() || doc.source[i] == '\n') {
            lines.push_back({start, i});
            start = i + 1;
        }
    CHECK(textparse::wrap_width(doc.source, lines) == 0);
}

// ---- one cell per line with blank cells as empty lines (extract/annual_tables) ----------------

namespace {

// A short annual report around `table` (the lines of 表三 in some layout): title, sections 一 to
// 三 before it, 四 after it unless `cut` (the text then ends inside the table).
const std::string kReportHead = "某局2023年政府信息公开工作年度报告\n一、总体情况\n本局依法做好政府信息公开工作。\n"
                                "二、主动公开政府信息情况\n本年主动公开政府信息120条。\n三、收到和处理政府信息公开申请情况\n";
const std::string kReportTail = "四、政府信息公开行政复议、行政诉讼情况\n本机关未发生行政复议。\n";

std::string report_around(const std::string& table, bool cut = false) {
    return kReportHead + table + (cut ? "" : kReportTail);
}

// A report whose 表三 is written one cell per line, a blank cell as an empty line, paragraphs one
// per line with no blank line between them (a copy from Word or a browser). `cut` ends the text
// inside the second row.
std::string cells_report(bool blank_between_paragraphs, bool cut) {
    std::string table = "一、本年新收政府信息公开申请数量\n5\n\n1\n\n0\n0\n6\n二、上年结转政府信息公开申请数量\n1\n0\n";
    if (!cut) table += "0\n0\n\n0\n1\n";
    std::string s = report_around(table, cut);
    if (blank_between_paragraphs) s.insert(s.find("本局"), "\n"); // a blank line after 一、总体情况
    return s;
}

const CellValue& cell(const DocumentResult& r, const std::string& row, const std::string& col) {
    return r.facts.tables.at("requests").cells.at(row).at(col);
}

bool has_rule(const DocumentResult& r, const std::string& id) {
    for (const auto& f : r.findings)
        if (f.rule == id) return true;
    return false;
}

} // namespace

TEST_CASE("one cell per line: empty lines are blank cells when the text writes blank lines nowhere else",
          "[text][layouts][extract]") {
    const auto r = test::check_bytes(cells_report(false, false), "cells.txt");
    REQUIRE(r.facts.tables.count("requests"));
    CHECK(cell(r, "new", "natural").value == std::optional<std::string>("5"));
    CHECK(cell(r, "new", "commercial").assumed_zero); // the empty line: a blank cell, not the 1 below it
    CHECK(cell(r, "new", "commercial").raw.empty());
    CHECK(cell(r, "new", "research").value == std::optional<std::string>("1"));
    CHECK(cell(r, "new", "total").value == std::optional<std::string>("6"));
    CHECK(cell(r, "carried", "total").value == std::optional<std::string>("1"));
    const auto p = cell(r, "new", "research").position;
    CHECK(p.line == 10); // 「1」 on its own line, after the empty line 9
    CHECK(p.column == 1);
}

TEST_CASE("one cell per line: where blank lines also part paragraphs they are layout, and short rows stay null",
          "[text][layouts][extract]") {
    const auto r = test::check_bytes(cells_report(true, false), "cells.txt");
    REQUIRE(r.facts.tables.count("requests"));
    const auto& t = r.facts.tables.at("requests");
    CHECK_FALSE(t.verifiable);
    // never a value moved into another column: the short row's cells are all unknown
    for (const char* col : {"natural", "commercial", "research", "social", "legal", "other", "total"})
        CHECK_FALSE(cell(r, "new", col).value.has_value());
}

TEST_CASE("one cell per line: a text that ends inside a table row is truncated, not missing its sections",
          "[text][layouts][extract]") {
    const auto r = test::check_bytes(cells_report(false, true), "cells.txt");
    CHECK(has_rule(r, "report.text.truncated"));
    CHECK_FALSE(has_rule(r, "report.section.missing"));
    CHECK(cell(r, "new", "research").value == std::optional<std::string>("1"));
    // the cut row: its values in order, the rest absent
    CHECK(cell(r, "carried", "commercial").value == std::optional<std::string>("0"));
    CHECK_FALSE(r.facts.tables.at("requests").cells.at("carried").count("research"));
}

// ---- space-aligned rows printed as their label alone (extract/annual_tables) ------------------

namespace {

std::string aligned_report(const std::string& law_rows) {
    std::string s;
    s += "  （一）予以公开                                       2     1     0     0     0     0     3\n";
    s += "  （二）部分公开                                       1     0     0     0     0     0     1\n";
    s += "  （三）不予公开   1.属于国家秘密                      1     0     0     0     0     0     1\n";
    s += law_rows;
    s += "                   3.危及三安全一稳定                  1     0     0     0     0     0     1\n";
    s += "                   4.保护第三方合法权益                1     0     0     0     0     0     1\n";
    s += "                   5.属于三类内部事务信息\n";
    s += "                   6.属于四类过程性信息\n";
    s += "                   7.属于行政执法案卷                  1     0     0     0     0     0     1\n";
    return report_around(s);
}

} // namespace

TEST_CASE("space-aligned table: a row printed as its label alone between labelled rows is a row of blanks",
          "[text][layouts][extract]") {
    const auto r = test::check_bytes(aligned_report("                   2.其他法律行政法规禁止公开\n"), "aligned.txt");
    REQUIRE(r.facts.tables.count("requests"));
    const auto& rows = r.facts.tables.at("requests").cells;
    // one lone label inside the grid, and two in a row that end the grid's region
    for (const char* id : {"denied.law", "denied.internal", "denied.process"}) {
        INFO(id);
        REQUIRE(rows.count(id));
        CHECK(rows.at(id).at("natural").raw.empty());
        CHECK(rows.at(id).at("natural").assumed_zero);
        CHECK(rows.at(id).at("total").not_stated);
    }
    CHECK(cell(r, "denied.safety", "natural").value == std::optional<std::string>("1"));
    CHECK(cell(r, "denied.enforcement", "total").value == std::optional<std::string>("1"));
}

TEST_CASE("space-aligned table: a label wrapped onto two lines is not a row of blanks", "[text][layouts][extract]") {
    const auto r = test::check_bytes(aligned_report("                   2.其他法律行政\n"
                                                    "                   法规禁止公开                        1     0     0     0     0     0     1\n"),
                                     "aligned.txt");
    REQUIRE(r.facts.tables.count("requests"));
    const auto& rows = r.facts.tables.at("requests").cells;
    // the fragment is no label: the row's figures are given to it by position, never blanks
    REQUIRE(rows.count("denied.law"));
    CHECK(rows.at("denied.law").at("natural").value == std::optional<std::string>("1"));
    CHECK_FALSE(rows.at("denied.law").at("natural").assumed_zero);
    CHECK(rows.at("denied.law").at("total").value == std::optional<std::string>("1"));
}

TEST_CASE("space-aligned table without a header: figures set a few columns apart never make blank cells",
          "[text][layouts][extract]") {
    // The rows' figures start at different places (a proportional font laid out in characters):
    // read as columns of their own they would spread each row's 7 figures over more columns and
    // give false row-total errors.
    std::string s;
    s += "  （一）予以公开                  2     1     0     0     0     0     3\n";
    s += "  （二）部分公开                  1     0     0     0     0     0     1\n";
    s += "  （三）不予公开   1.属于国家秘密   1     0     0     0     0     0     1\n";
    s += "                   3.危及三安全一稳定   1     0     0     0     0     0     1\n";
    const auto r = test::check_bytes(report_around(s), "aligned.txt");
    REQUIRE(r.facts.tables.count("requests"));
    CHECK(cell(r, "granted", "total").value == std::optional<std::string>("3"));
    CHECK(cell(r, "granted", "commercial").value == std::optional<std::string>("1"));
    bool row_total_error = false;
    for (const auto& f : r.findings)
        row_total_error = row_total_error || (f.rule == "table.requests.row-total" && f.severity == Severity::error);
    CHECK_FALSE(row_total_error);
}

TEST_CASE("one cell per line: a row cut by the end of the text stays null where blank lines are layout",
          "[text][layouts][extract]") {
    const auto r = test::check_bytes(cells_report(true, true), "cells.txt");
    CHECK(has_rule(r, "report.text.truncated"));
    REQUIRE(r.facts.tables.count("requests"));
    // which columns the cut row's two values belong to is unknown when blank cells leave no line
    CHECK_FALSE(cell(r, "carried", "natural").value.has_value());
    CHECK_FALSE(r.facts.tables.at("requests").verifiable);
}

TEST_CASE("one cell per line: a row whose label the converter split is placed by position between labelled rows",
          "[text][layouts][extract]") {
    std::string s;
    s += "（一）予以公开\n2\n1\n0\n0\n0\n0\n3\n";
    s += "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n4\n0\n0\n0\n1\n0\n5\n"; // a label in two fragments
    s += "1.属于国家秘密\n1\n0\n0\n0\n0\n0\n1\n";
    const auto r = test::check_bytes(report_around(s), "cells.txt");
    REQUIRE(r.facts.tables.count("requests"));
    CHECK(cell(r, "partial", "natural").value == std::optional<std::string>("4"));
    CHECK(cell(r, "partial", "legal").value == std::optional<std::string>("1"));
    CHECK(cell(r, "partial", "total").value == std::optional<std::string>("5"));
    CHECK(cell(r, "denied.secret", "total").value == std::optional<std::string>("1"));
    // the fragment is never read as a value of 予以公开
    CHECK(cell(r, "granted", "total").value == std::optional<std::string>("3"));
}

// page_footer, the sentence end of wrapped_line and the grid's is_number decode only what they
// need (a footer's first code point and at most 16 more, no copies): each must answer as the
// whole-line readings they replaced (kept here as references) on any text, invalid bytes included.
namespace {

std::vector<char32_t> ref_cps(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::next(s, i);
        if (!grammar::is_space(c)) out.push_back(c);
    }
    return out;
}

bool ref_ends_sentence(std::string_view s) {
    const auto c = ref_cps(s);
    if (c.empty()) return true;
    const char32_t last = c.back();
    return last == U'。' || last == U'！' || last == U'？' || last == U'；' || last == U'：' || last == '.' ||
           last == '!' || last == '?' || last == ';' || last == ':';
}

bool ref_dash(char32_t c) { return c == '-' || c == U'—' || c == U'－' || c == U'–' || c == U'―' || c == U'─' || c == U'-'; }
bool ref_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９'); }

bool ref_page_footer(std::string_view line) {
    const auto c = ref_cps(line);
    if (c.empty() || c.size() > 16) return false;
    std::size_t i = 0;
    auto number = [&]() {
        const std::size_t from = i;
        while (i < c.size() && ref_digit(c[i])) ++i;
        return i > from && i - from <= 4;
    };
    if (ref_dash(c[0])) {
        while (i < c.size() && ref_dash(c[i])) ++i;
        if (!number()) return false;
        const std::size_t from = i;
        while (i < c.size() && ref_dash(c[i])) ++i;
        return i > from && i == c.size();
    }
    auto page = [&](char32_t first) {
        if (i >= c.size() || c[i] != first) return false;
        ++i;
        if (!number() || i >= c.size() || c[i] != U'页') return false;
        ++i;
        return true;
    };
    auto separator = [&]() {
        while (i < c.size() && (c[i] == ',' || c[i] == U'，' || c[i] == '/' || c[i] == U'／' || c[i] == U'、')) ++i;
    };
    if (c[0] == U'第') {
        if (!page(U'第')) return false;
        separator();
        if (i == c.size()) return true;
        return page(U'共') && i == c.size();
    }
    if (c[0] == U'共') {
        if (!page(U'共')) return false;
        separator();
        return page(U'第') && i == c.size();
    }
    if (!number() || i >= c.size() || (c[i] != '/' && c[i] != U'／')) return false;
    ++i;
    return number() && i == c.size();
}

std::string ref_fold_digits(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t from = i;
        const char32_t c = utf8::next(s, i);
        if (c >= U'０' && c <= U'９') out.push_back(static_cast<char>('0' + (c - U'０')));
        else if (c == U'．') out.push_back('.');
        else if (c == U'，') out.push_back(',');
        else if (c == U'＋') out.push_back('+');
        else if (c == U'－') out.push_back('-');
        else out.append(s.substr(from, i - from));
    }
    return out;
}

bool ref_is_number(std::string_view s) {
    const auto n = grammar::parse_number(ref_fold_digits(grammar::trim(s)));
    if (!n) return false;
    const std::string& u = n->unit;
    return u.empty() || u == "件" || u == "个" || u == "项" || u == "条" || u == "元" || u == "万元" || u == "亿元" ||
           u == "%";
}

// Texts made of the pieces these readers look at, and of bytes that are no UTF-8.
std::vector<std::string> footer_like_texts() {
    static const char* const kPieces[] = {
        " ", "\t", "\xE3\x80\x80", "\xC2\xA0", "\xE2\x80\x8B", "第", "共", "页", "—", "-", "－", "–", "―", "─", "0", "3",
        "9", "12345", "０", "５", "，", ",", "/", "／", "、", "。", "；", "：", ".", "!", "?", "件", "万元", "%", "+",
        "\xE2\x88\x92", "＋", "．", "a", "中", "\xFF", "\xE2\x88", "\xE3\x80", std::string_view("\0", 1).data(), "\xF0\x9F\x98\x80"};
    // (16 code points but spaces is the longest footer: the first two are footers, the third is not)
    std::vector<std::string> out = {"第1234页，，，，共5678页", "------1234------", "第1234页，，，，，共5678页",
                                    "", " ", "— 3 —", "第3页 共9页", "3/9", "１２", "－３", "1,234件", "−5"};
    std::uint32_t seed = 12345;
    auto next = [&]() { seed = seed * 1103515245u + 12345u; return (seed >> 8) & 0xFFFFu; };
    constexpr std::size_t kCount = sizeof kPieces / sizeof kPieces[0];
    for (int n = 0; n < 20000; ++n) {
        std::string s;
        const std::size_t len = next() % 22;
        for (std::size_t k = 0; k < len; ++k) {
            const std::size_t p = next() % kCount;
            if (p == kCount - 2) s.push_back('\0'); // the NUL piece (a C string cannot hold it)
            else s += kPieces[p];
        }
        out.push_back(std::move(s));
    }
    // Footer shapes with spaces between any two pieces and, now and then, one piece changed.
    static const std::vector<std::vector<std::string>> kShapes = {
        {"—", "3", "—"}, {"-", "-", "12", "-"}, {"第", "3", "页"}, {"第", "3", "页", "，", "共", "9", "页"},
        {"共", "9", "页", "/", "第", "3", "页"}, {"3", "/", "9"}, {"１", "２", "／", "５"}, {"—", "12345", "—"}};
    for (int n = 0; n < 4000; ++n) {
        std::vector<std::string> shape = kShapes[next() % kShapes.size()];
        if (next() % 3 == 0) shape[next() % shape.size()] = kPieces[next() % (kCount - 2)];
        std::string s;
        for (const auto& piece : shape) {
            if (next() % 2) s += kPieces[next() % 5]; // a space of some kind
            s += piece;
        }
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

TEST_CASE("page footers sentence ends and grid figures read as the whole-line readings did", "[text][layouts]") {
    std::size_t footers = 0, numbers = 0, ends = 0;
    for (const std::string& s : footer_like_texts()) {
        INFO(s);
        const bool f = ref_page_footer(s);
        REQUIRE(textparse::page_footer(s) == f);
        const bool num = ref_is_number(s);
        REQUIRE(textparse::is_number(s) == num);
        if (s.find('\t') == std::string::npos && s.find('|') == std::string::npos) {
            // kWrapSlack makes every line reach width 1: wrapped_line is then "does not end a sentence"
            const bool end = ref_ends_sentence(s);
            REQUIRE(textparse::wrapped_line(s, 1) == !end);
            ends += end;
        }
        footers += f;
        numbers += num;
    }
    // the generated texts reach both answers of each reading
    CHECK(footers > 20);
    CHECK(numbers > 20);
    CHECK(ends > 1000);
}

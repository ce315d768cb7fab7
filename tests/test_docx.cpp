// The .docx reader (parse/docx.cpp) on hand-made WordprocessingML zipped in the test: numbering
// as Word shows it, merged cells, text boxes, tracked changes, footnotes, headings by style and by
// outline level, and the locus of every rendered line; and the CLI's output of a docx finding.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "ingest/ingest.hpp"
#include "parse/parse.hpp"
#include "report/report_doc.hpp"
#include "support.hpp"
#include "zip_support.hpp"

using namespace gk;

namespace {

std::string p(const std::string& text, const std::string& ppr = "") {
    return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

Document parsed(const std::string& docx) {
    Document d = ingest_bytes(docx, "t.docx", {});
    REQUIRE(d.readable());
    REQUIRE(d.format == "docx");
    parse_document(d);
    return d;
}

std::vector<const Block*> blocks_of(const Document& d, BlockKind k) {
    std::vector<const Block*> out;
    for (const auto& b : d.blocks)
        if (b.kind == k) out.push_back(&b);
    return out;
}

// The rendered line `n` (1-based) of the source.
std::string line(const Document& d, std::uint32_t n) {
    const SourceOffset b = d.lines.line_start(n);
    const auto e = d.source.find('\n', b);
    return d.source.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

const char* kNumbering =
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"9\"/></w:lvlOverride></w:num>";

std::string num(int id, int ilvl) {
    return "<w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" + std::to_string(id) + "\"/></w:numPr>";
}

Locus d_locus(std::uint32_t paragraph, std::uint32_t table, std::uint32_t row, std::uint32_t col, std::uint32_t column) {
    Locus l;
    l.paragraph = paragraph;
    l.table = table;
    l.row = row;
    l.col = col;
    l.column = column;
    return l;
}

} // namespace

TEST_CASE("docx: numbering is rendered as Word shows it: 一、 (一) 1., restarts, bullets, overrides", "[docx]") {
    std::string body;
    body += p("总体情况", num(1, 0));
    body += p("主动公开", num(1, 1));
    body += p("第一项", num(1, 2));
    body += p("第二项", num(1, 2));
    body += p("依申请公开", num(1, 1));
    body += p("重新开始", num(1, 2));
    body += p("要点", num(2, 0));
    for (int i = 0; i < 9; ++i) body += p("节", num(1, 0));
    body += p("跳到九", num(3, 0));
    const Document d = parsed(test::make_docx(body, "", kNumbering));
    CHECK(line(d, 1) == "一、总体情况");
    CHECK(line(d, 2) == "（一）主动公开");
    CHECK(line(d, 3) == "1. 第一项");
    CHECK(line(d, 4) == "2. 第二项");
    CHECK(line(d, 5) == "（二）依申请公开");
    CHECK(line(d, 6) == "1. 重新开始");
    CHECK(line(d, 7) == "要点"); // a bullet prints nothing
    CHECK(line(d, 8) == "二、节");
    CHECK(line(d, 16) == "十、节");
    CHECK(line(d, 17) == "九、跳到九"); // numId 3 restarts level 0 at 9
    CHECK(d.loci[0].paragraph == 1);
    CHECK(d.loci[16].paragraph == 17);
}

TEST_CASE("docx: Chinese counting beyond ten", "[docx]") {
    std::string body;
    for (int i = 0; i < 21; ++i) body += p("x", num(1, 0));
    const Document d = parsed(test::make_docx(body, "", kNumbering));
    CHECK(line(d, 11) == "十一、x");
    CHECK(line(d, 20) == "二十、x");
    CHECK(line(d, 21) == "二十一、x");
}

TEST_CASE("docx: headings by style (basedOn chain, localised names) and by outline level", "[docx]") {
    const std::string styles =
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"MyH\"><w:name w:val=\"我的标题\"/><w:basedOn w:val=\"Lvl2\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Lvl2\"><w:name w:val=\"Lvl2\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"标题 3\"/></w:style>";
    std::string body;
    body += p("一、总体情况", "<w:pStyle w:val=\"Heading1\"/>");
    body += p("（一）主动公开", "<w:pStyle w:val=\"MyH\"/>");
    body += p("1.小节", "<w:pStyle w:val=\"2\"/>");
    body += p("直接大纲级别", "<w:outlineLvl w:val=\"3\"/>");
    body += p("正文", "<w:outlineLvl w:val=\"9\"/>");
    body += p("普通段落");
    const Document d = parsed(test::make_docx(body, styles));
    const auto headings = blocks_of(d, BlockKind::heading);
    REQUIRE(headings.size() == 4);
    CHECK(headings[0]->text.text == "一、总体情况");
    CHECK(headings[0]->level == 1);
    CHECK(headings[1]->level == 2);
    CHECK(headings[2]->level == 3);
    CHECK(headings[3]->text.text == "直接大纲级别");
    CHECK(headings[3]->level == 4);
    CHECK(blocks_of(d, BlockKind::paragraph).size() == 2);
}

TEST_CASE("docx: gridSpan and vMerge are expanded into the grid, copies carry their origin", "[docx]") {
    auto tc = [](const std::string& text, const std::string& pr = "") {
        return "<w:tc>" + (pr.empty() ? "" : "<w:tcPr>" + pr + "</w:tcPr>") + p(text) + "</w:tc>";
    };
    const std::string table =
        "<w:tbl>"
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + tc("项目", "<w:vMerge w:val=\"restart\"/>") + tc("申请人", "<w:gridSpan w:val=\"2\"/>") + "</w:tr>"
        "<w:tr>" + tc("", "<w:vMerge/>") + tc("自然人") + tc("法人") + "</w:tr>"
        "<w:tr>" + tc("新收") + tc("16") + "<w:tc><w:p/></w:tc></w:tr>"
        "</w:tbl>";
    const Document d = parsed(test::make_docx(p("前言") + table + p("后记")));
    const auto tables = blocks_of(d, BlockKind::table);
    REQUIRE(tables.size() == 1);
    const Table& t = *tables[0]->table;
    CHECK(t.form == "docx");
    REQUIRE(t.rows.size() == 3);
    REQUIRE(t.rows[0].size() == 3);
    CHECK(t.rows[0][0].text.text == "项目");
    CHECK(t.rows[0][0].header);
    CHECK(t.rows[0][1].text.text == "申请人");
    CHECK_FALSE(t.rows[0][1].span_copy);
    CHECK(t.rows[0][2].text.text == "申请人");
    CHECK(t.rows[0][2].span_copy);
    CHECK(t.rows[0][2].origin_col == 1);
    CHECK(t.rows[1][0].text.text == "项目");
    CHECK(t.rows[1][0].span_copy);
    CHECK(t.rows[1][0].origin_row == 0);
    CHECK(t.rows[1][0].origin_col == 0);
    CHECK(t.rows[1][1].text.text == "自然人");
    CHECK(t.rows[2][1].text.text == "16");
    CHECK(t.rows[2][2].text.empty());
    // Every cell's text points at its own rendered line, whose locus names table, row and column.
    const Locus l = d.locus_at(t.rows[2][1].text.source_at(0));
    CHECK(l.table == 1);
    CHECK(l.row == 3);
    CHECK(l.col == 2);
    CHECK(l.column == 1);
    CHECK(l.paragraph == 1 + 2 + 3 + 2); // 前言, row 1 (2 cells), row 2 (3), then 新收, 16
    CHECK(d.locus_at(blocks_of(d, BlockKind::paragraph).back()->offset()).paragraph == 10);
    CHECK(d.locus_at(blocks_of(d, BlockKind::paragraph).back()->offset()).table == 0);
}

TEST_CASE("docx: a text box is read once, tracked changes as accepted, footnotes and field codes skipped", "[docx]") {
    const std::string box =
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor xmlns:wp=\"x\"><a:graphic xmlns:a=\"y\">"
        "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" + p("框内文字") + "</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" + p("框内文字") + "</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>";
    const std::string body =
        "<w:p><w:r><w:t>锚定段落</w:t></w:r>" + box + "</w:p>"
        "<w:p><w:r><w:t>本年度</w:t></w:r><w:del w:id=\"1\"><w:r><w:delText>未</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\"><w:r><w:t>已</w:t></w:r></w:ins><w:moveFrom w:id=\"3\"><w:r><w:t>旧处</w:t></w:r></w:moveFrom>"
        "<w:r><w:t>公开</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
    const std::string footnotes = "<w:footnote w:id=\"1\">" + p("脚注内容不应出现") + "</w:footnote>";
    const Document d = parsed(test::make_docx(body, "", "", footnotes));
    CHECK(line(d, 1) == "锚定段落");
    CHECK(line(d, 2) == "框内文字");
    CHECK(line(d, 3) == "本年度已公开3");
    CHECK(d.source.find("脚注") == std::string::npos);
    CHECK(d.source.find("未") == std::string::npos);
    CHECK(d.source.find("旧处") == std::string::npos);
    CHECK(d.source.find("PAGE") == std::string::npos);
    std::size_t boxes = 0;
    for (std::size_t at = 0; (at = d.source.find("框内文字", at)) != std::string::npos; at += 1) ++boxes;
    CHECK(boxes == 1);
    CHECK(d.loci[1].paragraph == 2);
    CHECK(d.loci[2].paragraph == 3);
}

TEST_CASE("docx: damaged, empty and exploding files are one clear error", "[docx]") {
    {
        // document.xml that is not XML
        const std::string bad = test::make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}});
        Document d = ingest_bytes(bad, "bad.docx", {});
        parse_document(d);
        CHECK_FALSE(d.readable());
        REQUIRE(d.errors.size() == 1);
        CHECK(d.errors[0].code == "input.damaged");
    }
    {
        Document d = ingest_bytes(test::make_docx("<w:p/>"), "empty.docx", {});
        parse_document(d);
        CHECK_FALSE(d.readable());
        CHECK(d.errors.at(0).code == "input.empty");
    }
    {
        // 64 MiB of one repeated paragraph deflate to ~64 KiB: past 32 × the file's size (and 16 MiB).
        std::string huge = "<w:p><w:r><w:t>";
        huge += std::string(64u << 20, 'a');
        huge += "</w:t></w:r></w:p>";
        const std::string bomb = test::make_docx(huge);
        REQUIRE(bomb.size() < (1u << 20));
        Document d = ingest_bytes(bomb, "bomb.docx", {});
        parse_document(d);
        CHECK_FALSE(d.readable());
        REQUIRE(d.errors.size() == 1);
        CHECK(d.errors[0].code == "input.too-large");
    }
}

TEST_CASE("docx: a finding's locus in JSON and text output; fix and redact refuse a docx", "[docx]") {
    const auto dir = test::temp_dir("docx-cli");
    // 「截止目前」 is a style.wording finding (→ 截至目前) inside paragraph 2, and inside a table cell.
    const std::string table = "<w:tbl><w:tr><w:tc>" + p("甲") + "</w:tc><w:tc>" + p("说明：截止目前无") + "</w:tc></w:tr></w:tbl>";
    const std::string docx = test::make_docx(p("关于做好防汛工作的通知") + p("各单位：截止目前已完成。") + table);
    const std::string path = dir + "/n.docx";
    {
        std::ofstream out(path, std::ios::binary);
        out << docx;
    }
    const auto json_run = test::run_gkcheck("check --format json '" + path + "'");
    INFO(json_run.err);
    const auto report = nlohmann::json::parse(json_run.out);
    const auto& doc = report["documents"][0];
    CHECK(doc["format"] == "docx");
    CHECK(doc["encoding"].is_null());
    std::vector<nlohmann::json> wording;
    for (const auto& f : doc["findings"])
        if (f["rule"] == "style.wording") wording.push_back(f);
    REQUIRE(wording.size() == 1);
    CHECK(wording[0]["locus"] == nlohmann::json{{"paragraph", 2}, {"char", 5}});
    const auto text_run = test::run_gkcheck("check '" + path + "'");
    CHECK(text_run.out.find(path + ":¶2:5: ") != std::string::npos);
    // A table cell's locus, through the JSON round trip and the text form.
    ReportFinding f;
    f.line = 7;
    f.column = 3;
    f.locus = d_locus(4, 1, 1, 2, 3);
    nlohmann::json j = to_json([&] { ReportDoc r; r.path = "x.docx"; r.findings = {f}; return r; }());
    CHECK(j["findings"][0]["locus"] == nlohmann::json{{"paragraph", 4}, {"char", 3}, {"table", 1}, {"row", 1}, {"col", 2}});
    CHECK(from_json(j).findings.at(0).locus == f.locus);
    CHECK(location_text(f) == "¶4(t1r1c2):3");
    ReportFinding g;
    g.locus.page = 3;
    g.locus.line = 7;
    g.locus.column = 12;
    CHECK(location_text(g) == "p3:7:12");
    CHECK(locus_json(g.locus) == nlohmann::json{{"page", 3}, {"line", 7}, {"column", 12}});
    ReportFinding h;
    h.line = 5;
    h.column = 2;
    CHECK(location_text(h) == "5:2");
    const auto fix = test::run_gkcheck("fix '" + path + "' -o '" + dir + "/out.docx'");
    CHECK(fix.exit_code == 2);
    CHECK(fix.err.find("docx") != std::string::npos);
    CHECK_FALSE(std::ifstream(dir + "/out.docx").good());
    const auto redact = test::run_gkcheck("redact '" + path + "' -o '" + dir + "/red.docx'");
    CHECK(redact.exit_code == 2);
    CHECK(redact.err.find("docx") != std::string::npos);
    CHECK_FALSE(std::ifstream(dir + "/red.docx").good());
}

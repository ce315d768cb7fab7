// Plain-text parser: seeds and real ptxt files read in place from the shared corpus.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "document/document.hpp"
#include "parse/parse.hpp"
#include "parse/text_util.hpp"

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

Document corpus_doc(const std::string& rel) {
    const std::string text = test::read_bytes(std::string(GK_SHARED_CORPUS) + "/" + rel);
    REQUIRE_FALSE(text.empty());
    return text_doc(text);
}

// Cell texts of a row with blanks removed ("总 计" → "总计").
std::vector<std::string> row_texts(const std::vector<Cell>& row) {
    std::vector<std::string> out;
    for (const auto& c : row) {
        std::string s;
        for (char ch : c.text.text) if (ch != ' ') s.push_back(ch);
        out.push_back(s);
    }
    return out;
}

std::vector<const Block*> tables(const Document& doc) {
    std::vector<const Block*> out;
    for (const auto& b : doc.blocks) if (b.kind == BlockKind::table) out.push_back(&b);
    return out;
}

bool has_row(const Table& t, const std::vector<std::string>& want) {
    for (const auto& r : t.rows) if (row_texts(r) == want) return true;
    return false;
}

// Every byte of every block and cell text maps to the same byte of the source.
void require_exact_origins(const Document& doc) {
    auto check = [&](const MappedText& m) {
        REQUIRE(m.origin.size() == m.text.size());
        for (std::size_t i = 0; i < m.text.size(); ++i)
            if (m.origin[i] >= doc.source.size() || doc.source[m.origin[i]] != m.text[i]) {
                FAIL("byte " << i << " of '" << m.text.substr(0, 60) << "' does not map to the source");
            }
    };
    for (const auto& b : doc.blocks) {
        if (b.kind != BlockKind::table) check(b.text);
        if (b.table) {
            for (const auto& r : b.table->rows) for (const auto& c : r) check(c.text);
            check(b.table->raw);
        }
    }
}

const Block* find_heading(const Document& doc, const std::string& prefix) {
    for (const auto& b : doc.blocks)
        if (b.kind == BlockKind::heading && b.text.text.rfind(prefix, 0) == 0) return &b;
    return nullptr;
}

} // namespace

TEST_CASE("seed 000: flattened pipe tables become tables 二, 三, 四", "[text]") {
    const Document doc = corpus_doc("seeds/000_0133a77586099665.txt");
    require_exact_origins(doc);
    const auto t = tables(doc);
    REQUIRE(t.size() == 3);
    for (const Block* b : t) CHECK(b->table->form == "pipe");

    const Table& active = *t[0]->table;
    CHECK(row_texts(active.rows[0]) == std::vector<std::string>{"第二十条第(一)项"});
    CHECK(has_row(active, {"信息内容", "本年新制作数量", "本年新", "对外公开总数量"}));
    CHECK(has_row(active, {"规章", "0", "0", "0"}));
    CHECK(has_row(active, {"行政许可", "274", "+3", "2078118"}));
    CHECK(has_row(active, {"其他对外管理服务事项", "1475", "-129", "439366"}));
    CHECK(has_row(active, {"政府集中采购", "160", "3.61亿元"}));

    const Table& requests = *t[1]->table;
    CHECK(row_texts(requests.rows[0]).size() == 2); // the 勾稽关系 note and 申请人情况
    CHECK(has_row(requests, {"一、本年新收政府信息公开申请数量", "16", "0", "0", "0", "0", "5", "21"}));
    CHECK(has_row(requests, {"三、本年度办理结果", "(一)予以公开", "11", "0", "0", "0", "0", "1", "12"}));
    CHECK(has_row(requests, {"(三)不予公开", "1.属于国家秘密", "2", "0", "0", "0", "0", "0", "2"}));
    CHECK(has_row(requests, {"5.要求行政机关确认或重新出具已获取信息", "0", "0", "0", "0", "0", "0", "0"}));
    CHECK(has_row(requests, {"(七)总计", "16", "0", "0", "0", "0", "5", "21"}));
    CHECK(has_row(requests, {"四、结转下年度继续办理", "0", "0", "0", "0", "0", "0", "0"}));
    CHECK(requests.rows[0][0].header);
    CHECK_FALSE(requests.rows[3][1].header);

    const Table& review = *t[2]->table;
    CHECK(row_texts(review.rows[0]) == std::vector<std::string>{"行政复议", "行政诉讼"});
    CHECK(row_texts(review.rows[1]).size() == 7);
    CHECK(row_texts(review.rows[2]).size() == 10);
    CHECK(row_texts(review.rows.back()) == std::vector<std::string>(15, "0"));

    // The paragraph after the table is not swallowed by it.
    bool found = false;
    for (const auto& b : doc.blocks)
        if (b.kind == BlockKind::paragraph && b.text.text.rfind("总体来看", 0) == 0) found = true;
    CHECK(found);
}

TEST_CASE("seed 000: headings and their levels", "[text]") {
    const Document doc = corpus_doc("seeds/000_0133a77586099665.txt");
    const Block* h = find_heading(doc, "(一)主动公开");
    REQUIRE(h);
    CHECK(h->level == 2);
    h = find_heading(doc, "1、聚焦中心工作");
    REQUIRE(h);
    CHECK(h->level == 3);
    h = find_heading(doc, "(1)推进高质量发展");
    REQUIRE(h);
    CHECK(h->level == 4);
    // A paragraph starting with a number and going on after 。 is not a heading.
    CHECK_FALSE(find_heading(doc, "(二)依申请公开"));
    CHECK_FALSE(find_heading(doc, "(五)监督保障"));
    for (const auto& b : doc.blocks) CHECK_FALSE(b.text.text.empty());
    // Positions are exact: 「(二)依申请公开」 is line 57, column 1.
    for (const auto& b : doc.blocks)
        if (b.text.text.rfind("(二)依申请公开", 0) == 0) {
            CHECK(doc.position(b.offset()).line == 57);
            CHECK(doc.position(b.offset()).column == 1);
        }
}

TEST_CASE("seed 002: six headings and image tables", "[text]") {
    const Document doc = corpus_doc("seeds/002_39cedbc4c057cd39.txt");
    for (const char* h : {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                          "六、其他需要报告的事项"}) {
        const Block* b = find_heading(doc, h);
        REQUIRE(b);
        CHECK(b->level == 1);
    }
    std::size_t images = 0;
    for (const auto& b : doc.blocks) if (b.kind == BlockKind::image) { ++images; CHECK(b.text.text == "![]()"); }
    CHECK(images == 1);
    CHECK(tables(doc).empty());
}

TEST_CASE("markdown pipe tables", "[text]") {
    const Document doc = text_doc(
        "三、收到和处理政府信息公开申请情况\n"
        "| 项目 | 自然人 | 总计 |\n"
        "|---|:---:|---|\n"
        "| 一、本年新收政府信息公开申请数量 | 16 | 21 |\n"
        "| (七)总计 | 16 | 21 |\n"
        "以上为统计情况。\n");
    require_exact_origins(doc);
    const auto t = tables(doc);
    REQUIRE(t.size() == 1);
    CHECK(t[0]->table->form == "markdown");
    REQUIRE(t[0]->table->rows.size() == 3);
    CHECK(row_texts(t[0]->table->rows[1]) == std::vector<std::string>{"一、本年新收政府信息公开申请数量", "16", "21"});
    CHECK(t[0]->table->rows[0][0].header);
    CHECK(doc.blocks.front().kind == BlockKind::heading);
    CHECK(doc.blocks.back().kind == BlockKind::paragraph);
    CHECK(doc.position(t[0]->table->rows[1][1].text.source_at(0)).line == 4);
}

TEST_CASE("row-per-line pipe tables (022) and metadata pipe tables (032)", "[text]") {
    const Document doc = corpus_doc("real/022_longgang-bumen_2024.txt");
    require_exact_origins(doc);
    const auto t = tables(doc);
    REQUIRE(t.size() == 2); // 表二; 表三 (truncated)
    CHECK(has_row(*t[0]->table, {"行政规范性文件", "5", "1", "25"}));
    CHECK(has_row(*t[1]->table, {"一、本年新收政府信息公开申请数量", "58", "7", "0", "0", "1", "0", "66"}));
    CHECK(find_heading(doc, "三、收到和处理政府信息公开申请情况"));

    const Document meta = corpus_doc("real/032_ningguo-shangwuju-clone_2021.txt");
    const auto mt = tables(meta);
    REQUIRE_FALSE(mt.empty());
    CHECK(mt[0]->in_metadata);
    CHECK(row_texts(mt[0]->table->rows[0])[1] == "11341702486344515H/202110-00013");
}

TEST_CASE("ptxt 001: header metadata, headings split out of the long line, run-together tables", "[text]") {
    const Document doc = corpus_doc("real/001_pingtan_2021.txt");
    require_exact_origins(doc);
    REQUIRE(doc.blocks.size() > 10);
    CHECK(doc.blocks[0].in_metadata);
    CHECK(doc.blocks[0].text.text.rfind("标题:", 0) == 0);
    std::size_t meta = 0;
    for (const auto& b : doc.blocks) meta += b.in_metadata;
    CHECK(meta == 9); // 标题 发布时间 文号 发布机构 栏目 原文链接 本地目录 页面链接 ====正文====

    const char* sections[] = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                              "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                              "六、其他需要报告的事项"};
    std::size_t last = 0;
    for (const char* s : sections) {
        const Block* h = find_heading(doc, s);
        REQUIRE(h);
        CHECK(h->text.text == s);
        CHECK(h->level == 1);
        const std::size_t idx = static_cast<std::size_t>(h - doc.blocks.data());
        CHECK(idx > last);
        last = idx;
        CHECK(doc.position(h->offset()).line == 10);
    }
    // Row labels inside table 三 are not section headings.
    CHECK_FALSE(find_heading(doc, "四、结转下年度继续办理"));
    CHECK_FALSE(find_heading(doc, "一、本年新收"));
    // Sub-headings (一)… of section 一 are split out too.
    const Block* sub = find_heading(doc, "（一）主动公开方面");
    REQUIRE(sub);
    CHECK(sub->level == 2);

    const auto t = tables(doc);
    REQUIRE(t.size() == 3);
    for (const Block* b : t) {
        CHECK(b->table->form == "runtogether");
        CHECK(b->table->rows.empty());
    }
    CHECK(t[0]->table->raw.text.rfind("第二十条第（一）项", 0) == 0);
    CHECK(t[0]->table->raw.text.find("24252.311082") != std::string::npos);
    CHECK(t[1]->table->raw.text.find("640020470") != std::string::npos);
    CHECK(t[1]->table->raw.text.find("四、结转下年度继续办理1000001") != std::string::npos);
    CHECK(t[2]->table->raw.text.rfind("行政复议行政诉讼", 0) == 0);
    CHECK(t[2]->table->raw.text.find("10203120001200000") != std::string::npos);
    // The breadcrumb prefix of the body is page furniture.
    bool boiler = false;
    for (const auto& b : doc.blocks) if (b.boilerplate && b.text.text.rfind("当前位置", 0) == 0) boiler = true;
    CHECK(boiler);
}

TEST_CASE("ptxt files 002-007 all yield six section headings and tables", "[text]") {
    for (const char* f : {"real/002_pingtan_2019.txt", "real/003_pingtan_2020.txt", "real/004_pingtan_2022.txt",
                          "real/005_pingtan_2023.txt", "real/006_pingtan_2024.txt", "real/007_pingtan_2025.txt"}) {
        INFO(f);
        const Document doc = corpus_doc(f);
        require_exact_origins(doc);
        int top = 0;
        for (const auto& b : doc.blocks) if (b.kind == BlockKind::heading && b.level == 1) ++top;
        CHECK(top == 6);
        CHECK(tables(doc).size() >= 3);
    }
}

TEST_CASE("old-format ptxt and notices do not produce bogus tables", "[text]") {
    // 011 is the 2021 template notice: its empty tables have item numbers but no values.
    const Document notice = corpus_doc("real/011_guobangongkaiban-nbgeshi_2021.txt");
    CHECK(tables(notice).empty());
    const Document old = corpus_doc("real/008_pingtan_2018.txt");
    const auto t = tables(old);
    REQUIRE(t.size() == 1);
    CHECK(t[0]->table->raw.text.rfind("指标名称", 0) == 0);
    CHECK(find_heading(old, "六、政府信息公开情况统计表"));
}

TEST_CASE("bad input never crashes the text parser", "[text]") {
    for (const std::string& s : {std::string(""), std::string("|"), std::string("||||\n|\n"), std::string("| a"),
                                std::string("\xff\xfe|\xe4\n| \xe4\xb8 |"), std::string(3000, '1'),
                                std::string("一、") + std::string(2000, 'x'), std::string("![](")}) {
        const Document doc = text_doc(s);
        for (const auto& b : doc.blocks) CHECK(b.text.origin.size() == b.text.text.size());
    }
}

TEST_CASE("markdown headings: text without #, level from the section number", "[text]") {
    const Document doc = text_doc("# 某县2020年政府信息公开工作年度报告\n\n## 一、总体情况\n### (一)主动公开\n#### 附件说明\n#不是标题\n");
    require_exact_origins(doc);
    REQUIRE(doc.blocks.size() == 5);
    CHECK(doc.blocks[0].text.text == "某县2020年政府信息公开工作年度报告");
    CHECK(doc.blocks[0].level == 1);
    CHECK(doc.blocks[1].text.text == "一、总体情况");
    CHECK(doc.blocks[1].level == 1);
    CHECK(doc.position(doc.blocks[1].offset()).column == 4);
    CHECK(doc.blocks[2].level == 2);
    CHECK(doc.blocks[3].text.text == "附件说明");
    CHECK(doc.blocks[3].level == 4);
    CHECK(doc.blocks[4].kind == BlockKind::paragraph);
}

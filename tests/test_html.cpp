// HTML parser: blocks, flags, tables, and exact source offsets.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "core/text.hpp"
#include "document/document.hpp"
#include "parse/parse.hpp"

#include "support.hpp"

using namespace gk;

namespace {

std::unique_ptr<Document> parse(std::string html) {
    auto doc = std::make_unique<Document>();
    doc->format = "html";
    doc->source = std::move(html);
    doc->lines = LineIndex(doc->source);
    parse_html(*doc);
    return doc;
}

// Every visible character of `t` must sit at its origin in the source, either literally or as
// the start of a character reference. Returns the number of characters that do not.
int mapping_errors(const Document& doc, const MappedText& t, std::string* first_error = nullptr) {
    int errors = 0;
    if (t.origin.size() != t.text.size()) return 1000000;
    std::size_t i = 0;
    while (i < t.text.size()) {
        const std::size_t at = i;
        utf8::next(t.text, i);
        const std::string_view ch(t.text.data() + at, i - at);
        if (ch == " ") continue;
        const SourceOffset o = t.origin[at];
        bool ok = o < doc.source.size() &&
                  (doc.source.compare(o, ch.size(), ch) == 0 || doc.source[o] == '&');
        // Every byte of a multi-byte character maps inside the same source character.
        for (std::size_t k = at; ok && k < i; ++k) ok = t.origin[k] >= o && t.origin[k] < o + 12;
        if (!ok) {
            if (errors == 0 && first_error) {
                *first_error = "char '" + std::string(ch) + "' at text byte " + std::to_string(at) + " maps to source " +
                               std::to_string(o) + ": '" + doc.source.substr(o, 20) + "' in: " + t.text.substr(0, 200);
            }
            ++errors;
        }
    }
    return errors;
}

int document_mapping_errors(const Document& doc, std::string* first_error = nullptr) {
    int errors = 0;
    for (const auto& b : doc.blocks) {
        if (b.kind == BlockKind::image) continue; // alt text maps to the <img> tag
        errors += mapping_errors(doc, b.text, errors == 0 ? first_error : nullptr);
        if (b.table)
            for (const auto& row : b.table->rows)
                for (const auto& cell : row) errors += mapping_errors(doc, cell.text, errors == 0 ? first_error : nullptr);
    }
    return errors;
}

const Block* find_block(const Document& doc, std::string_view needle) {
    for (const auto& b : doc.blocks)
        if (b.text.text.find(needle) != std::string::npos) return &b;
    return nullptr;
}

std::string all_text(const Document& doc) {
    std::string s;
    for (const auto& b : doc.blocks) {
        s += b.text.text;
        s += '\n';
        if (b.table)
            for (const auto& row : b.table->rows)
                for (const auto& cell : row) { s += cell.text.text; s += '\t'; }
    }
    return s;
}

std::vector<const Block*> tables_of(const Document& doc) {
    std::vector<const Block*> out;
    for (const auto& b : doc.blocks)
        if (b.kind == BlockKind::table) out.push_back(&b);
    return out;
}

} // namespace

TEST_CASE("html: paragraphs, headings, list items and exact offsets", "[html]") {
    const std::string src =
        "<html><head><title>标题 &amp; 页</title>\n"
        "<meta name=\"ArticleTitle\" content=\"平潭2024年报\"><meta property=\"og:type\" content=\"article\"></head>\n"
        "<body>\n<h2>一、总体情况</h2>\n"
        "<p>本年度&nbsp;共收到申请&#12288;<b>12</b>件，\n  其中&lt;依申请&gt;公开 3 件。</p>\n"
        "<ul><li>第一项</li><li>第二项 &#x41;</li></ul>\n"
        "<div>行一<br>行二</div>\n"
        "</body></html>";
    auto doc = parse(src);
    CHECK(doc->html_title == "标题 & 页");
    REQUIRE(doc->html_meta.size() == 2);
    CHECK(doc->html_meta[0].first == "ArticleTitle");
    CHECK(doc->html_meta[0].second == "平潭2024年报");
    CHECK(doc->html_meta[1].first == "og:type");

    const Block* h = find_block(*doc, "一、总体情况");
    REQUIRE(h);
    CHECK(h->kind == BlockKind::heading);
    CHECK(h->level == 2);
    CHECK(h->tag == "h2");

    const Block* p = find_block(*doc, "本年度");
    REQUIRE(p);
    CHECK(p->kind == BlockKind::paragraph);
    // &nbsp; becomes a space, U+3000 is kept, the line break between CJK characters disappears.
    CHECK(p->text.text == "本年度 共收到申请\u300012件，其中<依申请>公开 3 件。");
    const Position pos = doc->lines.at(p->text.source_at(p->text.text.find("12")));
    CHECK(pos.line == 5);
    CHECK(pos.column == static_cast<std::uint32_t>(utf8::count_code_points("<p>本年度&nbsp;共收到申请&#12288;<b>")) + 1);
    // The entity &lt; maps to its '&'.
    CHECK(doc->source[p->text.source_at(p->text.text.find("<依"))] == '&');
    const std::size_t qi = p->text.text.find("其中");
    CHECK(doc->lines.at(p->text.source_at(qi)).line == 6);
    CHECK(doc->lines.at(p->text.source_at(qi)).column == 3);

    const Block* li = find_block(*doc, "第二项");
    REQUIRE(li);
    CHECK(li->kind == BlockKind::list_item);
    CHECK(li->text.text == "第二项 A");

    // <br> splits paragraphs.
    const Block* l1 = find_block(*doc, "行一");
    const Block* l2 = find_block(*doc, "行二");
    REQUIRE(l1);
    REQUIRE(l2);
    CHECK(l1 != l2);
    CHECK(l1->text.text == "行一");

    // Title text is not a block.
    CHECK_FALSE(find_block(*doc, "标题 & 页"));
    std::string err;
    CHECK(document_mapping_errors(*doc, &err) == 0);
    INFO(err);
}

TEST_CASE("html: comments, hidden elements and scripts do not desynchronise offsets", "[html]") {
    const std::string src =
        "<body><!-- <p>注释里的重复文字</p> -->\n"
        "<script>var s = \"<p>重复文字</p>\";</script>\n"
        "<style>.hid{display:none} p.x{color:red}</style>\n"
        "<div class=\"hid\">重复文字</div>\n"
        "<p>重复文字</p>\n"
        "<p>重复文字</p>\n"
        "</body>";
    auto doc = parse(src);
    std::vector<const Block*> rep;
    for (const auto& b : doc->blocks)
        if (b.text.text == "重复文字") rep.push_back(&b);
    REQUIRE(rep.size() == 3);
    CHECK(rep[0]->hidden);
    CHECK_FALSE(rep[1]->hidden);
    CHECK_FALSE(rep[2]->hidden);
    CHECK(doc->lines.at(rep[0]->offset()).line == 4);
    CHECK(doc->lines.at(rep[1]->offset()).line == 5);
    CHECK(doc->lines.at(rep[2]->offset()).line == 6);
    CHECK(doc->lines.at(rep[2]->offset()).column == 4);
    CHECK(all_text(*doc).find("var s") == std::string::npos);
    CHECK(all_text(*doc).find("color") == std::string::npos);
}

TEST_CASE("html: hidden text is split out and flagged, with its links", "[html]") {
    const std::string src =
        "<body><p>正文第一句。<span style=\"display: none !important\">澳门博彩<a href=\"http://spam.example/x\">365bet</a></span>正文第二句。</p>\n"
        "<div style=\"position:absolute; left:-9999px; top:0\">十一选五开奖结果</div>\n"
        "<div style=\"font-size:0px\">隐藏零字号</div>\n"
        "<div style=\"width:0;height:0;overflow:hidden\">零尺寸</div>\n"
        "<div hidden><p>属性隐藏</p></div>\n"
        "<div style=\"visibility:hidden\"><div><p>继承隐藏</p></div></div>\n"
        "<p style=\"left:-9999px\">未定位不算隐藏</p>\n"
        "<a href=\"/local.html\">本站链接</a>\n"
        "</body>";
    auto doc = parse(src);
    const Block* body = find_block(*doc, "正文第一句");
    REQUIRE(body);
    CHECK_FALSE(body->hidden);
    CHECK(body->text.text == "正文第一句。");
    const Block* body2 = find_block(*doc, "正文第二句");
    REQUIRE(body2);
    CHECK_FALSE(body2->hidden);
    const Block* spam = find_block(*doc, "澳门博彩");
    REQUIRE(spam);
    CHECK(spam->hidden);
    CHECK(spam->href == "http://spam.example/x");
    for (auto needle : {"十一选五", "隐藏零字号", "零尺寸", "属性隐藏", "继承隐藏"}) {
        const Block* b = find_block(*doc, needle);
        INFO(needle);
        REQUIRE(b);
        CHECK(b->hidden);
    }
    const Block* notpos = find_block(*doc, "未定位不算隐藏");
    REQUIRE(notpos);
    CHECK_FALSE(notpos->hidden);

    REQUIRE(doc->links.size() == 2);
    CHECK(doc->links[0].href == "http://spam.example/x");
    CHECK(doc->links[0].hidden);
    CHECK(doc->links[0].text.text == "365bet");
    CHECK(doc->source.compare(doc->links[0].text.source_at(0), 6, "365bet") == 0);
    CHECK_FALSE(doc->links[1].hidden);
    CHECK(doc->links[1].text.text == "本站链接");
    std::string err;
    CHECK(document_mapping_errors(*doc, &err) == 0);
    INFO(err);
}

TEST_CASE("html: page furniture is flagged boilerplate, body and metadata are not", "[html]") {
    const std::string src =
        "<body><div class=\"header menu_hov\"><a href=\"/\">首页</a><a href=\"/zwgk\">政务公开</a></div>\n"
        "<nav><a href=\"/a\">机构设置</a></nav>\n"
        "<div class=\"breadcrumb\"><span>当前位置：</span><a href=\"/\">首页</a> &gt; 年报</div>\n"
        "<div class=\"position\">您的位置：首页 &gt; 政务公开</div>\n"
        "<div id=\"printContent\"><h1>平潭综合实验区2024年政府信息公开工作年度报告</h1>\n"
        "<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p>\n"
        "<p>【字体：大 中 小】</p><p>打印本页</p><p>【关闭窗口】</p><p>扫一扫在手机打开当前页</p>\n"
        "<p>分享到：</p><p>上一篇：关于某事的通知</p>\n"
        "<p>群众可通过扫码方式查询办理进度，全年共处理申请一百余件，均在法定期限内答复完毕。</p></div>\n"
        "<footer><p>主办单位：平潭综合实验区管委会</p></footer>\n"
        "<div class=\"main_nav\"><a href=\"/b\">办事服务</a></div>\n"
        "<div class=\"article_header\"><p>关于印发实施方案的通知正文首段。</p></div>\n"
        "<div class=\"info\">来源：平潭综合实验区管委会 发布时间：2024-03-01 <span class=\"font_size\">字号：大 中 小</span></div>\n"
        "</body>";
    auto doc = parse(src);
    for (auto needle : {"首页", "机构设置", "当前位置", "您的位置", "字体", "打印本页", "关闭窗口", "扫一扫", "分享到",
                        "上一篇", "主办单位", "办事服务", "字号："}) {
        const Block* b = find_block(*doc, needle);
        INFO(needle);
        REQUIRE(b);
        CHECK(b->boilerplate);
    }
    for (auto needle : {"2024年政府信息公开工作年度报告", "本报告根据", "群众可通过扫码方式", "实施方案的通知正文首段",
                        "来源：平潭综合实验区管委会"}) {
        const Block* b = find_block(*doc, needle);
        INFO(needle);
        REQUIRE(b);
        CHECK_FALSE(b->boilerplate);
    }
}

TEST_CASE("html: Word markup never leaks into text", "[html]") {
    const std::string src =
        "<html><head><style>p.MsoNormal{mso-style-parent:\"\";margin:0cm}</style>\n"
        "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>\n"
        "<body><p class=MsoListParagraph><![if !supportLists]><span style='mso-list:Ignore'>1.</span><![endif]>"
        "规章<span lang=EN-US><o:p></o:p></span></p>\n"
        "<p class=MsoNormal><span style='mso-hide:all'>隐藏的Word文字</span>正文<o:p>&nbsp;</o:p></p>\n"
        "<noscript><p>请启用脚本</p></noscript>\n"
        "</body></html>";
    auto doc = parse(src);
    const std::string all = all_text(*doc);
    CHECK(all.find("mso-") == std::string::npos);
    CHECK(all.find("[if") == std::string::npos);
    CHECK(all.find("endif") == std::string::npos);
    CHECK(all.find("Normal") == std::string::npos);
    CHECK(all.find("请启用脚本") == std::string::npos);
    const Block* b = find_block(*doc, "规章");
    REQUIRE(b);
    CHECK(b->text.text == "1.规章");
    const Block* w = find_block(*doc, "隐藏的Word文字");
    REQUIRE(w);
    CHECK(w->hidden);
    const Block* body = find_block(*doc, "正文");
    REQUIRE(body);
    CHECK_FALSE(body->hidden);
    std::string err;
    CHECK(document_mapping_errors(*doc, &err) == 0);
    INFO(err);
}

TEST_CASE("html: data tables expand spans; layout tables are descended", "[html]") {
    const std::string src =
        "<body><table width=930><tr><td>\n"
        "<p>正文段落在布局表格里。</p>\n"
        "<table border=1>\n"
        "<tr><th rowspan=\"2\">项目</th><th colspan=\"2\">数量</th></tr>\n"
        "<tr><th>本年<br/>新增</th><th>累计</th></tr>\n"
        "<tr><td>规章</td><td>13</td><td>524</td></tr>\n"
        "<tr><td colspan=3 rowspan=2>合计 <span style=\"display:none\">隐藏格</span></td></tr>\n"
        "</table>\n"
        "</td></tr></table></body>";
    auto doc = parse(src);
    const Block* p = find_block(*doc, "正文段落在布局表格里");
    REQUIRE(p);
    CHECK(p->kind == BlockKind::paragraph);
    auto tables = tables_of(*doc);
    REQUIRE(tables.size() == 1);
    const Table& t = *tables[0]->table;
    CHECK(t.form == "html");
    REQUIRE(t.rows.size() == 4);
    REQUIRE(t.rows[0].size() == 3);
    CHECK(t.rows[0][0].text.text == "项目");
    CHECK(t.rows[0][0].header);
    CHECK_FALSE(t.rows[0][0].span_copy);
    CHECK(t.rows[0][1].text.text == "数量");
    CHECK(t.rows[0][2].text.text == "数量");
    CHECK(t.rows[0][2].span_copy);
    CHECK(t.rows[0][2].origin_col == 1);
    REQUIRE(t.rows[1].size() == 3);
    CHECK(t.rows[1][0].text.text == "项目");
    CHECK(t.rows[1][0].span_copy);
    CHECK(t.rows[1][0].origin_row == 0);
    CHECK(t.rows[1][1].text.text == "本年新增"); // <br> inside a cell joins CJK text
    CHECK(t.rows[1][2].text.text == "累计");
    REQUIRE(t.rows[2].size() == 3);
    CHECK(t.rows[2][1].text.text == "13");
    CHECK_FALSE(t.rows[2][1].header);
    const Position pos = doc->lines.at(t.rows[2][2].text.source_at(0));
    CHECK(pos.line == 6);
    CHECK(pos.column == 31);
    // rowspan=2 on the last row is clamped to the table.
    REQUIRE(t.rows[3].size() == 3);
    CHECK(t.rows[3][0].text.text == "合计");
    CHECK(t.rows[3][2].span_copy);
    // Hidden text inside a cell becomes its own hidden block after the table.
    const Block* hid = find_block(*doc, "隐藏格");
    REQUIRE(hid);
    CHECK(hid->hidden);
    std::string err;
    CHECK(document_mapping_errors(*doc, &err) == 0);
    INFO(err);
}

TEST_CASE("html: metadata tables and list blocks are flagged in_metadata", "[html]") {
    const std::string src =
        "<body><table width=860><tr><td><b>索 引 号：</b></td><td>000014349/2018-00213</td>"
        "<td><b>主题分类：</b></td><td>综合政务\\其他</td></tr>\n"
        "<tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2018年12月04日</td></tr></table>\n"
        "<div class=\"index_box\"><ul>\n<li>索&ensp;引&ensp;号：<font>PZ00101-1300-2016-00001</font></li>\n"
        "<li>发文字号：<font>岚综管综〔2016〕178号</font></li>\n<li>发布日期：<font>2016-07-19</font></li></ul></div>\n"
        "<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：经国务院批准，现将有关事项通知如下。</p>\n"
        "<div class=\"meta2\"><dl>\n<dt>信息名称：</dt>\n<dd>关于某事的通知</dd>\n<dt>公开方式：</dt><dd>主动公开</dd></dl></div>\n"
        "</body>";
    auto doc = parse(src);
    auto tables = tables_of(*doc);
    REQUIRE(tables.size() == 1);
    CHECK(tables[0]->in_metadata);
    CHECK(tables[0]->table->rows[0][0].text.text == "索 引 号：");
    const Block* li = find_block(*doc, "PZ00101");
    REQUIRE(li);
    CHECK(li->in_metadata);
    CHECK(li->kind == BlockKind::list_item);
    CHECK(li->text.text == "索 引 号：PZ00101-1300-2016-00001");
    CHECK_FALSE(li->boilerplate);
    const Block* body = find_block(*doc, "经国务院批准");
    REQUIRE(body);
    CHECK_FALSE(body->in_metadata);
    const Block* dl = find_block(*doc, "信息名称");
    REQUIRE(dl);
    CHECK(dl->text.text == "信息名称：关于某事的通知");
    CHECK(dl->in_metadata);
    CHECK(find_block(*doc, "公开方式")->text.text == "公开方式：主动公开");
    std::string err;
    CHECK(document_mapping_errors(*doc, &err) == 0);
    INFO(err);
}

TEST_CASE("html: a meta charset in the decoded source is ignored", "[html]") {
    const std::string src = "<html><head><meta charset=\"gbk\"><meta http-equiv=\"Content-Type\" "
                            "content=\"text/html; charset=gb2312\"></head><body><p>政府信息公开</p></body></html>";
    auto doc = parse(src);
    const Block* b = find_block(*doc, "政府信息公开");
    REQUIRE(b);
    CHECK(b->text.text == "政府信息公开");
}

TEST_CASE("html: invalid UTF-8 bytes do not derail the rest of the page", "[html]") {
    const std::string src = "<p>前文\xff\xfe后文</p>\n<p>第二段&amp;结尾</p>";
    auto doc = parse(src);
    const Block* b = find_block(*doc, "第二段");
    REQUIRE(b);
    CHECK(b->text.text == "第二段&结尾");
    CHECK(doc->lines.at(b->offset()).line == 2);
    CHECK(doc->lines.at(b->offset()).column == 4);
    const Block* a = find_block(*doc, "前文");
    REQUIRE(a);
    CHECK(a->text.text.find("后文") != std::string::npos);
}

TEST_CASE("html: images become blocks located at their tag", "[html]") {
    const std::string src = "<body><p>见下表：</p>\n  <img src=\"/a/table.png\" alt=\"统计表\">\n<img src=\"b.jpg\"></body>";
    auto doc = parse(src);
    std::vector<const Block*> imgs;
    for (const auto& b : doc->blocks)
        if (b.kind == BlockKind::image) imgs.push_back(&b);
    REQUIRE(imgs.size() == 2);
    CHECK(imgs[0]->src == "/a/table.png");
    CHECK(imgs[0]->alt == "统计表");
    CHECK(imgs[0]->text.text == "统计表");
    CHECK(doc->lines.at(imgs[0]->offset()).line == 2);
    CHECK(doc->lines.at(imgs[0]->offset()).column == 3);
    CHECK(imgs[1]->text.empty());
    CHECK(doc->lines.at(imgs[1]->offset()).line == 3);
}

TEST_CASE("html: hostile input does not crash", "[html]") {
    SECTION("100k nested divs") {
        std::string s;
        for (int i = 0; i < 100000; ++i) s += "<div>";
        s += "深处";
        for (int i = 0; i < 100000; ++i) s += "</div>";
        auto doc = parse(s);
        const Block* b = find_block(*doc, "深处");
        REQUIRE(b);
        CHECK(doc->source.compare(b->offset(), 6, "深处") == 0);
    }
    SECTION("100k unclosed inline elements and tables") {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "<span><b>";
        for (int i = 0; i < 20000; ++i) s += "<table><tr><td>";
        s += "x";
        auto doc = parse(s);
        CHECK(find_block(*doc, "x"));
    }
    SECTION("a huge text node") {
        std::string s = "<p>";
        for (int i = 0; i < 2000000; ++i) s += "中";
        s += "</p>";
        auto doc = parse(s);
        REQUIRE(doc->blocks.size() == 1);
        CHECK(doc->blocks[0].text.text.size() == 6000000);
        CHECK(doc->blocks[0].text.source_at(5999999) == 3 + 5999999);
    }
    SECTION("random markup soup") {
        std::mt19937 rng(12345);
        const std::vector<std::string> parts = {"<p>", "</p>", "<td>", "<table>", "</tr>", "<!--", "-->", "&amp;",
                                                "&#12288;", "&", "<", ">", "中文", " ", "\n", "<br>", "<![if x]>",
                                                "<script>", "</script>", "\"", "'", "<a href='x'>", "colspan=9>",
                                                "<td rowspan=0>", "<![endif]>", "&nbsp", "<o:p>", "\r\n"};
        for (int round = 0; round < 200; ++round) {
            std::string s;
            for (int k = 0; k < 300; ++k) s += parts[rng() % parts.size()];
            auto doc = parse(s);
            std::string err;
            // Offsets may fall back on soup, but they always point inside the source.
            for (const auto& b : doc->blocks)
                for (auto o : b.text.origin) REQUIRE(o < doc->source.size());
        }
    }
    SECTION("empty and non-HTML input") {
        CHECK(parse("")->blocks.empty());
        CHECK(parse("   ")->blocks.empty());
        auto doc = parse("plain text, no tags");
        REQUIRE(doc->blocks.size() == 1);
        CHECK(doc->blocks[0].text.text == "plain text, no tags");
    }
}

// ---- the real corpus -------------------------------------------------------------------------

TEST_CASE("html: real fragments 014-018 and 037", "[html][real]") {
    const std::string dir = std::string(GK_SHARED_CORPUS) + "/real/";
    if (!std::filesystem::exists(dir)) { WARN("no shared corpus"); return; }
    for (const char* name : {"014_guobanfa-jiejiari_2018.html", "015_guobanfa-zhengwuxinmeiti_2018.html",
                             "016_guobanhan-wangzhanjiyue_2018.html", "017_guobanfa-xingzhengzhifa_2018.html",
                             "018_guofa-mianliang_1981.html", "037_shanghai-bangongting_2019.html"}) {
        INFO(name);
        auto doc = parse(test::read_bytes(dir + name));
        REQUIRE(doc->blocks.size() > 5);
        std::string err;
        CHECK(document_mapping_errors(*doc, &err) == 0);
        INFO(err);
        const std::string all = all_text(*doc);
        CHECK(all.find("mso-") == std::string::npos);
        CHECK(all.find("[if") == std::string::npos);
        CHECK(all.find("<!--") == std::string::npos);
    }
    {
        auto doc = parse(test::read_bytes(dir + "014_guobanfa-jiejiari_2018.html"));
        const Block* meta = nullptr;
        for (const auto& b : doc->blocks)
            if (b.kind == BlockKind::table && b.text.text.find("索 引 号") != std::string::npos) meta = &b;
        REQUIRE(meta);
        CHECK(meta->in_metadata);
        CHECK_FALSE(meta->boilerplate);
        CHECK(meta->table->rows[0][1].text.text == "000014349/2018-00213");
        CHECK(meta->table->rows[2][1].text.text == "国务院办公厅关于2019年部分节假日安排的通知");
        CHECK(meta->table->rows[2][3].span_copy);
        const Block* body = find_block(*doc, "经国务院批准，现将2019年元旦");
        REQUIRE(body);
        CHECK_FALSE(body->boilerplate);
        CHECK_FALSE(body->hidden);
        CHECK_FALSE(body->in_metadata);
        const Block* sec = find_block(*doc, "一、元旦：");
        REQUIRE(sec);
        CHECK(sec->kind == BlockKind::paragraph);
    }
    {
        auto doc = parse(test::read_bytes(dir + "037_shanghai-bangongting_2019.html"));
        auto tables = tables_of(*doc);
        REQUIRE(tables.size() == 3);
        // 表二 (第二十条): 5 columns after spans; 表三 has the 20-row rowspan; 表四 the 5-way split.
        for (const Block* t : tables) {
            CHECK_FALSE(t->in_metadata);
            CHECK_FALSE(t->boilerplate);
            CHECK(t->table->rows.size() >= 4);
        }
        CHECK(tables[0]->table->rows[0][0].text.text == "第二十条第（一）项");
        CHECK(tables[0]->table->rows[1][1].text.text == "本年新制作数量");
        CHECK(tables[0]->table->rows[2][0].text.text == "规章");
        CHECK(tables[0]->table->rows[2][4].text.text == "524");
        // Every row of a full grid has the same width.
        for (const Block* t : tables) {
            const std::size_t w = t->table->rows[0].size();
            for (const auto& row : t->table->rows) CHECK(row.size() == w);
        }
        CHECK(find_block(*doc, "一、总体情况"));
    }
}

TEST_CASE("html: real whole pages 101-115", "[html][real]") {
    const std::string dir = std::string(GK_SHARED_CORPUS) + "/real-html/";
    if (!std::filesystem::exists(dir)) { WARN("no shared corpus"); return; }
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".html") continue;
        const std::string name = entry.path().filename().string();
        INFO(name);
        auto doc = parse(test::read_bytes(entry.path().string()));
        if (name >= "111") CHECK_FALSE(doc->html_title.empty());
        std::string err;
        CHECK(document_mapping_errors(*doc, &err) == 0);
        INFO(err);
        const std::string all = all_text(*doc);
        CHECK(all.find("mso-") == std::string::npos);
        CHECK(all.find("[if") == std::string::npos);
        CHECK(all.find("function(") == std::string::npos);
        // The article body is present and neither furniture nor hidden.
        std::size_t body_chars = 0;
        for (const auto& b : doc->blocks)
            if (!b.boilerplate && !b.hidden && !b.in_metadata && b.kind != BlockKind::table)
                body_chars += utf8::count_code_points(b.text.text);
        CHECK(body_chars > 150);
    }
    {
        auto doc = parse(test::read_bytes(dir + "114_pingtan-pifu-shequ_2016.html"));
        const Block* idx = find_block(*doc, "PZ00101-1300-2016-00001");
        REQUIRE(idx);
        CHECK(idx->in_metadata);
        CHECK_FALSE(idx->boilerplate);
        const Block* crumb = find_block(*doc, "当前位置");
        REQUIRE(crumb);
        CHECK(crumb->boilerplate);
        CHECK(doc->html_title.find("批复") != std::string::npos);
    }
    {
        auto doc = parse(test::read_bytes(dir + "111_pingtan_2024.html"));
        bool found = false;
        for (const auto& [k, v] : doc->html_meta)
            if (k == "ArticleTitle") found = v == "平潭综合实验区2024年度政府信息公开工作年度报告";
        CHECK(found);
        CHECK(tables_of(*doc).size() >= 3);
        const Block* share = find_block(*doc, "扫一扫在手机上查看当前页面");
        REQUIRE(share);
        CHECK(share->boilerplate);
    }
}

TEST_CASE("html: the foundation corpus pages parse as intended", "[html]") {
    const std::string dir = std::string(GK_SOURCE_DIR) + "/corpus/foundation/";
    {
        auto doc = parse(test::read_bytes(dir + "html_annual_report_2023.html"));
        std::string err;
        CHECK(document_mapping_errors(*doc, &err) == 0);
        INFO(err);
        auto tables = tables_of(*doc);
        REQUIRE(tables.size() == 4);
        CHECK(tables[0]->in_metadata);
        const Table& requests = *tables[2]->table;
        REQUIRE(requests.rows.size() == 28);
        for (const auto& row : requests.rows) CHECK(row.size() == 10);
        CHECK(requests.rows[26][3].text.text == "53"); // the planted total
        CHECK(requests.rows[26][0].text.text == "三、本年度办理结果");
        CHECK(requests.rows[26][0].span_copy);
        const Position p = doc->lines.at(requests.rows[26][3].text.source_at(0));
        CHECK(p.line == 102);
        CHECK(p.column == 35);
        CHECK(find_block(*doc, "【字号：大 中 小】")->boilerplate);
        CHECK(find_block(*doc, "打印本页")->boilerplate);
        CHECK_FALSE(find_block(*doc, "来源：青溪县人民政府办公室")->boilerplate);
        CHECK_FALSE(find_block(*doc, "本年度未收取信息处理费")->boilerplate);
    }
    {
        auto doc = parse(test::read_bytes(dir + "html_notice_hidden_spam_2022.html"));
        std::string err;
        CHECK(document_mapping_errors(*doc, &err) == 0);
        INFO(err);
        const Block* spam = find_block(*doc, "365bet");
        REQUIRE(spam);
        CHECK(spam->hidden);
        CHECK(spam->href == "https://www.example-bet365.com/");
        const Block* offscreen = find_block(*doc, "十一选五");
        REQUIRE(offscreen);
        CHECK(offscreen->hidden); // hidden by the page's own .zt rule
        int hidden_links = 0;
        for (const auto& l : doc->links) hidden_links += l.hidden;
        CHECK(hidden_links == 3);
        const Block* meta = find_block(*doc, "113311020025804511/2022-00031");
        REQUIRE(meta);
        CHECK(meta->in_metadata);
        CHECK_FALSE(find_block(*doc, "三、加强技术指导服务")->hidden);
    }
    {
        auto doc = parse(test::read_bytes(dir + "html_word_paste_plan_2021.html"));
        std::string err;
        CHECK(document_mapping_errors(*doc, &err) == 0);
        INFO(err);
        const std::string all = all_text(*doc);
        CHECK(all.find("mso") == std::string::npos);
        CHECK(all.find("[if") == std::string::npos);
        CHECK(all.find("PAGE") == std::string::npos);
        CHECK(all.find("办公室</o:Author>") == std::string::npos);
        const Block* h = find_block(*doc, "推进基层政务公开标准化规范化");
        REQUIRE(h);
        CHECK(h->text.text == "二、 推进基层政务公开标准化规范化");
        CHECK(find_block(*doc, "内部备注")->hidden);
        CHECK(tables_of(*doc).at(0)->in_metadata);
    }
}

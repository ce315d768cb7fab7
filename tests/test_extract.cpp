// First-pass extraction: metadata block, document type and year, outline.
// Unit cases build Documents by hand (one block per line, norm from the shared Normaliser);
// corpus cases run the real pipeline over ../shared/corpus.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <re2/re2.h>

#include "extract/extract.hpp"
#include "extract/meta_util.hpp"
#include "ingest/ingest.hpp"
#include "normalise/normalise.hpp"
#include "pipeline/pipeline.hpp"
#include "support.hpp"

using namespace gk;

namespace {

// One paragraph block per non-empty line; `kinds` may mark some lines as headings ("#" prefix).
Document doc_from_lines(const std::string& source, bool html = false) {
    Document d;
    d.path = "<test>";
    d.format = html ? "html" : "text";
    d.source = source;
    d.lines = LineIndex(d.source);
    std::size_t pos = 0;
    while (pos <= d.source.size()) {
        std::size_t nl = d.source.find('\n', pos);
        if (nl == std::string::npos) nl = d.source.size();
        std::string_view line(d.source.data() + pos, nl - pos);
        std::size_t skip = 0;
        Block b;
        if (line.substr(0, 1) == "#") { b.kind = BlockKind::heading; skip = 1; }
        if (line.size() > skip) {
            b.text.append_run(line.substr(skip), static_cast<SourceOffset>(pos + skip));
            d.blocks.push_back(std::move(b));
        }
        pos = nl + 1;
    }
    Normaliser::instance().normalise(d);
    return d;
}

Facts facts_of(const Document& d) { return extract(d, test::bundled_catalogue()); }

std::string meta(const Facts& f, const std::string& key) {
    auto it = f.metadata.find(key);
    return it == f.metadata.end() ? std::string("<none>") : it->second.value;
}

std::string corpus(const std::string& rel) { return std::string(GK_SHARED_CORPUS) + "/" + rel; }
bool have_corpus() { return std::filesystem::exists(corpus("README.md")); }

DocumentResult analyse_file(const std::string& path) {
    return Pipeline::analyse(ingest_file(path, IngestOptions{}), test::bundled_catalogue());
}

// The line:column of a metadata field, in the original file.
Position pos_of(const DocumentResult& r, const std::string& key) {
    auto it = r.facts.metadata.find(key);
    if (it == r.facts.metadata.end()) return {};
    return r.doc.position(it->second.offset);
}

} // namespace

// ───────────────────────────── helpers ─────────────────────────────

TEST_CASE("document-number years and title types", "[extract]") {
    using namespace extract_util;
    CHECK(doc_number_year("国办发〔2018〕15号") == 2018);
    CHECK(doc_number_year("鲁政办发[2008]3号") == 2008);
    CHECK_FALSE(doc_number_year("第二十条"));
    CHECK(is_document_number("国办公开办函〔2021〕30号"));
    CHECK(is_document_number("国令第706号"));
    CHECK_FALSE(is_document_number("根据国办发〔2018〕15号要求"));
    CHECK(type_from_title("平潭综合实验区2021年度政府信息公开工作年度报告") == "annual-report");
    CHECK(type_from_title("国务院办公厅政府信息与政务公开办公室 关于政府信息公开工作年度报告有关事项的通知") == "notice");
    CHECK(type_from_title("白青乡人民政府政府信息公开指南（试行）") == "guide");
    CHECK(type_from_title("肥城市全面推进基层政务公开标准化规范化工作实施方案") == "plan");
    CHECK(type_from_title("阜阳市2020年度政务公开工作总结") == "summary");
    CHECK(type_from_title("国务院关于河北雄安新区总体规划（2018—2035年）的批复") == "notice");
    CHECK(type_from_title("平潭综合实验区地方税务局2013年信息公开年度报告") == "annual-report");
    CHECK(type_from_title("国产视频在线观看") == "");
}

TEST_CASE("is_document_number is exactly its two bounded patterns", "[extract]") {
    // The patterns it stands for (extract/meta_util.cpp), compiled here as they were written.
    const RE2 re(R"(^\s*[\p{Han}A-Za-z]{1,16}(?:〔|\[|﹝|\(|【|（)\s*(?:19|20)\d\d\s*(?:〕|\]|﹞|\)|】|）)\s*(?:第)?\d{1,5}\s*[号號]\s*$)");
    const RE2 order(R"(^\s*[\p{Han}]{1,16}令?第\d{1,5}[号號]\s*$)");
    REQUIRE(re.ok());
    REQUIRE(order.ok());
    auto reference = [&](const std::string& t) { return RE2::FullMatch(t, re) || RE2::FullMatch(t, order); };
    const std::vector<std::string> run_chars = {"国", "办", "令", "第", "發", "A", "z", "号"};
    const std::vector<std::string> pieces = {" ", "国", "令", "第", "A", "〔", "[", "(", "（", "﹝", "【", "〕", "]", ")", "）",
                                             "】", "2021", "19", "20", "3", "12345", "号", "號", "〈", "\t", "x", "。"};
    std::mt19937 gen(20261204);
    auto pick = [&](const std::vector<std::string>& v) { return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(gen)]; };
    std::size_t agree = 0, matched = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string t;
        if (i % 2 == 0) {
            // The patterns' own shapes, with runs on both sides of 16 and 17 characters.
            const int n = std::uniform_int_distribution<int>(0, 19)(gen);
            t = gen() % 3 == 0 ? " " : "";
            for (int k = 0; k < n; ++k) t += pick(run_chars);
            if (gen() % 2) t += std::string(gen() % 2 ? "〔" : "（") + (gen() % 2 ? "2021" : "1999") + (gen() % 2 ? "〕" : "）") + (gen() % 2 ? "第" : "");
            else t += gen() % 2 ? "令第" : "第";
            t += gen() % 4 ? "30" : "123456";
            t += gen() % 2 ? "号" : "號";
            if (gen() % 4 == 0) t += " ";
        } else {
            const int n = std::uniform_int_distribution<int>(1, 24)(gen);
            for (int k = 0; k < n; ++k) t += pick(pieces);
        }
        const bool want = reference(t);
        INFO(t);
        CHECK(extract_util::is_document_number(t) == want);
        agree += extract_util::is_document_number(t) == want;
        matched += want;
    }
    CHECK(agree == 20000);
    CHECK(matched > 1000); // the generated strings reach both answers
    CHECK(extract_util::is_document_number("国国国国国国国国国国国国国国国国令第1号")); // 16 + 令
    CHECK_FALSE(extract_util::is_document_number("国国国国国国国国国国国国国国国国国令第1号")); // 17 + 令
    CHECK_FALSE(extract_util::is_document_number("国国国国国国国国国国国国国国国国国〔2021〕1号")); // 17
}

TEST_CASE("head_gap_tail is exactly RE2::PartialMatch of a head, a bounded gap and a tail", "[extract]") {
    const std::vector<std::string_view> heads = {"本报告", "本年度报告", "年度报告", "本報告"};
    const std::vector<std::string_view> tails = {"《条例》", "统计期", "统计期限", "a"};
    const std::vector<std::string> pieces = {"本报告", "本年度报告", "年度报告", "本報告", "《条例》", "统计期", "统计", "期限", "a",
                                             "。", "，", "\n", "x", "文", "\xff", "\xe4\xb8", "�", "报告", "本"};
    std::mt19937 gen(1204);
    std::size_t matched = 0;
    for (const std::size_t gap : {0u, 3u, 30u}) {
        std::string pattern = "(?:本报告|本年度报告|年度报告|本報告)[^。]{0," + std::to_string(gap) + "}?(?:《条例》|统计期|统计期限|a)";
        const RE2 re(pattern);
        REQUIRE(re.ok());
        for (int i = 0; i < 8000; ++i) {
            std::string t;
            const int n = std::uniform_int_distribution<int>(0, 14)(gen);
            for (int k = 0; k < n; ++k) {
                // Runs of filler around the gap's bound between the words.
                if (gen() % 3 == 0) t += std::string(std::uniform_int_distribution<std::size_t>(0, gap + 2)(gen), ' ');
                else t += pieces[gen() % pieces.size()];
            }
            const bool want = RE2::PartialMatch(t, re);
            INFO(pattern << " on " << t);
            CHECK(extract_util::head_gap_tail(t, heads, gap, tails) == want);
            matched += want;
        }
    }
    CHECK(matched > 3000);
    CHECK(extract_util::head_gap_tail("本报告根据《条例》", heads, 30, tails));
    CHECK_FALSE(extract_util::head_gap_tail("本报告。根据《条例》", heads, 30, tails));
}

TEST_CASE("strip_bracket_tail is exactly RE2::Replace of its bounded pattern", "[extract]") {
    const RE2 bracket(R"((?:（[^（）]{0,20}）|\([^()]{0,20}\)|【[^【】]{0,20}】|\[[^\[\]]{0,20}\])$)");
    REQUIRE(bracket.ok());
    const std::vector<std::string> pieces = {"（", "）", "(", ")", "【", "】", "[", "]", "试", "行", "a", " ", "\xff", "\xe4\xb8", "�", "。"};
    std::mt19937 gen(4122026);
    std::size_t removed = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string t = i % 3 ? "关于印发办法的通知" : "";
        const int n = std::uniform_int_distribution<int>(0, 26)(gen);
        // Mostly an opening bracket, a run around the 20-character bound, then a closing one.
        if (i % 2) {
            t += pieces[gen() % 8];
            for (int k = 0; k < n; ++k) t += gen() % 8 ? (gen() % 2 ? "试" : "a") : pieces[gen() % pieces.size()];
            t += pieces[gen() % 8];
        } else {
            for (int k = 0; k < n; ++k) t += pieces[gen() % pieces.size()];
        }
        std::string want = t, got = t;
        const bool replaced = RE2::Replace(&want, bracket, "");
        INFO(t);
        CHECK(extract_util::strip_bracket_tail(got) == replaced);
        CHECK(got == want);
        removed += replaced;
    }
    CHECK(removed > 1000); // both answers are reached
    std::string t = "办法（试行）";
    CHECK(extract_util::strip_bracket_tail(t));
    CHECK(t == "办法");
}

// ───────────────────────────── metadata ─────────────────────────────

TEST_CASE("seed 003 header: two label/value pairs on one line", "[extract]") {
    const std::string src =
        "首页\n"
        "> 法定主动公开内容 > 监督保障 > 基层政务公开标准化规范化试点 > 工作依据\n"
        "索  引  号 11370983K21344588M/2020-04825 公开方式 主动公开\n"
        "发布机构 肥城市政府办公室 组配分类 工作依据\n"
        "肥城市全面推进基层政务公开标准化规范化工作实施方案\n"
        "发布日期:2020-11-05 15:37 浏览次数:\n"
        "为深入贯彻落实国务院关于全面推进基层政务公开标准化规范化的工作部署，结合我市实际，制定本实施方案。发布机构应当按照要求公开。\n"
        "一、总体目标\n"
        "发布机构：应当不予理睬的正文\n";
    const Document d = doc_from_lines(src);
    const Facts f = facts_of(d);
    CHECK(meta(f, "index_no") == "11370983K21344588M/2020-04825");
    CHECK(meta(f, "disclosure") == "主动公开");
    CHECK(meta(f, "publisher") == "肥城市政府办公室");
    CHECK(meta(f, "category") == "工作依据");
    CHECK(meta(f, "published") == "2020-11-05");
    CHECK(f.metadata.at("published").raw == "2020-11-05");
    CHECK(f.metadata.at("index_no").label == "索  引  号");
    // location of the value in the original file: line 3, after 「索  引  号 」
    CHECK(d.position(f.metadata.at("index_no").offset).line == 3);
    CHECK(d.position(f.metadata.at("index_no").offset).column == 9);
    CHECK(f.title == "肥城市全面推进基层政务公开标准化规范化工作实施方案");
    CHECK(f.type == "plan");
    CHECK(f.year == 2020);
    CHECK(f.year_source == "published");
}

TEST_CASE("seed 004 header: empty 文号 followed by the next label", "[extract]") {
    const std::string src =
        "网站首页 > 政府信息公开 > 阜阳市人民政府(办公室)信息公开目录 > 工作推进\n"
        "索  引 号: 003158495/202012-00407 信息分类: 工作推进\n"
        "发布机构: 阜阳市人民政府(办公室) 生成日期: 2020-12-18 17:08\n"
        "文       号: 发文日期: 2020-12-18 17:08\n"
        "名       称: 阜阳市2020年度政务公开工作总结 信息来源: 市政务公开办\n"
        "关  键 词: 2020年度政务公开工作总结   浏览次数: 3572\n"
        "内容概述: 2020年度政务公开工作总结   有 效 性: 有效\n"
        "阜阳市2020年度政务公开工作总结\n"
        "字体大小: [ ]\n"
        "2020年以来，在市委、市政府的正确领导和省政务公开办的具体指导下，阜阳市认真贯彻落实党中央、国务院和省委、省政府关于政务公开工作的决策部署。\n";
    const Facts f = facts_of(doc_from_lines(src));
    CHECK(meta(f, "index_no") == "003158495/202012-00407");
    CHECK(meta(f, "category") == "工作推进");
    CHECK(meta(f, "publisher") == "阜阳市人民政府(办公室)");
    CHECK(meta(f, "created") == "2020-12-18");
    CHECK(meta(f, "doc_no") == "<none>");
    CHECK(meta(f, "title") == "阜阳市2020年度政务公开工作总结");
    CHECK(meta(f, "source") == "市政务公开办");
    CHECK(meta(f, "validity") == "有效");
    CHECK(f.type == "summary");
    CHECK(f.year == 2020);
    CHECK(f.year_source == "title");
}

TEST_CASE("traditional labels, crawler header and bare date lines", "[extract]") {
    SECTION("traditional labels are read with or without t2s") {
        const std::string src =
            "索 引 號: 035210000/2025-00016\n"
            "信息分類: 政府信息公開制度\n"
            "發布機構: 國務院辦公廳\n"
            "發布日期: 2025-09-02 15:46\n"
            "標題: 國務院辦公廳關于印發《政府信息公開信息處理費管理辦法》的通知\n"
            "文號: 國辦函〔2020〕109號\n"
            "時效:\n"
            "國務院辦公廳關于印發《政府信息公開信息處理費管理辦法》的通知\n";
        const Facts f = facts_of(doc_from_lines(src));
        CHECK(meta(f, "index_no") == "035210000/2025-00016");
        CHECK(meta(f, "published") == "2025-09-02");
        CHECK(meta(f, "validity") == "<none>"); // empty field stays empty
        CHECK(meta(f, "doc_no").find("109") != std::string::npos);
        CHECK(f.type == "notice");
        CHECK(f.year == 2020);
        CHECK(f.year_source == "doc_no");
    }
    SECTION("ptxt header lines") {
        const std::string src =
            "标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n"
            "发布时间: 2022-02-08 16:34\n"
            "文号: \n"
            "发布机构: \n"
            "栏目: 政府信息公开年报\n"
            "==================== 正文 ====================\n"
            "当前位置： 首页政务公开 来源：平潭县人民政府 时间：2022-02-08 16:34 微信 微博 根据《中华人民共和国政府信息公开条例》，我区编制完成了本报告。发布机构应当如何如何，文号：不应读取。\n";
        const Facts f = facts_of(doc_from_lines(src));
        CHECK(meta(f, "title") == "平潭综合实验区2021年度政府信息公开工作年度报告");
        CHECK(meta(f, "published") == "2022-02-08");
        CHECK(meta(f, "doc_no") == "<none>");
        CHECK(meta(f, "publisher") == "<none>");
        CHECK(meta(f, "source") == "平潭县人民政府");
        CHECK(f.type == "annual-report");
        CHECK(f.year == 2021);
        CHECK(f.year_source == "title");
    }
    SECTION("a header line holding only a date-time is the publish time") {
        const std::string src =
            "轉發:威海市人民政府辦公室關于進一步做好政務公開工作的通知\n"
            "2018- 08- 21 19: 39\n"
            "信息來源: 乳山市政府辦\n"
            "各區市人民政府，國家級開發區管委，綜保區管委，南海新區管委，市政府各部門、單位：為全面貫徹黨的十九大精神，深入學習習近平新時代中國特色社會主義思想，現就進一步做好政務公開工作通知如下。\n";
        const Facts f = facts_of(doc_from_lines(src));
        CHECK(meta(f, "published") == "2018-08-21");
        CHECK(f.metadata.at("published").raw == "2018- 08- 21");
        CHECK(meta(f, "source") == "乳山市政府办"); // values are normalised (t2s) ...
        CHECK(f.metadata.at("source").raw == "乳山市政府辦"); // ... raw keeps the print
        CHECK(f.type == "notice");
        CHECK(f.year == 2018);
    }
}

TEST_CASE("metadata in an HTML table and <meta> fallbacks", "[extract]") {
    // 「索引号：| 000014349/2018-00213 | 主题分类：| 综合政务\其他」 as a real table grid
    Document d;
    d.format = "html";
    d.source = "索 引 号：000014349/2018-00213主题分类：综合政务\\其他发文机关：国务院办公厅成文日期：2018年12月04日"
               "标　　题：国务院办公厅关于2019年部分节假日安排的通知发文字号：国办发明电〔2018〕15号发布日期：2018年12月06日";
    d.lines = LineIndex(d.source);
    auto cell = [&](std::string_view s) {
        Cell c;
        const auto at = d.source.find(s);
        REQUIRE(at != std::string::npos);
        c.text.append_run(s, static_cast<SourceOffset>(at));
        return c;
    };
    auto table = std::make_shared<Table>();
    table->form = "html";
    table->rows = {
        {cell("索 引 号："), cell("000014349/2018-00213"), cell("主题分类："), cell("综合政务\\其他")},
        {cell("发文机关："), cell("国务院办公厅"), cell("成文日期："), cell("2018年12月04日")},
        {cell("标　　题："), cell("国务院办公厅关于2019年部分节假日安排的通知")},
        {cell("发文字号："), cell("国办发明电〔2018〕15号"), cell("发布日期："), cell("2018年12月06日")},
    };
    Block tb;
    tb.kind = BlockKind::table;
    tb.table = table;
    tb.text = table->rows[0][0].text;
    tb.in_metadata = true;
    d.blocks.push_back(tb);
    d.html_meta = {{"ArticleTitle", "别的标题"}, {"ContentSource", "中国政府网"}};
    Normaliser::instance().normalise(d);
    const Facts f = facts_of(d);
    CHECK(meta(f, "index_no") == "000014349/2018-00213");
    CHECK(meta(f, "publisher") == "国务院办公厅");
    CHECK(meta(f, "created") == "2018-12-04");
    CHECK(f.metadata.at("created").raw == "2018年12月04日");
    CHECK(meta(f, "doc_no") == "国办发明电〔2018〕15号");
    CHECK(meta(f, "published") == "2018-12-06");
    CHECK(meta(f, "title") == "国务院办公厅关于2019年部分节假日安排的通知"); // printed beats <meta>
    CHECK(meta(f, "source") == "中国政府网");                                 // <meta> fills the gap
    CHECK(f.type == "notice");
    CHECK(f.year == 2018);
    CHECK(f.year_source == "created");
}

TEST_CASE("<dl>/<li> layouts: the value is on the block after its label", "[extract]") {
    Document d = doc_from_lines("索引号：\n11350128MB1234567X/2020-00031\n发布日期：\n2020-12-29\n时效:\n正文标题不是时效的值\n");
    for (auto& b : d.blocks) { b.tag = "dd"; b.kind = BlockKind::list_item; }
    d.blocks[4].tag = "p"; // 「时效:」 alone in a paragraph: an empty field, not a label for the next line
    d.blocks[4].kind = BlockKind::paragraph;
    d.blocks[5].tag = "p";
    d.blocks[5].kind = BlockKind::paragraph;
    const Facts f = facts_of(d);
    CHECK(meta(f, "index_no") == "11350128MB1234567X/2020-00031");
    CHECK(meta(f, "published") == "2020-12-29");
    CHECK(meta(f, "validity") == "<none>");
    CHECK(d.position(f.metadata.at("index_no").offset).line == 2);
}

TEST_CASE("title from <title> without its site suffix", "[extract]") {
    Document d = doc_from_lines("首页\n政务公开\n", /*html=*/true);
    d.html_title = "平潭综合实验区2024年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会";
    d.blocks[0].boilerplate = true;
    const Facts f = facts_of(d);
    CHECK(f.title == "平潭综合实验区2024年度政府信息公开工作年度报告");
    CHECK(f.metadata.count("title") == 0); // a guessed title is not a printed metadata field
    CHECK(f.type == "annual-report");
    CHECK(f.year == 2024);
}

TEST_CASE("a column's name before the title (a breadcrumb as body text) is not the title", "[extract]") {
    // A converted page (pandoc's .docx, a copy-paste) keeps the breadcrumb as ordinary paragraphs:
    // 「政府信息公开年报」 names the site's column; the report's own title follows it.
    const Facts f = facts_of(doc_from_lines("首页\n政务公开\n政府信息公开年报\n平潭综合实验区2024年度政府信息公开工作年度报告\n"
                                            "来源：平潭综合实验区管委会办公室\n一、总体情况\n"));
    CHECK(f.title == "平潭综合实验区2024年度政府信息公开工作年度报告");
    CHECK(f.type == "annual-report");
    // With no better line, the column's name is still the title (as before), and 「通知公告」 too.
    CHECK(facts_of(doc_from_lines("政府信息公开年报\n一、总体情况\n")).title == "政府信息公开年报");
    CHECK(facts_of(doc_from_lines("通知公告\n关于做好2024年度政务公开工作的通知\n")).title == "关于做好2024年度政务公开工作的通知");
    // A real title is kept even when a column's name follows it.
    CHECK(facts_of(doc_from_lines("关于做好春节期间值班工作的通知\n通知公告\n")).title == "关于做好春节期间值班工作的通知");
}

TEST_CASE("a title line starting with a heading number is not the title", "[extract]") {
    const Facts f = facts_of(doc_from_lines("#一、总体情况\n#二、主动公开政府信息工作情况\n"));
    CHECK(f.title.empty());
    CHECK(f.type == "other");
    CHECK_FALSE(f.year);
}

TEST_CASE("body sentences are never metadata", "[extract]") {
    const std::string src =
        "关于做好政务公开工作的通知\n"
        "各单位：为进一步做好政务公开工作，现将有关事项通知如下，请认真贯彻执行，确保各项工作落到实处。\n"
        "发布机构应当在信息形成之日起20个工作日内公开。\n"
        "索引号：不应出现\n";
    const Facts f = facts_of(doc_from_lines(src));
    CHECK(f.metadata.count("publisher") == 0);
    CHECK(f.metadata.count("index_no") == 0);
    CHECK(f.type == "notice");
}

// ───────────────────────────── type and year ─────────────────────────────

TEST_CASE("annual reports without a title line: opening and statistics period", "[extract]") {
    const std::string src =
        "(点击下载)\n"
        "本报告根据《中华人民共和国政府信息公开条例》(国务院令第711号)要求，由市政府办公室综合各镇、街道和市政府各部门2020年政府信息公开工作年度报告编制而成。\n"
        "本报告中所列数据的统计期自2020年1月1日起至2020年12月31日止。\n";
    const Facts f = facts_of(doc_from_lines(src));
    CHECK(f.title.empty());
    CHECK(f.type == "annual-report");
    CHECK(f.year == 2020);
    CHECK(f.year_source == "period");
}

TEST_CASE("annual report year falls back to published year minus one", "[extract]") {
    const std::string src =
        "发布日期：2021-03-05\n"
        "某某县政府信息公开工作年度报告\n";
    const Facts f = facts_of(doc_from_lines(src));
    CHECK(f.type == "annual-report");
    CHECK(f.year == 2020);
    CHECK(f.year_source == "published");
}

TEST_CASE("signature date and standalone document number date a notice", "[extract]") {
    const std::string src =
        "國務院辦公廳政府信息與政務公開辦公室 關於印發《中華人民共和國政府信息公開工作 年度報告格式》的通知\n"
        "發布日期:2023-05-15 10:44來源:國務院辦公廳政府信息與政務公開辦公室瀏覽次數:\n"
        "國辦公開辦函〔2021〕30號\n"
        "各省、自治區、直轄市人民政府辦公廳，國務院各部委、各直屬機構辦公廳(室)：根據條例第五十條的規定，現將修訂後的格式印發給你們，請認真貫徹執行。\n"
        "2021年9月26日\n";
    const Facts f = facts_of(doc_from_lines(src));
    CHECK(f.type == "notice");
    CHECK(meta(f, "published") == "2023-05-15");
    CHECK(f.year == 2021);
    CHECK(f.year_source == "doc_no");
}

// ───────────────────────────── outline ─────────────────────────────

TEST_CASE("outline levels, values and titles", "[extract]") {
    const std::string src =
        "#一、总体情况\n"
        "2020年，我市坚持以习近平新时代中国特色社会主义思想为指导。\n"
        "(一)主动公开方面。按照“公开为常态、不公开为例外”的要求，积极主动公开。\n"
        "1.聚焦中心工作。及时公开各类信息。\n"
        "（1）强化解读：开展政策解读。\n"
        "2、强化平台建设\n"
        "1.5万条信息已公开。\n"
        "2020年，共发布信息18680条。\n"
        "1、2月份完成了清理。\n"
        "#十二、其他需要报告的事项\n"
        "（二十一）附加事项\n";
    const Document d = doc_from_lines(src);
    const Facts f = facts_of(d);
    REQUIRE(f.outline.size() == 7);
    CHECK(f.outline[0].level == 1);
    CHECK(f.outline[0].number == "一");
    CHECK(f.outline[0].value == 1);
    CHECK(f.outline[0].title == "总体情况");
    CHECK(f.outline[0].from_heading_block);
    CHECK(f.outline[0].block == 0);
    CHECK(d.position(f.outline[0].offset).line == 1);
    CHECK(f.outline[1].level == 2);
    CHECK(f.outline[1].number == "一");
    CHECK(f.outline[1].title == "主动公开方面");
    CHECK_FALSE(f.outline[1].from_heading_block);
    CHECK(f.outline[2].level == 3);
    CHECK(f.outline[2].value == 1);
    CHECK(f.outline[2].title == "聚焦中心工作");
    CHECK(f.outline[3].level == 4);
    CHECK(f.outline[3].title == "强化解读");
    CHECK(f.outline[4].level == 3);
    CHECK(f.outline[4].value == 2);
    CHECK(f.outline[4].title == "强化平台建设");
    CHECK(f.outline[5].level == 1);
    CHECK(f.outline[5].value == 12);
    CHECK(f.outline[5].title == "其他需要报告的事项");
    CHECK(f.outline[6].level == 2);
    CHECK(f.outline[6].value == 21);
    CHECK(f.outline[6].title == "附加事项");
}

TEST_CASE("outline inside one run-together block (crawler plain text)", "[extract]") {
    const std::string src =
        "根据《中华人民共和国政府信息公开条例》，我区编制完成了本报告。本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
        "一、总体情况2021年，我区以习近平新时代中国特色社会主义思想为指导，坚持以人民为中心深化政务公开。"
        "（一）主动公开方面。按照要求，积极主动公开各领域政府信息。"
        "（二）依申请公开方面。全年共受理申请9件。"
        "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 规章 0 0 0 "
        "三、收到和处理政府信息公开申请情况 申请人情况 自然人 一、本年新收政府信息公开申请数量9000000"
        "三、本年度办理结果（一）予以公开5000005（二）部分公开1000001 "
        "四、政府信息公开行政复议、行政诉讼情况 0 0 0 "
        "五、存在的主要问题及改进情况 一是公开质量有待提高。"
        "六、其他需要报告的事项 无。\n";
    const Facts f = facts_of(doc_from_lines(src));
    std::vector<std::string> l1;
    for (const auto& e : f.outline)
        if (e.level == 1) l1.push_back(e.number + "、" + e.title);
    const std::vector<std::string> want = {
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"};
    CHECK(l1 == want);
    std::vector<std::string> l2;
    for (const auto& e : f.outline)
        if (e.level == 2) l2.push_back(e.title);
    CHECK(l2 == std::vector<std::string>{"主动公开方面", "依申请公开方面"});
}

TEST_CASE("table cells and page furniture are never outline entries", "[extract]") {
    Document d = doc_from_lines("#一、总体情况\n二、主动公开\n");
    d.blocks[1].boilerplate = true;
    auto table = std::make_shared<Table>();
    Cell c;
    c.text.append_run("一、本年新收", 0);
    table->rows = {{c}};
    Block tb;
    tb.kind = BlockKind::table;
    tb.table = table;
    d.blocks.push_back(tb);
    Normaliser::instance().normalise(d);
    const Facts f = facts_of(d);
    REQUIRE(f.outline.size() == 1);
    CHECK(f.outline[0].title == "总体情况");
}

// ───────────────────────────── real corpus ─────────────────────────────

TEST_CASE("real seeds 003 and 004: metadata blocks", "[extract][corpus]") {
    if (!have_corpus()) return;
    {
        const auto r = analyse_file(corpus("seeds/003_f8756d1425d3885a.txt"));
        const Facts& f = r.facts;
        CHECK(meta(f, "index_no") == "11370983K21344588M/2020-04825");
        CHECK(meta(f, "publisher") == "肥城市政府办公室");
        CHECK(meta(f, "published") == "2020-11-05");
        CHECK(meta(f, "disclosure") == "主动公开");
        CHECK(pos_of(r, "index_no").line == 3);
        CHECK(pos_of(r, "index_no").column == 9);
    }
    {
        const auto r = analyse_file(corpus("seeds/004_a4af0b0c03741768.txt"));
        const Facts& f = r.facts;
        CHECK(meta(f, "index_no") == "003158495/202012-00407");
        CHECK(meta(f, "publisher") == "阜阳市人民政府(办公室)");
        CHECK(meta(f, "created") == "2020-12-18");
        CHECK(meta(f, "doc_no") == "<none>");
        CHECK(pos_of(r, "created").line == 3);
    }
}

TEST_CASE("State Council fragments 014-018: metadata table", "[extract][corpus]") {
    if (!have_corpus()) return;
    struct Want {
        const char* file;
        const char* index_no;
        const char* publisher;
        const char* created;
        const char* doc_no;
        const char* published;
    };
    const Want wants[] = {
        {"014_guobanfa-jiejiari_2018.html", "000014349/2018-00213", "国务院办公厅", "2018-12-04", "国办发明电〔2018〕15号", "2018-12-06"},
        {"015_guobanfa-zhengwuxinmeiti_2018.html", "000014349/2018-00221", "国务院办公厅", "2018-12-07", "国办发〔2018〕123号", "2018-12-27"},
        {"016_guobanhan-wangzhanjiyue_2018.html", "000014349/2018-00204", "国务院办公厅", "2018-10-27", "国办函〔2018〕71号", "2018-11-09"},
        {"017_guobanfa-xingzhengzhifa_2018.html", "000014349/2018-00226", "国务院办公厅", "2018-12-05", "国办发〔2018〕118号", "2019-01-03"},
        {"018_guofa-mianliang_1981.html", "000014349/1981-00021", "国务院", "1981-05-23", "国发〔1981〕88号", "2018-12-04"},
    };
    for (const auto& w : wants) {
        INFO(w.file);
        const auto r = analyse_file(corpus(std::string("real/") + w.file));
        const Facts& f = r.facts;
        CHECK(meta(f, "index_no") == w.index_no);
        CHECK(meta(f, "publisher") == w.publisher);
        CHECK(meta(f, "created") == w.created);
        CHECK(meta(f, "doc_no") == w.doc_no);
        CHECK(meta(f, "published") == w.published);
    }
}

// Type and year of every real document, from the corpus README table. README types map to ours:
// opinion/guiding opinion/decision/reply (批复, 复函)/bulletin (通报)/regulation (条例)/letter (函)
// and "notice + plan" are notices (the title's head noun); "annual plan" is a plan; "disclosure
// guide" a guide. 039 is listed as a "work-progress notice" (a 工作情况 bulletin): we type it
// notice through its head noun 情况 — the README is the only authority on that one.
TEST_CASE("every real document gets the type and year of the corpus README", "[extract][corpus]") {
    if (!have_corpus()) return;
    struct Want {
        const char* file;
        const char* type;
        int year;
    };
    const Want wants[] = {
        {"seeds/000_0133a77586099665.txt", "annual-report", 2020},
        {"seeds/001_bf6f8c6674d46c2d.txt", "notice", 2018},
        {"seeds/002_39cedbc4c057cd39.txt", "annual-report", 2019},
        {"seeds/003_f8756d1425d3885a.txt", "plan", 2020},
        {"seeds/004_a4af0b0c03741768.txt", "summary", 2020},
        {"real/001_pingtan_2021.txt", "annual-report", 2021},
        {"real/002_pingtan_2019.txt", "annual-report", 2019},
        {"real/003_pingtan_2020.txt", "annual-report", 2020},
        {"real/004_pingtan_2022.txt", "annual-report", 2022},
        {"real/005_pingtan_2023.txt", "annual-report", 2023},
        {"real/006_pingtan_2024.txt", "annual-report", 2024},
        {"real/007_pingtan_2025.txt", "annual-report", 2025},
        {"real/008_pingtan_2018.txt", "annual-report", 2018},
        {"real/009_pingtan-dishuiju_2013.txt", "annual-report", 2013},
        {"real/010_pingtanxian_2011.txt", "annual-report", 2011},
        {"real/011_guobangongkaiban-nbgeshi_2021.txt", "notice", 2021},
        {"real/012_pingtan-zwgkrenwu_2022.txt", "notice", 2022},
        {"real/013_baiqingxiang-zhinan_2012.txt", "guide", 2012},
        {"real/014_guobanfa-jiejiari_2018.html", "notice", 2018},
        {"real/015_guobanfa-zhengwuxinmeiti_2018.html", "notice", 2018},
        {"real/016_guobanhan-wangzhanjiyue_2018.html", "notice", 2018},
        {"real/017_guobanfa-xingzhengzhifa_2018.html", "notice", 2018},
        {"real/018_guofa-mianliang_1981.html", "notice", 1981},
        {"real/019_dgmjb-spam-xinxichulifei_2020.txt", "notice", 2020},
        {"real/020_haose21-spam-nbgeshi_2021.txt", "notice", 2021},
        {"real/021_shangkeht-fanti-nbgeshi_2021.txt", "notice", 2021},
        {"real/022_longgang-bumen_2024.txt", "annual-report", 2024},
        {"real/023_pingtan_2017.txt", "annual-report", 2017},
        {"real/024_pingtan_2015.txt", "annual-report", 2015},
        {"real/025_guobangongkaiban-nbshixiang_2019.txt", "notice", 2019},
        {"real/026_pingtan_2016.txt", "annual-report", 2016},
        {"real/027_pingtan_2012.txt", "annual-report", 2012},
        {"real/028_pingtan-han_2014.txt", "notice", 2014},
        {"real/029_shanghai_2022.txt", "annual-report", 2022},
        {"real/030_nanping_2012.txt", "annual-report", 2012},
        {"real/031_shanghai-fanti_2012.txt", "annual-report", 2012},
        {"real/032_ningguo-shangwuju-clone_2021.txt", "notice", 2021},
        {"real/033_pingtan_2014.txt", "annual-report", 2014},
        {"real/034_pingtanxian_2013.txt", "annual-report", 2013},
        {"real/035_pingtan-gonganju-jihua_2024.txt", "plan", 2024},
        {"real/036_pingtanxian-gonganju-zhinan_2008.txt", "notice", 2008},
        {"real/037_shanghai-bangongting_2019.html", "annual-report", 2019},
        {"real/038_pingtan_2013.txt", "annual-report", 2013},
        {"real/039_pingtan-gonganju-choucha_2024.txt", "notice", 2024},
        {"real/040_pingtanxian_2012.txt", "annual-report", 2012},
        {"real-html/101_guofa-shuangsuiji-yijian_2019.html", "notice", 2019},
        {"real-html/102_guobanfa-youeryuan-tongzhi_2019.html", "notice", 2019},
        {"real-html/103_guobanfa-chuangxin-tongzhi_2018.html", "notice", 2018},
        {"real-html/104_guofa-kejijiang-jueding_2018.html", "notice", 2018},
        {"real-html/105_guohan-xiongan-pifu_2018.html", "notice", 2018},
        {"real-html/106_guofa-geshui-banfa_2018.html", "notice", 2018},
        {"real-html/107_guohan-wujing-pifu_1996.html", "notice", 1996},
        {"real-html/108_guobanfa-meikuang-tongbao_2004.html", "notice", 2004},
        {"real-html/109_guoling-zhuanlidaili-tiaoli_2018.html", "notice", 2018},
        {"real-html/110_guobanhan-haerbin-fuhan_2004.html", "notice", 2004},
        {"real-html/111_pingtan_2024.html", "annual-report", 2024},
        {"real-html/112_pingtan_2025.html", "annual-report", 2025},
        {"real-html/113_pingtan_2023.html", "annual-report", 2023},
        {"real-html/114_pingtan-pifu-shequ_2016.html", "notice", 2016},
        {"real-html/115_pingtan-tongzhi-budongchan_2020.html", "notice", 2020},
    };
    // Every file of the corpus is in the table (a new file must be added here).
    std::size_t files = 0;
    for (const char* dir : {"seeds", "real", "real-html"})
        for (const auto& e : std::filesystem::directory_iterator(corpus(dir)))
            if (e.is_regular_file()) ++files;
    CHECK(files == std::size(wants));
    for (const auto& w : wants) {
        const auto r = analyse_file(corpus(w.file));
        INFO(w.file << " title=" << r.facts.title << " year_source=" << r.facts.year_source);
        CHECK(r.facts.type == w.type);
        CHECK(r.facts.year.value_or(0) == w.year);
    }
}

// Page checks (rulesets page-metadata, disclosure-attribute, content-safety): helpers on
// hand-built values, each rule on hand-built Documents/Facts (firing and not firing), and the
// seeds and real pages through the whole pipeline.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "check/check.hpp"
#include "check/kinds/codes.hpp"
#include "normalise/dates.hpp"
#include "catalogue/disclosure.hpp"
#include "extract/index_number.hpp"
#include "extract/page_text.hpp"
#include "ingest/ingest.hpp"
#include "normalise/normalise.hpp"
#include "support.hpp"

using namespace gk;

namespace {

const RuleSet& page_rules() {
    static const auto catalogue = Catalogue::load_files(
        {std::string(GK_SOURCE_DIR) + "/rulesets/page-metadata.xml",
         std::string(GK_SOURCE_DIR) + "/rulesets/disclosure-attribute.xml",
         std::string(GK_SOURCE_DIR) + "/rulesets/content-safety.xml"},
        std::string(GK_SOURCE_DIR) + "/rulesets/ruleset.xsd");
    static const RuleSet rules(*catalogue);
    return rules;
}

// A text document with one paragraph block per line (empty lines skipped), normalised.
Document make_doc(const std::vector<std::string>& lines, const std::string& script = "simplified") {
    Document doc;
    doc.path = "test.txt";
    doc.format = "text";
    for (const auto& l : lines) doc.source += l + "\n";
    doc.lines = LineIndex(doc.source);
    std::size_t at = 0;
    for (const auto& l : lines) {
        if (!l.empty()) {
            Block b;
            b.text.append_run(l, static_cast<SourceOffset>(at));
            doc.blocks.push_back(std::move(b));
        }
        at += l.size() + 1;
    }
    Normaliser::instance().normalise(doc);
    doc.script = script;
    return doc;
}

// Offset of the n-th occurrence of `needle` in the document's source.
SourceOffset at(const Document& doc, const std::string& needle, int nth = 0) {
    std::size_t p = doc.source.find(needle);
    while (nth-- > 0 && p != std::string::npos) p = doc.source.find(needle, p + 1);
    REQUIRE(p != std::string::npos);
    return static_cast<SourceOffset>(p);
}

void field(Facts& f, const Document& doc, const std::string& key, const std::string& value) {
    MetaField m;
    m.value = value;
    m.raw = value;
    const auto p = doc.source.find(value);
    m.offset = p == std::string::npos ? 0 : static_cast<SourceOffset>(p);
    f.metadata[key] = m;
}

// Runs the page rules on hand-built Facts (metadata, type), after extract derives the page facts
// from them (body blocks, signature, 文号, markings, dates, 索引号) as it does for every document.
std::vector<Finding> run_page_rules(const Document& doc, Facts facts) {
    extract_page_facts(doc, page_rules().catalogue(), facts);
    return page_rules().run(doc, facts);
}

std::vector<Finding> run_rule(const std::string& rule, const Document& doc, const Facts& facts) {
    std::vector<Finding> out;
    for (const auto& f : run_page_rules(doc, facts))
        if (f.rule == rule) out.push_back(f);
    return out;
}

std::string list(const std::vector<Finding>& fs) {
    std::ostringstream o;
    for (const auto& f : fs) o << f.rule << " " << to_string(f.severity) << " @" << f.offset << " " << f.message.zh << "\n";
    return o.str();
}

} // namespace

TEST_CASE("check characters of 统一社会信用代码 and 组织机构代码", "[pages]") {
    // Real codes: seed 003 (肥城), 兖州, 宁国商务局, 宁国 (all digits).
    for (const char* code : {"11370983K21344588M", "11370812004339255B", "11341702486344515H", "113417020032563511"}) {
        INFO(code);
        CHECK(page::uscc_valid(code));
        // the embedded 组织机构代码 (characters 9–17) is valid as well
        CHECK(page::org_code_valid(std::string(code).substr(8, 9)));
    }
    CHECK_FALSE(page::uscc_valid("11370983K21344588N")); // off by one
    CHECK_FALSE(page::uscc_valid("11370983K21344588"));  // too short
    CHECK_FALSE(page::uscc_valid("11370983I21344588M")); // I is not in the alphabet
    CHECK(page::uscc_check_char("11370983K21344588") == 'M');
    // 组织机构代码: seed 004 (阜阳), 国务院办公厅 (gov.cn), 云南民政厅 (with X).
    for (const char* code : {"003158495", "000014349", "01527918X", "015257618"}) {
        INFO(code);
        CHECK(page::org_code_valid(code));
    }
    CHECK_FALSE(page::org_code_valid("003158494"));
    CHECK(page::org_code_check_char("03521000") == '8'); // the 019 clone's 035210000 is not valid
}

TEST_CASE("index numbers are split into prefix, year, month and serial", "[pages]") {
    auto n = page::parse_index_number("11370983K21344588M/2020-04825");
    REQUIRE(n);
    CHECK(n->kind == page::PrefixKind::credit_code);
    CHECK(n->year == 2020);
    CHECK_FALSE(n->month);
    n = page::parse_index_number("003158495/202012-00407");
    REQUIRE(n);
    CHECK(n->kind == page::PrefixKind::org_code);
    CHECK(n->year == 2020);
    CHECK(n->month == 12);
    n = page::parse_index_number("01525761-8-/2020-1125008");
    REQUIRE(n);
    CHECK(n->code == "015257618");
    CHECK(n->org_code_hyphenated);
    n = page::parse_index_number("01527918X-2020-153077");
    REQUIRE(n);
    CHECK(n->code == "01527918X");
    n = page::parse_index_number("6107280000/2022-000928");
    REQUIRE(n);
    CHECK(n->kind == page::PrefixKind::digits);
    CHECK_FALSE(page::parse_index_number("53092600243601000"));
    CHECK_FALSE(page::parse_index_number("综合/abc"));
}

TEST_CASE("dates parse in printed forms and working days follow the holiday calendar", "[pages]") {
    auto date = [](std::string_view s) { const auto d = grammar::first_date(s); return d ? page::Date(*d) : page::Date{}; };
    CHECK(date("2018- 08- 21 19: 39") == page::Date{2018, 8, 21});
    CHECK(date("2018年8月20日") == page::Date{2018, 8, 20});
    CHECK(date("一九八一年五月二十三日") == page::Date{1981, 5, 23});
    CHECK(date("二〇二〇年十二月十七日") == page::Date{2020, 12, 17});
    const auto bad = grammar::first_date("2020年2月30日");
    REQUIRE(bad);
    CHECK_FALSE(bad->valid());
    CHECK_FALSE(grammar::first_date("无日期"));
    CHECK(page::weekday({2018, 12, 29}) == 5); // a Saturday

    pugi::xml_document x;
    REQUIRE(x.load_file((std::string(GK_SOURCE_DIR) + "/rulesets/page-metadata.xml").c_str()));
    const auto cal = page::WorkCalendar::from_xml(x.child("ruleset").find_child_by_attribute("data", "name", "holidays"));
    for (int y = 2018; y <= 2026; ++y) CHECK(cal.covers(y));
    CHECK(cal.is_working_day({2018, 12, 29}));      // Saturday, 调休 for 元旦 2019
    CHECK_FALSE(cal.is_working_day({2019, 1, 1}));  // 元旦
    CHECK_FALSE(cal.is_working_day({2019, 2, 4}));  // 春节
    CHECK(cal.is_working_day({2019, 2, 2}));        // Saturday worked
    CHECK_FALSE(cal.is_working_day({2019, 5, 3}));  // 劳动节 extended in 2019
    CHECK(cal.is_working_day({2026, 1, 4}));        // Sunday worked
    // 017: 成文 2018-12-05, published 2019-01-03: exactly 20 working days (12-29 worked,
    // 12-31 and 01-01 off) — the limit, not beyond it.
    CHECK(cal.working_days_after({2018, 12, 5}, {2019, 1, 3}) == 20);
    CHECK(cal.add_working_days({2018, 12, 5}, 20) == page::Date{2019, 1, 3});
}

TEST_CASE("meta rules on a hand-built metadata block", "[pages]") {
    auto doc = make_doc({"索引号 11370983K21344588M/2020-04825 公开方式 主动公开", "发布机构 肥城市政府办公室",
                         "肥城市全面推进基层政务公开标准化规范化工作实施方案", "发布日期:2020-11-05 15:37",
                         "为深入贯彻落实国务院关于全面推进基层政务公开标准化规范化的工作部署，制定本实施方案。"});
    doc.blocks[0].in_metadata = doc.blocks[1].in_metadata = doc.blocks[3].in_metadata = true;
    Facts facts;
    facts.type = "plan";
    facts.title = "肥城市全面推进基层政务公开标准化规范化工作实施方案";
    field(facts, doc, "index_no", "11370983K21344588M/2020-04825");
    field(facts, doc, "disclosure", "主动公开");
    field(facts, doc, "publisher", "肥城市政府办公室");
    field(facts, doc, "published", "2020-11-05");
    facts.metadata["published"].offset = at(doc, "2020-11-05");

    SECTION("a valid block gives no metadata finding") {
        const auto all = run_page_rules(doc, facts);
        INFO(list(all));
        CHECK(all.empty());
    }
    SECTION("check character off by one") {
        facts.metadata["index_no"].value = "11370983K21344588N/2020-04825";
        const auto fs = run_rule("meta.index.checksum", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == Severity::error);
        CHECK(fs[0].expected == "M");
        CHECK(fs[0].message.zh.find("GB 32100-2015") != std::string::npos);
    }
    SECTION("a 9-digit prefix that is no 组织机构代码 is only a warning") {
        facts.metadata["index_no"].value = "035210000/2020-00016";
        const auto fs = run_rule("meta.index.checksum", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == Severity::warning);
    }
    SECTION("index year differs from the date") {
        facts.metadata["index_no"].value = "11370983K21344588M/2019-04825";
        const auto fs = run_rule("meta.index.year", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].actual == "2019");
        CHECK(fs[0].expected == "2020");
    }
    SECTION("YYYYMM index checked by month too") {
        facts.metadata["index_no"].value = "003158495/202010-00407"; // published 2020-11-05
        CHECK(run_rule("meta.index.year", doc, facts).size() == 1);
        field(facts, doc, "created", "2020-10-30");
        CHECK(run_rule("meta.index.year", doc, facts).empty());
    }
    SECTION("unknown index shape") {
        facts.metadata["index_no"].value = "肥城/2020/第4825号";
        CHECK(run_rule("meta.index.format", doc, facts).size() == 1);
        facts.metadata["index_no"].value = "53092600243601000";
        CHECK(run_rule("meta.index.format", doc, facts).empty());
    }
    SECTION("missing fields are listed, alternatives accepted") {
        facts.metadata.erase("publisher");
        auto fs = run_rule("meta.field.missing", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].message.zh.find("发布机构") != std::string::npos);
        facts.metadata.erase("published");
        field(facts, doc, "created", "2020-11-03");
        CHECK(run_rule("meta.field.missing", doc, facts).size() == 1); // created satisfies the date
    }
    SECTION("no catalogue block, no meta.field.missing") {
        facts.metadata.erase("index_no");
        facts.metadata.erase("disclosure");
        facts.metadata.erase("publisher");
        CHECK(run_rule("meta.field.missing", doc, facts).empty());
    }
    SECTION("dates: order, delay, invalid") {
        field(facts, doc, "created", "2020-11-06");
        facts.metadata["created"].offset = 0;
        CHECK(run_rule("meta.date.order", doc, facts).size() == 1);
        CHECK(run_rule("meta.date.delay", doc, facts).empty());
        // 30 working days before 2020-11-05 is 2020-09-18 (国庆 10-01..08 off, 09-27 and 10-10 worked)
        facts.metadata["created"].value = "2020-09-18";
        CHECK(run_rule("meta.date.order", doc, facts).empty());
        auto fs = run_rule("meta.date.delay", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].actual == "30");
        facts.metadata["created"].value = "2020-10-09"; // 20 working days: on time
        CHECK(run_rule("meta.date.delay", doc, facts).empty());
        facts.metadata["created"].value = "";
        facts.metadata["created"].raw = "2020年2月30日";
        fs = run_rule("meta.date.invalid", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].message.en.find("no such date") != std::string::npos);
        facts.metadata["created"].raw = "2099-01-01";
        CHECK(run_rule("meta.date.invalid", doc, facts).size() == 1);
    }
}

TEST_CASE("文号: metadata vs body, and bracket style", "[pages]") {
    auto doc = make_doc({"文号：国办发〔2018〕123号", "国务院办公厅关于推进政务新媒体健康有序发展的意见", "国办发[2018]123号",
                         "根据《通知》（国办发〔2018〕23号）和《意见》(鲁政办发〔2018〕21号)，各区市政府﹝管委﹞配合。",
                         "《威海市乡村振兴战略规划(2018—2022年)》要求。", "国务院办公厅", "2018年12月7日", "（此件公开发布）"});
    doc.blocks[0].in_metadata = true;
    Facts facts;
    facts.type = "notice";
    field(facts, doc, "doc_no", "国办发〔2018〕123号");

    auto fs = run_rule("format.docno.brackets", doc, facts);
    INFO(list(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].offset == at(doc, "["));
    CHECK(fs[0].expected == "国办发〔2018〕123号");
    CHECK(fs[0].message.zh.find("六角括号〔〕") != std::string::npos);
    CHECK(run_rule("meta.docno.mismatch", doc, facts).empty()); // brackets alone are no mismatch

    facts.metadata["doc_no"].value = "国办发〔2018〕124号";
    fs = run_rule("meta.docno.mismatch", doc, facts);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::error);
}

TEST_CASE("公开属性: markings, field, missing, unpublishable, conflict", "[pages]") {
    SECTION("traditional marking is recognised") {
        auto doc = make_doc({"威海市人民政府辦公室", "2018年8月20日", "  (此件公開發布)"}, "traditional");
        Facts facts;
        facts.type = "notice";
        const auto all = run_page_rules(doc, facts);
        INFO(list(all));
        CHECK(all.empty());
    }
    SECTION("a 公文 without marking or field") {
        auto doc = make_doc({"某某县人民政府办公室关于做好防汛工作的通知", "各乡镇人民政府：", "现就有关事项通知如下。",
                             "某某县人民政府办公室", "2021年6月1日"});
        Facts facts;
        facts.type = "notice";
        auto fs = run_rule("label.attribute.missing", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].offset == at(doc, "2021年6月1日"));
        field(facts, doc, "disclosure", "主动公开"); // a field is enough
        CHECK(run_rule("label.attribute.missing", doc, facts).empty());
    }
    SECTION("no 文号 and no signature: not a 公文") {
        auto doc = make_doc({"我县召开防汛工作会议", "6月1日，我县召开防汛工作会议。"});
        Facts facts;
        facts.type = "other";
        CHECK(run_rule("label.attribute.missing", doc, facts).empty());
    }
    SECTION("不予公开 on a published page") {
        auto doc = make_doc({"某某局", "2021年6月1日", "（此件不予公开）"});
        Facts facts;
        facts.type = "notice";
        const auto all = run_page_rules(doc, facts);
        INFO(list(all));
        REQUIRE(all.size() == 1);
        CHECK(all[0].rule == "label.attribute.unpublishable");
        CHECK(all[0].offset == at(doc, "（此件不予公开）"));
    }
    SECTION("field contradicts the marking") {
        auto doc = make_doc({"公开方式：依申请公开", "某某局", "2021年6月1日", "（此件主动公开）"});
        doc.blocks[0].in_metadata = true;
        Facts facts;
        facts.type = "notice";
        field(facts, doc, "disclosure", "依申请公开");
        const auto all = run_page_rules(doc, facts);
        INFO(list(all));
        REQUIRE(all.size() == 1);
        CHECK(all[0].rule == "label.attribute.conflict");
        field(facts, doc, "disclosure", "主动公开");
        CHECK(run_page_rules(doc, facts).empty());
    }
    SECTION("field alone says 依申请公开") {
        auto doc = make_doc({"公开方式：依申请公开", "某某局", "2021年6月1日"});
        doc.blocks[0].in_metadata = true;
        Facts facts;
        facts.type = "notice";
        field(facts, doc, "disclosure", "依申请公开");
        const auto fs = run_rule("label.attribute.unpublishable", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].offset == facts.metadata["disclosure"].offset);
    }
}

TEST_CASE("format.numbering: headings, 一是 runs, 序号 columns", "[pages]") {
    auto doc = make_doc({"一、总体目标", "二、重点工作", "（一）第一项", "（二）第二项", "（四）第四项", "四、组织保障",
                         "一是加强领导。二是明确责任。二是强化督查。", "附件1", "一、附件标题"});
    Facts facts;
    facts.type = "plan";
    auto entry = [&](int level, int value, std::size_t block) {
        OutlineEntry e;
        e.level = level;
        e.value = value;
        e.block = block;
        e.offset = doc.blocks[block].text.source_at(0);
        facts.outline.push_back(e);
    };
    entry(1, 1, 0);
    entry(1, 2, 1);
    entry(2, 1, 2);
    entry(2, 2, 3);
    entry(2, 4, 4);
    entry(1, 4, 5);
    entry(1, 1, 8); // the attachment starts over
    const auto fs = run_rule("format.numbering", doc, facts);
    INFO(list(fs));
    REQUIRE(fs.size() == 3);
    CHECK(fs[0].offset == at(doc, "（四）"));
    CHECK(fs[1].offset == at(doc, "四、"));
    CHECK(fs[2].offset == at(doc, "二是", 1));
    CHECK(fs[2].message.zh.find("重复") != std::string::npos);
}

TEST_CASE("format.numbering: seed 003's flattened table repeats 19 and 20", "[pages]") {
    std::vector<std::string> lines = {"序号", "试点领域", "编制单位", "备注"};
    for (int i = 1; i <= 24; ++i) {
        lines.push_back(std::to_string(i));
        lines.push_back("领域" + std::to_string(i));
        if (i % 3 == 0) lines.push_back("市某某局");
    }
    lines.insert(lines.end(), {"19", "义务教育领域", "市教体局", "20", "卫生健康领域", "市卫健局", "附件2", "详见电子版"});
    auto doc = make_doc(lines);
    Facts facts;
    facts.type = "plan";
    const auto fs = run_rule("format.numbering", doc, facts);
    INFO(list(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].offset == at(doc, "\n19\n义务") + 1);
    CHECK(fs[0].message.zh.find("19–20 与前面重复") != std::string::npos);
}

TEST_CASE("content.spam, hidden links and furniture", "[pages]") {
    SECTION("seed 001's footer injection, simplified on a traditional page") {
        auto doc = make_doc({"（此件公開發布）", "上一篇:", "Produced By 大漢網絡 大漢版通發布系統 河北十一选五开奖结果开奖"},
                            "traditional");
        Facts facts;
        const auto fs = run_rule("content.spam", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == Severity::error);
        CHECK(fs[0].offset == at(doc, "十一选五"));
        CHECK(fs[0].extra.at("signals").find("after-footer") != std::string::npos);
    }
    SECTION("a weak term alone is a warning; boosted when hidden") {
        auto doc = make_doc({"体彩中心提醒：理性投注，量力而行。"});
        Facts facts;
        auto fs = run_rule("content.spam", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == Severity::warning);
        doc.blocks[0].hidden = true;
        fs = run_rule("content.spam", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == Severity::error);
    }
    SECTION("gambling brand replacing a place name") {
        auto doc = make_doc({"威廉希尔体育政务公开政务服务领导小组办公室关于印发工作要点的通知"});
        Facts facts;
        const auto fs = run_rule("content.spam", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].extra.at("signals").find("place-name") != std::string::npos);
    }
    SECTION("clean government text") {
        auto doc = make_doc({"依法打击和惩治黄赌毒黑拐骗等违法犯罪活动。", "福利彩票公益金使用情况公告。"});
        Facts facts;
        CHECK(run_rule("content.spam", doc, facts).empty());
    }
    SECTION("hidden off-site link") {
        auto doc = make_doc({"首页", "北京赛车pk10"});
        Link visible{"http://www.example.gov.cn/index.html", doc.blocks[0].text, false};
        Link gov{"http://www.gov.cn/", doc.blocks[0].text, true};
        Link spam{"https://bet.example.com/", doc.blocks[1].text, true};
        doc.links = {visible, gov, spam};
        Facts facts;
        const auto fs = run_rule("content.hidden-link", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].actual == "https://bet.example.com/");
    }
    SECTION("furniture glued to the body text; furniture-only lines left alone") {
        auto doc = make_doc({"字号：大 中 小 打印本页", "各乡镇人民政府：现将有关事项通知如下，请认真贯彻落实。 打印本页 关闭窗口"});
        Facts facts;
        const auto fs = run_rule("content.boilerplate", doc, facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].offset == at(doc, "打印本页", 1));
        CHECK(fs[0].severity == Severity::info);
    }
}

// ---- seeds and real pages through the pipeline (parse → normalise → extract), page rules only

namespace {

DocumentResult analyse_file(const std::string& path) {
    return Pipeline::analyse(ingest_file(path, IngestOptions{}), test::bundled_catalogue());
}

std::vector<Finding> page_findings(const DocumentResult& r) { return page_rules().run(r.doc, r.facts); }

std::string seed(const char* name) { return test::shared_corpus() + "/seeds/" + name; }
std::string real(const char* name) { return test::shared_corpus() + "/real/" + name; }

} // namespace

TEST_CASE("seed 001: injected lottery text on the last line, marking recognised, nothing else", "[pages][seeds]") {
    if (!test::have_shared_corpus()) return;
    const auto r = analyse_file(seed("001_bf6f8c6674d46c2d.txt"));
    const auto fs = page_findings(r);
    INFO(list(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].rule == "content.spam");
    CHECK(fs[0].severity == Severity::error);
    CHECK(r.doc.position(fs[0].offset).line == r.doc.lines.line_count()); // the last line
    CHECK(fs[0].extra.at("signals").find("other-script") != std::string::npos);
    // The marking 「（此件公開發布）」 is recognised (so a 公文 with a signature gets no
    // label.attribute.missing).
    const auto& marks = r.facts.disclosure.markings;
    REQUIRE(marks.size() == 1);
    CHECK(marks[0].attribute == "public");
    CHECK(marks[0].text.find("此件公開發布") != std::string::npos);
    CHECK(r.facts.is_official_document());
}

TEST_CASE("seed 003: metadata validated, 序号 19/20 repeated", "[pages][seeds]") {
    if (!test::have_shared_corpus()) return;
    auto r = analyse_file(seed("003_f8756d1425d3885a.txt"));
    const auto* index = page::meta(r.facts, "index_no");
    REQUIRE(index);
    const auto n = page::parse_index_number(index->value);
    REQUIRE(n);
    CHECK(n->code == "11370983K21344588M");
    CHECK(page::uscc_valid(n->code)); // a real 统一社会信用代码: the check character M is right
    REQUIRE(page::field_date(r.facts, "published"));
    CHECK(page::field_date(r.facts, "published")->year == n->year);
    auto fs = page_findings(r);
    INFO(list(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].rule == "format.numbering");
    const auto pos = r.doc.position(fs[0].offset);
    CHECK(r.doc.source.substr(r.doc.lines.line_start(pos.line), 3) == "19\n");
    // The same page with a wrong check character or year is reported.
    r.facts.metadata["index_no"].value = "11370983K21344588N/2020-04825";
    CHECK(run_rule("meta.index.checksum", r.doc, r.facts).size() == 1);
    r.facts.metadata["index_no"].value = "11370983K21344588M/2019-04825";
    CHECK(run_rule("meta.index.year", r.doc, r.facts).size() == 1);
}

TEST_CASE("seed 004: index 003158495/202012-00407 agrees with 生成日期 2020-12-18", "[pages][seeds]") {
    if (!test::have_shared_corpus()) return;
    auto r = analyse_file(seed("004_a4af0b0c03741768.txt"));
    const auto* index = page::meta(r.facts, "index_no");
    REQUIRE(index);
    CHECK(index->value == "003158495/202012-00407");
    REQUIRE(page::field_date(r.facts, "created"));
    CHECK(page::field_date(r.facts, "created")->iso() == "2020-12-18");
    CHECK(run_rule("meta.index.year", r.doc, r.facts).empty());
    CHECK(run_rule("meta.index.checksum", r.doc, r.facts).empty()); // 00315849-5 is valid
    // The 落款 says 2020年12月17日: one day before the 生成日期.
    const auto mismatch = run_rule("meta.date.mismatch", r.doc, r.facts);
    CHECK(mismatch.size() == 1);
    r.facts.metadata["index_no"].value = "003158495/202011-00407"; // month off
    CHECK(run_rule("meta.index.year", r.doc, r.facts).size() == 1);
}

TEST_CASE("real 014–018: State Council metadata blocks extracted and consistent", "[pages][real]") {
    if (!test::have_shared_corpus()) return;
    for (const char* name : {"014_guobanfa-jiejiari_2018.html", "015_guobanfa-zhengwuxinmeiti_2018.html",
                             "016_guobanhan-wangzhanjiyue_2018.html", "017_guobanfa-xingzhengzhifa_2018.html",
                             "018_guofa-mianliang_1981.html"}) {
        INFO(name);
        const auto r = analyse_file(real(name));
        for (const char* key : {"index_no", "publisher", "created", "published", "doc_no"}) {
            INFO(key);
            CHECK(page::meta(r.facts, key));
        }
        const auto fs = page_findings(r);
        INFO(list(fs));
        for (const auto& f : fs) CHECK(f.rule.rfind("meta.", 0) != 0); // no metadata finding
        const auto n = page::parse_index_number(page::meta(r.facts, "index_no")->value);
        REQUIRE(n);
        CHECK(page::org_code_valid(n->code)); // 00001434-9
    }
    // 017 was published 20 working days after 成文 (2018-12-29 was a working Saturday): on time.
    const auto r17 = analyse_file(real("017_guobanfa-xingzhengzhifa_2018.html"));
    CHECK(page::field_date(r17.facts, "published")->iso() == "2019-01-03");
    CHECK(run_rule("meta.date.delay", r17.doc, r17.facts).empty());
}

TEST_CASE("real 019/020: spam clone pages get content.spam", "[pages][real]") {
    if (!test::have_shared_corpus()) return;
    for (const char* name : {"019_dgmjb-spam-xinxichulifei_2020.txt", "020_haose21-spam-nbgeshi_2021.txt"}) {
        INFO(name);
        const auto r = analyse_file(real(name));
        const auto fs = run_rule("content.spam", r.doc, r.facts);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == Severity::error);
        CHECK(r.doc.position(fs[0].offset).line == 1);
    }
}

TEST_CASE("format.numbering: headings split out of a run-on crawler line are not judged", "[pages]") {
    // ptxt: the whole body on one line; the parser cut it into blocks at 「四、」. The second
    // 「四、」 is a table label of the flattened template (real 011/025): not reported.
    Document doc;
    doc.format = "text";
    doc.source = "一、总体情况 三、申请情况 四、结转下年度继续办理 四、行政复议情况 五、存在的问题\n";
    doc.lines = LineIndex(doc.source);
    Facts facts;
    facts.type = "notice";
    int value = 0;
    for (const char* head : {"一、", "三、", "四、结转", "四、行政", "五、"}) {
        Block b;
        b.kind = BlockKind::heading;
        const auto p = doc.source.find(head);
        b.text.append_run(doc.source.substr(p, std::string(head).size()), static_cast<SourceOffset>(p));
        doc.blocks.push_back(b);
        OutlineEntry e;
        e.level = 1;
        e.value = std::string(head).rfind("一", 0) == 0 ? 1 : std::string(head).rfind("三", 0) == 0 ? 3
                : std::string(head).rfind("四", 0) == 0 ? 4 : 5;
        e.block = doc.blocks.size() - 1;
        e.offset = static_cast<SourceOffset>(p);
        facts.outline.push_back(e);
        ++value;
    }
    Normaliser::instance().normalise(doc);
    CHECK(value == 5);
    const auto fs = run_rule("format.numbering", doc, facts);
    INFO(list(fs));
    CHECK(fs.empty());
}

// Facts derived once in extract (extract/page_text.cpp, extract/outline.cpp): body blocks,
// signature, body 文号, 公开属性 markings, dates as values, the 索引号's parts, the privacy scan and
// the section heads — present in Facts after one extract(), so that kinds only judge them.
// And the catalogue's compiled disclosure lexicon and holiday calendar.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "catalogue/disclosure.hpp"
#include "check/check.hpp"
#include "extract/extract.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "support.hpp"
#include "test_privacy_support.hpp"

using namespace gk;
namespace fs = std::filesystem;

namespace {

DocumentResult analyse(const std::string& text, const std::string& name = "facts.txt") {
    return Pipeline::analyse(ingest_bytes(text, name, IngestOptions{}), test::bundled_catalogue());
}

SourceOffset offset_of(const Document& doc, const std::string& needle, int nth = 0) {
    std::size_t p = doc.source.find(needle);
    while (nth-- > 0 && p != std::string::npos) p = doc.source.find(needle, p + 1);
    REQUIRE(p != std::string::npos);
    return static_cast<SourceOffset>(p);
}

} // namespace

TEST_CASE("facts: a 公文's signature, 文号, markings, dates, 索引号 and privacy scan", "[facts]") {
    const std::string id = test::make_id("11010519900101123");
    const std::string text =
        "索引号：11370983K21344588M/2020-04825\n"
        "发布机构：某某县人民政府办公室\n"
        "成文日期：2021-06-01\n"
        "发布日期：2021-06-03\n"
        "文号：某政办发〔2021〕12号\n"
        "公开方式：主动公开\n"
        "\n"
        "某某县人民政府办公室关于做好防汛工作的通知\n"
        "某政办发[2021]12号\n"
        "各乡镇人民政府：\n"
        "现就有关事项通知如下。申请人张某某，身份证号码：" + id + "。\n"
        "某某县人民政府办公室\n"
        "2021年6月1日\n"
        "（此件公开发布）\n";
    const auto r = analyse(text);
    const Facts& f = r.facts;
    REQUIRE(r.doc.readable());

    // Body blocks: the metadata lines are not body; the text lines are.
    REQUIRE_FALSE(f.body_blocks.empty());
    for (std::size_t i : f.body_blocks) CHECK(r.doc.blocks[i].text.text.find("索引号") == std::string::npos);

    REQUIRE(f.signature);
    CHECK(f.signature->date == page::Date{2021, 6, 1});
    CHECK(f.signature->date_offset == offset_of(r.doc, "2021年6月1日"));
    CHECK(f.signature->organ_offset == offset_of(r.doc, "某某县人民政府办公室\n2021", 0));

    REQUIRE(f.body_docno);
    CHECK(f.body_docno->text == "某政办发[2021]12号");
    CHECK(f.body_docno->canonical == "某政办发〔2021〕12号");
    CHECK(f.body_docno->offset == offset_of(r.doc, "某政办发[2021]12号"));

    REQUIRE(f.disclosure.markings.size() == 1);
    CHECK(f.disclosure.markings[0].attribute == "public");
    CHECK(f.disclosure.markings[0].offset == offset_of(r.doc, "（此件公开发布）"));
    CHECK(f.disclosure.field == "public");
    CHECK(f.is_official_document());

    REQUIRE(f.dates.count("created"));
    CHECK(f.dates.at("created").valid == page::Date{2021, 6, 1});
    CHECK(f.dates.at("created").printed == page::Date{2021, 6, 1});
    CHECK(f.date("published") == page::Date{2021, 6, 3});
    CHECK_FALSE(f.date("expires"));

    REQUIRE(f.index_number);
    CHECK(f.index_number->kind == page::PrefixKind::credit_code);
    CHECK(f.index_number->year == 2020);

    // The privacy scan ran once, in extract: the ID is there, the 索引号 is not personal data.
    REQUIRE(f.privacy);
    REQUIRE(f.privacy->values.size() == 1);
    CHECK(f.privacy->values[0].kind == privacy::Kind::id_number);
    CHECK(f.privacy->values[0].value == id);

    // The kinds judge these facts: the 文号 brackets, the ID; nothing about markings or dates.
    const auto findings = test::bundled_rules().run(r.doc, r.facts);
    std::vector<std::string> ids;
    for (const auto& x : findings) ids.push_back(x.rule);
    CHECK(std::count(ids.begin(), ids.end(), "privacy.id-number") == 1);
    CHECK(std::count(ids.begin(), ids.end(), "format.docno.brackets") == 1);
    CHECK(std::count(ids.begin(), ids.end(), "label.attribute.missing") == 0);
    CHECK(std::count(ids.begin(), ids.end(), "meta.date.mismatch") == 0);
}

TEST_CASE("facts: an impossible metadata date is kept as printed, never as a valid date", "[facts]") {
    const auto r = analyse("标题：某某通知\n成文日期：2020年2月30日\n发布日期：2020-03-02\n\n正文第一段，内容足够长的一段文字。\n");
    REQUIRE(r.facts.dates.count("created"));
    const auto& created = r.facts.dates.at("created");
    REQUIRE(created.printed);
    CHECK(created.printed->day == 30);
    CHECK_FALSE(created.printed->valid());
    CHECK_FALSE(created.valid);
    CHECK(r.facts.date("published") == page::Date{2020, 3, 2});
}

TEST_CASE("facts: no signature, 文号 or marking in plain prose", "[facts]") {
    const auto r = analyse("我县召开防汛工作会议\n6月1日，我县召开防汛工作会议，部署今年防汛工作。\n");
    CHECK_FALSE(r.facts.signature);
    CHECK_FALSE(r.facts.body_docno);
    CHECK(r.facts.disclosure.markings.empty());
    CHECK(r.facts.disclosure.field.empty());
    CHECK_FALSE(r.facts.is_official_document());
    REQUIRE(r.facts.privacy);
    CHECK(r.facts.privacy->values.empty());
}

TEST_CASE("facts: section heads are the loose level-1 candidates of the section rules", "[facts]") {
    const auto r = analyse(
        "某某县2021年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "2021年，我县认真贯彻落实《条例》。二、主动公开政府信息情况 本年度新制发规范性文件3件。\n"
        "（一）主动公开\n");
    const auto& heads = r.facts.section_heads;
    std::vector<int> numbered;
    for (const auto& h : heads)
        if (h.numbered && h.value) numbered.push_back(*h.value);
    CHECK(numbered == std::vector<int>{1, 2});
    for (const auto& h : heads) {
        if (!h.numbered || !h.value) continue;
        if (*h.value == 1) CHECK(h.after.rfind("总体情况", 0) == 0);
        if (*h.value == 2) {
            CHECK(h.after.rfind("主动公开政府信息情况", 0) == 0);
            CHECK(h.offset == offset_of(r.doc, "二、主动公开"));
        }
    }
    // 「（一）主动公开」 is not a level-1 candidate, numbered or not.
    for (const auto& h : heads) CHECK(h.printed.find("(一)") == std::string::npos);
}

TEST_CASE("facts: privacy-value is one kind for the three value rules", "[facts][privacy]") {
    const auto& cat = test::bundled_catalogue();
    for (const char* id : {"privacy.id-number", "privacy.mobile", "privacy.bank-card"}) {
        const Rule* rule = cat.rule(id);
        REQUIRE(rule);
        CHECK(rule->kind == "privacy-value");
    }
    const auto& kinds = CheckRegistry::instance().kinds();
    CHECK(std::find(kinds.begin(), kinds.end(), "privacy-mobile") == kinds.end());
    CHECK(std::find(kinds.begin(), kinds.end(), "privacy-value") != kinds.end());
}

TEST_CASE("catalogue: the disclosure lexicon and the holiday calendar are compiled once at load", "[facts][catalogue]") {
    const auto& cat = test::bundled_catalogue();
    REQUIRE(cat.disclosure());
    REQUIRE(cat.disclosure()->attribute("public"));
    CHECK(cat.disclosure()->attribute("public")->publishable);
    CHECK_FALSE(cat.disclosure()->attribute("nonsense"));
    REQUIRE(cat.holidays());
    CHECK(cat.holidays()->covers(2019));
    CHECK_FALSE(cat.holidays()->is_working_day({2019, 1, 1}));

    // A bad date in the calendar is a RulesetError naming the file and the <data> line.
    const std::string src = std::string(GK_SOURCE_DIR) + "/rulesets";
    const auto dir = test::temp_dir("facts-bad-holidays");
    for (const auto& e : fs::directory_iterator(src))
        if (e.is_regular_file()) fs::copy_file(e.path(), fs::path(dir) / e.path().filename());
    const std::string file = dir + "/page-metadata.xml";
    std::string text = test::read_bytes(file);
    const auto at = text.find("from=\"2019-02-04\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 17, "from=\"2019-02-31\"");
    std::ofstream(file, std::ios::binary) << text;
    try {
        (void)Catalogue::load_directory(dir);
        FAIL("loaded a calendar with 2019-02-31");
    } catch (const RulesetError& e) {
        const std::string what = e.what();
        INFO(what);
        CHECK(what.rfind(file + ":", 0) == 0);
        CHECK(what.find("2019-02-31") != std::string::npos);
    }
}

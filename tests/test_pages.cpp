// Page checks (rulesets page-metadata, disclosure-attribute, content-safety): helpers on
// hand-built values, each rule on hand-built Documents/Facts (firing and not firing), and the
// seeds and real pages through the whole pipeline.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "check/check.hpp"
#include "check/page/codes.hpp"
#include "check/page/dates.hpp"
#include "check/page/index_number.hpp"
#include "check/page/page_text.hpp"
#include "normalise/normalise.hpp"
#include "support.hpp"

using namespace gk;

namespace {

const RuleSet& page_rules() {
    static const RuleSet rules = RuleSet::load_files(
        {std::string(GK_SOURCE_DIR) + "/rulesets/page-metadata.xml",
         std::string(GK_SOURCE_DIR) + "/rulesets/disclosure-attribute.xml",
         std::string(GK_SOURCE_DIR) + "/rulesets/content-safety.xml"},
        std::string(GK_SOURCE_DIR) + "/rulesets/ruleset.xsd");
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

std::vector<Finding> run_rule(const std::string& rule, const Document& doc, const Facts& facts) {
    std::vector<Finding> out;
    for (const auto& f : page_rules().run(doc, facts))
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
    CHECK(page::parse_date("2018- 08- 21 19: 39") == page::Date{2018, 8, 21});
    CHECK(page::parse_date("2018年8月20日") == page::Date{2018, 8, 20});
    CHECK(page::parse_date("一九八一年五月二十三日") == page::Date{1981, 5, 23});
    CHECK(page::parse_date("二〇二〇年十二月十七日") == page::Date{2020, 12, 17});
    const auto bad = page::parse_date("2020年2月30日");
    REQUIRE(bad);
    CHECK_FALSE(page::is_valid(*bad));
    CHECK_FALSE(page::parse_date("无日期"));
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

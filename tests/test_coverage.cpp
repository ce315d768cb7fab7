// "Not checked is never clean": the coverage of a document (which rule families ran, which did
// not apply and why, what could not be verified) in the result, the JSON, the text and HTML
// printers; and the cut-off text (Facts::truncated, report.text.truncated) it relies on.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "check/coverage.hpp"
#include "report/report.hpp"
#include "support.hpp"

using namespace gk;

namespace {

const FamilyCoverage* family(const Coverage& c, const std::string& name) {
    for (const auto& f : c.families)
        if (f.family == name) return &f;
    return nullptr;
}

std::size_t count_rule(const DocumentResult& r, const std::string& id) {
    return static_cast<std::size_t>(
        std::count_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.rule == id; }));
}

std::string render(const std::string& format, const DocumentResult& r, const std::string& lang = "zh") {
    std::ostringstream out;
    const SinkContext ctx{lang, test::bundled_rules(), test::bundled_templates()};
    auto sink = make_sink(format, out, ctx);
    write_report(*sink, {from_result(r, lang)}, RunInfo{"gkcheck", GK_VERSION, test::bundled_rules().ruleset_ids()});
    return out.str();
}

const std::string kHead = "2022年某某县人民政府信息公开工作年度报告\n\n"
                          "  本年度报告中所列数据统计期限为2022年1月1日至12月31日。\n\n"
                          "  一、总体情况\n\n"
                          "  2022年，某某县全面推进政务公开工作，持续加大公开力度，不断提升政府透明度。\n\n";

} // namespace

TEST_CASE("truncation: what a text may and may not end on", "[coverage][truncation]") {
    SECTION("a short fragment after a whole paragraph is a cut") {
        const auto r = test::check_bytes(kHead + "  全力做好乡村\n", "cut.txt");
        CHECK_FALSE(r.facts.truncated.empty());
        CHECK(count_rule(r, "report.text.truncated") == 1);
        CHECK(count_rule(r, "report.section.missing") == 0); // not verifiable, not missing
    }
    SECTION("a heading with nothing under it is a cut") {
        const auto r = test::check_bytes(kHead + "  二、主动公开政府信息情况\n", "heading.txt");
        CHECK(r.facts.truncated == "文本在标题之后结束，标题下没有内容");
    }
    SECTION("a whole text that lacks its sections is not a cut: they are missing") {
        const auto r = test::check_bytes(kHead, "whole.txt");
        CHECK(r.facts.truncated.empty());
        CHECK(count_rule(r, "report.text.truncated") == 0);
        CHECK(count_rule(r, "report.section.missing") == 5);
    }
    SECTION("a signature, a date, a page number or a field line may end a text") {
        for (const std::string end : {"  某某县人民政府办公室\n", "  2023年1月20日\n", "— 7 —\n", "附件：统计表\n"}) {
            INFO(end);
            const auto r = test::check_bytes(kHead + end, "end.txt");
            CHECK(r.facts.truncated.empty());
        }
    }
    SECTION("furniture after the last sentence of a one-line crawl is not a cut") {
        const auto r = test::check_bytes(kHead + "  费用1万元。 附件下载\n", "crawl.txt");
        CHECK(r.facts.truncated.empty());
    }
    SECTION("a text cut inside the last required section loses nothing the rules look for") {
        std::string t = kHead;
        for (const char* s : {"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                              "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"})
            t += std::string("  ") + s + "\n\n  本年度情况良好，各项工作有序推进。\n\n";
        t += "  六、其他需要报告的事项\n\n  无其他需要报告的事项\n";
        const auto r = test::check_bytes(t, "six.txt");
        CHECK(r.facts.truncated.empty());
    }
}

TEST_CASE("coverage: families that ran, did not apply, and why", "[coverage]") {
    SECTION("a 2013 report: the section and table rules do not apply, and say why") {
        const std::string t = "2013年某某县政府信息公开工作年度报告\n\n  一、概述\n\n  2013年，本县认真贯彻《条例》。\n";
        const auto r = test::check_bytes(t, "old.txt");
        REQUIRE(r.facts.type == "annual-report");
        const FamilyCoverage* table = family(r.coverage, "table");
        REQUIRE(table);
        CHECK(table->status() == "not-applicable");
        CHECK(table->ran == 0);
        CHECK(table->why.find("2019年及以后") != std::string::npos);
        CHECK(table->why.find("2013") != std::string::npos);
        const std::string text = render("text", r);
        CHECK(text.find("old.txt: note: 未运行的规则族：") != std::string::npos);
        CHECK(text.find("table（仅适用于2019年及以后") != std::string::npos);
        const std::string en = render("text", r, "en");
        CHECK(en.find("rule families not run: ") != std::string::npos);
        const std::string html = render("html", r);
        CHECK(html.find("已运行的检查未发现问题") != std::string::npos);
        CHECK(html.find("未发现问题。") == std::string::npos);
    }
    SECTION("a 2022 report: every family for annual reports runs; a notice's rules are other_type") {
        const auto r = test::check_bytes(kHead + "  本机关未收取信息处理费。\n", "new.txt");
        for (const char* f : {"report", "table", "text"}) {
            INFO(f);
            const FamilyCoverage* fc = family(r.coverage, f);
            REQUIRE(fc);
            CHECK(fc->status() == "ran");
            CHECK(fc->not_applicable == 0);
        }
        const auto json = to_json(from_result(r, "zh"));
        REQUIRE(json.contains("coverage"));
        CHECK(json["coverage"]["families"].is_array());
        CHECK(render("text", r).find("note:") == std::string::npos);
    }
    SECTION("disabled rules are counted as disabled, not as run") {
        const auto& rules = test::bundled_rules();
        const auto sel = rules.selection({"table"}, {});
        const auto r = test::check_bytes(kHead, "d.txt");
        const Coverage c = coverage_of(rules.rules(), sel, r.facts);
        const FamilyCoverage* table = family(c, "table");
        REQUIRE(table);
        CHECK(table->status() == "disabled");
        CHECK(table->ran == 0);
        CHECK(table->disabled > 0);
    }
    SECTION("a cut-off text is listed as not verifiable, and survives the JSON round trip") {
        const auto r = test::check_bytes(kHead + "  全力做好乡村\n", "cut.txt");
        REQUIRE(r.coverage.not_verifiable.size() == 1);
        CHECK(r.coverage.not_verifiable[0].what == "text");
        const ReportDoc d = from_result(r, "zh");
        REQUIRE(d.not_verifiable.size() == 1);
        CHECK(d.not_verifiable[0].line == 9);
        CHECK(from_json(to_json(d)) == d);
    }
}

TEST_CASE("coverage: applies_to and the reasons agree", "[coverage]") {
    Facts f;
    f.type = "annual-report";
    f.year = 2013;
    Applicability a;
    a.types = {"annual-report"};
    a.min_year = 2019;
    CHECK_FALSE(applies_to(a, f));
    CHECK(applicability(a, f) == Applies::before_min_year);
    CHECK_FALSE(why_not_applicable(a, f).first.empty());
    f.year = 2020;
    CHECK(applies_to(a, f));
    CHECK(why_not_applicable(a, f).first.empty());
    f.year.reset();
    CHECK(applicability(a, f) == Applies::year_unknown);
    f.type = "notice";
    CHECK(applicability(a, f) == Applies::other_type);
}

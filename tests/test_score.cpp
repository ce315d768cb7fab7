// Scoring schemes (catalogue/scoring.hpp), scores (report/score.hpp), `gkcheck score` and the
// dashboard's HTML (report/dashboard.hpp). The browser test is tests/test_dashboard_browser.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <libxml/parser.h>
#include <nlohmann/json.hpp>

#include "catalogue/catalogue.hpp"
#include "catalogue/scoring.hpp"
#include "check/check.hpp"
#include "report/dashboard.hpp"
#include "report/score.hpp"
#include "report/sink.hpp"
#include "store/cross.hpp"
#include "store/store.hpp"
#include "support.hpp"

using namespace gk;
namespace fs = std::filesystem;

namespace {

const std::string kRules = std::string(GK_SOURCE_DIR) + "/rulesets";
const std::string kXsd = kRules + "/scoring/scoring.xsd";

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// A checked annual report whose report and table families ran, with the findings given.
ReportDoc report(const std::string& path, const std::string& agency, int year, std::vector<ReportFinding> findings) {
    ReportDoc d;
    d.path = path;
    d.sha256 = path;
    d.type = "annual-report";
    d.year = year;
    d.template_id = "2021";
    d.agency = ReportAgency{agency, agency, "county", "department", {}};
    d.metadata["published"] = std::to_string(year + 1) + "-01-20";
    for (const char* t : {"active", "requests", "review"}) d.tables[t];
    for (const char* f : {"report", "table", "text", "cross", "privacy"}) d.families.push_back({f, "ran", 3, 0, 0, 0, ""});
    d.findings = std::move(findings);
    return d;
}

ReportFinding finding(const std::string& rule, Severity sev, std::uint32_t line, const std::string& expected = {}, const std::string& actual = {}) {
    ReportFinding f;
    f.rule = rule;
    f.severity = sev;
    f.message = rule;
    f.line = line;
    f.column = 3;
    f.expected = expected;
    f.actual = actual;
    if (rule.starts_with("table.")) { f.table = "requests"; f.row = "new"; f.col = "total"; }
    return f;
}

// A scheme that weights table arithmetic and ignores timeliness: the opposite of the default's priorities.
const char* kAccuracyFirst = R"(<?xml version="1.0" encoding="UTF-8"?>
<scheme id="accuracy-first" version="1">
  <name lang="zh">只看数据准确性</name>
  <requires family="report"/>
  <requires family="table"/>
  <dimension id="accuracy" max="90">
    <name lang="zh">数据准确性</name>
    <indicator id="accuracy.tables" max="90">
      <name lang="zh">表格勾稽关系正确</name>
      <source ref="domain.md#2.6">勾稽关系</source>
      <findings><deduct rules="table.*" severity="error" points="30"/></findings>
    </indicator>
  </dimension>
  <dimension id="timeliness" max="10">
    <name lang="zh">及时性</name>
    <indicator id="timeliness.deadline" max="10">
      <name lang="zh">按期发布</name>
      <source ref="domain.md#1.1">第四十九条</source>
      <timeliness rule="report.deadline.late" points-per-day="0.01"/>
    </indicator>
  </dimension>
</scheme>
)";

} // namespace

TEST_CASE("scoring: the default scheme loads, adds up to 100 and cites domain.md for every indicator", "[score]") {
    const ScoringScheme s = load_scoring_scheme("default", kRules);
    CHECK(s.id == "default");
    CHECK(s.max() == Approx(100));
    CHECK(s.required_families == std::vector<std::string>{"report", "table"});
    std::size_t n = 0;
    for (const auto& d : s.dimensions) {
        CHECK_FALSE(d.name_zh.empty());
        for (const auto& i : d.indicators) {
            ++n;
            CHECK_FALSE(i.name_zh.empty());
            REQUIRE_FALSE(i.sources.empty());
            for (const auto& src : i.sources) CHECK(src.ref.starts_with("domain.md#"));
        }
    }
    CHECK(n >= 10);
    // The doc page lists every indicator of the default scheme.
    const std::string doc = test::read_bytes(std::string(GK_SOURCE_DIR) + "/docs/SCORING.md");
    for (const auto& d : s.dimensions)
        for (const auto& i : d.indicators) CHECK(doc.find("`" + i.id + "`") != std::string::npos);
    CHECK(doc.find("not an official standard") != std::string::npos);
}

TEST_CASE("scoring: a bad scheme is refused with file:line (DOCTYPE, entity, XSD, sums, ids)", "[score]") {
    const std::string base = kAccuracyFirst;
    auto refused = [&](const std::string& text, const std::string& needle) {
        try {
            parse_scoring_scheme(text, "x.xml", kXsd);
            FAIL("accepted: " << needle);
        } catch (const RulesetError& e) {
            INFO(e.what());
            CHECK(std::string(e.what()).find(needle) != std::string::npos);
            CHECK(std::string(e.what()).starts_with("x.xml:"));
        }
    };
    std::string doctype = base;
    doctype.insert(doctype.find("<scheme"), "<!DOCTYPE scheme [<!ENTITY x \"y\">]>\n");
    refused(doctype, "DOCTYPE is not allowed in a scoring scheme");
    std::string sum = base;
    sum.replace(sum.find("max=\"90\">"), 9, "max=\"80\">");
    refused(sum, "indicators' max add up to");
    std::string unknown = base;
    unknown.replace(unknown.find("<findings>"), 10, "<findings bogus=\"1\">");
    refused(unknown, "bogus");
    std::string dup = base;
    dup.replace(dup.find("id=\"timeliness.deadline\""), 24, "id=\"accuracy.tables\"");
    refused(dup, "duplicate id accuracy.tables");
    std::string nosrc = base;
    nosrc.erase(nosrc.find("<source ref=\"domain.md#2.6\">"), std::string("<source ref=\"domain.md#2.6\">勾稽关系</source>").size());
    refused(nosrc, "x.xml:");
    CHECK_THROWS_AS(load_scoring_scheme("../etc/passwd", kRules), RulesetError);
    CHECK_THROWS_AS(load_scoring_scheme("no-such-scheme", kRules), RulesetError);
}

TEST_CASE("scoring: a second scheme changes the ranking as expected", "[score]") {
    // late: published 30 days after its deadline; wrong: one table arithmetic error.
    const std::vector<ReportDoc> docs = {
        report("late.txt", "甲局", 2024, {finding("report.deadline.late", Severity::warning, 2, "2025-01-31", "2025-03-02")}),
        report("wrong.txt", "乙局", 2024, {finding("table.requests.balance", Severity::error, 40)}),
    };
    const ScoringScheme def = load_scoring_scheme("default", kRules);
    const Scores a = score_documents(docs, def, "zh");
    REQUIRE(a.reports.size() == 2);
    CHECK(a.reports[0].path == "wrong.txt"); // loses 3 points; the late report loses 15
    CHECK(a.reports[0].score == Approx(97));
    CHECK(a.reports[1].score == Approx(85));
    CHECK(a.agencies[0].agency == "乙局");

    const fs::path dir = test::temp_dir("score-scheme");
    write((dir / "accuracy-first.xml").string(), kAccuracyFirst);
    const ScoringScheme other = load_scoring_scheme((dir / "accuracy-first.xml").string(), kRules);
    const Scores b = score_documents(docs, other, "zh");
    REQUIRE(b.reports.size() == 2);
    CHECK(b.reports[0].path == "late.txt"); // loses 0.3; the table error costs 30
    CHECK(b.reports[0].score == Approx(99.7));
    CHECK(b.reports[1].score == Approx(70));
    CHECK(b.agencies[0].agency == "甲局");
    // Each deduction names its finding.
    REQUIRE(b.reports[1].deductions.size() == 1);
    CHECK(b.reports[1].deductions[0].rule == "table.requests.balance");
    CHECK(b.reports[1].deductions[0].line == 40);
    CHECK(b.reports[1].deductions[0].table == "requests");
    CHECK(b.reports[1].deductions[0].col == "total");
}

TEST_CASE("scoring: not checked and not verifiable are never ranked above a checked clean report", "[score]") {
    ReportDoc clean = report("clean.txt", "甲局", 2024, {});
    ReportDoc legacy = report("legacy.txt", "乙局", 2024, {});
    legacy.template_id = "legacy";
    legacy.families[1].status = "not-applicable"; // table: the 2019/2021 rules did not apply
    legacy.families[1].why = "仅适用于2019年及以后";
    ReportDoc image = report("image.txt", "丙局", 2024, {});
    image.not_verifiable.push_back({"table", "requests", "表格为图片", 12, 1});
    ReportDoc unread;
    unread.path = "unread.txt";
    unread.errors.push_back({"input.binary", "binary", true});
    ReportDoc bad = report("bad.txt", "丁局", 2024,
                           {finding("table.requests.balance", Severity::error, 5), finding("table.requests.total", Severity::error, 6)});
    const Scores s = score_documents({legacy, image, unread, bad, clean}, load_scoring_scheme("default", kRules), "zh");
    REQUIRE(s.reports.size() == 5);
    CHECK(s.reports[0].path == "clean.txt");
    CHECK(s.reports[0].score == Approx(100));
    CHECK(s.reports[0].rank == 1);
    CHECK(s.reports[1].path == "bad.txt");
    CHECK(s.reports[2].path == "image.txt");
    CHECK(s.reports[2].status == "not-verifiable");
    CHECK_FALSE(s.reports[2].rank);
    CHECK(s.reports[2].score < 100); // the table costs points and never passes
    REQUIRE(s.reports[2].deductions.size() == 1);
    CHECK(s.reports[2].deductions[0].cause == "not-verifiable");
    CHECK(s.reports[2].deductions[0].line == 12);
    for (std::size_t i = 3; i < 5; ++i) {
        CHECK(s.reports[i].status == "not-checked");
        CHECK_FALSE(s.reports[i].rank);
    }
    CHECK(to_json(s)["reports"][3]["score"].is_null());
}

TEST_CASE("scoring: the real corpus — every deduction traces to its finding; unranked never above checked", "[score][real]") {
    const std::string dir = test::temp_dir("score-real");
    const std::string db = dir + "/a.sqlite";
    const auto audit = test::run_gkcheck("audit '" + test::shared_corpus() + "' --db '" + db + "' --out '" + dir + "/out' --no-progress -q");
    INFO(audit.err);
    REQUIRE((audit.exit_code == 0 || audit.exit_code == 1));
    const auto run = test::run_gkcheck("score --db '" + db + "' -f json");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto j = nlohmann::json::parse(run.out);

    // The findings as stored (with the cross-year ones), by path.
    auto store = ResultStore::open(db);
    std::map<std::string, ReportDoc> by_path;
    for (const auto& d : load_documents_with_cross(store, latest_rules_fingerprint(store), "zh")) {
        ReportDoc r = from_json(d);
        by_path[r.path] = r;
    }
    std::size_t deductions = 0, findings_traced = 0, not_checked = 0, not_verifiable = 0, checked = 0;
    bool seen_unranked = false;
    double last = 1e9;
    for (const auto& r : j["reports"]) {
        const std::string path = r["path"];
        INFO(path);
        REQUIRE(by_path.count(path));
        const ReportDoc& doc = by_path[path];
        const std::string status = r["status"];
        if (status == "checked") {
            ++checked;
            CHECK_FALSE(seen_unranked);                 // every checked report comes before every unranked one
            CHECK(r["rank"].is_number_integer());
            CHECK(r["score"].get<double>() <= last);   // best first
            last = r["score"].get<double>();
        } else {
            seen_unranked = true;
            CHECK(r["rank"].is_null());
            (status == "not-checked" ? not_checked : not_verifiable)++;
        }
        if (doc.template_id == "legacy") CHECK(status == "not-checked");
        if (!doc.not_verifiable.empty() && status != "not-checked") CHECK(status == "not-verifiable");
        for (const auto& d : r["deductions"]) {
            ++deductions;
            CHECK(d["line"].get<int>() > 0);
            CHECK(d["column"].get<int>() > 0);
            CHECK(d["points"].get<double>() > 0);
            const std::string cause = d["cause"];
            if (cause == "finding") {
                bool found = false;
                for (const auto& f : doc.findings)
                    found = found || (f.rule == d["rule"] && f.line == d["line"].get<std::uint32_t>() && f.column == d["column"].get<std::uint32_t>() &&
                                      f.table == d.value("table", "") && f.row == d.value("row", "") && f.col == d.value("col", ""));
                CHECK(found);
                findings_traced += found;
            } else if (cause == "not-verifiable") {
                bool found = false;
                for (const auto& nv : doc.not_verifiable)
                    found = found || (nv.table == d.value("table", "") && nv.line == d["line"].get<std::uint32_t>());
                CHECK(found);
            } else {
                INFO("a deduction that is neither a finding nor a coverage item: " << d.dump());
                CHECK(false);
            }
        }
    }
    CHECK(checked >= 5);
    CHECK(not_checked >= 5);     // the pre-2019 reports of 平潭 and 平潭县
    CHECK(not_verifiable >= 3);  // run-together tables that split more than one way
    CHECK(findings_traced >= 10);
    CHECK(deductions >= findings_traced);

    // The other formats: text names file:line:col, CSV has a BOM, HTML is the dashboard.
    const auto text = test::run_gkcheck("score --db '" + db + "'");
    CHECK(text.out.find(" ← /") != std::string::npos); // ← path:line:col
    const auto csv = test::run_gkcheck("score --db '" + db + "' -f csv --deductions");
    CHECK(csv.out.starts_with("\xEF\xBB\xBF"));
    CHECK(csv.out.find("\r\n") != std::string::npos);
    const auto html = test::run_gkcheck("score --db '" + db + "' -f html --year 2024");
    CHECK(html.exit_code == 0);
    CHECK(html.out.find("id=\"gk-ranking\"") != std::string::npos);
    const auto year = test::run_gkcheck("score --db '" + db + "' -f json --year 2024");
    const auto year_json = nlohmann::json::parse(year.out); // kept alive: the loop runs over a member of it
    REQUIRE_FALSE(year_json["reports"].empty());
    for (const auto& r : year_json["reports"]) CHECK(r["year"] == 2024);
    const auto bad = test::run_gkcheck("score --db '" + db + "' --scheme nope");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("nope") != std::string::npos);
}

TEST_CASE("dashboard: one self-contained, well-formed page with names, scores and one inline script", "[score][html-report]") {
    const auto cat = Catalogue::load_directory(kRules);
    const RuleSet rules(*cat);
    const ScoringScheme scheme = load_scoring_scheme("default", kRules);
    ReportDoc d = report("a<b>.txt", "甲局", 2024, {finding("table.requests.balance", Severity::error, 40)});
    d.findings[0].message = "植入 <script>alert(1)</script> ]]> 文本";
    d.tables["requests"].rows["new"]["total"].value = ReportValue::of_integer(5);
    std::ostringstream out;
    {
        const SinkContext ctx{"zh", rules, cat->templates(), &scheme};
        auto sink = make_sink("html", out, ctx);
        sink->begin(RunInfo{});
        sink->document(d);
        Summary s;
        s.add(d);
        sink->finish(s);
    }
    const std::string html = out.str();
    xmlDocPtr doc = xmlReadMemory(html.data(), static_cast<int>(html.size()), "d.html", nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    CHECK(doc != nullptr); // well-formed XML
    if (doc) xmlFreeDoc(doc);
    std::size_t scripts = 0;
    for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
    CHECK(scripts == 1);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
    // No URL but the SVG namespace name (an identifier, never fetched).
    std::string urls = html;
    for (auto at = urls.find("xmlns=\"http://www.w3.org/2000/svg\""); at != std::string::npos; at = urls.find("xmlns=\"http://www.w3.org/2000/svg\""))
        urls.erase(at, 34);
    CHECK(urls.find("http://") == std::string::npos);
    CHECK(urls.find("https://") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("id=\"gk-ranking\"") != std::string::npos);
    CHECK(html.find("表格勾稽关系正确") != std::string::npos);  // the indicator's Chinese name
    CHECK(html.find(rule_display_name(*std::find_if(rules.rules().begin(), rules.rules().end(),
                                                    [](const Rule& r) { return r.id == "table.requests.balance"; }), "zh")) != std::string::npos);
    CHECK(html.find("class=\"num fail\"") != std::string::npos); // the failing cell is highlighted
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("max-width:600px") != std::string::npos);
    CHECK(html.find("data-en=\"Ranking (worst first)\"") != std::string::npos);
}

TEST_CASE("dashboard: check -o x.html writes it, ranked with the default scheme; --format html too", "[score][html-report]") {
    const std::string dir = test::temp_dir("dashboard-check");
    const std::string audit = std::string(GK_SOURCE_DIR) + "/corpus/audit";
    const auto r = test::run_gkcheck("check '" + audit + "' -q -o '" + dir + "/x.html'");
    INFO(r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    const std::string html = test::read_bytes(dir + "/x.html");
    CHECK(html.find("id=\"gk-ranking\"") != std::string::npos);
    CHECK(html.find("id=\"gk-chart-rules\"") != std::string::npos);
    CHECK(html.find("<script>//<![CDATA[") != std::string::npos);
    const auto en = test::run_gkcheck("check '" + audit + "' --lang en --format html");
    CHECK(en.out.find(">Ranking (worst first)<") != std::string::npos);
    CHECK(en.out.find("data-zh=\"评分排名（由低到高）\"") != std::string::npos);
}

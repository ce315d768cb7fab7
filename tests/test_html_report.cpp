// HTML report: self-contained, well-formed, escaped, with the parts auditors look for.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "report/html_report.hpp"
#include "report/report.hpp"
#include "support.hpp"

namespace {

using nlohmann::json;

json sample_report() {
    json doc1 = {
        {"path", "reports/2021/<b>annual</b>.html"},
        {"sha256", std::string(64, 'a')},
        {"encoding", "GB18030"},
        {"script", "simplified"},
        {"type", "annual-report"},
        {"year", 2021},
        {"template", "2021"},
        {"metadata", {{"title", "某某市2021年政府信息公开工作年度报告"}, {"publisher", "某某市人民政府办公室 & 政务公开办"}}},
        {"tables",
         {{"requests",
           {{"rows",
             {{"new", {{"natural", 16}, {"commercial", 0}, {"total", nullptr}}},
              {"carry-next", {{"natural", 1}, {"commercial", 0}, {"total", 1}}},
              {"granted", {{"natural", 10}, {"commercial", "见附件"}, {"total", 10}}}}},
            {"assumed_zero", {"new.commercial"}},
            {"not_stated", {"new.total"}},
            {"location", {{"line", 120}}}}},
          {"custom", {{"rows", {{"r1", {{"c1", 1.5}}}}}}}}},
        {"findings",
         {{{"rule", "table.requests.balance"}, {"severity", "error"}, {"message", "合计不平衡"}, {"line", 130}, {"column", 7},
           {"table", "requests"}, {"row", "new"}, {"col", "natural"}, {"expected", "16"}, {"actual", "15"}},
          {{"rule", "content.spam"}, {"severity", "warning"}, {"message", "植入内容 <script>alert('x')</script> 在页脚"},
           {"line", 12}, {"column", 3}},
          {{"rule", "meta.date.mismatch"}, {"severity", "info"}, {"message", "日期 \"2021\" & 'x'"}, {"line", 12}, {"column", 1}}}},
        {"errors", json::array()}};
    json doc2 = {{"path", "broken.html"},
                 {"sha256", ""},
                 {"encoding", nullptr},
                 {"findings", json::array()},
                 {"errors", {{{"code", "input.unreadable"}, {"message", "无法读取文件"}, {"fatal", true}}}}};
    return {{"tool", {{"name", "gkcheck"}, {"version", "0.1.0"}, {"rulesets", {"annual-report-2021"}}}},
            {"documents", {doc1, doc2}},
            {"summary", {{"documents", 2}, {"error", 1}, {"warning", 1}, {"info", 1}, {"unreadable", 1}}}};
}

struct Errors {
    std::vector<std::string> serious; // everything except HTML5 tags unknown to libxml2's HTML4 parser
    std::vector<std::string> all;
};

void collect_error(void* ctx, xmlErrorPtr e) {
    auto* errors = static_cast<Errors*>(ctx);
    const std::string msg = std::to_string(e->line) + ": " + (e->message ? e->message : "");
    errors->all.push_back(msg);
    if (e->code != XML_HTML_UNKNOWN_TAG) errors->serious.push_back(msg);
}

using DocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

DocPtr parse_html(const std::string& html, Errors& errors) {
    xmlSetStructuredErrorFunc(&errors, collect_error);
    xmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html", "UTF-8", HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    return DocPtr(doc, xmlFreeDoc);
}

// Strict XML parse: the report is written to be well-formed XML as well (polyglot HTML5).
DocPtr parse_xml(const std::string& html, Errors& errors) {
    xmlSetStructuredErrorFunc(&errors, collect_error);
    xmlDocPtr doc = xmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html", "UTF-8", XML_PARSE_NONET);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    return DocPtr(doc, xmlFreeDoc);
}

// Text of every node an XPath expression selects.
std::vector<std::string> select(xmlDocPtr doc, const std::string& xpath) {
    std::vector<std::string> out;
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> ctx(xmlXPathNewContext(doc), xmlXPathFreeContext);
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> res(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx.get()), xmlXPathFreeObject);
    REQUIRE(res != nullptr);
    if (!res->nodesetval) return out;
    for (int i = 0; i < res->nodesetval->nodeNr; ++i) {
        xmlChar* content = xmlNodeGetContent(res->nodesetval->nodeTab[i]);
        out.emplace_back(content ? reinterpret_cast<const char*>(content) : "");
        xmlFree(content);
    }
    return out;
}

} // namespace

TEST_CASE("html: the report is well-formed HTML5 and XML", "[html-report]") {
    const std::string html = gk::render_html_report(sample_report(), "zh", gk::test::bundled_templates());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    Errors html_errors, xml_errors;
    auto doc = parse_html(html, html_errors);
    REQUIRE(doc != nullptr);
    INFO("HTML parser errors: " << Catch::Detail::stringify(html_errors.serious));
    CHECK(html_errors.serious.empty());
    auto xml = parse_xml(html, xml_errors);
    INFO("XML parser errors: " << Catch::Detail::stringify(xml_errors.all));
    CHECK(xml != nullptr);
    CHECK(xml_errors.all.empty());
}

TEST_CASE("html: key parts are present", "[html-report]") {
    const std::string html = gk::render_html_report(sample_report(), "zh", gk::test::bundled_templates());
    Errors errors;
    auto doc = parse_html(html, errors);
    REQUIRE(doc != nullptr);
    CHECK(select(doc.get(), "//title") == std::vector<std::string>{"政府信息公开文档检查报告"});
    CHECK(select(doc.get(), "//meta[@charset='utf-8']").size() == 1);
    // Summary cards: documents, errors, warnings, info, unreadable.
    CHECK(select(doc.get(), "//section[@id='summary']//div[@class='n']") == std::vector<std::string>{"2", "1", "1", "1", "1"});
    // Per-rule table: one row per rule, error first.
    const auto rules = select(doc.get(), "//table[@class='rules']/tbody/tr/td[1]");
    CHECK(rules == std::vector<std::string>{"table.requests.balance", "content.spam", "meta.date.mismatch"});
    // One article per document; the unreadable one shows its input error.
    CHECK(select(doc.get(), "//article").size() == 2);
    CHECK(select(doc.get(), "//article[@id='doc-2']//ul[@class='errors']/li").size() == 1);
    // Findings sorted by line, then column.
    CHECK(select(doc.get(), "//article[@id='doc-1']//table[@class='findings']/tbody/tr/td[1]") ==
          std::vector<std::string>{"12:1", "12:3", "130:7"});
    CHECK(select(doc.get(), "//article[@id='doc-1']//table[@class='findings']/tbody/tr[3]/td[5]") ==
          std::vector<std::string>{"requests / new / natural"});
    // Metadata shown with its label.
    CHECK(select(doc.get(), "//article[@id='doc-1']//dd[preceding-sibling::dt[1]='发布机构']") ==
          std::vector<std::string>{"某某市人民政府办公室 & 政务公开办"});
    // Statistics table: template order of rows (new before granted before carry-next), cells as given.
    const auto rows = select(doc.get(), "(//article[@id='doc-1']//table[@class='stats'])[1]/tbody/tr/th/span");
    CHECK(rows == std::vector<std::string>{"new", "granted", "carry-next"});
    CHECK(select(doc.get(), "(//article[@id='doc-1']//table[@class='stats'])[1]/tbody/tr[1]/td") ==
          std::vector<std::string>{"16", "0", "—"});
    CHECK(select(doc.get(), "//table[@class='stats']//td[@class='num assumed']") == std::vector<std::string>{"0"});
    CHECK(select(doc.get(), "//table[@class='stats']//td[.='见附件']").size() == 1);
    // A table id the renderer has no labels for is still rendered generically.
    CHECK(select(doc.get(), "//details/summary/span[@class='id'][1]") == std::vector<std::string>{"requests", "custom"});
    CHECK(select(doc.get(), "//table[@class='stats']//td[.='1.5']").size() == 1);
}

TEST_CASE("html: untrusted text is escaped — a <script> in a message stays text", "[html-report]") {
    const std::string html = gk::render_html_report(sample_report(), "zh", gk::test::bundled_templates());
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<b>annual</b>") == std::string::npos);
    CHECK(html.find("&lt;b&gt;annual&lt;/b&gt;") != std::string::npos);
    Errors errors;
    auto doc = parse_html(html, errors);
    REQUIRE(doc != nullptr);
    CHECK(select(doc.get(), "//script").empty());
    CHECK(select(doc.get(), "//b").empty());
    // …and reads back exactly as the original text.
    CHECK(select(doc.get(), "//td[contains(., 'alert')]") == std::vector<std::string>{"植入内容 <script>alert('x')</script> 在页脚"});
}

TEST_CASE("html: self-contained — no script, no external resource, only in-page links", "[html-report]") {
    const std::string html = gk::render_html_report(sample_report(), "en", gk::test::bundled_templates());
    Errors errors;
    auto doc = parse_html(html, errors);
    REQUIRE(doc != nullptr);
    CHECK(select(doc.get(), "//script | //link | //img | //iframe | //object | //@src").empty());
    for (const auto& href : select(doc.get(), "//@href")) CHECK(href.rfind('#', 0) == 0);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
}

TEST_CASE("html: labels follow the language; ids do not", "[html-report]") {
    const std::string zh = gk::render_html_report(sample_report(), "zh", gk::test::bundled_templates());
    const std::string en = gk::render_html_report(sample_report(), "en", gk::test::bundled_templates());
    CHECK(zh.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(en.find("<html lang=\"en\">") != std::string::npos);
    CHECK(zh.find("概况") != std::string::npos);
    CHECK(en.find("概况") == std::string::npos);
    CHECK(en.find(">Summary<") != std::string::npos);
    CHECK(en.find(">Table 3<") != std::string::npos);
    CHECK(zh.find(">表三<") != std::string::npos);
    for (const auto* s : {&zh, &en}) CHECK(s->find("table.requests.balance") != std::string::npos);
}

TEST_CASE("html: bad input renders, never crashes", "[html-report]") {
    Errors errors;
    for (const json& report : {json::object(), json(nullptr), json::array(), json{{"documents", 3}},
                               json{{"documents", {1, "x", nullptr, json::object()}}, {"summary", "none"}},
                               json{{"documents", {{{"findings", {1, {{"line", "x"}}}}, {"tables", {{"t", {{"rows", {{"r", 5}}}}}}}}}}}}) {
        const std::string html = gk::render_html_report(report, "zh", gk::test::bundled_templates());
        errors = {};
        auto doc = parse_xml(html, errors);
        INFO(report.dump() << " → " << Catch::Detail::stringify(errors.all));
        CHECK(doc != nullptr);
        CHECK(errors.all.empty());
    }
    // Invalid UTF-8 and control characters in document text become U+FFFD, keeping the file valid.
    json r = sample_report();
    r["documents"][0]["findings"][0]["message"] = std::string("bad \xC3\x28 bytes \x01 and \xED\xA0\x80 surrogate \xF0\x9F\x98\x80 ok");
    const std::string html = gk::render_html_report(r, "zh", gk::test::bundled_templates());
    errors = {};
    auto doc = parse_xml(html, errors);
    INFO(Catch::Detail::stringify(errors.all));
    CHECK(errors.all.empty());
    CHECK(html.find("bad \xEF\xBF\xBD( bytes \xEF\xBF\xBD and \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD surrogate \xF0\x9F\x98\x80 ok") !=
          std::string::npos);
}

TEST_CASE("html: the seeds' real report renders well-formed", "[html-report]") {
    if (!gk::test::have_shared_corpus()) return;
    std::vector<gk::ReportDoc> docs;
    for (const auto& f : gk::test::files_under(gk::test::shared_corpus() + "/seeds"))
        docs.push_back(gk::from_result(gk::test::check_file(f), "zh"));
    REQUIRE_FALSE(docs.empty());
    const json report = gk::report_to_json(docs, gk::RunInfo{"gkcheck", GK_VERSION, gk::test::bundled_rules().ruleset_ids()});
    const std::string html = gk::render_html_report(report, "zh", gk::test::bundled_templates());
    Errors errors;
    auto doc = parse_xml(html, errors);
    INFO(Catch::Detail::stringify(errors.all));
    CHECK(errors.all.empty());
    REQUIRE(doc != nullptr);
    CHECK(select(doc.get(), "//article").size() == docs.size());
    std::size_t findings = 0;
    for (const auto& d : docs) findings += d.findings.size();
    CHECK(select(doc.get(), "//table[@class='findings']/tbody/tr").size() == findings);
}

TEST_CASE("html: table labels and order come from the table definitions passed in", "[html-report]") {
    const json report = sample_report();
    Errors errors;
    const std::string zh = gk::render_html_report(report, "zh", gk::test::bundled_templates());
    auto doc = parse_html(zh, errors);
    REQUIRE(doc != nullptr);
    // Row labels are the format's numbering and label, from the 2021 template's <row> elements.
    const auto rows = select(doc.get(), "(//article[@id='doc-1']//table[@class='stats'])[1]/tbody/tr/th");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == "一、本年新收政府信息公开申请数量new");
    CHECK(rows[2] == "四、结转下年度继续办理carry-next");
    const std::string en = gk::render_html_report(report, "en", gk::test::bundled_templates());
    CHECK(en.find("new requests<span class=\"id\">new</span>") != std::string::npos);

    // Without definitions every table, row and column is shown by its id, in JSON order.
    const gk::AnnualTemplates none; // no formats at all
    const std::string bare = gk::render_html_report(report, "zh", none);
    auto bare_doc = parse_html(bare, errors);
    REQUIRE(bare_doc != nullptr);
    CHECK(select(bare_doc.get(), "(//article[@id='doc-1']//table[@class='stats'])[1]/tbody/tr/th/span") ==
          std::vector<std::string>{"carry-next", "granted", "new"});
    CHECK(bare.find("本年新收政府信息公开申请数量") == std::string::npos);
}

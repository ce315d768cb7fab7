// ReportDoc, the one typed result: lossless JSON round trip over every corpus document, tolerant
// decoding, counting, and the sinks giving the same output for fresh and decoded documents.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "report/report.hpp"
#include "support.hpp"

using namespace gk;
using nlohmann::json;

namespace {

std::vector<std::string> all_corpus_files() {
    auto files = test::files_under(std::string(GK_SOURCE_DIR) + "/corpus");
    if (test::have_shared_corpus())
        for (const auto& f : test::files_under(test::shared_corpus())) files.push_back(f);
    return files;
}

std::string render(const std::string& format, const std::vector<ReportDoc>& docs, const std::string& lang = "zh") {
    std::ostringstream out;
    const SinkContext ctx{lang, test::bundled_rules(), test::bundled_templates()};
    auto sink = make_sink(format, out, ctx);
    write_report(*sink, docs, RunInfo{"gkcheck", GK_VERSION, test::bundled_rules().ruleset_ids()});
    return out.str();
}

} // namespace

TEST_CASE("report doc: JSON round trip is lossless for every corpus document", "[report-doc]") {
    const auto files = all_corpus_files();
    REQUIRE(files.size() > 60);
    std::size_t tables = 0, findings = 0;
    for (const auto& file : files) {
        INFO(file);
        const DocumentResult r = test::check_file(file);
        for (const char* lang : {"zh", "en"}) {
            const ReportDoc fresh = from_result(r, lang);
            const json j = to_json(fresh);
            CHECK(j == document_to_json(r, ReportOptions{lang}));
            // Through the text form, as the results database keeps it.
            const ReportDoc decoded = from_json(json::parse(j.dump(-1, ' ', false, json::error_handler_t::replace)));
            CHECK(decoded == fresh);
            CHECK(to_json(decoded).dump() == j.dump());
            tables += fresh.tables.size();
            findings += fresh.findings.size();
        }
    }
    // The corpus exercises what the round trip must keep.
    CHECK(tables > 50);
    CHECK(findings > 50);
}

TEST_CASE("report doc: every printer prints a decoded document as it prints the fresh one", "[report-doc]") {
    std::vector<ReportDoc> fresh, decoded;
    for (const auto& file : all_corpus_files()) {
        fresh.push_back(from_result(test::check_file(file), "zh"));
        decoded.push_back(from_json(to_json(fresh.back())));
    }
    for (const char* format : {"text", "json", "csv", "sarif", "html"}) {
        INFO(format);
        CHECK(render(format, decoded) == render(format, fresh));
    }
}

TEST_CASE("report doc: the streaming JSON sink writes exactly the dump of the whole report", "[report-doc]") {
    std::vector<ReportDoc> docs;
    for (const auto& file : test::files_under(std::string(GK_SOURCE_DIR) + "/corpus/annual")) docs.push_back(from_result(test::check_file(file), "zh"));
    REQUIRE(docs.size() > 3);
    const RunInfo run{"gkcheck", GK_VERSION, test::bundled_rules().ruleset_ids()};
    for (std::size_t n : {std::size_t(0), std::size_t(1), docs.size()}) {
        const std::vector<ReportDoc> some(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(n));
        INFO(n << " documents");
        CHECK(render("json", some) == report_to_json(some, run).dump(2) + "\n");
    }
}

TEST_CASE("report doc: counts come from the typed results", "[report-doc]") {
    ReportDoc a;
    a.path = "a.html";
    a.findings = {{"x.y", Severity::error, "m", 1, 1, "", "", "", "", "", {}, 0, 0, "", {}, "", "", {}},
                  {"x.z", Severity::warning, "m", 2, 1, "", "", "", "", "", {}, 0, 0, "", {}, "", "", {}},
                  {"x.z", Severity::info, "m", 3, 1, "", "", "", "", "", {}, 0, 0, "", {}, "", "", {}}};
    ReportDoc b;
    b.path = "b.txt";
    b.errors = {{"input.binary", "binary", true}};
    ReportDoc c;
    c.path = "c.txt";
    c.errors = {{"input.encoding", "bad bytes", false}};
    Summary s;
    for (const auto* d : {&a, &b, &c}) s.add(*d);
    CHECK(s.documents == 3);
    CHECK(s.error == 1);
    CHECK(s.warning == 1);
    CHECK(s.info == 1);
    CHECK(s.unreadable == 1);
    CHECK(s.input_errors == 2);
    CHECK(to_json(s) == json{{"documents", 3}, {"error", 1}, {"warning", 1}, {"info", 1}, {"unreadable", 1}});
    // An unchecked document has no facts in its JSON.
    CHECK_FALSE(to_json(b).contains("type"));
    CHECK(to_json(c).contains("type"));
}

TEST_CASE("report doc: from_json never throws and keeps what it can", "[report-doc]") {
    for (const json& j : {json(nullptr), json::array(), json(3), json::object(), json{{"path", 5}},
                          json{{"findings", {1, "x", {{"line", "x"}, {"rule", "r"}}}}},
                          json{{"tables", {{"t", {{"rows", {{"r", 5}, {"s", {{"c", {1, 2}}}}}}}}}}},
                          json{{"errors", {nullptr, {{"code", "input.binary"}}}}}, json{{"year", "2020"}, {"outline", {1}}}}) {
        INFO(j.dump());
        ReportDoc d;
        CHECK_NOTHROW(d = from_json(j));
        CHECK_NOTHROW(to_json(d).dump());
    }
    const ReportDoc d = from_json(json{{"findings", {{{"line", "x"}, {"rule", "r"}, {"severity", "error"}, {"note", "kept"}}}},
                                       {"tables", {{"t", {{"rows", {{"s", {{"amount", "3.61亿元"}, {"amount_yuan", 361000000}}}}}}}}}});
    REQUIRE(d.findings.size() == 1);
    CHECK(d.findings[0].rule == "r");
    CHECK(d.findings[0].severity == Severity::error);
    CHECK(d.findings[0].line == 0);
    CHECK(d.findings[0].extra.at("note") == "kept");
    const ReportCell& cell = d.tables.at("t").rows.at("s").at("amount");
    CHECK(cell.value.str() == "3.61亿元");
    REQUIRE(cell.yuan.has_value());
    CHECK(cell.yuan->integer == 361000000);
    CHECK(d.tables.at("t").rows.at("s").size() == 1);
}

// Auditors' features (issue 11): agency identity, the results database as one body of evidence
// (schema 2, copies, foreign files), the cross-year rules (golden over corpus/audit/ and checked
// by hand on the Pingtan series of ../shared/corpus), coverage, and the audit's CSV files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "catalogue/agency.hpp"
#include "check/cross.hpp"
#include "report/csv_audit.hpp"
#include "report/report_doc.hpp"
#include "store/coverage.hpp"
#include "store/cross.hpp"
#include "store/store.hpp"
#include "support.hpp"

using namespace gk;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const AgencyLexicon& lexicon() {
    const AgencyLexicon* lex = test::bundled_catalogue().agencies();
    REQUIRE(lex != nullptr);
    return *lex;
}

// Checks `files` into a fresh store; returns the store and its fingerprint.
std::pair<ResultStore, std::string> store_of(const std::vector<std::string>& files, const std::string& name) {
    const std::string db = test::temp_dir(name) + "/audit.sqlite";
    auto store = ResultStore::open(db);
    const std::string fp = "test-rules";
    const std::string run = store.begin_run({{"name", "gkcheck"}, {"rules_fingerprint", fp}});
    for (const auto& f : files) store.put(to_json(from_result(test::check_file(f), "zh")), fp, run);
    store.flush();
    return {std::move(store), fp};
}

// RFC 4180 reader for the tests: rows of cells (quoted cells may hold , " CR LF).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false, in_quotes = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { cell += '"'; ++i; }
            else if (c == '"') in_quotes = false;
            else cell += c;
        } else if (c == '"' && cell.empty() && !quoted) { in_quotes = quoted = true; }
        else if (c == ',') { rows.back().push_back(cell); cell.clear(); quoted = false; }
        else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(cell); cell.clear(); quoted = false; ++i;
            rows.emplace_back();
        } else cell += c;
    }
    if (!cell.empty() || !rows.back().empty()) rows.back().push_back(cell);
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

std::vector<std::string> audit_files() { return test::files_under(std::string(GK_SOURCE_DIR) + "/corpus/audit"); }

} // namespace

TEST_CASE("agency: names normalise to one agency with level and kind", "[agency]") {
    const auto& lex = lexicon();
    auto zone = lex.identify("平潭综合实验区");
    REQUIRE(zone);
    CHECK(zone->normalised == "平潭综合实验区管委会");
    CHECK(zone->kind == "government");
    CHECK(zone->level == "county");
    auto long_form = lex.identify("平潭综合实验区 管理委员会");
    REQUIRE(long_form);
    CHECK(long_form->normalised == zone->normalised);
    auto office = lex.identify("平潭综合实验区管委会办公室");
    REQUIRE(office);
    CHECK(office->kind == "department");
    CHECK(office->office_of == zone->normalised);
    auto ocr = lex.identify("平潭县人民攻府");
    REQUIRE(ocr);
    CHECK(ocr->normalised == "平潭县人民政府");
    CHECK(lex.identify("平潭县政府")->normalised == "平潭县人民政府");
    auto shanghai = lex.identify("上海市人民政府办公厅");
    REQUIRE(shanghai);
    CHECK(shanghai->level == "province");
    CHECK(shanghai->kind == "department");
    auto market = lex.identify("深圳市龙岗区市场监督管理局");
    REQUIRE(market);
    CHECK(market->level == "county"); // 市场 is no place unit
    CHECK(market->kind == "department");
    auto street = lex.identify("官洲街道");
    REQUIRE(street);
    CHECK(street->normalised == "官洲街道办事处");
    CHECK(street->level == "township");
    CHECK(street->kind == "government");
    auto renamed = lex.identify("平潭综合实验区地方税务局");
    REQUIRE(renamed);
    CHECK(renamed->normalised == "国家税务总局平潭综合实验区税务局");
    CHECK(renamed->renamed_from == "平潭综合实验区地方税务局");
    CHECK(renamed->level == "county");
    CHECK(lex.identify("国务院办公厅")->level == "national");
    CHECK_FALSE(lex.identify("中国政府网"));
    CHECK_FALSE(lex.identify("本网"));
}

TEST_CASE("agency: from the title, the metadata and the signature, with evidence", "[agency]") {
    const std::string doc =
        "<html><head><meta charset=\"utf-8\"><title>x</title></head><body>"
        "<h1>平潭综合实验区经济发展局2022年度政府信息公开工作年度报告</h1><p>发布机构：区经济发展局</p>"
        "<p>本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。</p>"
        "<p>平潭综合实验区经济发展局　2023年1月5日</p></body></html>";
    const auto r = test::check_bytes(doc, "agency.html");
    REQUIRE(r.facts.agency);
    CHECK(r.facts.agency->normalised == "平潭综合实验区经济发展局");
    CHECK(r.facts.agency->kind == "department");
    CHECK(r.facts.agency->level == "county");
    REQUIRE(r.facts.agency->evidence.size() >= 2);
    CHECK(r.facts.agency->evidence[0].source == "title");
    bool publisher = false;
    for (const auto& e : r.facts.agency->evidence)
        if (e.source == "publisher") { publisher = true; CHECK(e.agrees); } // the short name 区经济发展局
    CHECK(publisher);
    const json j = to_json(from_result(r, "zh"));
    CHECK(j["agency"]["normalised"] == "平潭综合实验区经济发展局");
    CHECK(j["agency"]["evidence"][0]["line"].get<int>() >= 1);
    CHECK(to_json(from_json(j)) == j); // round trip
}

TEST_CASE("agency: the real corpus's annual reports get their agency", "[agency][real]") {
    if (!test::have_shared_corpus()) { WARN("../shared/corpus not present"); return; }
    std::size_t annual = 0, named = 0, pingtan = 0;
    for (const auto& f : test::files_under(test::shared_corpus())) {
        const auto r = test::check_file(f);
        if (r.facts.type != "annual-report") continue;
        ++annual;
        if (r.facts.agency) ++named;
        const std::string base = fs::path(f).filename().string();
        // The zone's own reports, 2012–2025, whatever their title, 发布机构 or 来源 say.
        if (base.find("_pingtan_") != std::string::npos) {
            INFO(f);
            REQUIRE(r.facts.agency);
            CHECK(r.facts.agency->normalised == "平潭综合实验区管委会");
            CHECK(r.facts.agency->kind == "government");
            ++pingtan;
        }
    }
    CHECK(pingtan == 17);
    CHECK(annual >= 30);
    CHECK(named >= 29); // measured: 29 of 35 (publisher was empty for 26 of them)
}

TEST_CASE("store: an SQLite file with tables of its own is refused, and nothing is added to it", "[store][audit]") {
    const std::string db = test::temp_dir("store-foreign") + "/other.sqlite";
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "CREATE TABLE mine(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    CHECK_THROWS_WITH(ResultStore::open(db), Catch::Contains("not a gkcheck results database") && Catch::Contains(db));
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "SELECT count(*) FROM sqlite_master", -1, &st, nullptr);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int(st, 0) == 1);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    const auto r = test::run_gkcheck("audit '" + std::string(GK_SOURCE_DIR) + "/corpus/audit' --db '" + db + "' --out '" +
                                     test::temp_dir("store-foreign-out") + "' --no-progress");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("not a gkcheck results database") != std::string::npos);
}

TEST_CASE("store: a version-1 database is migrated to the current version, its paths kept as files", "[store][audit]") {
    const std::string db = test::temp_dir("store-v1") + "/v1.sqlite";
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    const char* v1 =
        "CREATE TABLE runs(id TEXT PRIMARY KEY, started TEXT NOT NULL, finished TEXT, tool_name TEXT, tool_version TEXT, rulesets TEXT, "
        "rules_fingerprint TEXT, summary_json TEXT);"
        "CREATE TABLE documents(sha256 TEXT NOT NULL, rules_fingerprint TEXT NOT NULL, path TEXT NOT NULL, run_id TEXT NOT NULL, "
        "checked TEXT NOT NULL, encoding TEXT, format TEXT, script TEXT, type TEXT, year INTEGER, template TEXT, title TEXT, "
        "publisher TEXT, published TEXT, index_no TEXT, doc_no TEXT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, "
        "infos INTEGER NOT NULL, input_errors INTEGER NOT NULL, document_json TEXT NOT NULL, PRIMARY KEY(sha256, rules_fingerprint));"
        "INSERT INTO documents VALUES('abc','fp','old/path.html','r1','2026-01-01T00:00:00Z',NULL,'html',NULL,'annual-report',2022,"
        "'2021',NULL,NULL,NULL,NULL,NULL,0,0,0,0,'{\"agency\":{\"normalised\":\"某局\",\"kind\":\"department\"}}');"
        "PRAGMA user_version=1; PRAGMA application_id=1196114760;";
    REQUIRE(sqlite3_exec(raw, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    {
        auto store = ResultStore::open(db);
        CHECK(store.has("abc", "fp"));
    }
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    auto one = [&](const char* sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(raw, sql, -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    };
    CHECK(one("PRAGMA user_version") == std::to_string(ResultStore::schema_version));
    CHECK(one("SELECT path FROM files WHERE sha256='abc'") == "old/path.html");
    CHECK(one("SELECT agency FROM documents WHERE sha256='abc'") == "某局");
    sqlite3_close(raw);
}

TEST_CASE("cross: corpus/audit gives exactly the findings of AUDIT.expected.json", "[cross][golden]") {
    const json expected = json::parse(test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/audit/AUDIT.expected.json"));
    auto [store, fp] = store_of(audit_files(), "cross-golden");
    const auto docs = load_cross_docs(store, fp);
    const auto found = run_cross_rules(test::bundled_rules(), docs);
    // One agency at a time (what check --db runs), its JSON parsed on one thread or three: the
    // same findings, in the same order.
    for (const unsigned jobs : {1u, 3u}) {
        INFO("jobs " << jobs);
        const auto by_agency = run_cross_rules_by_agency(store, test::bundled_rules(), fp, jobs);
        REQUIRE(by_agency.findings.size() == found.size());
        CHECK(by_agency.docs.size() < docs.size()); // only the documents findings are about
        for (std::size_t k = 0; k < found.size(); ++k) {
            const auto& a = found[k];
            const auto& b = by_agency.findings[k];
            INFO("finding " << k);
            CHECK(docs[a.doc].sha256 == by_agency.docs[b.doc].sha256);
            CHECK(docs[a.doc].path == by_agency.docs[b.doc].path);
            CHECK(a.finding.rule == b.finding.rule);
            CHECK(a.finding.message.zh == b.finding.message.zh);
            CHECK(a.finding.message.en == b.finding.message.en);
            CHECK(a.finding.position.line == b.finding.position.line);
            CHECK(a.finding.position.column == b.finding.position.column);
            CHECK(a.finding.actual == b.finding.actual);
            CHECK(a.finding.extra == b.finding.extra);
        }
    }
    std::multiset<std::string> want, got;
    auto key = [](const std::string& file, const std::string& rule, unsigned line, unsigned col, const std::string& sev,
                  const std::string& detail) {
        return file + " " + std::to_string(line) + ":" + std::to_string(col) + " " + sev + " " + rule + " " + detail;
    };
    for (const auto& f : expected["findings"])
        want.insert(key(f["file"], f["rule"], f["line"], f["column"], f["severity"],
                        f.value("col", f.value("row", f.value("similarity", ""))) + "=" + f.value("actual", "")));
    for (const auto& cf : found) {
        const auto& f = cf.finding;
        const std::string detail = !f.col.empty() && f.rule == "cross.carryover" ? f.col : !f.row.empty() ? f.row
                                   : f.extra.count("similarity") ? f.extra.at("similarity") : "";
        got.insert(key(fs::path(docs[cf.doc].path).filename().string(), f.rule, f.position.line, f.position.column,
                       to_string(f.severity), detail + "=" + f.actual));
        CHECK(f.extra.count("previous"));
        CHECK_FALSE(f.message.zh.empty());
        CHECK_FALSE(f.message.en.empty());
    }
    std::string w, g;
    for (const auto& s : want) w += "  " + s + "\n";
    for (const auto& s : got) g += "  " + s + "\n";
    INFO("expected:\n" << w << "got:\n" << g);
    CHECK(want == got);

    // The same set with last year's table unreadable: an info "not verifiable", never a mismatch.
    auto unreadable = docs;
    for (auto& d : unreadable)
        if (fs::path(d.path).filename() == "2023_xianzhengfu.html") d.verifiable["requests"] = false;
    bool info = false;
    for (const auto& cf : run_cross_rules(test::bundled_rules(), unreadable)) {
        if (cf.finding.rule != "cross.carryover") continue;
        CHECK(cf.finding.severity == Severity::info);
        CHECK(cf.finding.message.zh.find("无法核验") != std::string::npos);
        info = true;
    }
    CHECK(info);
}

TEST_CASE("coverage: missing agencies, copies, late reports", "[coverage]") {
    auto files = audit_files();
    auto [store, fp] = store_of(files, "coverage");
    const auto y2023 = coverage(store, test::bundled_catalogue(), 2023, {"剑阁县 交通运输局", "剑阁县教育局"});
    std::set<std::string> missing;
    for (const auto& m : y2023.missing) missing.insert(m.agency);
    CHECK(missing == std::set<std::string>{"剑阁县普安镇人民政府", "剑阁县教育局"});
    const auto y2024 = coverage(store, test::bundled_catalogue(), 2024, {});
    REQUIRE(y2024.copies.size() == 1);
    CHECK(y2024.copies[0].paths.size() == 2);
    CHECK(y2024.late.empty());
    CHECK(y2024.missing.empty());
}

TEST_CASE("csv: BOM, RFC 4180 quoting, Chinese intact, formulas neutralised; read back row for row", "[csv]") {
    CHECK(csv_cell("plain") == "plain");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("=SUM(A1)") == "'=SUM(A1)");
    CHECK(csv_cell("@cmd") == "'@cmd");
    CHECK(csv_cell("+1") == "+1");   // a number stays a number
    CHECK(csv_cell("-129") == "-129");
    CHECK(csv_cell("-x") == "'-x");
    AuditDoc a;
    a.doc.path = "报告/2024,平潭.html";
    a.doc.year = 2024;
    a.doc.agency = ReportAgency{"平潭综合实验区", "平潭综合实验区管委会", "county", "government", {}};
    const std::string tricky = "第一句，含逗号, 和\"引号\"\n第二行";
    a.doc.findings.push_back({"cross.carryover", Severity::warning, tricky, 12, 5, "requests", "carried", "natural", "3", "2", {}, 0, 0, "", {}, "", "", {}});
    a.doc.findings.push_back({"style.wording", Severity::info, "=HYPERLINK(\"http://x\")", 1, 1, "", "", "", "", "", {}, 0, 0, "", {}, "", "", {}});
    AuditDoc b;
    b.doc.path = "b.txt";
    b.copy_of = a.doc.path;
    const std::string findings = findings_csv({a, b}, "zh");
    REQUIRE(findings.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto rows = read_csv(findings.substr(3));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == std::vector<std::string>{"文件", "机构", "年度", "规则", "级别", "说明", "表格", "行", "列", "行:列"});
    CHECK(rows[1] == std::vector<std::string>{"报告/2024,平潭.html", "平潭综合实验区管委会", "2024", "cross.carryover", "警告", tricky,
                                              "requests", "carried", "natural", "12:5"});
    CHECK(rows[2][5] == "'=HYPERLINK(\"http://x\")");
    const auto en = read_csv(findings_csv({a}, "en").substr(3));
    CHECK(en[0][0] == "file");
    CHECK(en[1][4] == "warning");

    const std::string reports = reports_csv({a, b}, test::bundled_rules(), "zh");
    REQUIRE(reports.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto rr = read_csv(reports.substr(3));
    REQUIRE(rr.size() == 3);
    for (const auto& r : rr) CHECK(r.size() == rr[0].size());
    CHECK(rr[0][0] == "机构");
    CHECK(rr[1][0] == "平潭综合实验区管委会");
    CHECK(rr[1][1] == "县");
    CHECK(rr[1][2] == "政府");
    const auto cross_col = std::find(rr[0].begin(), rr[0].end(), "cross 警告") - rr[0].begin();
    REQUIRE(cross_col < static_cast<long>(rr[0].size()));
    CHECK(rr[1][static_cast<std::size_t>(cross_col)] == "1");
    CHECK(rr[2].back() == "");                      // same report as: none
    CHECK(rr[2][rr[2].size() - 2] == a.doc.path);   // copy of
}

TEST_CASE("audit: one command over corpus/audit writes the reports; copies shown; rerun resumes", "[audit][cli]") {
    const std::string dir = test::temp_dir("audit-cli");
    const std::string args = "audit '" + std::string(GK_SOURCE_DIR) + "/corpus/audit' --db '" + dir + "/a.sqlite' --out '" + dir + "/out' --no-progress";
    const auto first = test::run_gkcheck(args);
    CHECK(first.exit_code == 0);
    CHECK(first.out.find("[cross.carryover]") != std::string::npos);
    CHECK(first.out.find("[cross.rollforward]") != std::string::npos);
    CHECK(first.out.find("2024_puan_copy.html：与该文件内容相同（副本）") != std::string::npos);
    for (const char* f : {"report.html", "report.json", "findings.csv", "reports.csv"}) CHECK(fs::exists(dir + "/out/" + f));
    const std::string html = test::read_bytes(dir + "/out/report.html");
    CHECK(html.find("<section id=\"audit\">") != std::string::npos);
    CHECK(html.find("跨年度问题（4）") != std::string::npos);
    CHECK(html.find("副本与同一报告的其他文件（1）") != std::string::npos);
    const auto rows = read_csv(test::read_bytes(dir + "/out/reports.csv").substr(3));
    CHECK(rows.size() == 1 + audit_files().size());
    const json report = json::parse(test::read_bytes(dir + "/out/report.json"));
    const auto again = test::run_gkcheck(args);
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("（取自结果库 9 个）") != std::string::npos);
    CHECK(json::parse(test::read_bytes(dir + "/out/report.json"))["summary"] == report["summary"]);
    const auto en = test::run_gkcheck(args + " --lang en");
    CHECK(en.out.find("carried over") != std::string::npos);
    CHECK(read_csv(test::read_bytes(dir + "/out/findings.csv").substr(3))[0][0] == "file");
}

TEST_CASE("cross: the Pingtan series of ../shared/corpus, values checked by hand", "[cross][real]") {
    if (!test::have_shared_corpus()) { WARN("../shared/corpus not present"); return; }
    auto [store, fp] = store_of(test::files_under(test::shared_corpus()), "cross-real");
    const auto docs = load_cross_docs(store, fp);
    std::map<std::string, std::vector<Finding>> by_file;
    for (const auto& cf : run_cross_rules(test::bundled_rules(), docs))
        by_file[fs::path(docs[cf.doc].path).filename().string()].push_back(cf.finding);
    // 2023 行政规范性文件 77/132/470, 2024 62/33/440, 2025 58/45/546 (tables of 111–113, by hand).
    REQUIRE(by_file["111_pingtan_2024.html"].size() == 1);
    CHECK(by_file["111_pingtan_2024.html"][0].rule == "cross.rollforward");
    CHECK(by_file["111_pingtan_2024.html"][0].expected == "499");
    CHECK(by_file["111_pingtan_2024.html"][0].actual == "440");
    REQUIRE(by_file["112_pingtan_2025.html"].size() == 1);
    CHECK(by_file["112_pingtan_2025.html"][0].expected == "453");
    CHECK(by_file["112_pingtan_2025.html"][0].actual == "546");
    // The carry-over chain 2021→2025 holds (1, 0, 0, 0 carried in): no carry-over warning; 2022's
    // against 2021's run-together table is an info at most.
    for (const auto& [file, findings] : by_file)
        for (const auto& f : findings)
            if (f.rule == "cross.carryover") CHECK(f.severity == Severity::info);
    // 2022's table 二 is run-together digits: 2023's roll-forward is not verifiable (info).
    for (const auto& f : by_file["113_pingtan_2023.html"]) CHECK(f.severity == Severity::info);
    // The text copies are the same reports as the pages.
    std::map<std::string, const CrossDoc*> by_name;
    for (const auto& d : docs) by_name[fs::path(d.path).filename().string()] = &d;
    CHECK(same_report(*by_name["111_pingtan_2024.html"], *by_name["006_pingtan_2024.txt"]));
    CHECK(same_report(*by_name["112_pingtan_2025.html"], *by_name["007_pingtan_2025.txt"]));
    CHECK_FALSE(same_report(*by_name["112_pingtan_2025.html"], *by_name["111_pingtan_2024.html"]));
}

TEST_CASE("audit: one new report checked against an existing database gets its cross-year findings", "[audit][cli]") {
    const std::string dir = test::temp_dir("audit-one-new");
    const std::string earlier = dir + "/earlier";
    fs::create_directories(earlier);
    std::string newcomer;
    for (const auto& f : audit_files()) {
        if (fs::path(f).filename() == "2024_jiaotong.html") newcomer = f;
        else fs::copy_file(f, earlier + "/" + fs::path(f).filename().string());
    }
    REQUIRE(!newcomer.empty());
    const std::string db = dir + "/a.sqlite";
    const auto audit = test::run_gkcheck("audit '" + earlier + "' --db '" + db + "' --out '" + dir + "/out' --no-progress");
    CHECK(audit.exit_code == 0);
    CHECK(audit.out.find("[cross.rollforward]") == std::string::npos); // 2024_jiaotong is not there yet
    const auto one = test::run_gkcheck("check '" + newcomer + "' --db '" + db + "'");
    CHECK(one.exit_code == 0);
    CHECK(one.out.find("2024_jiaotong.html:10:133: warning: 表二行政规范性文件现行有效件数为50") != std::string::npos);
    CHECK(one.out.find("[cross.rollforward]") != std::string::npos);
}

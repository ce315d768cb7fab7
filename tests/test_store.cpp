// ResultStore: the SQLite results database (open/create, put/has, resume, replace, failures).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <sqlite3.h>

#include "report/report.hpp"
#include "store/store.hpp"
#include "support.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json sample_document(const std::string& sha, const std::string& path, int n_findings) {
    json findings = json::array();
    for (int i = 0; i < n_findings; ++i) {
        findings.push_back({{"rule", i % 2 ? "table.requests.balance" : "meta.date.mismatch"},
                            {"severity", i % 2 ? "error" : "warning"},
                            {"message", "消息 " + std::to_string(i)},
                            {"line", 10 + i},
                            {"column", 1 + i}});
    }
    if (n_findings > 1) {
        findings[1]["table"] = "requests";
        findings[1]["row"] = "new";
        findings[1]["col"] = "natural";
        findings[1]["expected"] = "16";
        findings[1]["actual"] = "15";
        findings[1]["signals"] = "after-footer";
    }
    return {{"path", path},
            {"sha256", sha},
            {"encoding", "GB18030"},
            {"format", "html"},
            {"script", "simplified"},
            {"type", "annual-report"},
            {"year", 2021},
            {"template", "2021"},
            {"metadata", {{"title", "某某市2021年政府信息公开工作年度报告"}, {"publisher", "某某市人民政府办公室"}, {"published", "2022-01-20"}}},
            {"tables",
             {{"requests",
               {{"rows", {{"new", {{"natural", 16}, {"commercial", 0}, {"total", nullptr}}}, {"denied.secret", {{"natural", 0}}}}},
                {"assumed_zero", {"new.commercial", "denied.secret.natural"}},
                {"not_stated", {"new.total"}},
                {"location", {{"line", 120}}}}},
              {"active", {{"rows", {{"procurement", {{"items", 160}, {"amount", "3.61亿元"}, {"amount_yuan", 361000000}}}}}}}}},
            {"findings", findings},
            {"errors", json::array()}};
}

// Runs a query returning one integer on a separate connection (what an auditor's sqlite3 sees).
long long query_int(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    INFO(sql << ": " << sqlite3_errmsg(db));
    REQUIRE(rc == SQLITE_OK);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    const long long v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

std::string query_text(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    std::string out = "<no row>";
    if (sqlite3_step(s) == SQLITE_ROW) {
        const auto* t = sqlite3_column_text(s, 0);
        out = t ? reinterpret_cast<const char*>(t) : "<null>";
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

const std::string kSha1 = std::string(64, 'a');
const std::string kSha2 = std::string(64, 'b');
const std::string kRulesA = "rules-a";
const std::string kRulesB = "rules-b";

} // namespace

TEST_CASE("store: open creates the file and the schema; reopening keeps it", "[store]") {
    const std::string db = gk::test::temp_dir("store-open") + "/results.db";
    REQUIRE_FALSE(fs::exists(db));
    { auto store = gk::ResultStore::open(db); }
    REQUIRE(fs::exists(db));
    for (const char* table : {"runs", "documents", "findings", "input_errors", "cells"})
        CHECK(query_int(db, std::string("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='") + table + "'") == 1);
    CHECK(query_int(db, "SELECT count(*) FROM sqlite_master WHERE type='index' AND name IN ('findings_rule','documents_type_year')") == 2);
    CHECK(query_int(db, "PRAGMA user_version") == gk::ResultStore::schema_version);
    CHECK(query_text(db, "PRAGMA journal_mode") == "wal");
    // A second open of an existing database neither fails nor loses rows.
    {
        auto store = gk::ResultStore::open(db);
        const auto run = store.begin_run({{"name", "gkcheck"}, {"version", "0.1.0"}});
        store.put(sample_document(kSha1, "a.html", 1), kRulesA, run);
    }
    { auto store = gk::ResultStore::open(db); CHECK(store.has(kSha1, kRulesA)); }
    CHECK(query_int(db, "SELECT count(*) FROM documents") == 1);
}

TEST_CASE("store: put then has, keyed by content and rules", "[store]") {
    const std::string db = gk::test::temp_dir("store-has") + "/results.db";
    auto store = gk::ResultStore::open(db);
    const auto run = store.begin_run({{"name", "gkcheck"}});
    CHECK_FALSE(store.has(kSha1, kRulesA));
    store.put(sample_document(kSha1, "a.html", 2), kRulesA, run);
    // Visible at once, before any flush.
    CHECK(store.has(kSha1, kRulesA));
    CHECK_FALSE(store.has(kSha1, kRulesB)); // other rules: must be checked again
    CHECK_FALSE(store.has(kSha2, kRulesA)); // other bytes
    const auto got = store.get(kSha1, kRulesA);
    REQUIRE(got.has_value());
    CHECK(*got == sample_document(kSha1, "a.html", 2));
    CHECK_FALSE(store.get(kSha2, kRulesA).has_value());
}

TEST_CASE("store: resume — a new process sees what an interrupted run stored", "[store]") {
    const std::string db = gk::test::temp_dir("store-resume") + "/results.db";
    std::string first_run;
    {
        auto store = gk::ResultStore::open(db);
        store.set_batch_size(1000); // nothing reaches the file before the destructor
        first_run = store.begin_run({{"name", "gkcheck"}, {"version", "0.1.0"}, {"rulesets", {"annual-report-2021"}}});
        store.put(sample_document(kSha1, "a.html", 1), kRulesA, first_run);
        // No end_run: the run is interrupted; the destructor still commits what was put.
    }
    CHECK(query_text(db, "SELECT coalesce(finished, 'unfinished') FROM runs WHERE id='" + first_run + "'") == "unfinished");
    auto store = gk::ResultStore::open(db);
    CHECK(store.has(kSha1, kRulesA));
    CHECK_FALSE(store.has(kSha2, kRulesA));
    const auto second_run = store.begin_run({{"name", "gkcheck"}});
    CHECK(second_run != first_run);
    store.put(sample_document(kSha2, "b.html", 0), kRulesA, second_run);
    store.end_run(second_run, {{"documents", 1}, {"error", 0}});
    CHECK(query_int(db, "SELECT count(*) FROM documents") == 2);
    CHECK(query_text(db, "SELECT run_id FROM documents WHERE path='b.html'") == second_run);
    CHECK(query_text(db, "SELECT json_extract(summary_json, '$.documents') FROM runs WHERE id='" + second_run + "'") == "1");
    CHECK(query_text(db, "SELECT finished IS NOT NULL FROM runs WHERE id='" + second_run + "'") == "1");
    CHECK(query_text(db, "SELECT rulesets FROM runs WHERE id='" + first_run + "'") == R"(["annual-report-2021"])");
}

TEST_CASE("store: re-putting a document replaces it and its findings", "[store]") {
    const std::string db = gk::test::temp_dir("store-replace") + "/results.db";
    auto store = gk::ResultStore::open(db);
    const auto run = store.begin_run({{"name", "gkcheck"}});
    store.put(sample_document(kSha1, "a.html", 3), kRulesA, run);
    store.put(sample_document(kSha1, "moved/a.html", 1), kRulesA, run);
    store.put(sample_document(kSha1, "a.html", 2), kRulesB, run); // other rules: kept alongside
    store.flush();
    CHECK(query_int(db, "SELECT count(*) FROM documents") == 2);
    CHECK(query_text(db, "SELECT path FROM documents WHERE rules_fingerprint='rules-a'") == "moved/a.html");
    CHECK(query_int(db, "SELECT count(*) FROM findings WHERE rules_fingerprint='rules-a'") == 1);
    CHECK(query_int(db, "SELECT count(*) FROM findings WHERE rules_fingerprint='rules-b'") == 2);
    CHECK(query_int(db, "SELECT count(*) FROM cells WHERE rules_fingerprint='rules-a'") == 7);
}

TEST_CASE("store: one findings row per finding, with its columns", "[store]") {
    const std::string db = gk::test::temp_dir("store-findings") + "/results.db";
    {
        auto store = gk::ResultStore::open(db);
        const auto run = store.begin_run({{"name", "gkcheck"}});
        store.put(sample_document(kSha1, "a.html", 5), kRulesA, run);
        store.put(sample_document(kSha2, "b.html", 0), kRulesA, run);
        store.end_run(run, {{"documents", 2}});
    }
    CHECK(query_int(db, "SELECT count(*) FROM findings") == 5);
    CHECK(query_int(db, "SELECT count(*) FROM findings WHERE sha256='" + kSha2 + "'") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM findings WHERE rule='table.requests.balance'") == 2);
    CHECK(query_text(db, "SELECT tbl || '/' || row_id || '/' || col_id || ' ' || expected || '→' || actual FROM findings WHERE seq=1") ==
          "requests/new/natural 16→15");
    CHECK(query_text(db, "SELECT line || ':' || col FROM findings WHERE seq=4") == "14:5");
    CHECK(query_text(db, "SELECT json_extract(extra_json, '$.signals') FROM findings WHERE seq=1") == "after-footer");
    CHECK(query_text(db, "SELECT extra_json IS NULL FROM findings WHERE seq=0") == "1");
    // The per-document columns auditors filter on.
    CHECK(query_text(db, "SELECT type || ' ' || year || ' ' || template || ' ' || publisher FROM documents WHERE path='a.html'") ==
          "annual-report 2021 2021 某某市人民政府办公室");
    CHECK(query_text(db, "SELECT errors || ' ' || warnings || ' ' || infos FROM documents WHERE path='a.html'") == "2 3 0");
    // The convenience view joins findings with their document.
    CHECK(query_int(db, "SELECT count(*) FROM findings_by_document WHERE path='a.html' AND year=2021") == 5);
}

TEST_CASE("store: table cells keep numbers, text and blank status", "[store]") {
    const std::string db = gk::test::temp_dir("store-cells") + "/results.db";
    {
        auto store = gk::ResultStore::open(db);
        store.put(sample_document(kSha1, "a.html", 0), kRulesA, store.begin_run({}));
    }
    CHECK(query_int(db, "SELECT value FROM cells WHERE tbl='requests' AND row_id='new' AND col_id='natural'") == 16);
    CHECK(query_text(db, "SELECT status FROM cells WHERE tbl='requests' AND row_id='new' AND col_id='commercial'") == "assumed-zero");
    CHECK(query_text(db, "SELECT coalesce(value, 'null') || ' ' || status FROM cells WHERE row_id='new' AND col_id='total'") == "null not-stated");
    // Row ids with a dot are split at the last dot only.
    CHECK(query_text(db, "SELECT status FROM cells WHERE row_id='denied.secret' AND col_id='natural'") == "assumed-zero");
    CHECK(query_text(db, "SELECT text FROM cells WHERE tbl='active' AND col_id='amount'") == "3.61亿元");
    CHECK(query_int(db, "SELECT value FROM cells WHERE tbl='active' AND col_id='amount_yuan'") == 361000000);
    CHECK(query_int(db, "SELECT count(*) FROM cells_by_document WHERE year=2021 AND tbl='requests'") == 4);
}

TEST_CASE("store: input errors — with and without readable content", "[store]") {
    const std::string db = gk::test::temp_dir("store-errors") + "/results.db";
    auto store = gk::ResultStore::open(db);
    const auto run = store.begin_run({});
    // Never read: no sha256, so no documents row, and never reported as already checked.
    store.put({{"path", "missing.html"}, {"sha256", ""}, {"encoding", nullptr}, {"findings", json::array()},
               {"errors", {{{"code", "input.unreadable"}, {"message", "无法读取"}, {"fatal", true}}}}},
              kRulesA, run);
    CHECK_FALSE(store.has("", kRulesA));
    // Read but refused (binary): keyed by content like any document.
    store.put({{"path", "x.html"}, {"sha256", kSha2}, {"encoding", nullptr}, {"findings", json::array()},
               {"errors", {{{"code", "input.binary"}, {"message", "not a text file"}, {"fatal", true}}}}},
              kRulesA, run);
    CHECK(store.has(kSha2, kRulesA));
    store.flush();
    CHECK(query_int(db, "SELECT count(*) FROM documents") == 1);
    CHECK(query_int(db, "SELECT count(*) FROM input_errors") == 2);
    CHECK(query_text(db, "SELECT path || ' ' || code || ' ' || fatal FROM input_errors WHERE sha256 IS NULL") ==
          "missing.html input.unreadable 1");
    CHECK(query_int(db, "SELECT input_errors FROM documents WHERE sha256='" + kSha2 + "'") == 1);
    // Re-putting the refused document replaces its error row too.
    store.put({{"path", "x.html"}, {"sha256", kSha2}, {"findings", json::array()}, {"errors", json::array()}}, kRulesA, run);
    store.flush();
    CHECK(query_int(db, "SELECT count(*) FROM input_errors WHERE sha256 IS NOT NULL") == 0);
}

TEST_CASE("store: malformed documents are refused or tolerated, never crash", "[store]") {
    const std::string db = gk::test::temp_dir("store-malformed") + "/results.db";
    auto store = gk::ResultStore::open(db);
    const auto run = store.begin_run({});
    CHECK_THROWS_AS(store.put(json::array(), kRulesA, run), std::runtime_error);
    // Wrong types in every field: stored with what can be read.
    store.put({{"path", 7}, {"sha256", kSha1}, {"year", "2020"}, {"metadata", "x"}, {"tables", {{"requests", {{"rows", 3}}}}},
               {"findings", {1, {{"rule", "r"}, {"line", "ten"}, {"expected", 16}}}}, {"errors", "none"}},
              kRulesA, run);
    store.flush();
    CHECK(store.has(kSha1, kRulesA));
    CHECK(query_text(db, "SELECT coalesce(year, 'null') FROM documents") == "null");
    CHECK(query_text(db, "SELECT expected FROM findings") == "16");
}

TEST_CASE("store: invalid UTF-8 in a document is stored with U+FFFD, not refused", "[store]") {
    const std::string db = gk::test::temp_dir("store-utf8") + "/results.db";
    auto store = gk::ResultStore::open(db);
    json doc = sample_document(kSha1, "a.html", 1);
    doc["findings"][0]["message"] = std::string("「行政许可\xE2…」"); // a quote cut inside a character
    store.put(doc, kRulesA, store.begin_run({}));
    const auto got = store.get(kSha1, kRulesA);
    REQUIRE(got.has_value());
    CHECK((*got)["findings"][0]["message"] == "「行政许可\xEF\xBF\xBD…」");
}

TEST_CASE("store: a bad path throws an error naming the path", "[store]") {
    const std::string dir = gk::test::temp_dir("store-bad");
    const std::string missing_dir = dir + "/no/such/dir/results.db";
    try {
        (void)gk::ResultStore::open(missing_dir);
        FAIL("no exception for " << missing_dir);
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains(missing_dir));
    }
    // A directory where the file should be.
    try {
        (void)gk::ResultStore::open(dir);
        FAIL("no exception for a directory");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains(dir));
    }
    // A file that is not a database.
    const std::string text_file = dir + "/notes.db";
    std::ofstream(text_file) << "这不是数据库 — this is not a database, just some text long enough to look like a header\n";
    try {
        (void)gk::ResultStore::open(text_file);
        FAIL("no exception for a text file");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains(text_file));
    }
    // Another application's SQLite database with a conflicting "documents" table.
    const std::string foreign = dir + "/foreign.db";
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(foreign.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "CREATE TABLE documents(id INTEGER PRIMARY KEY, body TEXT)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    try {
        (void)gk::ResultStore::open(foreign);
        FAIL("no exception for a foreign schema");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains(foreign));
    }
    CHECK_THROWS_AS(gk::ResultStore::open(""), std::runtime_error);
}

TEST_CASE("store: a database from a newer schema is refused", "[store]") {
    const std::string db = gk::test::temp_dir("store-newer") + "/results.db";
    { auto store = gk::ResultStore::open(db); }
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "PRAGMA user_version=99", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    CHECK_THROWS_WITH(gk::ResultStore::open(db), Catch::Contains("newer") && Catch::Contains(db));
}

TEST_CASE("store: thousands of documents in batches, all stored", "[store]") {
    const std::string db = gk::test::temp_dir("store-many") + "/results.db";
    {
        auto store = gk::ResultStore::open(db);
        store.set_batch_size(100);
        const auto run = store.begin_run({{"name", "gkcheck"}});
        for (int i = 0; i < 2000; ++i) {
            char sha[65];
            std::snprintf(sha, sizeof sha, "%064d", i);
            store.put(sample_document(sha, "doc" + std::to_string(i) + ".html", i % 4), kRulesA, run);
        }
        store.end_run(run, {{"documents", 2000}});
    }
    CHECK(query_int(db, "SELECT count(*) FROM documents") == 2000);
    CHECK(query_int(db, "SELECT count(*) FROM findings") == 500 * (0 + 1 + 2 + 3));
}

TEST_CASE("store: a store can be moved; the moved-to store keeps working", "[store]") {
    const std::string db = gk::test::temp_dir("store-move") + "/results.db";
    auto a = gk::ResultStore::open(db);
    const auto run = a.begin_run({});
    gk::ResultStore b = std::move(a);
    b.put(sample_document(kSha1, "a.html", 1), kRulesA, run);
    CHECK(b.has(kSha1, kRulesA));
    CHECK_THROWS_AS(a.has(kSha1, kRulesA), std::logic_error); // NOLINT(bugprone-use-after-move): tested on purpose
}

TEST_CASE("store: rules fingerprint follows the ruleset bytes", "[store]") {
    const std::string dir = gk::test::temp_dir("store-fingerprint");
    const std::string a = dir + "/a.xml", b = dir + "/b.xml";
    std::ofstream(a) << "<ruleset id='a'/>";
    std::ofstream(b) << "<ruleset id='b'/>";
    const auto fp = gk::ResultStore::fingerprint_rules({a, b});
    CHECK(fp.size() == 64);
    CHECK(fp == gk::ResultStore::fingerprint_rules({a, b}));
    CHECK(fp != gk::ResultStore::fingerprint_rules({b, a}));
    CHECK(fp != gk::ResultStore::fingerprint_rules({a, b}, "disable=privacy."));
    std::ofstream(b) << "<ruleset id='b2'/>";
    CHECK(fp != gk::ResultStore::fingerprint_rules({a, b}));
    CHECK_THROWS_WITH(gk::ResultStore::fingerprint_rules({dir + "/missing.xml"}), Catch::Contains("missing.xml"));

    const auto files = gk::ResultStore::ruleset_files(std::string(GK_SOURCE_DIR) + "/rulesets");
    CHECK(std::is_sorted(files.begin(), files.end()));
    CHECK(std::any_of(files.begin(), files.end(), [](const std::string& f) { return f.ends_with("ruleset.xsd"); }));
    CHECK(std::any_of(files.begin(), files.end(), [](const std::string& f) { return f.ends_with("annual-report-2021.xml"); }));
    CHECK_THROWS_WITH(gk::ResultStore::ruleset_files(dir + "/nope"), Catch::Contains(dir + "/nope"));
}

TEST_CASE("store: a real document round-trips through document_to_json", "[store]") {
    if (!gk::test::have_shared_corpus()) return;
    const auto files = gk::test::files_under(gk::test::shared_corpus() + "/seeds");
    REQUIRE_FALSE(files.empty());
    const std::string db = gk::test::temp_dir("store-real") + "/results.db";
    auto store = gk::ResultStore::open(db);
    const auto run = store.begin_run({{"name", "gkcheck"}});
    std::size_t findings = 0;
    std::vector<json> docs;
    for (const auto& f : files) {
        docs.push_back(gk::document_to_json(gk::test::check_file(f), gk::ReportOptions{}));
        findings += docs.back()["findings"].size();
        store.put(docs.back(), kRulesA, run);
    }
    store.end_run(run, {});
    for (const auto& d : docs) {
        const auto got = store.get(d["sha256"].get<std::string>(), kRulesA);
        REQUIRE(got.has_value());
        CHECK(*got == d);
    }
    CHECK(query_int(db, "SELECT count(*) FROM findings") == static_cast<long long>(findings));
}

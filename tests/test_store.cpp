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
    for (const char* table : {"runs", "documents", "findings", "input_errors", "files", "cross_findings", "document_keys", "cell_values"})
        CHECK(query_int(db, std::string("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='") + table + "'") == 1);
    for (const char* view : {"cells", "cells_by_document", "findings_by_document"})
        CHECK(query_int(db, std::string("SELECT count(*) FROM sqlite_master WHERE type='view' AND name='") + view + "'") == 1);
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

namespace {
std::size_t index_count(const std::string& db, const char* name) {
    return static_cast<std::size_t>(query_int(db, std::string("SELECT count(*) FROM sqlite_master WHERE type='index' AND name='") + name + "'"));
}
} // namespace

TEST_CASE("store: a large batch builds the by-cell index once, at the end", "[store]") {
    const std::string db = gk::test::temp_dir("store-cell-index") + "/results.db";
    auto put_many = [&](gk::ResultStore& store, const std::string& run, int from, int to) {
        for (int i = from; i < to; ++i) {
            char sha[65];
            std::snprintf(sha, sizeof sha, "%064d", i);
            store.put(sample_document(sha, "doc" + std::to_string(i) + ".html", 1), kRulesA, run);
        }
    };
    const std::string by_cell = "SELECT count(*) FROM cells WHERE tbl='requests' AND row_id='new' AND col_id='natural' AND value=16";
    {
        auto store = gk::ResultStore::open(db);
        CHECK(index_count(db, "cell_values_cell") == 1);
        store.expect_documents(63); // too few to bother
        CHECK(index_count(db, "cell_values_cell") == 1);
        store.set_batch_size(50);
        const auto run = store.begin_run({{"name", "gkcheck"}});
        store.expect_documents(200);
        CHECK(index_count(db, "cell_values_cell") == 0);
        put_many(store, run, 0, 200);
        store.flush();
        CHECK(query_int(db, by_cell) == 200); // the same rows without the index
        store.end_run(run, {});
        CHECK(index_count(db, "cell_values_cell") == 1);
    }
    {
        // 700 more against 200 stored: dropped again, and built by the destructor without end_run.
        auto store = gk::ResultStore::open(db);
        store.set_batch_size(100);
        const auto run = store.begin_run({{"name", "gkcheck"}});
        store.expect_documents(700);
        CHECK(index_count(db, "cell_values_cell") == 0);
        put_many(store, run, 200, 900);
    }
    CHECK(index_count(db, "cell_values_cell") == 1);
    CHECK(query_int(db, by_cell) == 900);
    {
        // 64 against 900 stored: fewer than a tenth, so the index is kept up to date instead.
        auto store = gk::ResultStore::open(db);
        store.expect_documents(29);
        store.expect_documents(64);
        CHECK(index_count(db, "cell_values_cell") == 1);
    }
    // A batch killed before its end (here: the index dropped by hand) gets it back at the next
    // open for writing; opening to read leaves the file as it is.
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "DROP INDEX cell_values_cell", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    { auto reader = gk::ResultStore::open(db, gk::ResultStore::Access::read); }
    CHECK(index_count(db, "cell_values_cell") == 0);
    { auto writer = gk::ResultStore::open(db); }
    CHECK(index_count(db, "cell_values_cell") == 1);
    // ... and by-cell queries through the `cells` view use it.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* plan = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, ("EXPLAIN QUERY PLAN " + by_cell).c_str(), -1, &plan, nullptr) == SQLITE_OK);
    std::string details;
    while (sqlite3_step(plan) == SQLITE_ROW) details += reinterpret_cast<const char*>(sqlite3_column_text(plan, 3)) + std::string("\n");
    sqlite3_finalize(plan);
    sqlite3_close(raw);
    CHECK(details.find("cell_values_cell") != std::string::npos);
}

TEST_CASE("store: a version-2 database is migrated to version 3, its cells kept in order", "[store]") {
    const std::string db = gk::test::temp_dir("store-v2") + "/v2.sqlite";
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    // A version-2 database (the tables of version 1 and what version 2 added), with two
    // documents whose cells interleave, and one cell row whose document row is gone.
    const char* v2 =
        "CREATE TABLE runs(id TEXT PRIMARY KEY, started TEXT NOT NULL, finished TEXT, tool_name TEXT, tool_version TEXT, rulesets TEXT, "
        "rules_fingerprint TEXT, summary_json TEXT);"
        "CREATE TABLE findings(sha256 TEXT NOT NULL, rules_fingerprint TEXT NOT NULL, seq INTEGER NOT NULL, rule TEXT NOT NULL, "
        "severity TEXT NOT NULL, message TEXT, line INTEGER, col INTEGER, tbl TEXT, row_id TEXT, col_id TEXT, expected TEXT, actual TEXT, extra_json TEXT);"
        "CREATE TABLE input_errors(sha256 TEXT, rules_fingerprint TEXT NOT NULL, run_id TEXT NOT NULL, path TEXT NOT NULL, code TEXT NOT NULL, "
        "message TEXT, fatal INTEGER NOT NULL);"
        "CREATE TABLE files(path TEXT NOT NULL, sha256 TEXT NOT NULL, rules_fingerprint TEXT NOT NULL, run_id TEXT NOT NULL, seen TEXT NOT NULL, "
        "PRIMARY KEY(path, sha256, rules_fingerprint));"
        "CREATE TABLE cross_findings(sha256 TEXT NOT NULL, rules_fingerprint TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL, "
        "message_zh TEXT, message_en TEXT, line INTEGER, col INTEGER, tbl TEXT, row_id TEXT, col_id TEXT, expected TEXT, actual TEXT, extra_json TEXT);"
        "CREATE TABLE documents(sha256 TEXT NOT NULL, rules_fingerprint TEXT NOT NULL, path TEXT NOT NULL, run_id TEXT NOT NULL, "
        "checked TEXT NOT NULL, encoding TEXT, format TEXT, script TEXT, type TEXT, year INTEGER, template TEXT, title TEXT, "
        "publisher TEXT, published TEXT, index_no TEXT, doc_no TEXT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, "
        "infos INTEGER NOT NULL, input_errors INTEGER NOT NULL, document_json TEXT NOT NULL, agency TEXT, agency_level TEXT, "
        "agency_kind TEXT, report_key TEXT, PRIMARY KEY(sha256, rules_fingerprint));"
        "CREATE TABLE cells(sha256 TEXT NOT NULL, rules_fingerprint TEXT NOT NULL, tbl TEXT NOT NULL, row_id TEXT NOT NULL, "
        "col_id TEXT NOT NULL, value NUMERIC, text TEXT, status TEXT);"
        "CREATE INDEX cells_document ON cells(sha256, rules_fingerprint);"
        "CREATE INDEX cells_cell ON cells(tbl, row_id, col_id);"
        "CREATE VIEW cells_by_document AS SELECT d.path, d.type, d.year, d.template, c.* FROM cells c JOIN documents d USING (sha256, rules_fingerprint);"
        "INSERT INTO documents(sha256, rules_fingerprint, path, run_id, checked, type, year, template, errors, warnings, infos, input_errors, document_json) "
        "VALUES('s1','fp','a.html','r','t','annual-report',2022,'2021',0,0,0,0,'{}'), ('s2','fp','b.html','r','t','annual-report',2023,'2021',0,0,0,0,'{}');"
        "INSERT INTO cells VALUES('s2','fp','requests','new','total',7,NULL,NULL), ('s1','fp','requests','new','total',5,NULL,NULL),"
        " ('s2','fp','requests','carried','total',NULL,NULL,'not-stated'), ('s1','fp','active','procurement','amount',NULL,'3.61亿元',NULL),"
        " ('gone','fp','requests','new','total',1,NULL,NULL);"
        "PRAGMA user_version=2; PRAGMA application_id=1196114760;";
    REQUIRE(sqlite3_exec(raw, v2, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    { auto store = gk::ResultStore::open(db); }
    CHECK(query_int(db, "PRAGMA user_version") == 3);
    CHECK(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('cells_document','cells_cell')") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM cells") == 5);
    CHECK(query_text(db, "SELECT group_concat(sha256 || ':' || row_id || ':' || coalesce(value, text, status), ' ') FROM "
                         "(SELECT k.sha256, c.row_id, c.value, c.text, c.status FROM cell_values c JOIN document_keys k ON k.id = c.doc ORDER BY c.rowid)") ==
          "s2:new:7 s1:new:5 s2:carried:not-stated s1:procurement:3.61亿元 gone:new:1");
    CHECK(query_int(db, "SELECT value FROM cells WHERE sha256='s1' AND rules_fingerprint='fp' AND row_id='new'") == 5);
    CHECK(query_text(db, "SELECT typeof(value) FROM cells WHERE sha256='s2' AND row_id='new'") == "integer");
    CHECK(query_int(db, "SELECT count(*) FROM cells_by_document WHERE year=2023") == 2);
    CHECK(query_text(db, "SELECT path FROM cells_by_document WHERE text='3.61亿元'") == "a.html");
    // Putting a migrated document again replaces its cells, under its old number.
    const long long s1 = query_int(db, "SELECT id FROM document_keys WHERE sha256='s1'");
    {
        auto store = gk::ResultStore::open(db);
        const auto run = store.begin_run({{"name", "gkcheck"}});
        store.put(sample_document("s1", "a.html", 0), "fp", run);
        store.end_run(run, {});
    }
    CHECK(query_int(db, "SELECT count(*) FROM cells WHERE sha256='s1'") == 7);
    CHECK(query_int(db, "SELECT count(DISTINCT doc) FROM cell_values WHERE doc=" + std::to_string(s1)) == 1);
    CHECK(query_int(db, "SELECT count(*) FROM document_keys WHERE sha256='s1'") == 1);
    CHECK(query_int(db, "SELECT count(*) FROM cells WHERE sha256='s2'") == 2);
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

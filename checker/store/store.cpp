#include "store/store.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include <sqlite3.h>

#include "ingest/ingest.hpp"

namespace gk {

using nlohmann::json;

namespace {

// The schema auditors query (docs/STORE.md). Additive changes only; bump schema_version and
// migrate in open() when a column must change meaning.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs(
  id                TEXT PRIMARY KEY,
  started           TEXT NOT NULL,
  finished          TEXT,
  tool_name         TEXT,
  tool_version      TEXT,
  rulesets          TEXT,
  rules_fingerprint TEXT,
  summary_json      TEXT
);
CREATE TABLE IF NOT EXISTS documents(
  sha256            TEXT NOT NULL,
  rules_fingerprint TEXT NOT NULL,
  path              TEXT NOT NULL,
  run_id            TEXT NOT NULL,
  checked           TEXT NOT NULL,
  encoding          TEXT,
  format            TEXT,
  script            TEXT,
  type              TEXT,
  year              INTEGER,
  template          TEXT,
  title             TEXT,
  publisher         TEXT,
  published         TEXT,
  index_no          TEXT,
  doc_no            TEXT,
  errors            INTEGER NOT NULL,
  warnings          INTEGER NOT NULL,
  infos             INTEGER NOT NULL,
  input_errors      INTEGER NOT NULL,
  document_json     TEXT NOT NULL,
  PRIMARY KEY(sha256, rules_fingerprint)
);
CREATE INDEX IF NOT EXISTS documents_type_year ON documents(type, year);
CREATE INDEX IF NOT EXISTS documents_run ON documents(run_id);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE TABLE IF NOT EXISTS findings(
  sha256            TEXT NOT NULL,
  rules_fingerprint TEXT NOT NULL,
  seq               INTEGER NOT NULL,
  rule              TEXT NOT NULL,
  severity          TEXT NOT NULL,
  message           TEXT,
  line              INTEGER,
  col               INTEGER,
  tbl               TEXT,
  row_id            TEXT,
  col_id            TEXT,
  expected          TEXT,
  actual            TEXT,
  extra_json        TEXT
);
CREATE INDEX IF NOT EXISTS findings_document ON findings(sha256, rules_fingerprint);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);
CREATE TABLE IF NOT EXISTS input_errors(
  sha256            TEXT,
  rules_fingerprint TEXT NOT NULL,
  run_id            TEXT NOT NULL,
  path              TEXT NOT NULL,
  code              TEXT NOT NULL,
  message           TEXT,
  fatal             INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS input_errors_document ON input_errors(sha256, rules_fingerprint);
CREATE INDEX IF NOT EXISTS input_errors_run ON input_errors(run_id);
CREATE TABLE IF NOT EXISTS cells(
  sha256            TEXT NOT NULL,
  rules_fingerprint TEXT NOT NULL,
  tbl               TEXT NOT NULL,
  row_id            TEXT NOT NULL,
  col_id            TEXT NOT NULL,
  value             NUMERIC,
  text              TEXT,
  status            TEXT
);
CREATE INDEX IF NOT EXISTS cells_document ON cells(sha256, rules_fingerprint);
CREATE INDEX IF NOT EXISTS cells_cell ON cells(tbl, row_id, col_id);
CREATE VIEW IF NOT EXISTS findings_by_document AS
  SELECT d.path, d.type, d.year, d.run_id, f.*
  FROM findings f JOIN documents d USING (sha256, rules_fingerprint);
CREATE VIEW IF NOT EXISTS cells_by_document AS
  SELECT d.path, d.type, d.year, d.template, c.*
  FROM cells c JOIN documents d USING (sha256, rules_fingerprint);
)sql";

// Schema 2 (additive): the agency of each document, the key of its report (agency + year +
// table values: the same report in two formats), and `files`, one row per (path, content), so
// that copies and renamed files show as such. Applied to a fresh database after kSchema, and to
// a version-1 database on open (backfilled from document_json and documents.path).
constexpr const char* kMigrateTo2 = R"sql(
ALTER TABLE documents ADD COLUMN agency TEXT;
ALTER TABLE documents ADD COLUMN agency_level TEXT;
ALTER TABLE documents ADD COLUMN agency_kind TEXT;
ALTER TABLE documents ADD COLUMN report_key TEXT;
UPDATE documents SET agency = json_extract(document_json, '$.agency.normalised'),
                     agency_level = json_extract(document_json, '$.agency.level'),
                     agency_kind = json_extract(document_json, '$.agency.kind');
CREATE INDEX IF NOT EXISTS documents_agency_year ON documents(agency, year);
CREATE INDEX IF NOT EXISTS documents_report ON documents(report_key);
CREATE TABLE IF NOT EXISTS files(
  path              TEXT NOT NULL,
  sha256            TEXT NOT NULL,
  rules_fingerprint TEXT NOT NULL,
  run_id            TEXT NOT NULL,
  seen              TEXT NOT NULL,
  PRIMARY KEY(path, sha256, rules_fingerprint)
);
CREATE INDEX IF NOT EXISTS files_document ON files(sha256, rules_fingerprint);
INSERT OR IGNORE INTO files(path, sha256, rules_fingerprint, run_id, seen)
  SELECT path, sha256, rules_fingerprint, run_id, checked FROM documents;
CREATE TABLE IF NOT EXISTS cross_findings(
  sha256            TEXT NOT NULL,
  rules_fingerprint TEXT NOT NULL,
  rule              TEXT NOT NULL,
  severity          TEXT NOT NULL,
  message_zh        TEXT,
  message_en        TEXT,
  line              INTEGER,
  col               INTEGER,
  tbl               TEXT,
  row_id            TEXT,
  col_id            TEXT,
  expected          TEXT,
  actual            TEXT,
  extra_json        TEXT
);
CREATE INDEX IF NOT EXISTS cross_findings_document ON cross_findings(sha256, rules_fingerprint);
)sql";

// Schema 3: table cells keyed by a small document number instead of the 128 characters of
// (sha256, rules_fingerprint) repeated on every cell row and in its index (a report's ~100 cells
// took 36 KB, now ~7 KB). `document_keys` numbers each (sha256, rules_fingerprint) once (INTEGER
// PRIMARY KEY: stable under VACUUM); `cell_values` holds the cells; `cells` is a view with the
// columns of schemas 1 and 2, so queries written for them read the same rows.
constexpr const char* kMigrateTo3 = R"sql(
CREATE TABLE document_keys(
  id                INTEGER PRIMARY KEY,
  sha256            TEXT NOT NULL,
  rules_fingerprint TEXT NOT NULL,
  UNIQUE(sha256, rules_fingerprint)
);
CREATE TABLE cell_values(
  doc               INTEGER NOT NULL,
  tbl               TEXT NOT NULL,
  row_id            TEXT NOT NULL,
  col_id            TEXT NOT NULL,
  value             NUMERIC,
  text              TEXT,
  status            TEXT
);
INSERT INTO document_keys(sha256, rules_fingerprint)
  SELECT sha256, rules_fingerprint FROM documents ORDER BY rowid;
INSERT OR IGNORE INTO document_keys(sha256, rules_fingerprint)
  SELECT sha256, rules_fingerprint FROM cells GROUP BY sha256, rules_fingerprint ORDER BY min(rowid);
INSERT INTO cell_values(doc, tbl, row_id, col_id, value, text, status)
  SELECT k.id, c.tbl, c.row_id, c.col_id, c.value, c.text, c.status
  FROM cells c JOIN document_keys k USING (sha256, rules_fingerprint) ORDER BY c.rowid;
DROP VIEW IF EXISTS cells_by_document;
DROP TABLE cells;
CREATE INDEX cell_values_document ON cell_values(doc);
CREATE INDEX cell_values_cell ON cell_values(tbl, row_id, col_id);
CREATE VIEW cells AS
  SELECT k.sha256, k.rules_fingerprint, c.tbl, c.row_id, c.col_id, c.value, c.text, c.status
  FROM cell_values c JOIN document_keys k ON k.id = c.doc;
CREATE VIEW cells_by_document AS
  SELECT d.path, d.type, d.year, d.template, c.*
  FROM cells c JOIN documents d USING (sha256, rules_fingerprint);
)sql";

// The by-cell index (all reports' 本年新收 totals, say). Kept up to date, it costs more than the
// rest of a document's rows together: a report's ~100 cells land on ~100 leaves spread over the
// index, split and rebalanced there. A large batch drops it and builds it once at the end
// (expect_documents(), end_run()): one sort, ~15x cheaper.
constexpr const char* kCellIndex = "CREATE INDEX IF NOT EXISTS cell_values_cell ON cell_values(tbl, row_id, col_id)";

// "GKCH": lets `file` and other tools tell a gkcheck results database from any other SQLite file.
constexpr int kApplicationId = 0x474b4348;

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%SZ','now')";

// Serialises without throwing: a stray invalid UTF-8 byte in a message (e.g. a quote cut
// mid-character) becomes U+FFFD instead of losing the whole document.
std::string dump_json(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A prepared statement, reset after each use so it can be reused for the life of the store.
class Statement {
public:
    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { finalize(); }
    void finalize() { if (stmt_) sqlite3_finalize(stmt_); stmt_ = nullptr; }

    void prepare(sqlite3* db, const std::string& sql) { sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) == SQLITE_OK || (stmt_ = nullptr); }
    sqlite3_stmt* get() const { return stmt_; }

    void bind_text(int i, const std::string& s) { sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT); }
    void bind_null(int i) { sqlite3_bind_null(stmt_, i); }
    void bind_int(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
    void bind_double(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
    void bind_optional(int i, const std::optional<std::string>& s) { if (s) bind_text(i, *s); else bind_null(i); }
    void bind_value(int i, const ResultStore::Value& v) {
        switch (v.kind) {
        case ResultStore::Value::Kind::null: bind_null(i); break;
        case ResultStore::Value::Kind::integer: bind_int(i, v.integer); break;
        case ResultStore::Value::Kind::real: bind_double(i, v.real); break;
        case ResultStore::Value::Kind::text: bind_text(i, v.text); break;
        }
    }
    void reset() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

std::optional<std::string> string_at(const json& obj, const char* key) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

std::string text_of(const json& j) {
    if (j.is_string()) return j.get<std::string>();
    return dump_json(j);
}

using Value = ResultStore::Value;

Value integer_value(long long v) {
    Value x;
    x.kind = Value::Kind::integer;
    x.integer = v;
    return x;
}

Value text_value(std::string t) {
    Value x;
    x.kind = Value::Kind::text;
    x.text = std::move(t);
    return x;
}

Value optional_value(std::optional<std::string> t) { return t ? text_value(std::move(*t)) : Value{}; }

// Scalars keep their SQL type; anything else is stored as its JSON text.
Value value_of(const json& j) {
    if (j.is_null()) return {};
    if (j.is_string()) return text_value(j.get<std::string>());
    if (j.is_boolean()) return integer_value(j.get<bool>() ? 1 : 0);
    if (j.is_number_integer()) return integer_value(j.get<long long>());
    if (j.is_number()) {
        Value x;
        x.kind = Value::Kind::real;
        x.real = j.get<double>();
        return x;
    }
    return text_value(dump_json(j));
}

void add_cells(const json& tables, std::vector<std::array<Value, 6>>& out) {
    if (!tables.is_object()) return;
    for (const auto& [tbl, table] : tables.items()) {
        if (!table.is_object()) continue;
        auto rows = table.find("rows");
        if (rows == table.end() || !rows->is_object()) continue;
        // "row.col" ids; row ids may contain dots themselves (denied.secret), columns do not.
        std::set<std::string> assumed_zero, not_stated;
        for (const char* key : {"assumed_zero", "not_stated"}) {
            auto list = table.find(key);
            if (list == table.end() || !list->is_array()) continue;
            for (const auto& id : *list)
                if (id.is_string()) (key[0] == 'a' ? assumed_zero : not_stated).insert(id.get<std::string>());
        }
        for (const auto& [row, cols] : rows->items()) {
            if (!cols.is_object()) continue;
            for (const auto& [col, value] : cols.items()) {
                const std::string cell = row + "." + col;
                std::array<Value, 6> c;
                c[0] = text_value(tbl);
                c[1] = text_value(row);
                c[2] = text_value(col);
                if (value.is_number()) c[3] = value_of(value);
                if (value.is_string()) c[4] = text_value(value.get<std::string>());
                else if (!value.is_null() && !value.is_number()) c[4] = text_value(dump_json(value));
                if (assumed_zero.count(cell)) c[5] = text_value("assumed-zero");
                else if (not_stated.count(cell)) c[5] = text_value("not-stated");
                out.push_back(std::move(c));
            }
        }
    }
}

} // namespace

std::optional<std::string> ResultStore::report_key(const json& document) {
    if (!document.is_object()) return std::nullopt;
    const auto agency = document.contains("agency") ? string_at(document["agency"], "normalised") : std::nullopt;
    if (!agency || !document.contains("year") || !document["year"].is_number_integer()) return std::nullopt;
    if (string_at(document, "type").value_or("") != "annual-report") return std::nullopt;
    // The values of the statistics tables, by id: the same report printed as a page and as text.
    json values = json::object();
    if (document.contains("tables") && document["tables"].is_object())
        for (const auto& [id, t] : document["tables"].items())
            if (t.is_object() && t.contains("rows") && t.value("verifiable", true)) values[id] = t["rows"];
    if (values.empty()) return std::nullopt;
    return sha256_hex(*agency + "\n" + std::to_string(document["year"].get<long long>()) + "\n" + dump_json(values));
}

namespace {

std::string random_hex(std::size_t digits) {
    static std::random_device device;
    static std::mt19937_64 gen(device());
    std::string out;
    while (out.size() < digits) {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(gen()));
        out += buf;
    }
    out.resize(digits);
    return out;
}

} // namespace

struct ResultStore::Impl {
    std::string path;
    sqlite3* db = nullptr;
    bool in_transaction = false;
    bool cell_index_dropped = false; // by expect_documents(), until end_run() or close()
    std::size_t pending = 0;
    std::size_t batch_size = 1;

    Statement begin, commit, savepoint, release, rollback_to;
    Statement has_document, get_document;
    Statement delete_findings, delete_errors, delete_cells, find_key, insert_key;
    Statement insert_document, insert_finding, insert_error, insert_cell;
    Statement insert_run, finish_run, insert_file;

    ~Impl() { close(); }

    // Commits what is pending (errors are swallowed: callers who care call flush() first),
    // finalises every statement, then closes the connection.
    void close() noexcept {
        if (!db) return;
        try {
            commit_pending();
            build_cell_index();
        } catch (...) {
        }
        for (Statement* s : {&begin, &commit, &savepoint, &release, &rollback_to, &has_document, &get_document,
                             &delete_findings, &delete_errors, &delete_cells, &find_key, &insert_key, &insert_document, &insert_finding,
                             &insert_error, &insert_cell, &insert_run, &finish_run, &insert_file})
            s->finalize();
        sqlite3_close_v2(db);
        db = nullptr;
    }

    int busy_ms = 5000;

    // What the last error means for the user, after SQLite's own words: a lock held by another
    // process, a full disk, a damaged file, a read-only file.
    std::string explain(int rc) const {
        switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        {
            char waited[32];
            std::snprintf(waited, sizeof waited, "%.1f", busy_ms / 1000.0);
            return std::string(" (another process is writing to it; waited ") + waited + " s: run the two one after the other)";
        }
        case SQLITE_FULL: return " (the disk is full or a file-size limit is reached; what was committed before is kept)";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return " (the file is damaged: restore it from a copy, or give another --db file)";
        case SQLITE_READONLY: return " (the file or its directory is read-only)";
        case SQLITE_IOERR:
            if (db && sqlite3_system_errno(db) == EFBIG) return " (a file-size limit is reached; what was committed before is kept)";
            if (db && sqlite3_system_errno(db) == ENOSPC) return " (the disk is full; what was committed before is kept)";
            return std::string(" (a write failed") +
                   (db && sqlite3_system_errno(db) ? std::string(": ") + std::strerror(sqlite3_system_errno(db)) : std::string()) +
                   "; the disk may be full or a file-size limit reached; what was committed before is kept)";
        default: return "";
        }
    }

    [[noreturn]] void fail(const std::string& what) const {
        std::string msg = "results database " + path + ": " + what;
        if (db) msg += ": " + std::string(sqlite3_errmsg(db)) + explain(sqlite3_extended_errcode(db));
        throw std::runtime_error(msg);
    }

    void exec(const std::string& sql, const char* what) {
        char* err = nullptr;
        if (const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
            std::string detail = err ? err : "";
            sqlite3_free(err);
            throw std::runtime_error("results database " + path + ": " + what + ": " + detail + explain(rc));
        }
    }

    void prepare(Statement& s, const std::string& sql) {
        s.prepare(db, sql);
        if (!s.get()) fail("incompatible schema (preparing \"" + sql.substr(0, 40) + "…\")");
    }

    // Runs a statement that returns no rows (or whose rows are ignored), then resets it.
    void step_done(Statement& s, const char* what) {
        const int rc = sqlite3_step(s.get());
        s.reset();
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail(what);
    }

    void ensure_transaction() {
        if (in_transaction) return;
        step_done(begin, "cannot begin a transaction");
        in_transaction = true;
    }

    void build_cell_index() {
        if (!cell_index_dropped) return;
        exec(kCellIndex, "cannot index the table cells");
        cell_index_dropped = false;
    }

    void commit_pending() {
        if (!in_transaction) return;
        step_done(commit, "cannot commit");
        in_transaction = false;
        pending = 0;
    }

    long long count(const char* sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) fail("cannot read the schema");
        const int rc = sqlite3_step(st);
        const long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail("cannot read the schema");
        return n;
    }

    int integer_pragma(const char* name) {
        sqlite3_stmt* s = nullptr;
        const std::string sql = std::string("PRAGMA ") + name;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) fail(std::string("cannot read ") + name);
        const int rc = sqlite3_step(s);
        const int value = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
        sqlite3_finalize(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(std::string("cannot read ") + name);
        return value;
    }

    void note_file(const std::string& file, const std::string& sha, const std::string& fp, const std::string& run) {
        insert_file.bind_text(1, file);
        insert_file.bind_text(2, sha);
        insert_file.bind_text(3, fp);
        insert_file.bind_text(4, run);
        step_done(insert_file, "cannot record a file");
    }

    // The number of (sha256, rules_fingerprint) in document_keys, made on first use.
    long long document_key(const std::string& sha, const std::string& fp) {
        find_key.bind_text(1, sha);
        find_key.bind_text(2, fp);
        const int rc = sqlite3_step(find_key.get());
        const long long id = rc == SQLITE_ROW ? sqlite3_column_int64(find_key.get(), 0) : 0;
        find_key.reset();
        if (rc == SQLITE_ROW) return id;
        if (rc != SQLITE_DONE) fail("cannot look up a document number");
        insert_key.bind_text(1, sha);
        insert_key.bind_text(2, fp);
        step_done(insert_key, "cannot number a document");
        return sqlite3_last_insert_rowid(db);
    }
};

ResultStore::ResultStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultStore::ResultStore(ResultStore&&) noexcept = default;
ResultStore& ResultStore::operator=(ResultStore&&) noexcept = default;
ResultStore::~ResultStore() = default;

ResultStore ResultStore::open(const std::string& path, Access access) {
    if (path.empty()) throw std::runtime_error("results database: empty path");
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    const int rc = sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        const std::string detail = impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc);
        sqlite3_close_v2(impl->db);
        impl->db = nullptr;
        throw std::runtime_error("results database " + path + ": cannot open: " + detail);
    }
    // From here on, `store` owns the connection and closes it if anything below throws.
    ResultStore store(std::move(impl));
    Impl& s = *store.impl_;
    sqlite3_extended_result_codes(s.db, 1);
    // Another writer: wait for its lock this long, then fail naming the database. (Tests shorten
    // the wait with GKCHECK_TEST_DB_BUSY_MS.)
    if (const char* ms = std::getenv("GKCHECK_TEST_DB_BUSY_MS"); ms && *ms) s.busy_ms = std::max(0, std::atoi(ms));
    sqlite3_busy_timeout(s.db, s.busy_ms);

    // Reading a pragma is the first real access: it fails here for a directory, a file that is
    // not a database, or an unreadable file.
    const int version = s.integer_pragma("user_version");
    if (version > schema_version)
        throw std::runtime_error("results database " + path + ": written by a newer gkcheck (schema " +
                                 std::to_string(version) + ", this build reads " + std::to_string(schema_version) + ")");
    const int app_id = s.integer_pragma("application_id");
    if (app_id != 0 && app_id != kApplicationId)
        throw std::runtime_error("results database " + path + ": not a gkcheck results database (another application's SQLite file)");
    if (app_id == 0 && s.count("SELECT count(*) FROM sqlite_master") > 0)
        throw std::runtime_error("results database " + path +
                                 ": not a gkcheck results database (an SQLite file with tables of its own; gkcheck adds nothing to it)");

    // A file we cannot write is refused now, not at its first document.
    if (access == Access::write && sqlite3_db_readonly(s.db, "main") == 1)
        throw std::runtime_error("results database " + path + ": read-only (no write permission on the file): give a writable --db file");
    // A damaged file (bytes overwritten inside its pages) is refused, never silently used: SQLite
    // only notices a bad page when it reads it, which may be never, or after half a batch.
    // quick_check reads every page once (O(size), about a second per GB).
    if (version > 0) {
        sqlite3_stmt* st = nullptr;
        std::string verdict;
        int rc = sqlite3_prepare_v2(s.db, "PRAGMA quick_check(1)", -1, &st, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW) {
                const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
                verdict = t ? t : "";
            }
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW) s.fail("cannot check the file");
        if (verdict != "ok")
            throw std::runtime_error("results database " + path + ": the file is damaged (PRAGMA quick_check: " +
                                     verdict.substr(0, 200) + "): restore it from a copy, or give another --db file");
    }

    s.exec("PRAGMA journal_mode=WAL", "cannot enable WAL");
    s.exec("PRAGMA synchronous=NORMAL", "cannot set synchronous");
    // Migrations, each in one transaction with its version bump: a crash leaves the old version.
    if (version < 1)
        s.exec(std::string("BEGIN IMMEDIATE;") + kSchema + "PRAGMA user_version=1;PRAGMA application_id=" +
                   std::to_string(kApplicationId) + ";COMMIT;",
               "cannot create the schema");
    if (s.integer_pragma("user_version") < 2)
        s.exec(std::string("BEGIN IMMEDIATE;") + kSchema + kMigrateTo2 + "PRAGMA user_version=2;COMMIT;",
               "cannot migrate the schema to version 2");
    if (s.integer_pragma("user_version") < 3)
        s.exec(std::string("BEGIN IMMEDIATE;") + kMigrateTo3 + "PRAGMA user_version=3;COMMIT;",
               "cannot migrate the schema to version 3");
    // A batch killed before its end left the by-cell index out: build it again.
    if (access == Access::write) s.exec(kCellIndex, "cannot index the table cells");

    s.prepare(s.begin, "BEGIN IMMEDIATE");
    s.prepare(s.commit, "COMMIT");
    s.prepare(s.savepoint, "SAVEPOINT put_document");
    s.prepare(s.release, "RELEASE put_document");
    s.prepare(s.rollback_to, "ROLLBACK TO put_document");
    s.prepare(s.has_document, "SELECT 1 FROM documents WHERE sha256=?1 AND rules_fingerprint=?2");
    s.prepare(s.get_document, "SELECT document_json FROM documents WHERE sha256=?1 AND rules_fingerprint=?2");
    s.prepare(s.delete_findings, "DELETE FROM findings WHERE sha256=?1 AND rules_fingerprint=?2");
    s.prepare(s.delete_errors, "DELETE FROM input_errors WHERE sha256=?1 AND rules_fingerprint=?2");
    s.prepare(s.delete_cells, "DELETE FROM cell_values WHERE doc=?1");
    s.prepare(s.find_key, "SELECT id FROM document_keys WHERE sha256=?1 AND rules_fingerprint=?2");
    s.prepare(s.insert_key, "INSERT INTO document_keys(sha256, rules_fingerprint) VALUES(?1, ?2)");
    s.prepare(s.insert_document,
              std::string("INSERT OR REPLACE INTO documents(sha256, rules_fingerprint, path, run_id, checked, encoding, format, "
                          "script, type, year, template, title, publisher, published, index_no, doc_no, errors, warnings, "
                          "infos, input_errors, document_json, agency, agency_level, agency_kind, report_key) VALUES(?1, ?2, ?3, ?4, ") +
                  kNow + ", ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)");
    s.prepare(s.insert_file, std::string("INSERT OR REPLACE INTO files(path, sha256, rules_fingerprint, run_id, seen) VALUES(?1, ?2, ?3, ?4, ") +
                                 kNow + ")");
    s.prepare(s.insert_finding,
              "INSERT INTO findings(sha256, rules_fingerprint, seq, rule, severity, message, line, col, tbl, row_id, col_id, "
              "expected, actual, extra_json) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    s.prepare(s.insert_error,
              "INSERT INTO input_errors(sha256, rules_fingerprint, run_id, path, code, message, fatal) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.prepare(s.insert_cell,
              "INSERT INTO cell_values(doc, tbl, row_id, col_id, value, text, status) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.prepare(s.insert_run, std::string("INSERT INTO runs(id, started, tool_name, tool_version, rulesets, rules_fingerprint) VALUES(?1, ") +
                                kNow + ", ?2, ?3, ?4, ?5)");
    s.prepare(s.finish_run, std::string("UPDATE runs SET finished=") + kNow + ", summary_json=?2 WHERE id=?1");
    return store;
}

bool ResultStore::has(const std::string& sha256, const std::string& rules_fingerprint) const {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    Impl& s = *impl_;
    s.has_document.bind_text(1, sha256);
    s.has_document.bind_text(2, rules_fingerprint);
    const int rc = sqlite3_step(s.has_document.get());
    s.has_document.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) s.fail("cannot look up a document");
    return rc == SQLITE_ROW;
}

std::vector<std::string> ResultStore::stored_sha256(const std::string& rules_fingerprint) const {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    Impl& s = *impl_;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(s.db, "SELECT sha256 FROM documents WHERE rules_fingerprint=?1", -1, &st, nullptr) != SQLITE_OK)
        s.fail("cannot list the documents");
    sqlite3_bind_text(st, 1, rules_fingerprint.data(), static_cast<int>(rules_fingerprint.size()), SQLITE_TRANSIENT);
    std::vector<std::string> out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        out.emplace_back(t ? t : "");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) s.fail("cannot list the documents");
    return out;
}

std::optional<json> ResultStore::get(const std::string& sha256, const std::string& rules_fingerprint) const {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    Impl& s = *impl_;
    s.get_document.bind_text(1, sha256);
    s.get_document.bind_text(2, rules_fingerprint);
    const int rc = sqlite3_step(s.get_document.get());
    std::optional<json> out;
    if (rc == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s.get_document.get(), 0));
        const int size = sqlite3_column_bytes(s.get_document.get(), 0);
        json doc = json::parse(std::string(text ? text : "", static_cast<std::size_t>(size)), nullptr, false);
        if (!doc.is_discarded()) out = std::move(doc);
    }
    s.get_document.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) s.fail("cannot read a document");
    return out;
}

ResultStore::Rows ResultStore::rows_of(const json& document) {
    Rows r;
    if (!document.is_object()) return r;
    r.object = true;
    r.sha256 = string_at(document, "sha256").value_or("");
    r.path = string_at(document, "path").value_or("");
    const json empty_array = json::array();
    const json& findings = document.contains("findings") && document["findings"].is_array() ? document["findings"] : empty_array;
    const json& errors = document.contains("errors") && document["errors"].is_array() ? document["errors"] : empty_array;
    for (const auto& e : errors) {
        std::array<Value, 3> row;
        row[0] = text_value(string_at(e, "code").value_or(""));
        row[1] = optional_value(string_at(e, "message"));
        // Fatal unless it says "fatal": false.
        const bool fatal = !(e.is_object() && e.contains("fatal") && e["fatal"].is_boolean() && !e["fatal"].get<bool>());
        row[2] = integer_value(fatal ? 1 : 0);
        r.errors.push_back(std::move(row));
    }
    if (r.sha256.empty()) return r; // no documents row: only the errors, under the run

    long long n_error = 0, n_warning = 0, n_info = 0;
    for (const auto& f : findings) {
        const std::string sev = string_at(f, "severity").value_or("");
        (sev == "error" ? n_error : sev == "warning" ? n_warning : n_info) += 1;
    }
    const json& meta = document.contains("metadata") ? document["metadata"] : json();
    const json& agency = document.contains("agency") ? document["agency"] : json();
    auto& d = r.document;
    d[0] = optional_value(string_at(document, "encoding"));
    d[1] = optional_value(string_at(document, "format"));
    d[2] = optional_value(string_at(document, "script"));
    d[3] = optional_value(string_at(document, "type"));
    if (document.contains("year") && document["year"].is_number_integer()) d[4] = integer_value(document["year"].get<long long>());
    d[5] = optional_value(string_at(document, "template"));
    d[6] = optional_value(string_at(meta, "title"));
    d[7] = optional_value(string_at(meta, "publisher"));
    d[8] = optional_value(string_at(meta, "published"));
    d[9] = optional_value(string_at(meta, "index_no"));
    d[10] = optional_value(string_at(meta, "doc_no"));
    d[11] = integer_value(n_error);
    d[12] = integer_value(n_warning);
    d[13] = integer_value(n_info);
    d[14] = integer_value(static_cast<long long>(errors.size()));
    d[15] = text_value(dump_json(document));
    d[16] = optional_value(string_at(agency, "normalised"));
    d[17] = optional_value(string_at(agency, "level"));
    d[18] = optional_value(string_at(agency, "kind"));
    d[19] = optional_value(report_key(document));

    static const std::set<std::string> columns = {"rule", "severity", "message", "line", "column",
                                                  "table", "row", "col", "expected", "actual"};
    for (const auto& f : findings) {
        if (!f.is_object()) continue;
        std::array<Value, 11> q;
        q[0] = text_value(string_at(f, "rule").value_or(""));
        q[1] = text_value(string_at(f, "severity").value_or(""));
        q[2] = optional_value(string_at(f, "message"));
        if (f.contains("line")) q[3] = value_of(f["line"]);
        if (f.contains("column")) q[4] = value_of(f["column"]);
        q[5] = optional_value(string_at(f, "table"));
        q[6] = optional_value(string_at(f, "row"));
        q[7] = optional_value(string_at(f, "col"));
        // expected/actual are strings in the contract; keep any other JSON as its text.
        if (f.contains("expected")) q[8] = text_value(text_of(f["expected"]));
        if (f.contains("actual")) q[9] = text_value(text_of(f["actual"]));
        json extra = json::object();
        for (const auto& [k, v] : f.items())
            if (!columns.count(k)) extra[k] = v;
        if (!extra.empty()) q[10] = text_value(dump_json(extra));
        r.findings.push_back(std::move(q));
    }
    if (document.contains("tables")) add_cells(document["tables"], r.cells);
    return r;
}

void ResultStore::put(const json& document, const std::string& rules_fingerprint, const std::string& run_id) {
    put(rows_of(document), rules_fingerprint, run_id);
}

void ResultStore::put(const Rows& r, const std::string& rules_fingerprint, const std::string& run_id) {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    Impl& s = *impl_;
    if (!r.object) s.fail("put: the document is not a JSON object");

    s.ensure_transaction();
    s.step_done(s.savepoint, "cannot begin a savepoint");
    try {
        auto insert_errors = [&](bool keyed) {
            for (const auto& e : r.errors) {
                if (keyed) s.insert_error.bind_text(1, r.sha256); else s.insert_error.bind_null(1);
                s.insert_error.bind_text(2, rules_fingerprint);
                s.insert_error.bind_text(3, run_id);
                s.insert_error.bind_text(4, r.path);
                for (int i = 0; i < 3; ++i) s.insert_error.bind_value(5 + i, e[static_cast<std::size_t>(i)]);
                s.step_done(s.insert_error, "cannot store an input error");
            }
        };
        if (r.sha256.empty()) {
            // Nothing was read, so there is no content to key on: keep the errors under the run.
            insert_errors(false);
        } else {
            for (Statement* del : {&s.delete_findings, &s.delete_errors}) {
                del->bind_text(1, r.sha256);
                del->bind_text(2, rules_fingerprint);
                s.step_done(*del, "cannot replace a document");
            }
            const long long key = s.document_key(r.sha256, rules_fingerprint);
            s.delete_cells.bind_int(1, key);
            s.step_done(s.delete_cells, "cannot replace a document");

            Statement& d = s.insert_document;
            d.bind_text(1, r.sha256);
            d.bind_text(2, rules_fingerprint);
            d.bind_text(3, r.path);
            d.bind_text(4, run_id);
            for (int i = 0; i < 20; ++i) d.bind_value(5 + i, r.document[static_cast<std::size_t>(i)]);
            s.step_done(d, "cannot store a document");
            s.note_file(r.path, r.sha256, rules_fingerprint, run_id);

            long long seq = 0;
            for (const auto& f : r.findings) {
                Statement& q = s.insert_finding;
                q.bind_text(1, r.sha256);
                q.bind_text(2, rules_fingerprint);
                q.bind_int(3, seq++);
                for (int i = 0; i < 11; ++i) q.bind_value(4 + i, f[static_cast<std::size_t>(i)]);
                s.step_done(q, "cannot store a finding");
            }
            insert_errors(true);
            for (const auto& c : r.cells) {
                s.insert_cell.bind_int(1, key);
                for (int i = 0; i < 6; ++i) s.insert_cell.bind_value(2 + i, c[static_cast<std::size_t>(i)]);
                s.step_done(s.insert_cell, "cannot store a table cell");
            }
        }
        s.step_done(s.release, "cannot release a savepoint");
    } catch (...) {
        // Leave no half-written document behind. Some errors (disk full, I/O) make SQLite roll
        // back the whole transaction itself; otherwise only this document is undone.
        if (!sqlite3_get_autocommit(s.db)) {
            sqlite3_step(s.rollback_to.get());
            s.rollback_to.reset();
            sqlite3_step(s.release.get());
            s.release.reset();
        } else {
            s.in_transaction = false;
            s.pending = 0;
        }
        throw;
    }
    if (++s.pending >= s.batch_size) s.commit_pending();
}

void ResultStore::note_file(const std::string& path, const std::string& sha256, const std::string& rules_fingerprint,
                            const std::string& run_id) {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    Impl& s = *impl_;
    s.ensure_transaction();
    s.note_file(path, sha256, rules_fingerprint, run_id);
    if (++s.pending >= s.batch_size) s.commit_pending();
}

sqlite3* ResultStore::handle() const {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    return impl_->db;
}

const std::string& ResultStore::path() const {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    return impl_->path;
}

void ResultStore::flush() {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    impl_->commit_pending();
}

void ResultStore::expect_documents(std::size_t n) {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    Impl& s = *impl_;
    // Rebuilding costs ~0.1 ms per stored document, keeping the index ~1.5 ms per put one.
    if (n < 64 || s.cell_index_dropped) return;
    if (static_cast<long long>(n) * 10 < s.count("SELECT count(*) FROM document_keys")) return;
    s.commit_pending();
    s.exec("DROP INDEX IF EXISTS cell_values_cell", "cannot drop the by-cell index");
    s.cell_index_dropped = true;
}

void ResultStore::set_batch_size(std::size_t n) {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    impl_->batch_size = std::max<std::size_t>(1, n);
}

std::string ResultStore::begin_run(const json& tool_info) {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    Impl& s = *impl_;
    // Sortable by start time, unique across processes sharing a database.
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    const std::string id = std::string(stamp) + "-" + random_hex(8);

    s.ensure_transaction();
    s.insert_run.bind_text(1, id);
    s.insert_run.bind_optional(2, string_at(tool_info, "name"));
    s.insert_run.bind_optional(3, string_at(tool_info, "version"));
    if (tool_info.is_object() && tool_info.contains("rulesets")) s.insert_run.bind_text(4, dump_json(tool_info["rulesets"]));
    else s.insert_run.bind_null(4);
    s.insert_run.bind_optional(5, string_at(tool_info, "rules_fingerprint"));
    s.step_done(s.insert_run, "cannot record the run");
    // The run row is committed at once so that an interrupted run still shows up.
    s.commit_pending();
    return id;
}

void ResultStore::end_run(const std::string& run_id, const json& summary) {
    if (!impl_) throw std::logic_error("ResultStore used after move");
    Impl& s = *impl_;
    s.ensure_transaction();
    s.finish_run.bind_text(1, run_id);
    s.finish_run.bind_text(2, dump_json(summary));
    s.step_done(s.finish_run, "cannot record the end of the run");
    s.commit_pending();
    s.build_cell_index();
}

std::string ResultStore::fingerprint_rules(const std::vector<std::string>& ruleset_file_paths, const std::string& extra) {
    std::string all;
    for (const auto& p : ruleset_file_paths) {
        std::ifstream in(p, std::ios::binary);
        if (!in) throw std::runtime_error("cannot read ruleset file " + p + " for the rules fingerprint");
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (in.bad()) throw std::runtime_error("cannot read ruleset file " + p + " for the rules fingerprint");
        const std::string content = bytes.str();
        all += std::to_string(content.size());
        all += '\n';
        all += content;
    }
    if (!extra.empty()) all += "extra\n" + extra;
    return sha256_hex(all);
}

std::vector<std::string> ResultStore::ruleset_files(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<std::string> files;
    fs::recursive_directory_iterator it(dir, ec), end;
    if (ec) throw std::runtime_error("cannot list ruleset directory " + dir + ": " + ec.message());
    for (; it != end; it.increment(ec)) {
        if (ec) throw std::runtime_error("cannot list ruleset directory " + dir + ": " + ec.message());
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace gk

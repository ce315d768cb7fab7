// Store: a SQLite results database for batch audits (thousands of documents, resumable runs).
//
// What it guarantees:
// - One row per (document content, rules): documents are keyed by (sha256, rules_fingerprint), so
//   re-checking the same bytes with the same rules replaces the earlier row and its findings,
//   input errors and table cells — never duplicates them. The same bytes checked with other rules
//   are kept side by side.
// - Everything put() is visible at once to has()/get() on the same store; it reaches the file at
//   the latest on flush(), end_run() or destruction (writes are batched in transactions of
//   `batch_size` documents — 1 by default: one transaction per document — in WAL mode, with
//   prepared statements reused; a process killed at any moment loses at most the document it was
//   writing, and a rerun with --resume checks exactly the documents that are missing).
// - Schema version 3 (PRAGMA user_version), migrated in place from versions 1 and 2 (each step
//   in one transaction: a crash leaves the old version); a database of a
//   newer version, another application's file, or an SQLite file that already has tables of its
//   own (application_id unset) is refused rather than written into.
// - Failures (unwritable path, a file that is not a database, a database of a newer schema, a
//   damaged or read-only file, a disk error while writing, another writer's lock held for more
//   than 5 s) throw std::runtime_error whose message names the database path and says what the
//   SQLite error means (locked, disk full, damaged, read-only). A failed put() leaves no part of
//   its document behind; what was committed before stays, and the file still opens.
// - The schema is documented in docs/STORE.md and meant to be queried with the sqlite3 CLI.
//
// Not thread-safe: one thread uses a ResultStore at a time (the CLI calls put() from its printing
// thread). Several processes may share a file (WAL + busy timeout), one writer at a time.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

struct sqlite3;

namespace gk {

class ResultStore {
public:
    // Opens (creating the file and the schema when missing) the database at `path`. Refused, with
    // a message naming the path: a damaged file (PRAGMA quick_check, run at every open of an
    // existing database), and with Access::write a file SQLite can only open read-only.
    enum class Access { write, read };
    static ResultStore open(const std::string& path, Access access = Access::write);

    ResultStore(ResultStore&&) noexcept;
    ResultStore& operator=(ResultStore&&) noexcept;
    ~ResultStore(); // commits pending writes (errors at this point are swallowed: call flush())

    // For --resume: true when a document with these bytes was already stored with these rules.
    bool has(const std::string& sha256, const std::string& rules_fingerprint) const;
    // Every sha256 stored with these rules (one query: a batch knows up front what to skip).
    std::vector<std::string> stored_sha256(const std::string& rules_fingerprint) const;
    // The stored document JSON (as put), for putting skipped documents back into a report.
    std::optional<nlohmann::json> get(const std::string& sha256, const std::string& rules_fingerprint) const;

    // One value of a row: NULL, an integer, a real or a text.
    struct Value {
        enum class Kind : unsigned char { null, integer, real, text };
        Kind kind = Kind::null;
        long long integer = 0;
        double real = 0;
        std::string text;
    };
    // A document's rows as put() writes them, made from its JSON without the database: any
    // thread may make them (the CLI's workers do), so that the thread that writes only binds.
    struct Rows {
        bool object = false;                         // the JSON was an object (put() refuses others)
        std::string sha256, path;
        std::array<Value, 20> document;              // documents: encoding … report_key
        std::vector<std::array<Value, 3>> errors;    // input_errors: code, message, fatal
        std::vector<std::array<Value, 11>> findings; // findings: rule … extra_json
        std::vector<std::array<Value, 6>> cells;     // cells: tbl, row_id, col_id, value, text, status
    };
    static Rows rows_of(const nlohmann::json& document);

    // Stores one document as produced by document_to_json(). A document without a sha256 (the
    // file could not be read at all) gets no documents row; its input errors are still stored
    // under the run with its path. put(json) is put(rows_of(json)).
    void put(const nlohmann::json& document, const std::string& rules_fingerprint, const std::string& run_id);
    void put(const Rows& rows, const std::string& rules_fingerprint, const std::string& run_id);
    // Records that `path` held these bytes (a resumed document: put() records its own path), so
    // that copies and renamed files show in the `files` table.
    void note_file(const std::string& path, const std::string& sha256, const std::string& rules_fingerprint,
                   const std::string& run_id);
    // Commits the pending batch now.
    void flush();

    // The key of the report a document JSON is: sha256 of its normalised agency, year and table
    // values — equal for the same annual report printed in two formats; nullopt for a document
    // that is not an annual report with an agency, a year and a readable table.
    static std::optional<std::string> report_key(const nlohmann::json& document);

    // For the readers of the store in this stage (store/cross.hpp, store/coverage.hpp): the
    // connection, used from the same thread, and the path for messages.
    sqlite3* handle() const;
    const std::string& path() const;

    // A run is one invocation: begin_run records tool name/version/rulesets (the "tool" object of
    // the report; an optional "rules_fingerprint" key is stored too) and returns a new unique id,
    // sortable by start time; end_run commits everything and records the finish time and summary.
    std::string begin_run(const nlohmann::json& tool_info);
    void end_run(const std::string& run_id, const nlohmann::json& summary);

    // A batch of about `n` documents is about to be put. When that is many against what the
    // database holds (n ≥ 64 and ≥ a tenth of its documents), the by-cell index of `cell_values`
    // is dropped now and built once by end_run() (or on destruction, or by the next open() for
    // writing after a kill): one sort instead of ~100 scattered index updates per document.
    // Queries read the same rows either way; only by-cell lookups scan meanwhile.
    void expect_documents(std::size_t n);

    // Documents per transaction (default 1: one transaction per document). Larger is faster for
    // bulk loads and loses up to that many documents on a crash (a rerun with --resume redoes them).
    void set_batch_size(std::size_t n);

    // sha256 (hex) of the ruleset files' bytes concatenated in the order given, each preceded by
    // its size so that moving bytes between files changes the fingerprint, then of `extra`:
    // anything else that changes results (e.g. the tool version and the --disable list), so that
    // --resume re-checks when it changes. Throws std::runtime_error naming an unreadable file.
    static std::string fingerprint_rules(const std::vector<std::string>& ruleset_file_paths,
                                         const std::string& extra = {});
    // Every regular file under a ruleset directory (recursively: rulesets, schema, data files),
    // sorted by path, for fingerprint_rules(). Throws std::runtime_error naming the directory.
    static std::vector<std::string> ruleset_files(const std::string& dir);

    static constexpr int schema_version = 3;

private:
    struct Impl;
    explicit ResultStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace gk

#include "store/cross.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include <sqlite3.h>

namespace gk {

using nlohmann::json;

namespace {

std::string str(const json& j, const char* key) {
    if (!j.is_object()) return "";
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Position position_of(const json& j) {
    Position p;
    if (!j.is_object()) return p;
    if (j.contains("line") && j["line"].is_number_unsigned()) p.line = j["line"].get<std::uint32_t>();
    if (j.contains("column") && j["column"].is_number_unsigned()) p.column = j["column"].get<std::uint32_t>();
    return p;
}

[[noreturn]] void fail(ResultStore& store, const std::string& what) {
    throw std::runtime_error("results database " + store.path() + ": " + what + ": " + sqlite3_errmsg(store.handle()));
}

} // namespace

CrossDoc cross_doc_of(const json& d) {
    CrossDoc c;
    c.path = str(d, "path");
    c.sha256 = str(d, "sha256");
    c.type = str(d, "type");
    c.template_id = str(d, "template");
    if (d.contains("year") && d["year"].is_number_integer()) c.year = d["year"].get<int>();
    if (d.contains("agency")) c.agency = str(d["agency"], "normalised");
    c.title_at = {1, 1};
    if (d.contains("tables") && d["tables"].is_object()) {
        for (const auto& [id, t] : d["tables"].items()) {
            if (!t.is_object()) continue;
            c.verifiable[id] = !t.contains("verifiable") || !t["verifiable"].is_boolean() || t["verifiable"].get<bool>();
            if (t.contains("location")) c.table_at[id] = position_of(t["location"]);
            c.cells[id]; // present, even without rows
            if (!t.contains("rows") || !t["rows"].is_object()) continue;
            auto& rows = c.cells[id];
            for (const auto& [row, cols] : t["rows"].items()) {
                if (!cols.is_object()) continue;
                for (const auto& [col, v] : cols.items()) {
                    if (col.ends_with("_yuan") || col.ends_with("_unit")) continue;
                    rows[row][col] = v.is_number_integer() ? std::optional<long long>(v.get<long long>()) : std::nullopt;
                }
            }
        }
    }
    if (d.contains("sections") && d["sections"].is_array()) {
        for (const auto& s : d["sections"]) {
            if (!s.is_object()) continue;
            CrossSection x;
            x.number = str(s, "number");
            x.title = str(s, "title");
            x.position = position_of(s);
            if (s.contains("chars") && s["chars"].is_number_unsigned()) x.chars = s["chars"].get<std::size_t>();
            const std::string hex = str(s, "minhash");
            // A signature that does not read as hex (a hand-edited database) is dropped, not thrown on.
            for (std::size_t i = 0; i + 8 <= hex.size(); i += 8) {
                std::uint32_t v = 0;
                const auto r = std::from_chars(hex.data() + i, hex.data() + i + 8, v, 16);
                if (r.ec != std::errc() || r.ptr != hex.data() + i + 8) { x.minhash.clear(); break; }
                x.minhash.push_back(v);
            }
            c.sections.push_back(std::move(x));
        }
    }
    return c;
}

namespace {
// The text in column 0 of the current row.
std::string text_at(sqlite3_stmt* st) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    return std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
}

// A stored document JSON as the cross rules see it (none when it does not parse).
std::optional<CrossDoc> cross_doc_from(const std::string& text) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return std::nullopt;
    return cross_doc_of(doc);
}

std::optional<CrossDoc> cross_doc_at(sqlite3_stmt* st) { return cross_doc_from(text_at(st)); }

// cross_doc_from over `texts` on up to `jobs` threads (the calling one among them), in order.
std::vector<std::optional<CrossDoc>> cross_docs_from(const std::vector<std::string>& texts, unsigned jobs) {
    std::vector<std::optional<CrossDoc>> out(texts.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < texts.size();) out[i] = cross_doc_from(texts[i]);
    };
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < std::min<std::size_t>(jobs, texts.size()); ++t) helpers.emplace_back(work);
    work();
    for (auto& t : helpers) t.join();
    return out;
}
} // namespace

std::vector<CrossDoc> load_cross_docs(ResultStore& store, const std::string& fp) {
    store.flush();
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(store.handle(), "SELECT document_json FROM documents WHERE rules_fingerprint=?1 ORDER BY path, sha256", -1, &st,
                           nullptr) != SQLITE_OK)
        fail(store, "cannot read the documents");
    sqlite3_bind_text(st, 1, fp.data(), static_cast<int>(fp.size()), SQLITE_TRANSIENT);
    std::vector<CrossDoc> out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (auto d = cross_doc_at(st)) out.push_back(std::move(*d));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) fail(store, "cannot read the documents");
    return out;
}

CrossRun run_cross_rules_by_agency(ResultStore& store, const RuleSet& rules, const std::string& fp, unsigned jobs) {
    store.flush();
    // The annual reports with an agency and a year (the only ones run_cross_rules reads: the
    // `agency`, `year` and `type` columns are the document JSON's, as cross_doc_of reads them),
    // by agency, then year, then load_cross_docs' order (path, sha256). Only the keys are sorted
    // (sorting the JSON too held every document in SQLite's sorter); each document's JSON is then
    // read by rowid.
    struct Key {
        sqlite3_int64 rowid;
        std::string agency;
        int year;
    };
    std::vector<Key> keys;
    {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(store.handle(),
                               "SELECT rowid, agency, year FROM documents WHERE rules_fingerprint=?1 AND agency IS NOT NULL "
                               "AND agency <> '' AND typeof(year) = 'integer' AND type = 'annual-report' "
                               "ORDER BY agency, year, path, sha256",
                               -1, &st, nullptr) != SQLITE_OK)
            fail(store, "cannot read the documents");
        sqlite3_bind_text(st, 1, fp.data(), static_cast<int>(fp.size()), SQLITE_TRANSIENT);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const auto* a = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
            const sqlite3_int64 year = sqlite3_column_int64(st, 2);
            // A year CrossDoc::year (an int) cannot hold is no year to it either.
            if (year < std::numeric_limits<int>::min() || year > std::numeric_limits<int>::max()) continue;
            keys.push_back({sqlite3_column_int64(st, 0), a ? a : "", static_cast<int>(year)});
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) fail(store, "cannot read the documents");
    }
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(store.handle(), "SELECT document_json FROM documents WHERE rowid=?1", -1, &raw, nullptr) != SQLITE_OK)
        fail(store, "cannot read the documents");
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> by_rowid(raw, sqlite3_finalize); // finalized however we leave
    sqlite3_stmt* const st = by_rowid.get();
    CrossRun run;
    // Every cross-year comparison is between an agency's reports of one year and of the year
    // before, so memory holds two years of one agency: `prev` (year prev_year) and `cur`.
    std::vector<CrossDoc> prev, cur;
    std::optional<int> prev_year;
    auto run_year = [&](int year) {
        if (cur.empty()) return;
        const std::size_t offset = prev_year && *prev_year == year - 1 ? prev.size() : 0;
        std::vector<CrossDoc> window;
        window.reserve(offset + cur.size());
        if (offset) std::move(prev.begin(), prev.end(), std::back_inserter(window));
        std::move(cur.begin(), cur.end(), std::back_inserter(window));
        std::map<std::size_t, std::size_t> kept; // window index → run.docs index
        for (auto& cf : run_cross_rules(rules, window)) {
            // Findings about last year's reports would need the year before them, which is not
            // here: they were made with it, in the previous window.
            if (cf.doc < offset) continue;
            auto [it, fresh] = kept.emplace(cf.doc, run.docs.size());
            if (fresh) {
                CrossDoc d = window[cf.doc];
                d.cells.clear();
                d.sections.clear();
                run.docs.push_back(std::move(d));
            }
            cf.doc = it->second;
            run.findings.push_back(std::move(cf));
        }
        prev.assign(std::make_move_iterator(window.begin() + static_cast<std::ptrdiff_t>(offset)),
                    std::make_move_iterator(window.end()));
        prev_year = year;
        cur.clear();
    };
    // The JSON texts are read here, a few dozen at a time, and parsed on `jobs` threads (parsing
    // is most of this stage's time); `cur` gets them in key order all the same.
    std::vector<std::string> texts;
    auto parse_texts = [&] {
        for (auto& d : cross_docs_from(texts, std::max(1u, jobs)))
            if (d) cur.push_back(std::move(*d));
        texts.clear();
    };
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (k > 0 && (keys[k].agency != keys[k - 1].agency || keys[k].year != keys[k - 1].year)) {
            parse_texts();
            run_year(keys[k - 1].year);
            if (keys[k].agency != keys[k - 1].agency) {
                prev.clear();
                prev_year.reset();
            }
        }
        sqlite3_bind_int64(st, 1, keys[k].rowid);
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) texts.push_back(text_at(st));
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(store, "cannot read the documents");
        if (texts.size() >= 64) parse_texts();
    }
    parse_texts();
    if (!keys.empty()) run_year(keys.back().year);
    // run_cross_rules' order over all the documents: by document in load order (path, then
    // sha256), then line, then rule, else as emitted. Each window's findings are already in that
    // order, and a document's findings all come from its year's window: a stable sort merges them.
    std::stable_sort(run.findings.begin(), run.findings.end(), [&](const CrossFinding& a, const CrossFinding& b) {
        const CrossDoc& da = run.docs[a.doc];
        const CrossDoc& db = run.docs[b.doc];
        if (da.path != db.path) return da.path < db.path;
        if (da.sha256 != db.sha256) return da.sha256 < db.sha256;
        if (a.finding.position.line != b.finding.position.line) return a.finding.position.line < b.finding.position.line;
        return a.finding.rule < b.finding.rule;
    });
    return run;
}

void replace_cross_findings(ResultStore& store, const std::string& fp, const std::vector<CrossDoc>& docs,
                            const std::vector<CrossFinding>& findings) {
    store.flush();
    sqlite3* db = store.handle();
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(store, "cannot store the cross-document findings");
    };
    exec("BEGIN IMMEDIATE");
    try {
        sqlite3_stmt* del = nullptr;
        if (sqlite3_prepare_v2(db, "DELETE FROM cross_findings WHERE rules_fingerprint=?1", -1, &del, nullptr) != SQLITE_OK)
            fail(store, "cannot store the cross-document findings");
        sqlite3_bind_text(del, 1, fp.data(), static_cast<int>(fp.size()), SQLITE_TRANSIENT);
        const int rc = sqlite3_step(del);
        sqlite3_finalize(del);
        if (rc != SQLITE_DONE) fail(store, "cannot store the cross-document findings");
        sqlite3_stmt* ins = nullptr;
        if (sqlite3_prepare_v2(db,
                               "INSERT INTO cross_findings(sha256, rules_fingerprint, rule, severity, message_zh, message_en, line, col, "
                               "tbl, row_id, col_id, expected, actual, extra_json) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
                               -1, &ins, nullptr) != SQLITE_OK)
            fail(store, "cannot store the cross-document findings");
        auto text = [&](int i, const std::string& s) {
            if (s.empty()) sqlite3_bind_null(ins, i);
            else sqlite3_bind_text(ins, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        };
        for (const auto& cf : findings) {
            const Finding& f = cf.finding;
            text(1, docs.at(cf.doc).sha256);
            text(2, fp);
            text(3, f.rule);
            text(4, to_string(f.severity));
            text(5, f.message.zh);
            text(6, f.message.en);
            sqlite3_bind_int64(ins, 7, f.position.line);
            sqlite3_bind_int64(ins, 8, f.position.column);
            text(9, f.table);
            text(10, f.row);
            text(11, f.col);
            text(12, f.expected);
            text(13, f.actual);
            text(14, f.extra.empty() ? std::string() : json(f.extra).dump(-1, ' ', false, json::error_handler_t::replace));
            const int r = sqlite3_step(ins);
            sqlite3_reset(ins);
            sqlite3_clear_bindings(ins);
            if (r != SQLITE_DONE) { sqlite3_finalize(ins); fail(store, "cannot store a cross-document finding"); }
        }
        sqlite3_finalize(ins);
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

} // namespace gk

namespace gk {

std::string latest_rules_fingerprint(ResultStore& store) {
    store.flush();
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(store.handle(),
                           "SELECT rules_fingerprint FROM runs WHERE rules_fingerprint IS NOT NULL ORDER BY started DESC, id DESC LIMIT 1", -1,
                           &st, nullptr) != SQLITE_OK)
        fail(store, "cannot read the runs");
    std::string fp;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        if (t) fp = t;
    }
    sqlite3_finalize(st);
    return fp;
}

std::vector<json> load_documents_with_cross(ResultStore& store, const std::string& fp, const std::string& lang) {
    store.flush();
    std::vector<json> out;
    std::map<std::string, std::size_t> index;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(store.handle(), "SELECT sha256, document_json FROM documents WHERE rules_fingerprint=?1 ORDER BY path, sha256", -1, &st,
                           nullptr) != SQLITE_OK)
        fail(store, "cannot read the documents");
    sqlite3_bind_text(st, 1, fp.data(), static_cast<int>(fp.size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const auto* sha = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
        const int size = sqlite3_column_bytes(st, 1);
        json doc = json::parse(std::string(text ? text : "", static_cast<std::size_t>(size)), nullptr, false);
        if (doc.is_discarded() || !doc.is_object()) continue;
        index[sha ? sha : ""] = out.size();
        out.push_back(std::move(doc));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) fail(store, "cannot read the documents");
    st = nullptr;
    const std::string col = lang == "en" ? "message_en" : "message_zh";
    const std::string sql = "SELECT sha256, rule, severity, " + col +
                            ", line, col, tbl, row_id, col_id, expected, actual FROM cross_findings WHERE rules_fingerprint=?1 ORDER BY rowid";
    if (sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) fail(store, "cannot read the cross findings");
    sqlite3_bind_text(st, 1, fp.data(), static_cast<int>(fp.size()), SQLITE_TRANSIENT);
    const auto text = [&](int i) {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        return t ? std::string(t, static_cast<std::size_t>(sqlite3_column_bytes(st, i))) : std::string();
    };
    std::vector<std::size_t> touched;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        auto it = index.find(text(0));
        if (it == index.end()) continue;
        json f = {{"rule", text(1)}, {"severity", text(2)}, {"message", text(3)}, {"line", sqlite3_column_int64(st, 4)},
                  {"column", sqlite3_column_int64(st, 5)}};
        for (const auto& [i, key] : std::vector<std::pair<int, const char*>>{{6, "table"}, {7, "row"}, {8, "col"}, {9, "expected"}, {10, "actual"}})
            if (sqlite3_column_type(st, i) != SQLITE_NULL && !text(i).empty()) f[key] = text(i);
        json& d = out[it->second];
        if (!d.contains("findings") || !d["findings"].is_array()) d["findings"] = json::array();
        d["findings"].push_back(std::move(f));
        touched.push_back(it->second);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) fail(store, "cannot read the cross findings");
    for (std::size_t k : touched) {
        auto& fs = out[k]["findings"];
        std::stable_sort(fs.begin(), fs.end(), [](const json& a, const json& b) {
            const auto at = [](const json& x) {
                return std::pair<long long, long long>(x.value("line", 0LL), x.value("column", 0LL));
            };
            return at(a) < at(b);
        });
    }
    return out;
}

} // namespace gk

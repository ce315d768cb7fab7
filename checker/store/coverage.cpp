#include "store/coverage.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <sqlite3.h>

#include "catalogue/agency.hpp"
#include "store/cross.hpp"

namespace gk {

namespace {

struct Stmt {
    sqlite3_stmt* s = nullptr;
    ResultStore& store;
    Stmt(ResultStore& st, const char* sql) : store(st) {
        if (sqlite3_prepare_v2(st.handle(), sql, -1, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error("results database " + st.path() + ": cannot read coverage: " + sqlite3_errmsg(st.handle()));
    }
    ~Stmt() { sqlite3_finalize(s); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    void bind(int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
    void bind(int i, long long v) { sqlite3_bind_int64(s, i, v); }
    bool step() {
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE)
            throw std::runtime_error("results database " + store.path() + ": cannot read coverage: " + sqlite3_errmsg(store.handle()));
        return false;
    }
    std::string text(int i) const {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
        return t ? std::string(t, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
    }
};

std::string deadline_for(const Catalogue& catalogue, const std::string& kind, int year) {
    const DataRef data = catalogue.data("agencies");
    if (!data) return "";
    for (auto d : data.node.children("deadline")) {
        if (kind != d.attribute("kind").as_string()) continue;
        if (d.attribute("min-year") && year < d.attribute("min-year").as_int()) continue;
        if (d.attribute("max-year") && year > d.attribute("max-year").as_int()) continue;
        return std::to_string(year + 1) + "-" + d.attribute("date").as_string();
    }
    return "";
}

} // namespace

CoverageReport coverage(ResultStore& store, const Catalogue& catalogue, int year, const std::vector<std::string>& expected) {
    store.flush();
    CoverageReport r;
    r.year = year;
    std::string fp;
    {
        Stmt q(store, "SELECT rules_fingerprint FROM runs WHERE rules_fingerprint IS NOT NULL ORDER BY started DESC, id DESC LIMIT 1");
        if (q.step()) fp = q.text(0);
    }
    struct Doc { std::string sha, path, agency, level, kind, published; };
    std::map<int, std::vector<Doc>> by_year;
    {
        Stmt q(store,
               "SELECT sha256, path, agency, agency_level, agency_kind, published, year FROM documents "
               "WHERE rules_fingerprint=?1 AND type='annual-report' AND year IN (?2, ?3) ORDER BY path");
        q.bind(1, fp);
        q.bind(2, static_cast<long long>(year));
        q.bind(3, static_cast<long long>(year - 1));
        while (q.step())
            by_year[sqlite3_column_int(q.s, 6)].push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    }
    const auto& now = by_year[year];
    const auto& before = by_year[year - 1];
    r.reports = now.size();
    std::set<std::string> present;
    for (const auto& d : now)
        if (!d.agency.empty()) present.insert(d.agency);
    r.agencies.assign(present.begin(), present.end());

    // Missing: last year's agencies, then the expected list.
    std::set<std::string> listed;
    for (const auto& d : before) {
        if (d.agency.empty() || present.count(d.agency) || listed.count(d.agency)) continue;
        listed.insert(d.agency);
        r.missing.push_back({d.agency, d.level, d.kind, false, d.path});
    }
    const AgencyLexicon* lex = catalogue.agencies();
    for (const auto& e : expected) {
        const auto name = lex ? lex->identify(e) : std::nullopt;
        const std::string agency = name ? name->normalised : e;
        if (present.count(agency)) continue;
        if (listed.count(agency)) {
            for (auto& m : r.missing) if (m.agency == agency) m.expected = true;
            continue;
        }
        listed.insert(agency);
        r.missing.push_back({agency, name ? name->level : "", name ? name->kind : "", true, ""});
    }

    // Late: published after the deadline of the agency's kind (unknown kind: the government's).
    for (const auto& d : now) {
        if (d.published.size() < 10) continue;
        const bool known = d.kind == "government" || d.kind == "department";
        const std::string deadline = deadline_for(catalogue, known ? d.kind : "government", year);
        if (deadline.empty() || d.published.substr(0, 10) <= deadline) continue;
        r.late.push_back({d.agency, d.kind, d.path, d.published.substr(0, 10), deadline, known});
    }

    // Copies: the same bytes under several paths (any year's documents of these rules).
    {
        Stmt q(store, "SELECT f.sha256, f.path FROM files f JOIN documents d USING (sha256, rules_fingerprint) "
                      "WHERE f.rules_fingerprint=?1 AND d.year=?2 AND f.sha256 IN (SELECT sha256 FROM files WHERE rules_fingerprint=?1 "
                      "GROUP BY sha256 HAVING count(DISTINCT path) > 1) ORDER BY f.sha256, f.path");
        q.bind(1, fp);
        q.bind(2, static_cast<long long>(year));
        while (q.step()) {
            if (r.copies.empty() || r.copies.back().sha256 != q.text(0)) r.copies.push_back({q.text(0), {}});
            r.copies.back().paths.push_back(q.text(1));
        }
    }
    // The same report in two files (formats): same agency, year and readable table values.
    std::vector<CrossDoc> docs;
    for (auto& d : load_cross_docs(store, fp))
        if (d.type == "annual-report" && d.year == year && !d.agency.empty()) docs.push_back(std::move(d));
    std::vector<bool> used(docs.size(), false);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        if (used[i]) continue;
        CoverageReport::SameReport s{docs[i].agency, {docs[i].path}};
        for (std::size_t k = i + 1; k < docs.size(); ++k)
            if (!used[k] && same_report(docs[i], docs[k])) { used[k] = true; s.paths.push_back(docs[k].path); }
        if (s.paths.size() > 1) r.same_reports.push_back(std::move(s));
    }
    return r;
}

} // namespace gk

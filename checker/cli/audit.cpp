// `gkcheck audit` and `gkcheck coverage` (cli/audit.hpp).
#include "cli/audit.hpp"
#include "cli/score.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "catalogue/agency.hpp"
#include "check/check.hpp"
#include "core/text.hpp"
#include "cli/inputs.hpp"
#include "core/atomic_file.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "report/csv_audit.hpp"
#include "report/report_doc.hpp"
#include "report/sink.hpp"
#include "store/coverage.hpp"
#include "store/cross.hpp"
#include "store/store.hpp"

namespace gk::cli {

namespace {

// Set by SIGINT/SIGTERM during an audit; the only thing a signal handler may touch.
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_stop_signal(int) { g_stop = 1; }

std::optional<std::size_t> parse_size(const std::string& s) {
    if (s.empty()) return std::nullopt;
    std::size_t mult = 1;
    std::string digits = s;
    const char last = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
    if (last == 'K' || last == 'M' || last == 'G') {
        mult = last == 'K' ? 1024u : last == 'M' ? 1024u * 1024u : 1024u * 1024u * 1024u;
        digits.pop_back();
    }
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return std::nullopt;
    return static_cast<std::size_t>(std::stoull(digits)) * mult;
}

std::string format_seconds(double s) {
    if (s < 0 || s > 1e7) return "?";
    const long t = static_cast<long>(s + 0.5);
    std::ostringstream o;
    if (t >= 3600) o << t / 3600 << "h" << (t % 3600) / 60 << "m";
    else if (t >= 60) o << t / 60 << "m" << t % 60 << "s";
    else o << t << "s";
    return o.str();
}

// Progress on stderr: a bar redrawn in place on a terminal, a plain line every 10% (or every
// 10 s) otherwise.
class Progress {
public:
    Progress(std::size_t total, bool tty, bool enabled, bool en) : total_(total), tty_(tty), enabled_(enabled), en_(en) {}
    void update(std::size_t done, std::size_t errors, bool force = false) {
        if (!enabled_) return;
        const auto now = std::chrono::steady_clock::now();
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
        const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : -1;
        std::ostringstream line;
        if (tty_) {
            if (!force && std::chrono::duration<double>(now - last_).count() < 0.1 && done != total_) return;
            const std::size_t width = 30, filled = total_ ? width * done / total_ : width;
            line << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/" << total_ << "  ";
            line.precision(1);
            line << std::fixed << rate << (en_ ? " files/s  ETA " : " 个/秒  剩余 ") << format_seconds(eta)
                 << (en_ ? "  errors " : "  错误 ") << errors << "   ";
            std::cerr << line.str() << std::flush;
        } else {
            const std::size_t step = std::max<std::size_t>(1, total_ / 10);
            const bool due = force || done == total_ || done / step != last_step_ ||
                             std::chrono::duration<double>(now - last_).count() >= 10;
            if (!due) return;
            last_step_ = done / step;
            line.precision(1);
            line << "gkcheck audit: " << done << "/" << total_ << (en_ ? " files, " : " 个文件，") << std::fixed << rate
                 << (en_ ? " files/s, ETA " : " 个/秒，剩余 ") << format_seconds(eta) << (en_ ? ", errors so far: " : "，已有错误：")
                 << errors << "\n";
            std::cerr << line.str() << std::flush;
        }
        last_ = now;
    }
    void finish() {
        if (enabled_ && tty_) std::cerr << "\n";
    }

private:
    std::size_t total_;
    bool tty_, enabled_, en_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_ = start_;
    std::size_t last_step_ = 0;
};

struct Done {
    std::size_t index = 0;
    std::string sha256;              // "" when unreadable
    std::optional<ReportDoc> fresh;  // checked now (else: already in the store)
    std::optional<ResultStore::Rows> rows = {}; // fresh's database rows, made by the worker
};

ReportFinding report_finding(const Finding& x, const std::string& lang) {
    ReportFinding g;
    g.rule = x.rule;
    g.severity = x.severity;
    g.message = x.message.in(lang);
    g.line = x.position.line;
    g.column = x.position.column;
    g.table = x.table;
    g.row = x.row;
    g.col = x.col;
    g.expected = x.expected;
    g.actual = x.actual;
    g.extra = x.extra;
    return g;
}

std::vector<std::string> read_expected(const std::string& path, std::string& err) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> out;
    if (!in) { err = "cannot read " + path; return out; }
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (first && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
        first = false;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string cell = line.substr(0, line.find(','));
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
        if (cell.empty() || cell == "agency" || cell == "机构" || cell.starts_with("#")) continue;
        out.push_back(cell);
    }
    return out;
}

} // namespace

CLI::App* add_audit_command(CLI::App& app, AuditArgs& a, const std::string& default_rules_dir) {
    a.rules_dir = default_rules_dir;
    auto* sub = app.add_subcommand("audit", "Audit a year of reports: check into a results database, cross-year rules, HTML and CSV reports");
    sub->add_option("paths", a.paths, "Directories or files to audit (recursive)")->required();
    sub->add_option("--db", a.db, "The results database (SQLite); created when missing, resumed when present")->required();
    sub->add_option("--out", a.out, "Directory for report.html, report.json, findings.csv, reports.csv")->required();
    sub->add_option("--lang", a.lang, "Language of messages and CSV headers: zh (default) | en");
    sub->add_option("--rules", a.rules_dir, "Ruleset directory (default: $GKCHECK_RULES or the bundled rulesets/)");
    sub->add_option("--disable", a.disable, "Disable rules by id or id prefix (repeatable, comma-separated)")->delimiter(',');
    sub->add_option("--max-size", a.max_size, "Largest input accepted, bytes or with K/M/G (default 64M)");
    sub->add_option("-j,--jobs", a.jobs, "Documents checked in parallel (default: one per CPU core)");
    sub->add_flag("--progress", a.progress, "Progress on stderr even when it is not a terminal (plain lines)");
    sub->add_flag("--no-progress", a.no_progress, "No progress on stderr");
    sub->add_flag("-q,--quiet", a.quiet, "Nothing on stdout (the summary still goes to stderr)");
    return sub;
}

CLI::App* add_coverage_command(CLI::App& app, CoverageArgs& c, const std::string& default_rules_dir) {
    c.rules_dir = default_rules_dir;
    auto* sub = app.add_subcommand("coverage", "Which agencies reported for a year, which did not, which were late; copies");
    sub->add_option("--db", c.db, "The results database of an audit")->required();
    sub->add_option("--year", c.year, "Report year")->required();
    sub->add_option("--expected", c.expected, "CSV whose first column lists the agencies expected to report");
    sub->add_option("--lang", c.lang, "Language: zh (default) | en");
    sub->add_option("--rules", c.rules_dir, "Ruleset directory (agency names, deadlines)");
    sub->add_option("-f,--format", c.format, "text (default) | csv")->check(CLI::IsMember({"text", "csv"}));
    sub->add_option("-o,--output", c.output, "Write to FILE (atomically) instead of stdout");
    return sub;
}

int run_audit(const AuditArgs& a) {
    if (a.lang != "zh" && a.lang != "en") { std::cerr << "gkcheck: error: --lang must be zh or en\n"; return 2; }
    const bool en = a.lang == "en";
    const auto max_bytes = parse_size(a.max_size);
    if (!max_bytes) { std::cerr << "gkcheck: error: --max-size: not a size: " << a.max_size << "\n"; return 2; }
    std::shared_ptr<const Catalogue> catalogue;
    std::optional<RuleSet> rules;
    try {
        catalogue = Catalogue::load_directory(a.rules_dir);
        rules.emplace(*catalogue);
    } catch (const RulesetError& e) {
        std::cerr << "gkcheck: error: ruleset: " << e.what() << "\n";
        return 2;
    }
    if (auto unknown = rules->unknown_ids(a.disable); !unknown.empty()) {
        std::cerr << "gkcheck: error: --disable: unknown rule id or prefix: " << unknown.front() << "\n";
        return 2;
    }
    rules->disable(a.disable);
    IngestOptions ingest_opts;
    ingest_opts.max_bytes = *max_bytes;
    const Pipeline pipeline(*rules, ingest_opts);

    std::optional<ResultStore> store;
    std::string fingerprint;
    try {
        store.emplace(ResultStore::open(a.db));
        // As `check --db` computes it: the two share stored results (check/check.hpp).
        const std::string extra = std::string(GK_VERSION) + "\n" + a.lang + "\n" + selection_signature(*rules);
        fingerprint = ResultStore::fingerprint_rules(rules->catalogue().files(), extra);
    } catch (const std::exception& e) {
        std::cerr << "gkcheck: error: --db: " << e.what() << "\n";
        return 2;
    }
    const auto inputs = collect_inputs(a.paths);
    for (const auto& s : inputs.skipped)
        std::cerr << "gkcheck: note: skipped " << s << " (not .html .htm .shtml .xhtml .txt)\n";
    const std::size_t n = inputs.files.size();
    if (n == 0) { std::cerr << "gkcheck: error: no input files\n"; return 2; }
    if (std::find(inputs.files.begin(), inputs.files.end(), "-") != inputs.files.end()) {
        std::cerr << "gkcheck: error: audit reads files, not standard input\n";
        return 2;
    }

    const RunInfo run{"gkcheck", GK_VERSION, rules->ruleset_ids()};
    std::string run_id;
    try {
        run_id = store->begin_run({{"name", run.name}, {"version", run.version}, {"rulesets", run.rulesets},
                                   {"rules_fingerprint", fingerprint}});
        store->expect_documents(inputs.files.size()); // a large batch builds the by-cell index once, at the end
    } catch (const std::exception& e) {
        std::cerr << "gkcheck: error: --db: " << e.what() << "\n";
        return 2;
    }

    g_stop = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    struct sigaction old_int {}, old_term {};
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    // Workers check; the main thread alone writes the database (one transaction per document).
    std::mutex mu;
    std::condition_variable ready;
    std::deque<Done> done_queue;
    std::atomic<std::size_t> next{0};
    std::atomic<unsigned> running{0};
    // What the database already holds with these rules, read once: the workers never touch the
    // database (the main thread alone writes it), they look here (under mu).
    std::set<std::string> known;
    try {
        for (auto& sha : store->stored_sha256(fingerprint)) known.insert(std::move(sha));
    } catch (const std::exception& e) {
        std::cerr << "gkcheck: error: --db: " << e.what() << "\n";
        return 2;
    }
    auto stored = [&](const std::string& sha) {
        std::lock_guard lock(mu);
        return known.count(sha) > 0;
    };
    std::string store_error;
    auto work = [&] {
        for (std::size_t i; !g_stop && (i = next.fetch_add(1)) < n;) {
            const std::string& path = inputs.files[i];
            Done d;
            d.index = i;
            try {
                std::string unused;
                auto bytes = read_input(path, *max_bytes, unused);
                if (bytes && bytes->size() <= *max_bytes) {
                    d.sha256 = sha256_hex(*bytes);
                    if (!stored(d.sha256)) d.fresh = from_result(pipeline.run_bytes(*bytes, path), a.lang);
                } else {
                    d.fresh = from_result(pipeline.run_file(path), a.lang);
                    d.sha256 = d.fresh->sha256;
                }
                // The database rows too, not on the thread that writes them (a failed document's
                // few rows are made there).
                if (d.fresh) d.rows = ResultStore::rows_of(to_json(*d.fresh));
            } catch (const std::exception& e) {
                ReportDoc f;
                f.path = path;
                f.errors.push_back({"input.check-failed", (en ? "internal error while checking this document: " : "检查本文档时发生内部错误：") + std::string(e.what()), true});
                d.fresh = std::move(f);
            }
            {
                std::lock_guard lock(mu);
                done_queue.push_back(std::move(d));
            }
            ready.notify_all();
        }
        --running;
        ready.notify_all();
    };
    unsigned jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
    running = jobs;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < jobs; ++t) pool.emplace_back(work);

    const bool tty = ::isatty(STDERR_FILENO);
    Progress progress(n, tty, !a.no_progress && (a.progress || tty || n > 1), en);
    std::vector<std::string> sha_of(n);
    std::vector<std::optional<ReportDoc>> fresh(n);
    std::vector<bool> finished(n, false);
    std::size_t completed = 0, errors_so_far = 0, resumed = 0;
    for (;;) {
        Done d;
        {
            std::unique_lock lock(mu);
            ready.wait_for(lock, std::chrono::milliseconds(200), [&] { return !done_queue.empty() || running == 0; });
            if (done_queue.empty()) {
                if (running == 0) break;
                continue;
            }
            d = std::move(done_queue.front());
            done_queue.pop_front();
        }
        const std::string& path = inputs.files[d.index];
        try {
            if (d.fresh) {
                for (const auto& e : d.fresh->errors) std::cerr << (tty ? "\r" : "") << terminal_safe(path) << ": error: " << terminal_safe(e.message) << " [" << e.code << "]\n";
                for (const auto& f : d.fresh->findings) errors_so_far += f.severity == Severity::error;
                if (store_error.empty()) store->put(d.rows ? *d.rows : ResultStore::rows_of(to_json(*d.fresh)), fingerprint, run_id);
                if (!d.fresh->sha256.empty()) {
                    std::lock_guard lock(mu);
                    known.insert(d.fresh->sha256);
                }
            } else {
                ++resumed;
                if (store_error.empty()) store->note_file(path, d.sha256, fingerprint, run_id);
            }
        } catch (const std::exception& e) {
            if (store_error.empty()) store_error = e.what();
        }
        sha_of[d.index] = d.sha256;
        fresh[d.index] = std::move(d.fresh);
        finished[d.index] = true;
        ++completed;
        progress.update(completed, errors_so_far);
    }
    for (auto& t : pool) t.join();
    progress.update(completed, errors_so_far, true);
    progress.finish();
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);

    if (g_stop) {
        try { store->flush(); } catch (const std::exception& e) { if (store_error.empty()) store_error = e.what(); }
        std::cerr << (en ? "gkcheck audit: interrupted: " : "gkcheck audit：已中断：") << completed << "/" << n
                  << (en ? " files done and saved in " : " 个文件已完成并保存在 ") << a.db
                  << (en ? "; run the same command again to resume\n" : "；再次运行同一命令即可继续\n");
        if (!store_error.empty()) std::cerr << "gkcheck: error: --db: " << store_error << "\n";
        return 130;
    }

    // The cross-year rules over everything the database holds with these rules.
    std::vector<CrossDoc> cross_docs;
    std::vector<CrossFinding> cross;
    try {
        cross_docs = load_cross_docs(*store, fingerprint);
        cross = run_cross_rules(*rules, cross_docs);
        replace_cross_findings(*store, fingerprint, cross_docs, cross);
    } catch (const std::exception& e) {
        if (store_error.empty()) store_error = e.what();
    }

    // The documents of this audit, in input order, as the printers see them.
    std::vector<AuditDoc> docs;
    std::map<std::string, std::string> first_path_of_sha, first_path_of_report;
    std::map<std::string, std::vector<const CrossFinding*>> cross_by_sha;
    for (const auto& cf : cross) cross_by_sha[cross_docs[cf.doc].sha256].push_back(&cf);
    std::size_t copies = 0, same_reports = 0, cross_count = 0;
    std::map<std::string, std::size_t> cross_index; // sha256 → index in cross_docs
    for (std::size_t k = 0; k < cross_docs.size(); ++k) cross_index[cross_docs[k].sha256] = k;
    std::map<std::pair<std::string, int>, std::vector<std::pair<std::string, std::size_t>>> by_agency_year;
    for (std::size_t i = 0; i < n; ++i) {
        AuditDoc ad;
        if (fresh[i]) ad.doc = *fresh[i];
        else {
            std::optional<nlohmann::json> j;
            try { j = store->get(sha_of[i], fingerprint); } catch (const std::exception& e) { if (store_error.empty()) store_error = e.what(); }
            if (!j) continue;
            ad.doc = from_json(*j);
        }
        ad.doc.path = inputs.files[i];
        const std::string& sha = sha_of[i];
        if (!sha.empty()) {
            auto [it, first] = first_path_of_sha.emplace(sha, ad.doc.path);
            if (!first) { ad.copy_of = it->second; ++copies; }
            else if (auto c = cross_by_sha.find(sha); c != cross_by_sha.end()) {
                for (const auto* cf : c->second) { ad.doc.findings.push_back(report_finding(cf->finding, a.lang)); ++cross_count; }
                std::stable_sort(ad.doc.findings.begin(), ad.doc.findings.end(), [](const ReportFinding& x, const ReportFinding& y) {
                    return std::tie(x.line, x.column) < std::tie(y.line, y.column);
                });
            }
            if (ad.copy_of.empty()) {
                // The same report in another file: compared with the earlier files of its agency and year.
                if (auto c = cross_index.find(sha); c != cross_index.end()) {
                    const CrossDoc& me = cross_docs[c->second];
                    auto& group = by_agency_year[{me.agency, me.year.value_or(0)}];
                    for (const auto& [other_path, other] : group)
                        if (same_report(me, cross_docs[other])) { ad.same_report_as = other_path; ++same_reports; break; }
                    group.push_back({ad.doc.path, c->second});
                }
            }
        }
        docs.push_back(std::move(ad));
    }

    Summary summary;
    for (const auto& d : docs) summary.add(d.doc);
    std::string scheme_error;
    const auto scheme = dashboard_scheme(a.rules_dir, scheme_error);
    if (!scheme_error.empty()) std::cerr << "gkcheck: error: scoring scheme: " << scheme_error << "\n";
    const SinkContext ctx{a.lang, *rules, catalogue->templates(), scheme ? &*scheme : nullptr};
    std::ostringstream html, json_out;
    {
        auto hs = make_sink("html", html, ctx);
        auto js = make_sink("json", json_out, ctx);
        for (auto* s : {hs.get(), js.get()}) s->begin(run);
        for (const auto& d : docs) { hs->document(d.doc); js->document(d.doc); }
        for (auto* s : {hs.get(), js.get()}) s->finish(summary);
    }
    // The audit's own section (cross-year findings, copies) after the report's summary.
    std::string page = html.str();
    const std::string section = audit_html_section(docs, a.lang);
    if (auto at = page.find("<section id=\"rules\">"); at != std::string::npos) page.insert(at, section);
    else if (auto end = page.rfind("</main>"); end != std::string::npos) page.insert(end, section);
    bool failed = false;
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec) { std::cerr << "gkcheck: error: --out: cannot create " << a.out << ": " << ec.message() << "\n"; return 2; }
    const std::filesystem::path out(a.out);
    for (const auto& [name, content] : std::vector<std::pair<std::string, std::string>>{
             {"report.html", page}, {"report.json", json_out.str()},
             {"findings.csv", findings_csv(docs, a.lang)}, {"reports.csv", reports_csv(docs, *rules, a.lang)}}) {
        if (auto err = write_file_atomically((out / name).string(), content); !err.empty()) {
            std::cerr << "gkcheck: error: " << err << "\n";
            failed = true;
        }
    }
    if (!a.quiet) {
        // The cross-year findings in the text format of check; the rest is in the reports.
        for (const auto& d : docs)
            for (const auto& f : d.doc.findings)
                if (f.rule.starts_with("cross."))
                    std::cout << terminal_safe(d.doc.path) << ":" << location_text(f) << ": " << to_string(f.severity) << ": "
                              << terminal_safe(f.message) << " [" << f.rule << "]\n";
        for (const auto& d : docs) {
            if (!d.copy_of.empty()) std::cout << terminal_safe(d.doc.path) << (en ? ": copy of " : "：与该文件内容相同（副本）：") << terminal_safe(d.copy_of) << "\n";
            if (!d.same_report_as.empty())
                std::cout << terminal_safe(d.doc.path) << (en ? ": the same report (agency, year, table values) as " : "：与该文件为同一报告（机构、年度、表格数据相同）：")
                          << terminal_safe(d.same_report_as) << "\n";
        }
    }
    if (!store_error.empty()) {
        std::cerr << "gkcheck: error: --db: " << store_error << "\n";
        failed = true;
    } else {
        try { store->end_run(run_id, to_json(summary)); } catch (const std::exception& e) { std::cerr << "gkcheck: error: --db: " << e.what() << "\n"; failed = true; }
    }
    if (en)
        std::cerr << "audited " << n << " files (" << resumed << " taken from the database): " << summary.error << " errors, " << summary.warning
                  << " warnings, " << summary.info << " info; cross-year findings: " << cross_count << "; copies: " << copies
                  << "; the same report in another file: " << same_reports << "\nreport: " << (out / "report.html").string() << "\n";
    else
        std::cerr << "已审核 " << n << " 个文件（取自结果库 " << resumed << " 个）：" << summary.error << " 个错误，" << summary.warning << " 个警告，"
                  << summary.info << " 个提示；跨年度问题 " << cross_count << " 个；副本 " << copies << " 个；同一报告的其他文件 " << same_reports
                  << " 个\n报告：" << (out / "report.html").string() << "\n";
    if (summary.input_errors || failed) return 2;
    return summary.error ? 1 : 0;
}

int run_coverage(const CoverageArgs& c) {
    if (c.lang != "zh" && c.lang != "en") { std::cerr << "gkcheck: error: --lang must be zh or en\n"; return 2; }
    const bool en = c.lang == "en";
    std::shared_ptr<const Catalogue> catalogue;
    try {
        catalogue = Catalogue::load_directory(c.rules_dir);
    } catch (const RulesetError& e) {
        std::cerr << "gkcheck: error: ruleset: " << e.what() << "\n";
        return 2;
    }
    std::vector<std::string> expected;
    if (!c.expected.empty()) {
        std::string err;
        expected = read_expected(c.expected, err);
        if (!err.empty()) { std::cerr << "gkcheck: error: --expected: " << err << "\n"; return 2; }
    }
    if (!std::filesystem::exists(c.db)) { std::cerr << "gkcheck: error: --db: no such file: " << c.db << "\n"; return 2; }
    CoverageReport r;
    try {
        auto store = ResultStore::open(c.db, ResultStore::Access::read);
        r = coverage(store, *catalogue, c.year, expected);
    } catch (const std::exception& e) {
        std::cerr << "gkcheck: error: --db: " << e.what() << "\n";
        return 2;
    }
    auto kind_label = [&](const std::string& k) { return en ? k : k == "government" ? "政府" : k == "department" ? "部门" : "类别不明"; };
    std::string text;
    if (c.format == "csv") {
        std::vector<AuditDoc> none;
        text = "\xEF\xBB\xBF";
        auto line = [&](const std::vector<std::string>& cells) {
            for (std::size_t i = 0; i < cells.size(); ++i) text += (i ? "," : "") + csv_cell(cells[i]);
            text += "\r\n";
        };
        line(en ? std::vector<std::string>{"finding", "agency", "kind", "file", "detail"}
                : std::vector<std::string>{"问题", "机构", "类别", "文件", "说明"});
        for (const auto& m : r.missing)
            line({en ? "missing" : "未发布", m.agency, kind_label(m.kind), m.last_year_path,
                  m.expected ? (en ? "expected" : "在应报名单中") : (en ? "reported last year" : "上年有报告")});
        for (const auto& l : r.late)
            line({en ? "late" : "逾期发布", l.agency, kind_label(l.kind), l.path, l.published + (en ? " after " : " 晚于 ") + l.deadline});
        for (const auto& cp : r.copies)
            for (std::size_t i = 1; i < cp.paths.size(); ++i) line({en ? "copy" : "副本", "", "", cp.paths[i], cp.paths[0]});
        for (const auto& s : r.same_reports)
            for (std::size_t i = 1; i < s.paths.size(); ++i)
                line({en ? "same report, another format" : "同一报告的另一格式", s.agency, "", s.paths[i], s.paths[0]});
    } else {
        std::ostringstream o;
        o << (en ? "Coverage of " : "") << r.year << (en ? " reports: " : " 年度报告：") << r.reports << (en ? " reports of " : " 份，") << r.agencies.size()
          << (en ? " agencies\n" : " 个机构\n");
        o << (en ? "\nNo report this year (" : "\n本年度未发布（") << r.missing.size() << (en ? "):\n" : "）：\n");
        for (const auto& m : r.missing)
            o << "  " << m.agency << " [" << kind_label(m.kind) << "]"
              << (m.expected ? (en ? " — in the expected list" : " — 在应报名单中") : "")
              << (m.last_year_path.empty() ? "" : (en ? " — last year: " : " — 上年报告：") + m.last_year_path) << "\n";
        o << (en ? "\nPublished after the deadline (" : "\n逾期发布（") << r.late.size() << (en ? "):\n" : "）：\n");
        for (const auto& l : r.late)
            o << "  " << l.path << ": " << (l.agency.empty() ? (en ? "(agency unknown)" : "（机构不明）") : l.agency) << " [" << kind_label(l.kind) << "] "
              << (en ? "published " : "发布于 ") << l.published << (en ? ", deadline " : "，期限 ") << l.deadline
              << (l.kind_known ? "" : (en ? " (kind unknown: the government deadline)" : "（类别不明，按政府期限）")) << "\n";
        o << (en ? "\nCopies (same bytes, several files) (" : "\n副本（内容完全相同的文件）（") << r.copies.size() << (en ? "):\n" : "）：\n");
        for (const auto& cp : r.copies) {
            o << " ";
            for (const auto& p : cp.paths) o << " " << p;
            o << "\n";
        }
        o << (en ? "\nThe same report in several formats (" : "\n同一报告的不同格式（") << r.same_reports.size() << (en ? "):\n" : "）：\n");
        for (const auto& s : r.same_reports) {
            o << "  " << s.agency << ":";
            for (const auto& p : s.paths) o << " " << p;
            o << "\n";
        }
        text = o.str();
    }
    if (!c.output.empty()) {
        if (auto err = write_file_atomically(c.output, text); !err.empty()) { std::cerr << "gkcheck: error: " << err << "\n"; return 2; }
    } else {
        std::cout << text;
    }
    return 0;
}

} // namespace gk::cli

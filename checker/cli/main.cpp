// gkcheck — command-line front end. A thin layer over the library: option parsing, input
// expansion, threads, printing and exit codes (0: no error-level finding; 1: error-level
// findings; 2: usage error, bad ruleset, or an input that could not be read).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <libxml/parser.h>
#include <unicode/ucnv.h>

#include "check/check.hpp"
#include "cli/config.hpp"
#include "cli/audit.hpp"
#include "cli/score.hpp"
#include "cli/inputs.hpp"
#include "core/atomic_file.hpp"
#include "core/text.hpp"
#include "core/suggest.hpp"
#include "catalogue/annual_template.hpp"
#include "pipeline/pipeline.hpp"
#include "report/baseline.hpp"
#include "report/report_doc.hpp"
#include "report/sink.hpp"
#include "redact/fix.hpp"
#include "redact/redact.hpp"
#include "core/module.hpp"
#include "serve/serve.hpp"
#include "store/cross.hpp"
#include "store/store.hpp"

namespace {

// The process's thread count (the "Threads:" line of /proc/self/status; 0 where there is none),
// for the test hook that checks --jobs 1 is one thread.
int live_threads() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
    return 0;
}

std::string default_rules_dir() {
    if (const char* env = std::getenv("GKCHECK_RULES"); env && *env) return env;
    return GK_RULES_DIR;
}

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

struct CheckArgs {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string output;
    std::string output_format;
    std::string lang = "zh";
    std::string rules_dir = default_rules_dir();
    std::vector<std::string> disable;
    std::string stdin_filename = "<stdin>";
    std::string max_size = "64M";
    std::string encoding;
    unsigned jobs = 0;
    std::string db;
    bool resume = false;
    bool quiet = false;
    bool progress = false;
    bool no_progress = false;
    std::string baseline, write_baseline;
    std::string config;                 // --config FILE
    bool no_config = false;             // --no-config
    bool lang_given = false, rules_given = false;
};

// The settings of a run (command line over .gkcheck.json over defaults); nullopt after printing
// the one error line (exit 2).
std::optional<gk::Settings> settings_for(const std::vector<std::string>& inputs, const std::string& config, bool no_config,
                                         const std::string& lang, bool lang_given, const std::string& rules_dir, bool rules_given,
                                         const std::vector<std::string>& disable) {
    try {
        return gk::resolve_settings(inputs, config, no_config, lang_given ? std::optional(lang) : std::nullopt,
                                    rules_given ? std::optional(rules_dir) : std::nullopt, rules_dir, disable);
    } catch (const gk::ConfigError& e) {
        std::cerr << "gkcheck: error: config: " << e.what() << "\n";
        return std::nullopt;
    }
}

// The one catalogue of a run and the checks made from it (the RuleSet refers to the catalogue).
struct Loaded {
    std::shared_ptr<const gk::Catalogue> catalogue;
    std::optional<gk::RuleSet> rules;
};

// The catalogue of `s` with the config and --disable applied. `loaded_catalogue`, when given,
// is called with the catalogue before the checks are built from it.
std::optional<Loaded> load_rules(const gk::Settings& s, std::ostream& err,
                                 const std::function<void(std::shared_ptr<const gk::Catalogue>)>& loaded_catalogue = {}) {
    try {
        Loaded l;
        l.catalogue = gk::load_catalogue(s);
        if (loaded_catalogue) loaded_catalogue(l.catalogue);
        l.rules.emplace(*l.catalogue);
        gk::apply_settings(s, *l.rules);
        return l;
    } catch (const gk::RulesetError& e) {
        err << "gkcheck: error: ruleset: " << e.what() << "\n";
    } catch (const gk::ConfigError& e) {
        err << "gkcheck: error: " << e.what() << "\n";
    }
    return std::nullopt;
}

std::optional<Loaded> load_rules(const std::string& dir, std::ostream& err) {
    try {
        Loaded l;
        l.catalogue = gk::Catalogue::load_directory(dir);
        l.rules.emplace(*l.catalogue);
        return l;
    } catch (const gk::RulesetError& e) {
        err << "gkcheck: error: ruleset: " << e.what() << "\n";
        return std::nullopt;
    }
}

// One input's outcome: its typed result, checked now or taken from the results database
// (--resume), which the printers cannot tell apart.
struct Outcome {
    gk::ReportDoc doc;
    bool resumed = false;
    std::vector<std::string> fingerprints = {}; // parallel to doc.findings, with --baseline/--write-baseline
    std::optional<gk::ResultStore::Rows> rows = {}; // with --db: the database rows of to_json(doc), made by the worker
};

// An exception escaping the pipeline (a bug, or memory exhausted) becomes an input error on
// that document, so that the batch goes on and the run exits 2.
gk::ReportDoc failed_document(const std::string& path, const std::string& what, const std::string& lang) {
    gk::ReportDoc d;
    d.path = path;
    d.errors.push_back({"input.check-failed",
                        lang == "en" ? "internal error while checking this document: " + what : "检查本文档时发生内部错误：" + what,
                        true});
    return d;
}

int run_check(const CheckArgs& args) {
    if (args.lang != "zh" && args.lang != "en") { std::cerr << "gkcheck: error: --lang must be zh or en\n"; return 2; }
    const auto settings = settings_for(args.paths, args.config, args.no_config, args.lang, args.lang_given, args.rules_dir,
                                       args.rules_given, args.disable);
    if (!settings) return 2;
    CheckArgs a = args;
    a.lang = settings->lang;
    const auto max_bytes = parse_size(a.max_size);
    if (!max_bytes) { std::cerr << "gkcheck: error: --max-size: not a size: " << a.max_size << "\n"; return 2; }
    if (!a.encoding.empty()) {
        UErrorCode status = U_ZERO_ERROR;
        UConverter* conv = ucnv_open(a.encoding.c_str(), &status);
        if (conv) ucnv_close(conv);
        if (U_FAILURE(status)) { std::cerr << "gkcheck: error: --encoding: unknown encoding: " << a.encoding << "\n"; return 2; }
    }
    gk::IngestOptions ingest_opts;
    ingest_opts.max_bytes = *max_bytes;
    ingest_opts.forced_encoding = a.encoding;
    const auto inputs = gk::collect_inputs(a.paths); // its notes are printed below, after the rules' errors

    // A single file (an editor's check): reading, parsing and extracting it need only the
    // catalogue, so they run on a second thread while the checks are built from the rulesets
    // (mostly RE2 compilation), instead of after them. The result is run_file's own
    // (Pipeline::check of Pipeline::analyse). Not with --resume, which may not check the file.
    std::future<gk::DocumentResult> prefetched;
    auto prefetch = [&](std::shared_ptr<const gk::Catalogue> catalogue) {
        if (inputs.files.size() != 1 || inputs.files[0] == "-" || a.resume) return;
        try {
            prefetched = std::async(std::launch::async, [path = inputs.files[0], &ingest_opts, catalogue] {
                return gk::Pipeline::analyse(gk::ingest_file(path, ingest_opts), *catalogue);
            });
        } catch (const std::system_error&) { // no thread to be had: the file is read in turn
        }
    };
    auto loaded = load_rules(*settings, std::cerr, prefetch);
    if (!loaded) return 2;
    auto& rules = loaded->rules;

    const bool want_fingerprints = !a.baseline.empty() || !a.write_baseline.empty();
    std::optional<gk::Baseline> baseline;
    if (!a.baseline.empty()) {
        std::string err;
        baseline = gk::Baseline::load(a.baseline, err);
        if (!baseline) { std::cerr << "gkcheck: error: --baseline: " << err << "\n"; return 2; }
    }
    gk::Baseline written;

    if (a.resume && a.db.empty()) { std::cerr << "gkcheck: error: --resume needs --db FILE\n"; return 2; }
    std::optional<gk::ResultStore> store;
    std::string fingerprint, run_id;
    if (!a.db.empty()) {
        try {
            store.emplace(gk::ResultStore::open(a.db));
            // One transaction per 64 documents, not per document (SQLite's per-commit work was
            // most of the writing thread's time): a kill loses at most the last 64, which a
            // rerun with --resume checks again; end_run commits the rest.
            store->set_batch_size(64);
            // The rules as configured (config, --disable) and the language of the stored messages.
            const std::string extra = std::string(GK_VERSION) + "\n" + a.lang + "\n" + gk::selection_signature(*rules);
            fingerprint = gk::ResultStore::fingerprint_rules(rules->catalogue().files(), extra);
        } catch (const std::exception& e) {
            std::cerr << "gkcheck: error: --db: " << e.what() << "\n";
            return 2;
        }
    }

    for (const auto& s : inputs.skipped)
        std::cerr << "gkcheck: note: skipped " << gk::terminal_safe(s) << " (not .html .htm .shtml .xhtml .txt .docx .pdf .doc .wps)\n";
    const std::size_t n = inputs.files.size();
    if (n == 0) { std::cerr << "gkcheck: error: no input files\n"; return 2; }

    // Standard input is read once, up front (ingest reports it if it is over the limit).
    std::string stdin_data, stdin_error;
    if (std::find(inputs.files.begin(), inputs.files.end(), "-") != inputs.files.end())
        stdin_data = gk::read_input("-", *max_bytes, stdin_error).value_or("");

    const bool show_progress = !a.no_progress && (a.progress || (n > 1 && ::isatty(STDERR_FILENO)));
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    unsigned jobs = a.jobs ? a.jobs : cores;
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
    // Fewer documents than cores (one file from an editor): the cores left over share each
    // document's rules. An explicit --jobs is the number of threads the run may use.
    const unsigned check_threads = std::max(1u, (a.jobs ? a.jobs : cores) / jobs);
    const gk::Pipeline pipeline(*rules, ingest_opts, check_threads);

    // The printers: one sink for stdout (--format), one for --output (written atomically at the end).
    const gk::RunInfo run{"gkcheck", GK_VERSION, rules->ruleset_ids()};
    const gk::AnnualTemplates& templates = loaded->catalogue->templates(); // the one catalogue of the run
    std::string output_format = a.output_format;
    if (output_format.empty())
        output_format = a.output.ends_with(".sarif") ? "sarif" : a.output.ends_with(".csv") ? "csv"
                      : (a.output.ends_with(".html") || a.output.ends_with(".htm")) ? "html" : "json";
    // The HTML dashboard ranks the annual reports with the rules directory's default scheme,
    // loaded only when a dashboard is written.
    std::string scheme_error;
    const bool dashboard = (!a.quiet && a.format == "html") || (!a.output.empty() && output_format == "html");
    const auto scheme = dashboard ? gk::cli::dashboard_scheme(loaded->catalogue->directory(), scheme_error) : std::nullopt;
    if (!scheme_error.empty()) { std::cerr << "gkcheck: error: scoring scheme: " << scheme_error << "\n"; return 2; }
    const gk::SinkContext sink_context{a.lang, *rules, templates, scheme ? &*scheme : nullptr};
    // --output is streamed into its temporary file as the documents are reported (a batch's
    // report is never held in memory whole) and put in place at the end; a path that cannot be
    // written is refused now, before any document is checked.
    std::optional<gk::AtomicFile> output_file;
    if (!a.output.empty()) {
        output_file.emplace(a.output);
        if (!output_file->error().empty()) {
            std::cerr << "gkcheck: error: " << output_file->error() << "\n";
            return 2;
        }
    }
    std::vector<std::unique_ptr<gk::Sink>> sinks;
    if (!a.quiet) sinks.push_back(gk::make_sink(a.format, std::cout, sink_context));
    if (output_file) sinks.push_back(gk::make_sink(output_format, output_file->stream(), sink_context));

    // The results database is used from one thread at a time (under `store_mu`, apart from `mu`,
    // which guards the slots: a worker publishing a result never waits for a database write).
    // Its first failure is reported once at the end (exit 2); from then on it is left alone and
    // the run goes on.
    std::mutex mu, store_mu;
    bool store_ok = store.has_value();
    std::string store_error;
    auto store_failed = [&](const std::exception& e) {
        if (store_error.empty()) store_error = e.what();
        store_ok = false;
    };
    if (store) {
        try {
            run_id = store->begin_run({{"name", run.name}, {"version", run.version}, {"rulesets", run.rulesets},
                                       {"rules_fingerprint", fingerprint}});
            store->expect_documents(n); // a large batch builds the by-cell index once, at the end
        } catch (const std::exception& e) {
            store_failed(e);
        }
    }

    // Test hook: checking a path that contains $GKCHECK_TEST_THROW_ON throws (tests/test_results_cli.cpp).
    const char* throw_on = std::getenv("GKCHECK_TEST_THROW_ON");
    const std::string throw_on_path = throw_on ? throw_on : "";
    // Test hook: with $GKCHECK_TEST_AHEAD, the main thread is slowed by that many milliseconds per
    // document and reports how far ahead of it the workers got (tests/test_check_threads.cpp).
    // It also reports how many threads the process had when the first document was printed.
    const char* test_ahead = std::getenv("GKCHECK_TEST_AHEAD");
    std::size_t max_ahead = 0;
    int threads_at_first = 0;

    // Workers fill slots; the main thread prints them in input order as they complete. A slot is
    // a pointer, so that what waits is only the results not yet printed (a year's 10,000 empty
    // slots are 80 KB, not 10,000 empty documents).
    std::vector<std::unique_ptr<Outcome>> slots(n);
    std::condition_variable ready, room;
    std::atomic<std::size_t> next{0};
    // At most `window` documents are checked ahead of the one the main thread prints and stores:
    // when that thread (the results database's writer) is the slower, the workers wait instead
    // of piling up finished documents, so memory stays flat in the number of inputs.
    const std::size_t window = std::max<std::size_t>(8, 4 * static_cast<std::size_t>(jobs));
    std::size_t taken = 0; // slots the main thread has taken, under `mu`
    auto fresh = [&](const gk::DocumentResult& r) {
        Outcome o{gk::from_result(r, a.lang)};
        if (want_fingerprints) o.fingerprints = gk::fingerprints(r);
        // The database rows are made here, on the worker, not on the thread that writes them
        // (with --baseline the stored document is the filtered one, made there).
        if (store && !baseline) o.rows = gk::ResultStore::rows_of(gk::to_json(o.doc));
        return o;
    };
    auto check_one = [&](const std::string& path) -> Outcome {
        if (!throw_on_path.empty() && path.find(throw_on_path) != std::string::npos)
            throw std::runtime_error("GKCHECK_TEST_THROW_ON");
        if (path == "-") return fresh(pipeline.run_bytes(stdin_data, a.stdin_filename));
        if (a.resume && !want_fingerprints) {
            // Same content checked with the same rules before: take the stored result.
            std::string unused;
            if (auto bytes = gk::read_input(path, *max_bytes, unused); bytes && bytes->size() <= *max_bytes) {
                const std::string hash = gk::sha256_hex(*bytes);
                std::optional<nlohmann::json> stored;
                {
                    std::lock_guard lock(store_mu);
                    try {
                        if (store_ok && store->has(hash, fingerprint)) stored = store->get(hash, fingerprint);
                    } catch (const std::exception& e) {
                        store_failed(e);
                    }
                }
                if (stored) {
                    {
                        std::lock_guard lock(store_mu);
                        try {
                            if (store_ok) store->note_file(path, hash, fingerprint, run_id); // a copy or a renamed file
                        } catch (const std::exception& e) {
                            store_failed(e);
                        }
                    }
                    Outcome o{gk::from_json(*stored), true};
                    o.doc.path = path;
                    return o;
                }
                return fresh(pipeline.run_bytes(*bytes, path));
            }
        }
        if (prefetched.valid()) return fresh(pipeline.check(prefetched.get())); // the one file, read meanwhile
        return fresh(pipeline.run_file(path));
    };
    auto checked = [&](std::size_t i) -> Outcome {
        const auto& path = inputs.files[i];
        try {
            return check_one(path);
        } catch (const std::exception& e) {
            return {failed_document(path == "-" ? a.stdin_filename : path, e.what(), a.lang)};
        } catch (...) {
            return {failed_document(path == "-" ? a.stdin_filename : path, "unknown exception", a.lang)};
        }
    };
    auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) {
            {
                std::unique_lock lock(mu);
                room.wait(lock, [&] { return i < taken + window; }); // the slot `taken` never waits
                max_ahead = std::max(max_ahead, i - taken);
            }
            Outcome outcome = checked(i);
            {
                std::lock_guard lock(mu);
                slots[i] = std::make_unique<Outcome>(std::move(outcome));
            }
            ready.notify_all();
        }
    };
    // --jobs 1 is one thread: this one checks each document, then prints and stores it, in
    // order (no worker, so a run asked for one core uses one). Otherwise `jobs` workers check
    // while this thread prints and stores.
    const bool one_thread = a.jobs == 1;
    std::vector<std::thread> pool;
    if (!one_thread)
        for (unsigned t = 0; t < jobs; ++t) pool.emplace_back(work);

    gk::Summary summary;
    std::size_t resumed = 0;
    for (auto& sink : sinks) sink->begin(run);
    for (std::size_t i = 0; i < n; ++i) {
        Outcome outcome;
        if (one_thread) {
            outcome = checked(i);
        } else {
            {
                std::unique_lock lock(mu);
                ready.wait(lock, [&] { return slots[i] != nullptr; });
                outcome = std::move(*slots[i]);
                slots[i].reset();
                taken = i + 1;
            }
            room.notify_all();
        }
        if (test_ahead) {
            std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(test_ahead)));
            if (i == 0) threads_at_first = live_threads();
        }
        if (!a.write_baseline.empty() && outcome.doc.checked()) written.documents[outcome.doc.path] = outcome.fingerprints;
        if (baseline && outcome.fingerprints.size() == outcome.doc.findings.size()) {
            // Only the findings the baseline does not know.
            const auto is_new = baseline->fresh(outcome.doc.path, outcome.fingerprints);
            std::vector<gk::ReportFinding> kept;
            for (std::size_t k = 0; k < is_new.size(); ++k)
                if (is_new[k]) kept.push_back(std::move(outcome.doc.findings[k]));
            outcome.doc.findings = std::move(kept);
        }
        const gk::ReportDoc& doc = outcome.doc;
        // Input errors always get their one clear line on stderr, whatever the format. An input
        // with any input error (unreadable, or invalid bytes replaced while decoding) makes the
        // run exit 2; a document with invalid bytes is still checked and reported.
        for (const auto& e : doc.errors) std::cerr << gk::terminal_safe(doc.path) << ": error: " << gk::terminal_safe(e.message) << " [" << e.code << "]\n";
        summary.add(doc);
        if (outcome.resumed) ++resumed;
        if (!outcome.resumed) {
            std::lock_guard lock(store_mu);
            try {
                if (store_ok) store->put(outcome.rows ? *outcome.rows : gk::ResultStore::rows_of(gk::to_json(doc)), fingerprint, run_id);
            } catch (const std::exception& e) {
                store_failed(e);
            }
        }
        for (auto& sink : sinks) sink->document(doc);
        if (show_progress) std::cerr << "\r[" << (i + 1) << "/" << n << "] " << std::flush;
    }
    for (auto& t : pool) t.join();
    if (show_progress) std::cerr << "\n";
    if (test_ahead)
        std::cerr << "gkcheck: test: at most " << max_ahead << " ahead of " << window << ", " << threads_at_first
                  << " threads at the first document\n";

    if (store_ok) {
        // The cross-year rules over the whole database: this run's reports against the years
        // already there (and the other way round). Their findings are printed here, as text.
        try {
            // One agency and year at a time: memory holds two years of one agency, not the database.
            const auto run_cross = gk::run_cross_rules_by_agency(*store, *rules, fingerprint, jobs);
            const auto& cross_docs = run_cross.docs;
            const auto& cross = run_cross.findings;
            gk::replace_cross_findings(*store, fingerprint, cross_docs, cross);
            std::set<std::string> ours;
            for (const auto& f : inputs.files) ours.insert(f == "-" ? a.stdin_filename : f);
            for (const auto& cf : cross) {
                const auto& d = cross_docs[cf.doc];
                if (!ours.count(d.path) || a.quiet || a.format != "text") continue;
                std::cout << gk::terminal_safe(d.path) << ":" << cf.finding.position.line << ":" << cf.finding.position.column << ": "
                          << gk::to_string(cf.finding.severity) << ": " << gk::terminal_safe(cf.finding.message.in(a.lang)) << " [" << cf.finding.rule << "]\n";
            }
        } catch (const std::exception& e) {
            store_failed(e);
        }
    }
    if (store_ok) {
        try {
            store->end_run(run_id, gk::to_json(summary));
        } catch (const std::exception& e) {
            store_failed(e);
        }
    }
    for (auto& sink : sinks) sink->finish(summary);
    bool failed = false;
    if (output_file) {
        if (auto err = output_file->commit(); !err.empty()) {
            std::cerr << "gkcheck: error: " << err << "\n";
            failed = true;
        }
    }
    if (!a.write_baseline.empty()) {
        if (auto err = gk::write_file_atomically(a.write_baseline, written.to_json()); !err.empty()) {
            std::cerr << "gkcheck: error: --write-baseline: " << err << "\n";
            failed = true;
        }
    }
    if (!store_error.empty()) {
        std::cerr << "gkcheck: error: --db: " << store_error << "\n";
        failed = true;
    }
    std::cerr << (a.lang == "en" ? "checked " : "已检查 ") << n << (a.lang == "en" ? " files: " : " 个文件：") << summary.error
              << (a.lang == "en" ? " errors, " : " 个错误，") << summary.warning << (a.lang == "en" ? " warnings, " : " 个警告，")
              << summary.info << (a.lang == "en" ? " info" : " 个提示");
    if (summary.input_errors) std::cerr << (a.lang == "en" ? ", input errors: " : "，输入错误：") << summary.input_errors;
    if (resumed) std::cerr << (a.lang == "en" ? ", taken from the database: " : "，取自结果库：") << resumed;
    std::cerr << "\n";
    if (summary.input_errors || failed) return 2;
    return summary.error ? 1 : 0;
}

int run_rules(const std::string& dir, bool kinds) {
    auto loaded = load_rules(dir, std::cerr);
    if (!loaded) return 2;
    auto& rules = loaded->rules;
    if (kinds) {
        for (const auto& k : gk::CheckRegistry::instance().kinds()) std::cout << k << "\n";
        return 0;
    }
    for (const auto& r : rules->rules())
        std::cout << r.id << "\t" << gk::to_string(r.severity) << "\t" << r.kind << "\t" << r.ruleset << "\n";
    return 0;
}

struct ServeArgs {
    std::string listen = "127.0.0.1:8080";
    bool allow_remote = false;
    std::string max_body = "8M";
    unsigned timeout_ms = 10000;
    unsigned read_timeout_s = 5;
    unsigned max_concurrent = 16;
    unsigned threads = 0;
    std::string lang = "zh";
    std::string rules_dir = default_rules_dir();
    std::vector<std::string> disable;
    bool no_access_log = false;
};

#ifndef GK_WITH_SERVE
// The HTTP service is the executable gkcheck-serve beside this one ($GKCHECK_SERVE_BINARY names
// another): it links cpp-httplib and OpenSSL, which would cost every run of this binary ~5 ms to
// load. `gkcheck serve ARGS` runs it in this process's place, with the same arguments (parsed
// here first, so that a bad option gets its error from gkcheck).
int exec_serve(char** argv) {
    std::string path;
    if (const char* env = std::getenv("GKCHECK_SERVE_BINARY"); env && *env) path = env;
    else path = gk::executable_dir() + "/gkcheck-serve";
    argv[0] = path.data();
    ::execv(path.c_str(), argv);
    std::cerr << "gkcheck serve: error: cannot run " << gk::terminal_safe(path) << ": " << std::strerror(errno) << "\n";
    return 2;
}
#else
int run_serve(const ServeArgs& a) {
    gk::ServeOptions o;
    const auto colon = a.listen.rfind(':');
    if (colon == std::string::npos || colon + 1 == a.listen.size() ||
        !std::all_of(a.listen.begin() + static_cast<std::ptrdiff_t>(colon) + 1, a.listen.end(), ::isdigit) ||
        a.listen.size() - colon > 6) {
        std::cerr << "gkcheck serve: error: --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
        return 2;
    }
    o.host = a.listen.substr(0, colon);
    if (o.host.size() >= 2 && o.host.front() == '[' && o.host.back() == ']') o.host = o.host.substr(1, o.host.size() - 2);
    o.port = std::stoi(a.listen.substr(colon + 1));
    o.allow_remote = a.allow_remote;
    const auto max_body = parse_size(a.max_body);
    if (!max_body) { std::cerr << "gkcheck serve: error: --max-body: not a size: " << a.max_body << "\n"; return 2; }
    o.max_body = *max_body;
    o.timeout_ms = a.timeout_ms;
    o.read_timeout_s = a.read_timeout_s;
    o.max_concurrent = a.max_concurrent;
    o.threads = a.threads;
    o.lang = a.lang;
    o.access_log = !a.no_access_log;
    if (auto err = gk::validate(o); !err.empty()) { std::cerr << "gkcheck serve: error: " << err << "\n"; return 2; }
    auto loaded = load_rules(a.rules_dir, std::cerr);
    if (!loaded) return 2;
    if (auto unknown = loaded->rules->unknown_ids(a.disable); !unknown.empty()) {
        std::vector<std::string> ids;
        for (const auto& r : loaded->rules->rules()) ids.push_back(r.id);
        std::cerr << "gkcheck serve: error: --disable: unknown rule id or prefix: " << unknown.front();
        if (auto near = gk::nearest(unknown.front(), ids); !near.empty()) std::cerr << " (did you mean " << near << "?)";
        std::cerr << "\n";
        return 2;
    }
    loaded->rules->disable(a.disable);
    gk::IngestOptions io;
    io.max_bytes = o.max_body;
    const gk::Pipeline pipeline(*loaded->rules, io);
    return gk::serve_until_signal(pipeline, o, std::cerr, std::cerr);
}
#endif

struct FixArgs {
    gk::FixOptions o;
    std::string rules_dir = default_rules_dir();
    std::vector<std::string> disable;
    std::string max_size = "64M";
    std::string config;
    bool no_config = false, lang_given = false, rules_given = false;
};

int run_fix(FixArgs& a) {
    if (a.o.lang != "zh" && a.o.lang != "en") { std::cerr << "gkcheck: error: --lang must be zh or en\n"; return 2; }
    const auto max_bytes = parse_size(a.max_size);
    if (!max_bytes) { std::cerr << "gkcheck: error: --max-size: not a size: " << a.max_size << "\n"; return 2; }
    const auto settings = settings_for({a.o.input}, a.config, a.no_config, a.o.lang, a.lang_given, a.rules_dir, a.rules_given, a.disable);
    if (!settings) return 2;
    a.o.lang = settings->lang;
    auto loaded = load_rules(*settings, std::cerr);
    if (!loaded) return 2;
    gk::IngestOptions io;
    io.max_bytes = *max_bytes;
    const gk::Pipeline pipeline(*loaded->rules, io);
    return gk::run_fix(a.o, pipeline, std::cout, std::cerr);
}

struct ConfigArgs {
    bool print = false;
    std::string path = ".";
    std::string config, lang = "zh", rules_dir = default_rules_dir();
    std::vector<std::string> disable;
    bool no_config = false, lang_given = false, rules_given = false;
};

int run_config(const ConfigArgs& a) {
    if (!a.print) { std::cerr << "gkcheck config: error: nothing to do (use --print [PATH])\n"; return 2; }
    const auto settings = settings_for({a.path}, a.config, a.no_config, a.lang, a.lang_given, a.rules_dir, a.rules_given, a.disable);
    if (!settings) return 2;
    auto loaded = load_rules(*settings, std::cerr);
    if (!loaded) return 2;
    std::cout << gk::describe(*settings, *loaded->rules);
    return 0;
}

// After a parse error: "did you mean" for a misspelt subcommand or long option.
void suggest_spelling(CLI::App& app, int argc, char** argv) {
    std::vector<std::string> subs, longs;
    CLI::App* sub = nullptr;
    for (auto* s : app.get_subcommands({})) subs.push_back(s->get_name());
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (!sub && !arg.starts_with("-")) {
            for (auto* s : app.get_subcommands({}))
                if (s->get_name() == arg) sub = s;
            if (!sub) {
                if (auto near = gk::nearest(arg, subs); !near.empty())
                    std::cerr << "gkcheck: did you mean '" << near << "'?\n";
                return;
            }
            for (const auto* o : sub->get_options({}))
                for (const auto& n : o->get_lnames()) longs.push_back("--" + n);
            continue;
        }
        if (sub && arg.starts_with("--")) {
            const std::string name = arg.substr(0, arg.find('='));
            if (std::find(longs.begin(), longs.end(), name) == longs.end())
                if (auto near = gk::nearest(name, longs); !near.empty()) {
                    std::cerr << "gkcheck: did you mean " << near << "?\n";
                    return;
                }
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    xmlInitParser();
    CLI::App app{"gkcheck — 政府信息公开文档检查 / checker for Chinese government information-disclosure documents"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("gkcheck ") + GK_VERSION);

    CheckArgs ca;
    auto* check = app.add_subcommand("check", "Check documents (files, directories, - for stdin) against the rulesets");
    check->add_option("paths", ca.paths, "Files, directories (recursive) or - for standard input")->required();
    check->add_option("-f,--format", ca.format, "Output on stdout: text | json | sarif | csv | html")
        ->check(CLI::IsMember({"text", "json", "sarif", "csv", "html"}));
    check->add_option("-o,--output", ca.output, "Also write the whole report to FILE (atomically); format from --output-format or the extension (.json .sarif .csv .html)");
    check->add_option("--output-format", ca.output_format, "Format of --output: json | sarif | csv | html")
        ->check(CLI::IsMember({"json", "sarif", "csv", "html"}));
    check->add_option("--db", ca.db, "Store documents, facts, table cells and findings in a SQLite results database");
    check->add_flag("--resume", ca.resume, "With --db: skip files whose content was already checked with the same rules");
    check->add_option("--lang", ca.lang, "Language of messages: zh (default) | en");
    check->add_option("--rules", ca.rules_dir, "Ruleset directory (default: $GKCHECK_RULES or the bundled rulesets/)");
    check->add_option("--disable", ca.disable, "Disable rules by id or id prefix (repeatable, comma-separated)")->delimiter(',');
    check->add_option("--stdin-filename", ca.stdin_filename, "Name of standard input in findings (its extension picks HTML or text)");
    check->add_option("--max-size", ca.max_size, "Largest input accepted, bytes or with K/M/G (default 64M)");
    check->add_option("--encoding", ca.encoding, "Input encoding, skipping detection (e.g. GB18030, Big5, UTF-8)");
    check->add_option("-j,--jobs", ca.jobs, "Documents checked in parallel (default: one per CPU core; 1: one thread checks, prints and stores in turn)");
    check->add_flag("-q,--quiet", ca.quiet, "No per-finding output on stdout (summary and errors still on stderr)");
    check->add_flag("--progress", ca.progress, "Show progress on stderr (default when stderr is a terminal)");
    check->add_flag("--no-progress", ca.no_progress, "Never show progress");
    check->add_option("--baseline", ca.baseline, "Report only findings not recorded in this baseline file (see --write-baseline)");
    check->add_option("--write-baseline", ca.write_baseline, "Record a fingerprint of every finding of this run in FILE (atomically)");
    check->add_option("--config", ca.config, "Project config file (default: the nearest .gkcheck.json above the inputs)");
    check->add_flag("--no-config", ca.no_config, "Do not look for a .gkcheck.json");

    gk::RedactOptions ra;
    std::string redact_rules_dir = default_rules_dir();
    std::string redact_max_size = "64M";
    auto* redact = app.add_subcommand("redact", "Write de-identified copies: ID numbers, mobiles, bank cards masked; nothing else changed");
    redact->add_option("inputs", ra.inputs, "Files or directories to redact (never modified)")->required();
    redact->add_option("-o,--output", ra.output, "Output file (one input) or directory (several inputs or a directory)")->required();
    redact->add_flag("--force", ra.force, "Replace existing output files");
    redact->add_flag("--dry-run", ra.dry_run, "Show what would be masked (values shown masked), write nothing");
    redact->add_option("--lang", ra.lang, "Language of messages: zh (default) | en");
    redact->add_option("--rules", redact_rules_dir, "Ruleset directory (default: $GKCHECK_RULES or the bundled rulesets/)");
    redact->add_option("--max-size", redact_max_size, "Largest input accepted, bytes or with K/M/G (default 64M)");

    FixArgs fa;
    auto* fix = app.add_subcommand("fix", "Apply the mechanical fixes (文号 brackets, full-width digits, ID masks, house style) to a copy; nothing else changed");
    fix->add_option("input", fa.o.input, "File to fix (never modified without --force), or - for standard input")->required();
    fix->add_option("-o,--output", fa.o.output, "Output file, or - for standard output");
    fix->add_flag("--force", fa.o.force, "Replace an existing output (also the input itself)");
    fix->add_flag("--dry-run", fa.o.dry_run, "List the fixes, write nothing");
    fix->add_option("--lang", fa.o.lang, "Language of messages: zh (default) | en");
    fix->add_option("--rules", fa.rules_dir, "Ruleset directory (default: $GKCHECK_RULES or the bundled rulesets/)");
    fix->add_option("--disable", fa.disable, "Disable rules (and so their fixes) by id or id prefix")->delimiter(',');
    fix->add_option("--stdin-filename", fa.o.stdin_filename, "Name of standard input in messages (its extension picks HTML or text)");
    fix->add_option("--max-size", fa.max_size, "Largest input accepted, bytes or with K/M/G (default 64M)");
    fix->add_option("--config", fa.config, "Project config file (default: the nearest .gkcheck.json)");
    fix->add_flag("--no-config", fa.no_config, "Do not look for a .gkcheck.json");

    ConfigArgs cfa;
    auto* config = app.add_subcommand("config", "Show the effective configuration (.gkcheck.json, command line, defaults) and where each value comes from");
    config->add_flag("--print", cfa.print, "Print the effective configuration for PATH");
    config->add_option("path", cfa.path, "A file or directory whose configuration to show (default: .)");
    config->add_option("--config", cfa.config, "Project config file (default: the nearest .gkcheck.json above PATH)");
    config->add_flag("--no-config", cfa.no_config, "Do not look for a .gkcheck.json");
    config->add_option("--lang", cfa.lang, "As for check");
    config->add_option("--rules", cfa.rules_dir, "As for check");
    config->add_option("--disable", cfa.disable, "As for check")->delimiter(',');

    std::string rules_dir = default_rules_dir();
    bool list_kinds = false;
    auto* rules = app.add_subcommand("rules", "List the loaded rules (id, severity, kind, ruleset)");
    rules->add_option("--rules", rules_dir, "Ruleset directory");
    rules->add_flag("--kinds", list_kinds, "List the registered check kinds instead");

    ServeArgs sa;
    auto* serve = app.add_subcommand("serve", "Serve checks over HTTP for a CMS: POST /v1/check, POST /v1/redact, GET /v1/rules, GET /healthz");
    serve->add_option("--listen", sa.listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free port)");
    serve->add_flag("--allow-remote", sa.allow_remote, "Allow a non-loopback --listen address (the service has no authentication)");
    serve->add_option("--max-body", sa.max_body, "Largest request body, bytes or with K/M/G (default 8M); larger get 413");
    serve->add_option("--timeout", sa.timeout_ms, "Longest check of one request in milliseconds (default 10000); longer get 503");
    serve->add_option("--read-timeout", sa.read_timeout_s, "Seconds a client may take to send its request (default 5)");
    serve->add_option("--max-concurrent", sa.max_concurrent, "Checks at once (default 16); more get 503 with Retry-After");
    serve->add_option("--threads", sa.threads, "Connection threads (default: --max-concurrent + 4)");
    serve->add_option("--lang", sa.lang, "Default language of messages when a request gives no lang: zh (default) | en");
    serve->add_option("--rules", sa.rules_dir, "Ruleset directory (default: $GKCHECK_RULES or the bundled rulesets/)");
    serve->add_option("--disable", sa.disable, "Disable rules for every request (id or prefix; repeatable, comma-separated)")->delimiter(',');
    serve->add_flag("--no-access-log", sa.no_access_log, "No JSON access-log line per request on stderr");

    gk::cli::AuditArgs audit_args;
    auto* audit = gk::cli::add_audit_command(app, audit_args, default_rules_dir());
    gk::cli::CoverageArgs coverage_args;
    auto* coverage = gk::cli::add_coverage_command(app, coverage_args, default_rules_dir());
    gk::cli::ScoreArgs score_args;
    auto* score = gk::cli::add_score_command(app, score_args, default_rules_dir());

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        if (rc != 0) suggest_spelling(app, argc, argv);
        return rc == 0 ? 0 : 2;
    }
    if (check->parsed()) {
        ca.lang_given = check->get_option("--lang")->count() > 0;
        ca.rules_given = check->get_option("--rules")->count() > 0;
        return run_check(ca);
    }
    if (fix->parsed()) {
        fa.lang_given = fix->get_option("--lang")->count() > 0;
        fa.rules_given = fix->get_option("--rules")->count() > 0;
        return run_fix(fa);
    }
    if (config->parsed()) {
        cfa.lang_given = config->get_option("--lang")->count() > 0;
        cfa.rules_given = config->get_option("--rules")->count() > 0;
        return run_config(cfa);
    }
    if (rules->parsed()) return run_rules(rules_dir, list_kinds);
    if (audit->parsed()) return gk::cli::run_audit(audit_args);
    if (coverage->parsed()) return gk::cli::run_coverage(coverage_args);
    if (score->parsed()) return gk::cli::run_score(score_args);
#ifdef GK_WITH_SERVE
    if (serve->parsed()) return run_serve(sa);
#else
    if (serve->parsed()) return exec_serve(argv);
#endif
    if (redact->parsed()) {
        if (ra.lang != "zh" && ra.lang != "en") { std::cerr << "gkcheck: error: --lang must be zh or en\n"; return 2; }
        const auto max_bytes = parse_size(redact_max_size);
        if (!max_bytes) { std::cerr << "gkcheck: error: --max-size: not a size: " << redact_max_size << "\n"; return 2; }
        ra.max_bytes = *max_bytes;
        std::shared_ptr<const gk::Catalogue> catalogue;
        try {
            catalogue = gk::Catalogue::load_directory(redact_rules_dir);
        } catch (const gk::RulesetError& e) {
            std::cerr << "gkcheck redact: error: ruleset: " << e.what() << "\n";
            return 2;
        }
        return gk::run_redact(ra, *catalogue, std::cout, std::cerr);
    }
    return 2;
}

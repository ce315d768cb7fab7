#include "serve/serve.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <pthread.h>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unicode/ucnv.h>

#include "core/suggest.hpp"
#include "redact/redact.hpp"
#include "report/report_doc.hpp"
#include "report/sink.hpp"

namespace gk {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// When the request being served on this connection thread began (set before routing).
thread_local Clock::time_point t_started{};

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

const char* reason(int status) {
    switch (status) {
    case 400: return "bad-request";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 408: return "request-timeout";
    case 413: return "payload-too-large";
    case 414: return "uri-too-long";
    case 415: return "unsupported-media-type";
    case 422: return "unprocessable";
    case 500: return "internal-error";
    case 503: return "unavailable";
    default: return status >= 500 ? "server-error" : "client-error";
    }
}

void error_answer(httplib::Response& res, int status, const std::string& code, const std::string& message) {
    res.status = status;
    res.set_content(json{{"error", {{"status", status}, {"code", code}, {"message", message}}}}.dump() + "\n",
                    "application/json");
}

// The query's comma-separated, repeatable list parameter.
std::vector<std::string> list_param(const httplib::Request& req, const std::string& key) {
    std::vector<std::string> out;
    const std::size_t n = req.get_param_value_count(key);
    for (std::size_t i = 0; i < n; ++i) {
        std::stringstream ss(req.get_param_value(key, i));
        for (std::string item; std::getline(ss, item, ',');)
            if (!(item = trim(item)).empty()) out.push_back(item);
    }
    return out;
}

// A request's document: display name, format ("html" | "text"), forced charset.
struct Body {
    std::string name, format, charset, content_type;
};

// "" on success, else the error message (status in `status`).
std::string read_body_params(const httplib::Request& req, Body& body, int& status) {
    const std::string ct = req.get_header_value("Content-Type");
    std::string media = lower(trim(ct.substr(0, ct.find(';'))));
    if (media == "text/html" || media == "application/xhtml+xml") body.format = "html";
    else if (media == "text/plain") body.format = "text";
    else {
        status = 415;
        return media.empty() ? "Content-Type is required: text/html or text/plain (with an optional charset)"
                             : "unsupported Content-Type " + media + ": use text/html or text/plain";
    }
    body.content_type = ct;
    for (std::size_t p = ct.find(';'); p != std::string::npos;) {
        const std::size_t next = ct.find(';', p + 1);
        const std::string param = trim(ct.substr(p + 1, next == std::string::npos ? std::string::npos : next - p - 1));
        if (lower(param.substr(0, 8)) == "charset=") {
            std::string cs = trim(param.substr(8));
            if (cs.size() >= 2 && cs.front() == '"' && cs.back() == '"') cs = cs.substr(1, cs.size() - 2);
            body.charset = cs;
        }
        p = next;
    }
    if (!body.charset.empty()) {
        UErrorCode st = U_ZERO_ERROR;
        UConverter* conv = ucnv_open(body.charset.c_str(), &st);
        if (conv) ucnv_close(conv);
        if (U_FAILURE(st)) { status = 400; return "unknown charset: " + body.charset; }
    }
    body.name = body.format == "html" ? "request.html" : "request.txt";
    if (req.has_param("name")) {
        const std::string n = req.get_param_value("name");
        if (n.empty() || n.size() > 255) { status = 400; return "name must be 1 to 255 bytes"; }
        for (unsigned char c : n)
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') { status = 400; return "name must be a plain file name (no control characters, no / or \\)"; }
        const std::string ext = lower(n.substr(n.rfind('.') == std::string::npos ? n.size() : n.rfind('.')));
        const bool html_ext = ext == ".html" || ext == ".htm" || ext == ".shtml" || ext == ".xhtml";
        if (body.format == "html" ? !html_ext : ext != ".txt") {
            status = 400;
            return "name must end in " + std::string(body.format == "html" ? ".html (.htm .shtml .xhtml)" : ".txt") +
                   " to match the Content-Type";
        }
        body.name = n;
    }
    return "";
}

} // namespace

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    in_addr a{};
    if (inet_pton(AF_INET, host.c_str(), &a) == 1) return (ntohl(a.s_addr) >> 24) == 127;
    return false;
}

std::string validate(const ServeOptions& o) {
    if (!is_loopback(o.host) && !o.allow_remote)
        return "refusing to listen on " + o.host + ": not a loopback address (pass --allow-remote to expose the service)";
    if (o.port < 0 || o.port > 65535) return "port out of range: " + std::to_string(o.port);
    if (o.max_body == 0) return "--max-body must be positive";
    if (o.timeout_ms == 0) return "--timeout must be positive";
    if (o.max_concurrent == 0) return "--max-concurrent must be positive";
    if (o.read_timeout_s == 0) return "--read-timeout must be positive";
    if (o.lang != "zh" && o.lang != "en") return "--lang must be zh or en";
    return "";
}

struct Server::Impl {
    const Pipeline& pipeline;
    ServeOptions opts;
    std::ostream& log;
    std::mutex log_mu;
    httplib::Server http;
    // Checks in flight (including ones that overran their time and are finishing in the
    // background): bounded by opts.max_concurrent; stop() waits for them.
    std::mutex active_mu;
    std::condition_variable active_cv;
    unsigned active = 0;
    std::vector<std::string> rule_ids;

    Impl(const Pipeline& p, ServeOptions o, std::ostream& l) : pipeline(p), opts(std::move(o)), log(l) {
        for (const auto& r : pipeline.rules().rules()) rule_ids.push_back(r.id);
    }

    bool acquire() {
        std::lock_guard lock(active_mu);
        if (active >= opts.max_concurrent) return false;
        ++active;
        return true;
    }
    void release() {
        std::lock_guard lock(active_mu);
        --active;
        active_cv.notify_all();
    }
    void wait_idle() {
        std::unique_lock lock(active_mu);
        active_cv.wait(lock, [&] { return active == 0; });
    }

    // Runs `work` on its own thread under the concurrency limit and waits at most timeout_ms
    // for it. The answer is written by `work` into a shared value and copied out in time, or
    // the request gets a 503 (the work finishes in the background, still counted as active).
    template <class Work>
    void run_limited(httplib::Response& res, Work work) {
        if (!acquire()) {
            res.set_header("Retry-After", "1");
            error_answer(res, 503, "busy", "too many concurrent requests (limit " + std::to_string(opts.max_concurrent) + ")");
            return;
        }
        struct Shared {
            std::mutex m;
            std::condition_variable cv;
            bool done = false;
            httplib::Response res;
        };
        auto shared = std::make_shared<Shared>();
        try {
            std::thread([this, shared, work = std::move(work)]() mutable {
                httplib::Response r;
                try {
                    work(r);
                } catch (const std::exception& e) {
                    error_answer(r, 500, "internal-error", e.what());
                } catch (...) {
                    error_answer(r, 500, "internal-error", "unknown exception");
                }
                // The slot is free before the answer is handed over: a client that sends its next
                // request as soon as it has this answer must find it free, or a busy machine
                // (this thread descheduled between the two) turns a steady load into 503s.
                release();
                {
                    std::lock_guard lock(shared->m);
                    shared->res = std::move(r);
                    shared->done = true;
                }
                shared->cv.notify_all();
            }).detach();
        } catch (const std::exception& e) {
            release();
            error_answer(res, 503, "busy", std::string("cannot start a worker: ") + e.what());
            return;
        }
        std::unique_lock lock(shared->m);
        if (!shared->cv.wait_for(lock, std::chrono::milliseconds(opts.timeout_ms), [&] { return shared->done; })) {
            error_answer(res, 503, "timeout", "the check took longer than " + std::to_string(opts.timeout_ms) + " ms");
            return;
        }
        res.status = shared->res.status;
        res.body = std::move(shared->res.body);
        res.headers = std::move(shared->res.headers);
    }

    void check(const httplib::Request& req, httplib::Response& res) {
        Body body;
        int status = 400;
        if (auto err = read_body_params(req, body, status); !err.empty()) return error_answer(res, status, reason(status), err);
        const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : opts.lang;
        if (lang != "zh" && lang != "en") return error_answer(res, 400, "bad-parameter", "lang must be zh or en");
        const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
        static const std::vector<std::string> formats{"json", "sarif", "text", "csv"};
        if (std::find(formats.begin(), formats.end(), format) == formats.end())
            return error_answer(res, 400, "bad-parameter", "format must be json, sarif, text or csv");
        const auto disable = list_param(req, "disable"), enable = list_param(req, "enable");
        std::vector<std::string> all = disable;
        all.insert(all.end(), enable.begin(), enable.end());
        if (const auto unknown = pipeline.rules().unknown_ids(all); !unknown.empty()) {
            std::string msg = "unknown rule id or prefix: " + unknown.front();
            if (const auto near = nearest(unknown.front(), rule_ids); !near.empty()) msg += " (did you mean " + near + "?)";
            return error_answer(res, 400, "unknown-rule", msg);
        }
        for (const auto& p : req.params) {
            static const std::vector<std::string> keys{"lang", "format", "disable", "enable", "name"};
            if (std::find(keys.begin(), keys.end(), p.first) == keys.end()) {
                std::string msg = "unknown query parameter: " + p.first;
                if (const auto near = nearest(p.first, keys); !near.empty()) msg += " (did you mean " + near + "?)";
                return error_answer(res, 400, "bad-parameter", msg);
            }
        }
        std::string bytes = req.body;
        run_limited(res, [this, bytes = std::move(bytes), body, lang, format, disable, enable](httplib::Response& r) {
            RunOptions ro;
            ro.forced_encoding = body.charset;
            std::vector<bool> selection;
            if (!disable.empty() || !enable.empty()) {
                selection = pipeline.rules().selection(disable, enable);
                ro.rules = &selection;
            }
            const ReportDoc doc = from_result(pipeline.run_bytes(bytes, body.name, ro), lang);
            Summary summary;
            summary.add(doc);
            std::ostringstream out;
            const auto& rules = pipeline.rules();
            const SinkContext ctx{lang, rules, rules.catalogue().templates()};
            auto sink = make_sink(format, out, ctx);
            sink->begin(RunInfo{"gkcheck", GK_VERSION, rules.ruleset_ids()});
            sink->document(doc);
            sink->finish(summary);
            r.status = 200;
            r.set_header("X-Gkcheck-Findings", std::to_string(doc.findings.size()));
            // What `gkcheck check` would exit with for this one document.
            r.set_header("X-Gkcheck-Exit", summary.input_errors ? "2" : summary.error ? "1" : "0");
            const char* type = format == "json" ? "application/json"
                             : format == "sarif" ? "application/sarif+json"
                             : format == "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
            r.set_content(out.str(), type);
        });
    }

    void redact(const httplib::Request& req, httplib::Response& res) {
        Body body;
        int status = 400;
        if (auto err = read_body_params(req, body, status); !err.empty()) return error_answer(res, status, reason(status), err);
        for (const auto& p : req.params)
            if (p.first != "name") return error_answer(res, 400, "bad-parameter", "unknown query parameter: " + p.first);
        std::string bytes = req.body;
        run_limited(res, [this, bytes = std::move(bytes), body](httplib::Response& r) {
            IngestOptions io = pipeline.ingest_options();
            if (!body.charset.empty()) io.forced_encoding = body.charset;
            const Catalogue& catalogue = pipeline.rules().catalogue();
            DocumentResult analysed = Pipeline::analyse(ingest_bytes(bytes, body.name, io), catalogue);
            if (!analysed.doc.readable()) {
                std::string msg = "the document could not be read";
                if (!analysed.doc.errors.empty()) msg += ": " + analysed.doc.errors.front().message.en + " [" + analysed.doc.errors.front().code + "]";
                return error_answer(r, 422, "unreadable", msg);
            }
            if (!analysed.facts.privacy && !catalogue.privacy())
                return error_answer(r, 500, "no-privacy-config", "the loaded rulesets declare no privacy configuration");
            const RedactResult rr = analysed.facts.privacy ? redact_document(bytes, analysed.doc, *analysed.facts.privacy)
                                                           : redact_document(bytes, analysed.doc, *catalogue.privacy());
            if (!rr.ok) return error_answer(r, 422, "unredactable", rr.error);
            r.status = 200;
            r.set_header("X-Gkcheck-Masked", std::to_string(rr.edits.size()));
            r.set_header("X-Gkcheck-Unredactable", std::to_string(rr.unredactable));
            r.set_content(rr.bytes, body.content_type.c_str());
        });
    }

    void rules(const httplib::Request&, httplib::Response& res) {
        const auto& rs = pipeline.rules();
        json arr = json::array();
        for (std::size_t i = 0; i < rs.rules().size(); ++i) {
            const Rule& r = rs.rules()[i];
            json messages = json::object();
            for (const auto& [lang, text] : r.messages) messages[lang] = text;
            arr.push_back({{"id", r.id}, {"severity", to_string(r.severity)}, {"kind", r.kind}, {"ruleset", r.ruleset},
                           {"name", r.name}, {"messages", messages}, {"doc", r.doc}, {"enabled", rs.enabled(i)}});
        }
        res.set_content(json{{"tool", to_json(RunInfo{"gkcheck", GK_VERSION, rs.ruleset_ids()})}, {"rules", arr}}.dump(2) + "\n",
                        "application/json");
    }

    void access(const httplib::Request& req, const httplib::Response& res) {
        if (!opts.access_log) return;
        json line{{"ts", utc_now()}, {"remote", req.remote_addr}, {"method", req.method}, {"path", req.path},
                  {"status", res.status}, {"bytes_in", req.body.size()}, {"bytes_out", res.body.size()}};
        if (t_started != Clock::time_point{}) {
            line["ms"] = std::chrono::duration<double, std::milli>(Clock::now() - t_started).count();
            t_started = {};
        }
        if (res.has_header("X-Gkcheck-Findings")) line["findings"] = std::stoul(res.get_header_value("X-Gkcheck-Findings"));
        if (res.status >= 400 && res.body.size() < 2048) {
            const auto j = json::parse(res.body, nullptr, false);
            if (j.is_object() && j.contains("error")) line["error"] = j["error"].value("code", "");
        }
        std::lock_guard lock(log_mu);
        log << line.dump() << "\n" << std::flush;
    }
};

Server::Server(const Pipeline& pipeline, ServeOptions options, std::ostream& log)
    : impl_(std::make_unique<Impl>(pipeline, std::move(options), log)) {
    auto& s = impl_->http;
    Impl* im = impl_.get();
    const unsigned threads = im->opts.threads ? im->opts.threads : im->opts.max_concurrent + 4;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    s.set_payload_max_length(im->opts.max_body);
    s.set_read_timeout(static_cast<time_t>(im->opts.read_timeout_s), 0);
    s.set_write_timeout(static_cast<time_t>(im->opts.read_timeout_s), 0);
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and
    // the client's delayed ACK add ~40 ms to every answer.
    s.set_tcp_nodelay(true);
    s.set_keep_alive_max_count(1000);
    s.set_keep_alive_timeout(5);
    s.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        t_started = Clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    s.Post("/v1/check", [im](const httplib::Request& q, httplib::Response& r) { im->check(q, r); });
    s.Post("/v1/redact", [im](const httplib::Request& q, httplib::Response& r) { im->redact(q, r); });
    s.Get("/v1/rules", [im](const httplib::Request& q, httplib::Response& r) { im->rules(q, r); });
    s.Get("/healthz", [this, im](const httplib::Request&, httplib::Response& r) {
        unsigned active;
        { std::lock_guard lock(im->active_mu); active = im->active; }
        r.set_content(json{{"status", "ok"}, {"version", GK_VERSION}, {"rules", im->rule_ids.size()},
                           {"requests", requests()}, {"active", active}}.dump() + "\n",
                      "application/json");
    });
    s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& r) {
        if (!r.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = r.status == 404 ? "no such endpoint: see GET /v1/rules, POST /v1/check, POST /v1/redact, GET /healthz"
                            : r.status == 413 ? "request body too large"
                            : r.status == 400 ? "malformed request" : "request failed";
        error_answer(r, r.status, reason(r.status), message);
        return httplib::Server::HandlerResponse::Handled;
    }));
    s.set_exception_handler([](const httplib::Request&, httplib::Response& r, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        error_answer(r, 500, "internal-error", what);
    });
    s.set_logger([this, im](const httplib::Request& q, const httplib::Response& r) {
        ++requests_;
        im->access(q, r);
    });
}

Server::~Server() {
    stop();
    impl_->wait_idle();
}

bool Server::bind() {
    if (auto err = validate(impl_->opts); !err.empty()) { error_ = err; return false; }
    if (impl_->opts.port == 0) {
        port_ = impl_->http.bind_to_any_port(impl_->opts.host);
        if (port_ <= 0) { error_ = "cannot listen on " + impl_->opts.host; return false; }
    } else {
        if (!impl_->http.bind_to_port(impl_->opts.host, impl_->opts.port)) {
            error_ = "cannot listen on " + impl_->opts.host + ":" + std::to_string(impl_->opts.port);
            return false;
        }
        port_ = impl_->opts.port;
    }
    return true;
}

bool Server::run() {
    const bool ok = impl_->http.listen_after_bind();
    impl_->wait_idle();
    return ok;
}

void Server::stop() {
    if (impl_->http.is_running()) impl_->http.stop();
}

int serve_until_signal(const Pipeline& pipeline, const ServeOptions& options, std::ostream& log, std::ostream& err) {
    std::signal(SIGPIPE, SIG_IGN);
    // Block SIGTERM/SIGINT in every thread (the server's threads inherit this mask); one thread
    // waits for them and stops the server, which finishes the requests in flight.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    Server server(pipeline, options, log);
    if (!server.bind()) {
        err << "gkcheck serve: error: " << server.error() << "\n";
        return 2;
    }
    err << "gkcheck serve: listening on http://" << options.host << ":" << server.port() << "\n" << std::flush;
    std::atomic<bool> done{false};
    std::thread waiter([&] {
        const timespec tick{0, 200 * 1000 * 1000};
        while (!done.load()) {
            if (sigtimedwait(&set, nullptr, &tick) > 0) {
                err << "gkcheck serve: stopping (finishing requests in flight)\n" << std::flush;
                server.stop();
                break;
            }
        }
    });
    // listen_after_bind returns when stopped, after the requests in flight are answered.
    const bool ok = server.run();
    done = true;
    waiter.join();
    err << "gkcheck serve: stopped after " << server.requests() << " requests\n";
    return ok ? 0 : 2;
}

} // namespace gk

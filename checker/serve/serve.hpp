// `gkcheck serve`: the checker as an HTTP service for a CMS (cpp-httplib).
//
//   POST /v1/check   body = the page (Content-Type text/html or text/plain, optional charset);
//                    query lang=zh|en, disable=ID,…, enable=ID,…, format=json|sarif|text|csv,
//                    name=NAME (display name only). Answer: exactly what
//                    `gkcheck check --format FORMAT --stdin-filename NAME -` prints for the bytes.
//   POST /v1/redact  body = the page; answer = the redacted bytes (same Content-Type).
//   GET  /v1/rules   the loaded rules: id, severity, kind, ruleset, Chinese name, messages, doc.
//   GET  /healthz    {"status":"ok", …}.
//
// What it guarantees:
// - The Catalogue, RuleSet and Pipeline are made once (by the caller) and shared by every
//   request; a request's rule selection is a per-call value (RuleSet::selection), never a
//   change to shared state.
// - No file-system path is taken from a request: the body is the document and `name` is only
//   the name printed in the report (its extension is not consulted: the Content-Type decides).
// - Limits: body size (413), per-request check time (503), concurrent checks (503 with
//   Retry-After), read/write timeouts for slow clients (the connection gets a 4xx or is
//   closed). Every error answer is JSON: {"error": {"status": N, "code": "...", "message": "..."}}.
// - Binds loopback unless `allow_remote` is set. One JSON access-log line per request on the
//   log stream. stop() (or SIGTERM/SIGINT through serve_until_signal) stops accepting and lets
//   requests in flight finish.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "pipeline/pipeline.hpp"

namespace gk {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;                         // 0: an ephemeral port (see Server::port())
    bool allow_remote = false;               // needed to bind anything but loopback
    std::size_t max_body = 8u << 20;         // bytes
    unsigned timeout_ms = 10000;             // per request, for the check itself
    unsigned read_timeout_s = 5;             // slow clients
    unsigned max_concurrent = 16;            // checks at once; more get 503
    unsigned threads = 0;                    // connection threads (0: max_concurrent + 4)
    std::string lang = "zh";                 // default of the lang query parameter
    bool access_log = true;
};

// Checks the options (a non-loopback host without allow_remote, zero limits); "" when valid.
std::string validate(const ServeOptions& options);
bool is_loopback(const std::string& host);

class Server {
public:
    // The pipeline (and the catalogue and rules behind it) must outlive the server.
    Server(const Pipeline& pipeline, ServeOptions options, std::ostream& log);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds host:port; returns false (with error()) when it cannot. Then port() is the port.
    bool bind();
    int port() const { return port_; }
    const std::string& error() const { return error_; }
    // Serves until stop(); returns false when the listener failed.
    bool run();
    void stop();
    // Number of requests answered so far (for tests and the health answer).
    std::size_t requests() const { return requests_.load(); }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int port_ = 0;
    std::string error_;
    std::atomic<std::size_t> requests_{0};
};

// bind() + run(), stopping gracefully on SIGTERM or SIGINT. Returns the process exit code.
int serve_until_signal(const Pipeline& pipeline, const ServeOptions& options, std::ostream& log, std::ostream& err);

} // namespace gk

// gkcheck serve: real HTTP over loopback (httplib::Client) against a server started in-process
// on an ephemeral port, and once as a child process for SIGTERM.
#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <mutex>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "serve/serve.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace gk;

namespace {

// A server on 127.0.0.1:<ephemeral> serving the bundled rules from a background thread.
struct Running {
    Pipeline pipeline;
    std::ostringstream log;
    std::unique_ptr<Server> server;
    std::thread thread;
    explicit Running(ServeOptions o = {}) : pipeline(test::bundled_rules(), IngestOptions{}) {
        o.port = 0;
        o.access_log = true;
        server = std::make_unique<Server>(pipeline, o, log);
        REQUIRE(server->bind());
        thread = std::thread([this] { server->run(); });
        // Wait until it answers.
        httplib::Client c("127.0.0.1", server->port());
        for (int i = 0; i < 200; ++i) {
            if (auto r = c.Get("/healthz"); r && r->status == 200) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    ~Running() {
        server->stop();
        thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", server->port());
        c.set_read_timeout(60, 0);
        c.set_tcp_nodelay(true); // as a CMS client should: see serve.cpp
        return c;
    }
};

const char* content_type_for(const std::string& path) {
    return path.ends_with(".txt") ? "text/plain" : "text/html";
}

// Findings of every document of `dir` by the CLI (one run, JSON), keyed by path.
std::map<std::string, json> cli_findings(const std::string& dir) {
    const auto r = test::run_gkcheck("check --format json -j 2 '" + dir + "'");
    std::map<std::string, json> out;
    const auto j = json::parse(r.out);
    for (const auto& d : j["documents"]) out[d["path"].get<std::string>()] = d.value("findings", json::array());
    return out;
}

std::string small_doc() {
    return "<html><head><meta charset=\"utf-8\"><title>关于公开征求意见的通知</title></head><body>"
           "<h1>关于公开征求意见的通知</h1><p>索引号：11330000002482870Y/2024-00012</p>"
           "<p>联系电话：13812345678，身份证号码 110101199003071234。</p></body></html>";
}

long rss_kb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// Sends raw bytes on a fresh connection, optionally waits, and returns what the server answered.
std::string raw_exchange(int port, const std::string& bytes, int linger_ms = 0) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
    if (linger_ms) std::this_thread::sleep_for(std::chrono::milliseconds(linger_ms));
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string got;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) got.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return got;
}

} // namespace

TEST_CASE("serve: a CMS-like client gets the CLI's findings for every corpus document", "[serve]") {
    Running srv;
    auto c = srv.client();
    std::vector<std::string> dirs{std::string(GK_SOURCE_DIR) + "/corpus"};
    if (test::have_shared_corpus()) dirs.push_back(test::shared_corpus());
    std::size_t posted = 0;
    for (const auto& dir : dirs) {
        const auto expected = cli_findings(dir);
        for (const auto& path : test::files_under(dir)) {
            INFO(path);
            const std::string name = fs::path(path).filename().string();
            const auto r = c.Post(("/v1/check?name=" + httplib::detail::encode_query_param(name)).c_str(),
                                  test::read_bytes(path), content_type_for(path));
            REQUIRE(r);
            REQUIRE(r->status == 200);
            const auto j = json::parse(r->body);
            REQUIRE(j["documents"].size() == 1);
            REQUIRE(expected.count(path) == 1);
            CHECK(j["documents"][0].value("findings", json::array()) == expected.at(path));
            ++posted;
        }
    }
    CHECK(posted >= 30);
}

TEST_CASE("serve: the answer is byte for byte what check --format json prints for the same bytes", "[serve]") {
    Running srv;
    auto c = srv.client();
    const std::string path = std::string(GK_SOURCE_DIR) + "/corpus/annual/clean_2021_department.html";
    for (const std::string lang : {"zh", "en"}) {
        const auto r = c.Post(("/v1/check?lang=" + lang + "&name=page.html").c_str(), test::read_bytes(path), "text/html; charset=utf-8");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        const auto cli = test::run_gkcheck("check --format json --encoding utf-8 --lang " + lang + " --stdin-filename page.html -", path);
        CHECK(r->body == cli.out);
        CHECK(r->get_header_value("X-Gkcheck-Exit") == std::to_string(cli.exit_code));
    }
    // disable/enable per request, without changing the shared rules
    const std::string priv = std::string(GK_SOURCE_DIR) + "/corpus/privacy";
    const auto files = test::files_under(priv);
    REQUIRE(!files.empty());
    const auto r0 = c.Post("/v1/check", test::read_bytes(files[0]), content_type_for(files[0]));
    REQUIRE(r0);
    const auto r1 = c.Post("/v1/check?disable=privacy", test::read_bytes(files[0]), content_type_for(files[0]));
    REQUIRE(r1);
    // (a named value: a range-for over part of a temporary would read it after it is destroyed)
    const json j1 = json::parse(r1->body);
    for (const auto& f : j1["documents"][0]["findings"])
        CHECK(!f["rule"].get<std::string>().starts_with("privacy."));
    const auto r2 = c.Post("/v1/check?disable=privacy&enable=privacy.mobile", test::read_bytes(files[0]), content_type_for(files[0]));
    REQUIRE(r2);
    const json j2 = json::parse(r2->body);
    for (const auto& f : j2["documents"][0]["findings"]) {
        const auto rule = f["rule"].get<std::string>();
        CHECK((!rule.starts_with("privacy.") || rule == "privacy.mobile"));
    }
    // The shared rules are unchanged by a request's selection.
    const auto r3 = c.Post("/v1/check", test::read_bytes(files[0]), content_type_for(files[0]));
    REQUIRE(r3);
    CHECK(r3->body == r0->body);
    // SARIF and text formats
    const auto s = c.Post("/v1/check?format=sarif", small_doc(), "text/html");
    REQUIRE(s);
    CHECK(json::parse(s->body)["version"] == "2.1.0");
    const auto t = c.Post("/v1/check?format=text&name=a.html", small_doc(), "text/html");
    REQUIRE(t);
    CHECK(t->body.find("a.html:") == 0);
}

TEST_CASE("serve: rules, health and redact", "[serve]") {
    Running srv;
    auto c = srv.client();
    const auto h = c.Get("/healthz");
    REQUIRE(h);
    CHECK(json::parse(h->body)["status"] == "ok");
    const auto rules = c.Get("/v1/rules");
    REQUIRE(rules);
    const auto j = json::parse(rules->body);
    CHECK(j["rules"].size() == test::bundled_rules().rules().size());
    for (const auto& r : j["rules"]) {
        CHECK(!r["id"].get<std::string>().empty());
        CHECK(r["messages"].contains("zh"));
    }
    const auto red = c.Post("/v1/redact", small_doc(), "text/html; charset=utf-8");
    REQUIRE(red);
    REQUIRE(red->status == 200);
    CHECK(red->body.find("110101199003071234") == std::string::npos);
    CHECK(red->body.find("110101********1234") != std::string::npos);
    CHECK(red->body.find("138****5678") != std::string::npos);
    CHECK(red->body.size() == small_doc().size());
    CHECK(red->get_header_value("Content-Type") == "text/html; charset=utf-8");
}

TEST_CASE("serve: oversize, slow and malformed requests get a 4xx JSON error and the server keeps serving", "[serve]") {
    ServeOptions o;
    o.max_body = 64 * 1024;
    o.read_timeout_s = 1;
    Running srv(o);
    auto c = srv.client();
    auto is_json_error = [](const httplib::Result& r, int status) {
        REQUIRE(r);
        CHECK(r->status == status);
        const auto j = json::parse(r->body, nullptr, false);
        REQUIRE(j.is_object());
        CHECK(j["error"]["status"] == status);
        CHECK(!j["error"]["message"].get<std::string>().empty());
    };
    is_json_error(c.Post("/v1/check", std::string(100 * 1024, 'a'), "text/plain"), 413);
    is_json_error(c.Post("/v1/check", small_doc(), "application/pdf"), 415);
    is_json_error(c.Post("/v1/check?lang=fr", small_doc(), "text/html"), 400);
    is_json_error(c.Post("/v1/check?format=xml", small_doc(), "text/html"), 400);
    is_json_error(c.Post("/v1/check?langg=en", small_doc(), "text/html"), 400);
    is_json_error(c.Post("/v1/check?name=../../etc/passwd", small_doc(), "text/html"), 400);
    is_json_error(c.Post("/v1/check", small_doc(), "text/html; charset=no-such-charset"), 400);
    const auto typo = c.Post("/v1/check?disable=privacy.mobil", small_doc(), "text/html");
    is_json_error(typo, 400);
    CHECK(typo->body.find("did you mean privacy.mobile") != std::string::npos);
    is_json_error(c.Get("/v1/nothing"), 404);
    is_json_error(c.Get("/v1/check"), 404);

    // Malformed request line, a Content-Length larger than the limit, and a body that never comes.
    CHECK(raw_exchange(srv.server->port(), "THIS IS NOT HTTP\r\n\r\n").starts_with("HTTP/1.1 400"));
    const auto untyped = raw_exchange(srv.server->port(), "POST /v1/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                                          "Content-Length: 4\r\n\r\nabcd");
    CHECK(untyped.starts_with("HTTP/1.1 415"));
    CHECK(untyped.find("Content-Type is required") != std::string::npos);
    const auto big = raw_exchange(srv.server->port(), "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\n"
                                                      "Content-Length: 99999999\r\n\r\n");
    CHECK(big.starts_with("HTTP/1.1 413"));
    CHECK(big.find("\"payload-too-large\"") != std::string::npos);
    const auto slow = raw_exchange(srv.server->port(), "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\n"
                                                       "Content-Length: 1000\r\n\r\n<html>", 100);
    // The server gives up on the body after the read timeout: a 4xx, or the connection closed.
    if (!slow.empty()) CHECK(slow.substr(9, 1) == "4");

    const auto ok = c.Post("/v1/check", small_doc(), "text/html");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    // One JSON access-log line per answered request.
    std::istringstream lines(srv.log.str());
    std::size_t n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
        const auto j = json::parse(line, nullptr, false);
        REQUIRE(j.is_object());
        CHECK(j.contains("status"));
        CHECK(j.contains("path"));
    }
    CHECK(n >= 12);
}

TEST_CASE("serve: refuses a non-loopback address without allow_remote", "[serve]") {
    ServeOptions o;
    o.host = "0.0.0.0";
    CHECK(!validate(o).empty());
    o.allow_remote = true;
    CHECK(validate(o).empty());
    CHECK(is_loopback("127.0.0.1"));
    CHECK(is_loopback("::1"));
    CHECK(!is_loopback("192.168.1.1"));
    const auto r = test::run_gkcheck("serve --listen 0.0.0.0:0");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--allow-remote") != std::string::npos);
}

TEST_CASE("serve: bounded load, 8 clients x 2000 requests, no error and flat memory", "[serve][load]") {
#if defined(__SANITIZE_ADDRESS__)
    // A resource test: under AddressSanitizer freed memory sits in quarantine (RSS grows by
    // design) and every request is several times slower, so neither bound means anything there.
    // The normal and Release builds of .ci/run run it; the other serve tests run under ASan.
    WARN("skipped under AddressSanitizer");
    return;
#endif
    ServeOptions o;
    o.access_log = false;
    Running srv(o);
    const std::string doc = small_doc();
    std::mutex first_mu;
    std::string first_error; // what the first failed request got, for the report
    auto hammer = [&](int requests, std::atomic<int>& errors) {
        auto c = srv.client();
        c.set_keep_alive(true);
        for (int i = 0; i < requests; ++i) {
            const auto r = c.Post("/v1/check", doc, "text/html");
            if (!r || r->status != 200 || r->body.find("\"documents\"") == std::string::npos) {
                ++errors;
                std::lock_guard lock(first_mu);
                if (first_error.empty())
                    first_error = r ? std::to_string(r->status) + " " + r->body.substr(0, 200)
                                    : "connection error " + httplib::to_string(r.error());
            }
        }
    };
    std::atomic<int> errors{0};
    {
        std::vector<std::thread> warm;
        for (int t = 0; t < 8; ++t) warm.emplace_back(hammer, 50, std::ref(errors));
        for (auto& t : warm) t.join();
    }
    const long before = rss_kb();
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t) clients.emplace_back(hammer, 2000, std::ref(errors));
    for (auto& t : clients) t.join();
    const long after = rss_kb();
    INFO("first failed request: " << first_error);
    CHECK(errors == 0);
    INFO("VmRSS before " << before << " kB, after " << after << " kB");
    CHECK(after - before < 64 * 1024);
    CHECK(srv.server->requests() >= 16400);
}

TEST_CASE("serve: a child process stops gracefully on SIGTERM", "[serve]") {
    const std::string err_path = test::temp_dir("serve-sigterm") + "/err";
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 2);
        ::execl(GK_BINARY, GK_BINARY, "serve", "--listen", "127.0.0.1:0", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int port = 0;
    for (int i = 0; i < 500 && !port; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::ifstream in(err_path);
        std::string all((std::istreambuf_iterator<char>(in)), {});
        if (auto p = all.find("listening on http://127.0.0.1:"); p != std::string::npos) {
            const auto rest = all.substr(p + 30);
            if (rest.find('\n') != std::string::npos) port = std::stoi(rest);
        }
    }
    REQUIRE(port > 0);
    httplib::Client c("127.0.0.1", port);
    const auto r = c.Post("/v1/check", small_doc(), "text/html");
    REQUIRE(r);
    CHECK(r->status == 200);
    ::kill(pid, SIGTERM);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    std::ifstream in(err_path);
    std::string all((std::istreambuf_iterator<char>(in)), {});
    CHECK(all.find("stopped after 1 requests") != std::string::npos);
    CHECK(all.find("\"path\":\"/v1/check\"") != std::string::npos);
}

// The figure of docs/PERFORMANCE.md: a ~30 KB page on a warm server, sequential requests on
// one keep-alive connection. Measured, never asserted; runs only with GK_BENCH_SERVE=N.
TEST_CASE("serve: benchmark, a 30 KB page on a warm server", "[serve][bench]") {
    const char* env = std::getenv("GK_BENCH_SERVE");
    if (!env || !test::have_shared_corpus()) return;
    const int n = std::max(10, std::atoi(env));
    ServeOptions o;
    o.access_log = false;
    Running srv(o);
    const std::string page = test::read_bytes(test::shared_corpus() + "/real/037_shanghai-bangongting_2019.html");
    auto c = srv.client();
    c.set_keep_alive(true);
    for (int i = 0; i < 20; ++i) REQUIRE(c.Post("/v1/check", page, "text/html"));
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = c.Post("/v1/check", page, "text/html");
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        REQUIRE(r);
        REQUIRE(r->status == 200);
    }
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double v : ms) sum += v;
    WARN("serve bench: " << page.size() << " bytes, " << n << " requests: mean " << sum / n << " ms, median "
                         << ms[ms.size() / 2] << " ms, p95 " << ms[ms.size() * 95 / 100] << " ms");
}

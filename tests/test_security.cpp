// Security of the outputs (issue 15): CSV formula injection neutralised in every CSV gkcheck
// writes (from document text and from file names), no raw terminal escape sequence from a
// document on a terminal, SARIF locations as encoded URIs, every document string escaped in the
// HTML report (script and attribute-breaking payloads). docs/ROBUSTNESS.md lists each promise.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "report/csv_audit.hpp"
#include "report/html_report.hpp"
#include "report/report_doc.hpp"
#include "report/sink.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string slurp_and_remove(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    in.close();
    fs::remove(p);
    return s.str();
}

// gkcheck run from directory `cwd` (so that paths are relative, as users give them).
gk::test::RunResult run_in(const std::string& cwd, const std::string& args, const std::string& stdin_path = "/dev/null") {
    static int counter = 0;
    const std::string base = (fs::temp_directory_path() / ("gk-sec-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))).string();
    const std::string cmd = "cd '" + cwd + "' && '" + GK_BINARY + "' " + args + " >'" + base + ".out' 2>'" + base + ".err' <'" + stdin_path + "'";
    const int status = std::system(cmd.c_str());
    gk::test::RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp_and_remove(base + ".out");
    r.err = slurp_and_remove(base + ".err");
    return r;
}

// The cells of one CSV text (RFC 4180), row by row.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { cell += '"'; ++i; }
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') { quoted = true; any = true; }
        else if (c == ',') { rows.back().push_back(cell); cell.clear(); }
        else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            rows.back().push_back(cell);
            cell.clear();
            rows.emplace_back();
        } else { cell += c; any = true; }
    }
    if (!cell.empty() || !rows.back().empty()) rows.back().push_back(cell);
    if (rows.back().empty()) rows.pop_back();
    (void)any;
    return rows;
}

bool dangerous(const std::string& cell) {
    return !cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos &&
           !std::regex_match(cell, std::regex(R"(^[+-]?[0-9]+(\.[0-9]+)?$)"));
}

gk::ReportDoc hostile_doc(const std::string& path) {
    gk::ReportDoc d;
    d.path = path;
    d.sha256 = std::string(64, 'b');
    d.format = "text";
    d.metadata["title"] = "\"><img src=x onerror=alert(1)><script>alert('t')</script>";
    gk::ReportFinding f;
    f.rule = "content.spam";
    f.severity = gk::Severity::warning;
    f.message = "=HYPERLINK(\"http://example.invalid\",\"x\")";
    f.line = 3;
    f.column = 1;
    f.table = "+cmd|' /C calc'!A0";
    f.row = "@SUM(1+1)*cmd|' /C calc'!A0";
    f.col = "\tx";
    f.expected = "-2+3";
    f.actual = "-5";
    d.findings.push_back(f);
    gk::ReportFinding g = f;
    g.message = "\x1b]8;;http://evil.invalid\x1b\\click\x1b]8;;\x1b\\ \x1b[2J\x1b[31m红\x9b" "31m \xe2\x80\xae" "txt.exe \xc2\x9b" "1m";
    g.excerpt = "a\x1b[1mb";
    d.findings.push_back(g);
    return d;
}

std::string run_sink(const std::string& format, const std::vector<gk::ReportDoc>& docs) {
    std::ostringstream out;
    const gk::SinkContext ctx{"en", gk::test::bundled_rules(), gk::test::bundled_templates()};
    auto sink = gk::make_sink(format, out, ctx);
    sink->begin({"gkcheck", "test", {}});
    gk::Summary summary;
    for (const auto& d : docs) {
        summary.add(d);
        sink->document(d);
    }
    sink->finish(summary);
    return out.str();
}

} // namespace

TEST_CASE("security: CSV cells starting with = + - @ tab or CR are neutralised, in every CSV sink", "[security][csv]") {
    const std::vector<gk::ReportDoc> docs = {hostile_doc("=HYPERLINK(\"http://x.invalid\").txt"), hostile_doc("@evil.txt")};
    // check --format csv (report/sinks.cpp) and the audit's findings.csv / reports.csv.
    std::vector<gk::AuditDoc> audit;
    for (const auto& d : docs) audit.push_back({d, "", ""});
    for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
             {"check --format csv", run_sink("csv", docs)},
             {"findings.csv", gk::findings_csv(audit, "en")},
             {"reports.csv", gk::reports_csv(audit, gk::test::bundled_rules(), "en")}}) {
        INFO(name << "\n" << text);
        const auto rows = parse_csv(text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text);
        REQUIRE(rows.size() >= 3);
        bool saw_neutralised = false;
        for (const auto& row : rows)
            for (const auto& cell : row) {
                INFO(cell);
                CHECK_FALSE(dangerous(cell));
                if (cell.starts_with("'=") || cell.starts_with("'@")) saw_neutralised = true;
            }
        CHECK(saw_neutralised);
    }
    // A plain negative number stays a number.
    CHECK(gk::csv_cell("-5") == "-5");
    CHECK(gk::csv_cell("-2+3") == "'-2+3");
    CHECK(gk::csv_cell("\tx") == "'\tx");
    CHECK(gk::csv_cell("\rx") == "\"'\rx\"");
}

TEST_CASE("security: CSV from the CLI — a file named like a formula is neutralised", "[security][csv]") {
    const auto dir = gk::test::temp_dir("sec-csv-names");
    const std::string body = gk::test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/pages/numbering.html");
    for (const char* name : {"=HYPERLINK(1).html", "+1.html"}) std::ofstream(dir + "/" + name, std::ios::binary) << body;
    // Names starting with - or @ cannot be command-line paths (options, response files): they
    // come as --stdin-filename.
    std::set<std::string> paths;
    for (const auto& [args, stdin_path] : std::vector<std::pair<std::string, std::string>>{
             {"'=HYPERLINK(1).html' '+1.html'", "/dev/null"},
             {"--stdin-filename=-cmd.html -", dir + "/+1.html"},
             {"--stdin-filename=@x.html -", dir + "/+1.html"}}) {
        const auto r = run_in(dir, "check --no-progress --no-config --format csv " + args, stdin_path);
        INFO(args << "\n" << r.err);
        REQUIRE(r.exit_code != 2);
        const auto rows = parse_csv(r.out);
        REQUIRE(rows.size() > 1);
        for (std::size_t i = 1; i < rows.size(); ++i) {
            REQUIRE(!rows[i].empty());
            paths.insert(rows[i][0]);
            for (const auto& cell : rows[i]) CHECK_FALSE(dangerous(cell));
        }
    }
    CHECK(paths == std::set<std::string>{"'=HYPERLINK(1).html", "'+1.html", "'-cmd.html", "'@x.html"});
}

TEST_CASE("security: no raw terminal escape, C0/C1 control or bidi override from a document reaches the text output", "[security][terminal]") {
    CHECK(gk::terminal_safe("plain 中文 text\twith tab") == "plain 中文 text\twith tab");
    CHECK(gk::terminal_safe("a\x1b[31mb") == "a\\x1B[31mb");
    CHECK(gk::terminal_safe("\xe2\x80\xae" "abc") == "\\u202Eabc");
    CHECK(gk::terminal_safe("x\xc2\x9b" "y") == "x\\u009By");
    CHECK(gk::terminal_safe("bad\xff") == "bad\\xFF");
    CHECK(gk::terminal_safe("nl\nret\r\x7f") == "nl\\x0Aret\\x0D\\x7F");
    CHECK(gk::terminal_safe("\xef\xbf\xbd") == "\xef\xbf\xbd"); // a real U+FFFD stays

    const std::string text = run_sink("text", {hostile_doc("evil\x1b[2J.txt")});
    INFO(text);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("\xe2\x80\xae") == std::string::npos);
    CHECK(text.find("\xc2\x9b") == std::string::npos);
    CHECK(text.find('\x9b') == std::string::npos);
    CHECK(text.find("\\x1B[31m") != std::string::npos); // shown, visibly
    CHECK(text.find("evil\\x1B[2J.txt:") != std::string::npos);

    // Through the CLI: a document and a file name carrying escapes; stdout and stderr are clean.
    const auto dir = gk::test::temp_dir("sec-terminal");
    const std::string name = dir + "/t\x1b]0;pwned\x07.txt";
    std::ofstream(name, std::ios::binary) << "关于\x1b[2J\x1b[31m开展工作的通知\xe2\x80\xae\n\n各单位：\n\xff\xfe\x1b[5m请于2024年13月45日前报送。\n";
    const auto r = gk::test::run_gkcheck("check --no-progress --no-config '" + name + "'");
    INFO(r.out << r.err);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.err.find('\x1b') == std::string::npos);
    CHECK(r.out.find('\x07') == std::string::npos);
    CHECK(r.err.find('\x07') == std::string::npos);
    CHECK(r.err.find("t\\x1B]0;pwned\\x07.txt") != std::string::npos);

    // redact, fix and audit print the same file names (and audit the same messages): clean too.
    const std::string id_doc = dir + "/id\x1b[2J\x07.txt";
    std::ofstream(id_doc, std::ios::binary) << "关于\x1b[31m公示的通知\n\n张三，身份证号110101199003071234。\n";
    for (const std::string& cmd : {"redact '" + id_doc + "' -o '" + dir + "/out\x1b[5m.txt'",
                                   "fix --no-config '" + id_doc + "' -o '" + dir + "/fixed\x1b[5m.txt'",
                                   "fix --no-config '" + id_doc + "' -o '" + id_doc + "'",
                                   "audit --no-progress '" + dir + "' --db '" + dir + "/a.sqlite' --out '" + dir + "/rep'"}) {
        INFO(cmd);
        const auto c = gk::test::run_gkcheck(cmd);
        INFO(c.out << c.err);
        CHECK(c.exit_code <= 2);
        CHECK(c.out.find('\x1b') == std::string::npos);
        CHECK(c.err.find('\x1b') == std::string::npos);
        CHECK(c.out.find('\x07') == std::string::npos);
        CHECK(c.err.find('\x07') == std::string::npos);
        CHECK((c.out + c.err).find("\\x1B") != std::string::npos); // the name is shown, visibly
    }
}

TEST_CASE("security: SARIF artifactLocation.uri is a percent-encoded URI reference with uriBaseId", "[security][sarif]") {
    const auto dir = gk::test::temp_dir("sec-sarif");
    fs::create_directories(dir + "/sub dir");
    const std::string body = gk::test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/pages/numbering.html");
    std::ofstream(dir + "/sub dir/通知 #1?%.html", std::ios::binary) << body;
    const auto r = run_in(dir, "check --no-progress --no-config --format sarif './sub dir/通知 #1?%.html'");
    INFO(r.err);
    const json sarif = json::parse(r.out);
    const auto& run = sarif["runs"][0];
    REQUIRE(!run["results"].empty());
    for (const auto& res : run["results"]) {
        const auto& loc = res["locations"][0]["physicalLocation"]["artifactLocation"];
        CHECK(loc["uri"] == "sub%20dir/%E9%80%9A%E7%9F%A5%20%231%3F%25.html");
        CHECK(loc["uriBaseId"] == "%SRCROOT%");
    }
    // %SRCROOT% is the working directory, an absolute file: URI ending in '/'.
    const std::string base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    CHECK(base.starts_with("file:///"));
    CHECK(base.ends_with("/"));
    CHECK(base.find(' ') == std::string::npos);
    // An absolute path is an absolute file: URI, without uriBaseId.
    const auto a = gk::test::run_gkcheck("check --no-progress --no-config --format sarif '" + dir + "/sub dir/通知 #1?%.html'");
    const json abs = json::parse(a.out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(abs["uri"].get<std::string>().starts_with("file:///"));
    CHECK(abs["uri"].get<std::string>().ends_with("/sub%20dir/%E9%80%9A%E7%9F%A5%20%231%3F%25.html"));
    CHECK_FALSE(abs.contains("uriBaseId"));
}

TEST_CASE("security: the HTML report escapes every document string (titles, cells, messages, paths)", "[security][html-report]") {
    const std::string script = "<script>alert('x')</script>";
    const std::string attr = "\" onmouseover=\"alert(1)\" x='";
    json doc = gk::to_json(hostile_doc("reports/" + script + attr + ".html"));
    doc["metadata"]["title"] = "标题" + script + attr;
    doc["metadata"]["publisher"] = attr + "</td></tr></table><iframe src=//evil.invalid>";
    doc["type"] = "annual-report";
    doc["year"] = 2021;
    doc["tables"] = {{"requests", {{"rows", {{"new", {{"natural", script}, {"commercial", attr}}}}}}}};
    doc["errors"] = {{{"code", "input.encoding" + script}, {"message", attr + script}, {"fatal", false}}};
    const json report = {{"tool", {{"name", "gkcheck"}, {"version", "t"}, {"rulesets", json::array()}}},
                         {"documents", {doc}},
                         {"summary", {{"documents", 1}}}};
    const std::string html = gk::render_html_report(report, "zh", gk::test::bundled_templates());
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<iframe") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("onmouseover=\"") == std::string::npos);
    // Parsed as a browser would (libxml2's HTML parser): no element or attribute from the payloads.
    htmlDocPtr parsed = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    REQUIRE(parsed != nullptr);
    xmlXPathContextPtr ctx = xmlXPathNewContext(parsed);
    for (const char* xp : {"//script", "//iframe", "//img", "//@onmouseover", "//@onerror", "//@x"}) {
        xmlXPathObjectPtr o = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xp), ctx);
        INFO(xp);
        CHECK((o == nullptr || o->nodesetval == nullptr || o->nodesetval->nodeNr == 0));
        xmlXPathFreeObject(o);
    }
    // The payload text is still there, as text.
    xmlXPathObjectPtr t = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>("//*[contains(text(), \"alert('x')\")]"), ctx);
    CHECK((t && t->nodesetval && t->nodesetval->nodeNr > 0));
    xmlXPathFreeObject(t);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(parsed);
}

TEST_CASE("security: HTML with external entities and DTDs opens no file and no URL", "[security][xxe]") {
    // A loopback listener stands for "the network": nothing may connect to it.
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(sock >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(sock, 8) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));

    const auto dir = gk::test::temp_dir("sec-xxe");
    const std::string page = dir + "/xxe.html";
    std::ofstream(page, std::ios::binary)
        << "<!DOCTYPE html SYSTEM \"" << url << "/x.dtd\" [<!ENTITY pw SYSTEM \"file:///etc/passwd\"><!ENTITY net SYSTEM \"" << url
        << "/e\"><!ENTITY % p SYSTEM \"" << url << "/p.dtd\"> %p;]>\n<html><head><meta charset=\"utf-8\"><title>关于&pw;的通知</title></head>"
        << "<body><h1>关于&pw;&net;的通知</h1><p>各单位：&pw;</p><p>请于2024年1月1日前报送。</p></body></html>\n";
    const auto r = gk::test::run_gkcheck("check --no-progress --no-config --format json '" + page + "'");
    INFO(r.err);
    CHECK(r.exit_code != -1);
    CHECK(r.out.find("root:") == std::string::npos);
    CHECK(r.err.find("root:") == std::string::npos);
    ::fcntl(sock, F_SETFL, O_NONBLOCK);
    const int conn = ::accept(sock, nullptr, nullptr);
    CHECK(conn < 0); // nobody connected
    if (conn >= 0) ::close(conn);
    ::close(sock);
}

TEST_CASE("security: redact and fix refuse a FIFO as their output, with --force too; a directory is written into, never over", "[security][redact]") {
    const auto dir = gk::test::temp_dir("sec-redact-out");
    const std::string in = dir + "/名单.txt";
    const std::string body = "关于公示的通知\n\n张三，身份证号110101199003071234，电话13800138000。\n";
    std::ofstream(in, std::ios::binary) << body;
    const std::string fifo = dir + "/out.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    fs::create_directories(dir + "/outdir");
    for (const std::string sub : {"redact", "fix"})
        for (const std::string force : {"", " --force"}) {
            // A writer that opened the FIFO would block for ever: no reader ever comes.
            const std::string cmd = sub + force + " '" + in + "' -o '" + fifo + "'";
            INFO(cmd);
            const auto r = gk::test::run_gkcheck(cmd);
            INFO(r.out << r.err);
            CHECK(r.exit_code == 2);
            CHECK(r.err.find(fifo + ": ") != std::string::npos); // without --force: it exists
            if (!force.empty()) CHECK(r.err.find(fifo + ": not a regular file") != std::string::npos);
            CHECK(fs::is_fifo(fifo));
            CHECK(gk::test::read_bytes(in) == body);
        }
    // fix takes one file to one file: a directory as its output is refused.
    const auto f = gk::test::run_gkcheck("fix --force '" + in + "' -o '" + dir + "/outdir'");
    CHECK(f.exit_code == 2);
    CHECK(f.err.find(dir + "/outdir: is a directory") != std::string::npos);
    CHECK(fs::is_empty(dir + "/outdir"));
    // redact writes a file into an existing directory (as cp does), under the input's name; the
    // directory itself stays a directory.
    const auto r = gk::test::run_gkcheck("redact '" + in + "' -o '" + dir + "/outdir'");
    CHECK(r.exit_code == 0);
    CHECK(fs::is_directory(dir + "/outdir"));
    CHECK(gk::test::read_bytes(dir + "/outdir/名单.txt").find("110101********1234") != std::string::npos);
    CHECK(gk::test::read_bytes(in) == body);
}

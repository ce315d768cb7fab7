// The bad-input matrix (issue 15), through the CLI: for each hostile input, one clear error line
// naming the file and exit 2 (or the documented outcome), an input left untouched (hashed before
// and after), and the other file of the batch still checked. Each command runs under `timeout`
// (and, outside ASan, `ulimit -v`) only so that a regression hangs no CI job: there are no timing
// assertions. docs/ROBUSTNESS.md lists every case with the promise this file holds.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "ingest/ingest.hpp"
#include "support.hpp"
#include "zip_support.hpp"

using namespace gk;
namespace fs = std::filesystem;

namespace {

using test::kAsan;

void write(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

int count(const std::string& text, const std::string& needle) {
    int n = 0;
    for (std::size_t pos = 0; (pos = text.find(needle, pos)) != std::string::npos; pos += needle.size()) ++n;
    return n;
}

std::string hash_of(const std::string& path) { return sha256_hex(test::read_bytes(path)); }

const char* kNotice =
    "关于做好2024年防汛工作的通知\n"
    "各乡镇人民政府，区直各单位：\n"
    "为切实做好今年防汛工作，现将有关事项通知如下。\n"
    "一、提高思想认识\n"
    "各单位要高度重视防汛工作。\n";

const char* kNoticeTraditional =
    "關於做好2024年防汛工作的通知\n"
    "各鄉鎮人民政府，區直各單位：\n"
    "為切實做好今年防汛工作，現將有關事項通知如下。\n"
    "一、提高思想認識\n"
    "各單位要高度重視防汛工作。\n";

std::string encoded(const std::string& utf8, const char* encoding) {
    std::string out;
    REQUIRE(encode_from_utf8(utf8, encoding, out));
    return out;
}

// Runs gkcheck with a time (and, without ASan, address-space) limit against hangs and runaways.
test::RunResult run_bounded(const std::string& args) {
    static int counter = 0;
    const std::string base = fs::temp_directory_path() / ("gk-bad-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::string cmd = kAsan ? "" : "ulimit -v 8000000; ";
    cmd += std::string("exec timeout -k 10 600 '") + GK_BINARY + "' " + args + " >'" + base + ".out' 2>'" + base + ".err' </dev/null";
    const int status = std::system(("sh -c \"" + cmd + "\"").c_str());
    test::RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = test::read_bytes(base + ".out");
    r.err = test::read_bytes(base + ".err");
    fs::remove(base + ".out");
    fs::remove(base + ".err");
    return r;
}

struct Batch {
    test::RunResult run;
    nlohmann::json bad, good; // the JSON documents of the bad input and of the good file beside it
};

// Checks `bad_path` (already written, or not a file at all) in one batch with a clean notice, as
// JSON; the good document must come out checked and both inputs unchanged.
Batch check_with_good(const std::string& dir, const std::string& bad_path, const std::string& extra = "") {
    const std::string good = dir + "/zz_good.txt";
    write(good, kNotice);
    std::error_code ec;
    const bool bad_is_file = fs::is_regular_file(fs::symlink_status(bad_path, ec));
    const std::string before = bad_is_file ? hash_of(bad_path) : "";
    Batch b;
    b.run = run_bounded("check --lang en --format json " + extra + " '" + bad_path + "' '" + good + "'");
    INFO(b.run.err);
    if (bad_is_file) CHECK(hash_of(bad_path) == before);
    CHECK(hash_of(good) == sha256_hex(kNotice));
    REQUIRE(b.run.exit_code >= 0);
    const auto report = nlohmann::json::parse(b.run.out);
    REQUIRE(report["documents"].size() == 2);
    b.bad = report["documents"][0];
    b.good = report["documents"][1];
    CHECK(b.good["path"] == good);
    CHECK(b.good["errors"].empty());
    CHECK(b.good["type"] == "notice");
    CHECK(count(b.run.err, "zz_good.txt") == 0);
    return b;
}

// The common promise: exit 2, exactly one error line on stderr, naming the file, with `code`.
void expect_one_error(const Batch& b, const std::string& bad_path, const std::string& code) {
    INFO(b.run.err);
    CHECK(b.run.exit_code == 2);
    CHECK(count(b.run.err, bad_path + ": error: ") == 1);
    CHECK(count(b.run.err, ": error: ") == 1); // the other line is the summary
    CHECK(count(b.run.err, "[" + code + "]") == 1);
}

std::string case_file(const std::string& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir + "/" + name;
    write(path, bytes);
    return path;
}

} // namespace

TEST_CASE("bad input: invalid UTF-8 at the start, middle and end, overlong forms, surrogates", "[badinput]") {
    const auto dir = test::temp_dir("bad-utf8");
    const std::string notice = kNotice;
    const std::pair<const char*, std::string> cases[] = {
        {"start.txt", "\xFF" + notice},
        {"middle.txt", notice.substr(0, notice.find("为切实")) + "\xC3" + notice.substr(notice.find("为切实"))},
        {"end.txt", notice + "\xE4\xB8"},
        {"overlong.txt", notice + "\xC0\xAF\xE0\x80\xAF\n"},
        {"surrogate.txt", notice + "\xED\xA0\x80\xED\xBF\xBF\n"},
    };
    for (const auto& [name, bytes] : cases) {
        INFO(name);
        const auto path = case_file(dir, name, bytes);
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.encoding");
        CHECK(b.bad["encoding"] == "UTF-8");
        CHECK(b.bad["type"] == "notice"); // still checked: the bad bytes became U+FFFD
    }
}

TEST_CASE("bad input: GBK under <meta charset=utf-8> is decoded as GB18030; a BOM beats the meta", "[badinput]") {
    const auto dir = test::temp_dir("bad-meta");
    const std::string html = std::string("<html><head><meta charset=\"utf-8\"><title>通知</title></head><body><p>") +
                             kNotice + "</p></body></html>";
    {
        const auto path = case_file(dir, "gbk.html", encoded(html, "GB18030"));
        const auto b = check_with_good(dir, path);
        INFO(b.run.err);
        CHECK(b.run.exit_code <= 1);
        CHECK(count(b.run.err, "gbk.html") == 0);
        CHECK(b.bad["encoding"] == "GB18030");
    }
    {
        std::string gbk_meta = html;
        gbk_meta.replace(gbk_meta.find("utf-8"), 5, "gbk");
        const auto path = case_file(dir, "bom.html", "\xEF\xBB\xBF" + gbk_meta);
        const auto b = check_with_good(dir, path);
        INFO(b.run.err);
        CHECK(b.run.exit_code <= 1);
        CHECK(count(b.run.err, "bom.html") == 0);
        CHECK(b.bad["encoding"] == "UTF-8");
    }
}

TEST_CASE("bad input: a multibyte sequence cut at the end of a GB18030 or Big5 file", "[badinput]") {
    const auto dir = test::temp_dir("bad-truncated");
    {
        const auto path = case_file(dir, "gb.txt", encoded(kNotice, "GB18030") + "\x81");
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.encoding");
        CHECK(b.bad["encoding"] == "GB18030");
        CHECK(b.bad["type"] == "notice");
    }
    {
        const auto path = case_file(dir, "big5.txt", encoded(kNoticeTraditional, "Big5") + "\xA4");
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.encoding");
        CHECK(b.bad["encoding"] == "Big5");
        CHECK(b.bad["type"] == "notice");
    }
}

TEST_CASE("bad input: UTF-16 with a BOM is read; without one it is refused with a hint", "[badinput]") {
    const auto dir = test::temp_dir("bad-utf16");
    const std::string le = encoded(kNotice, "UTF-16LE"); // with its BOM
    {
        const auto path = case_file(dir, "bom.txt", le);
        const auto b = check_with_good(dir, path);
        INFO(b.run.err);
        CHECK(b.run.exit_code <= 1);
        CHECK(b.bad["encoding"] == "UTF-16LE");
        CHECK(b.bad["type"] == "notice");
    }
    {
        const auto path = case_file(dir, "nobom.txt", le.substr(2));
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.binary");
        CHECK(b.run.err.find("UTF-16LE") != std::string::npos);
        CHECK(b.run.err.find("--encoding") != std::string::npos);
    }
    {
        const auto path = case_file(dir, "nobom-be.txt", encoded(kNotice, "UTF-16BE").substr(2));
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.binary");
        CHECK(b.run.err.find("UTF-16BE") != std::string::npos);
    }
}

TEST_CASE("bad input: FF FE before UTF-8 text is a stray mark, not UTF-16 (was decoded as garbage, exit 0)", "[badinput]") {
    const auto dir = test::temp_dir("bad-fffe");
    for (const char* bom : {"\xFF\xFE", "\xFE\xFF"}) {
        const auto path = case_file(dir, "stray.txt", std::string(bom) + kNotice);
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.encoding");
        CHECK(b.run.err.find("byte-order mark") != std::string::npos);
        CHECK(b.bad["encoding"] == "UTF-8");
        CHECK(b.bad["type"] == "notice");
        CHECK(b.bad["metadata"].dump().find("\\ufffd") == std::string::npos);
    }
}

TEST_CASE("bad input: NUL bytes, PNG, PDF and ZIP magic, random bytes", "[badinput]") {
    const auto dir = test::temp_dir("bad-binary");
    std::mt19937 rng(15);
    std::string random(64 * 1024, '\0');
    for (auto& c : random) c = static_cast<char>(rng() & 0xFF);
    std::string random_no_nul = random;
    for (auto& c : random_no_nul) if (c == '\0') c = '\x01';
    const std::pair<const char*, std::string> cases[] = {
        {"nul.txt", std::string(kNotice) + std::string(1, '\0') + "tail"},
        {"image.html", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)},
        {"office.html", std::string("PK\x03\x04\x14\0\0\0", 8)}, // a ZIP libzip cannot open
        {"random.txt", random},
    };
    for (const auto& [name, bytes] : cases) {
        INFO(name);
        const auto path = case_file(dir, name, bytes);
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.binary");
    }
    // Random bytes without NUL are text of some encoding: checked, with the invalid sequences
    // counted in one error line (exit 2).
    const auto path = case_file(dir, "random-text.txt", random_no_nul);
    const auto b = check_with_good(dir, path);
    expect_one_error(b, path, "input.encoding");
}

TEST_CASE("bad input: a .doc, a .wps, an .xlsx and a plain ZIP are refused, saying what to convert to", "[badinput]") {
    const auto dir = test::temp_dir("bad-office");
    const std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(504, '\0');
    const std::pair<const char*, std::string> cases[] = {
        {"report.doc", ole},
        {"report.wps", ole},
        {"table.xlsx", test::make_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}})},
        {"files.zip", test::make_zip({{"a.html", "<p>x</p>"}})},
    };
    for (const auto& [name, bytes] : cases) {
        INFO(name);
        const auto path = case_file(dir, name, bytes);
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.unsupported");
        CHECK(b.bad["errors"][0]["fatal"] == true);
        const std::string message = b.bad["errors"][0]["message"];
        CHECK((message.find(".docx") != std::string::npos || message.find("word/document.xml") != std::string::npos));
    }
}

TEST_CASE("bad input: a damaged PDF gives one error line and the batch goes on", "[badinput]") {
    const auto dir = test::temp_dir("bad-pdf");
    const auto path = case_file(dir, "doc.txt", "%PDF-1.4\n1 0 obj\n");
    const auto b = check_with_good(dir, path);
    INFO(b.run.err);
    CHECK(b.run.exit_code == 2);
    CHECK(count(b.run.err, path + ": error: ") == 1);
    CHECK(count(b.run.err, ": error: ") == 1);
}

TEST_CASE("bad input: a 0-byte file and a whitespace-only file", "[badinput]") {
    const auto dir = test::temp_dir("bad-empty");
    for (const auto& [name, bytes] : {std::pair<const char*, std::string>{"empty.txt", ""},
                                      std::pair<const char*, std::string>{"blank.html", " \n\t\r\n  \n"}}) {
        INFO(name);
        const auto path = case_file(dir, name, bytes);
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.empty");
    }
}

TEST_CASE("bad input: a sparse 1 GB file and a file just over --max-size are refused unread", "[badinput]") {
    const auto dir = test::temp_dir("bad-large");
    {
        const std::string path = dir + "/sparse.txt";
        write(path, kNotice);
        fs::resize_file(path, std::uintmax_t{1} << 30); // sparse: no disk, 1 GiB of NUL to read
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.too-large");
        fs::remove(path);
    }
    {
        // --max-size 2G takes the file in: refused for its NUL bytes (read up to the limit).
        // Only 8 MiB here, which is quick to read under every build.
        const std::string path = dir + "/sparse-small.txt";
        write(path, kNotice);
        fs::resize_file(path, std::uintmax_t{8} << 20);
        const auto b = check_with_good(dir, path, "--max-size 2G");
        expect_one_error(b, path, "input.binary");
        fs::remove(path);
    }
    {
        const std::string body(1024 * 1024 + 1, 'a');
        const auto path = case_file(dir, "over.txt", body);
        const auto b = check_with_good(dir, path, "--max-size 1M");
        expect_one_error(b, path, "input.too-large");
        const auto exact = case_file(dir, "exact.txt", body.substr(1));
        const auto e = check_with_good(dir, exact, "--max-size 1M");
        CHECK(count(e.run.err, "input.too-large") == 0);
    }
}

TEST_CASE("bad input: 100,000-deep nesting of div, span, b and table, closed and unclosed", "[badinput]") {
    const auto dir = test::temp_dir("bad-deep");
    constexpr int kDepth = 100000;
    for (const std::string tag : {"div", "span", "b", "table"}) {
        for (const bool closed : {false, true}) {
            INFO(tag << (closed ? " closed" : " unclosed"));
            std::string html = "<html><head><title>关于做好防汛工作的通知</title></head><body>";
            const std::string open = tag == "table" ? "<table><tr><td>" : "<" + tag + ">";
            const std::string close = tag == "table" ? "</td></tr></table>" : "</" + tag + ">";
            for (int i = 0; i < kDepth; ++i) html += open;
            html += "各单位要高度重视防汛工作。";
            if (closed) for (int i = 0; i < kDepth; ++i) html += close;
            html += "</body></html>";
            const auto path = case_file(dir, tag + (closed ? "-closed" : "-open") + ".html", html);
            const auto b = check_with_good(dir, path);
            INFO(b.run.err);
            CHECK(b.run.exit_code <= 1); // checked: findings, not input errors
            CHECK(b.bad["errors"].empty());
            CHECK(count(b.run.err, path) == 0);
        }
    }
}

TEST_CASE("bad input: a table of 10^6 cells, and rowspan and colspan of 10^9", "[badinput]") {
    const auto dir = test::temp_dir("bad-table");
    {
        std::string html = "<html><body><table>";
        html.reserve(12 << 20);
        for (int r = 0; r < 1000; ++r) {
            html += "<tr>";
            for (int c = 0; c < 1000; ++c) html += "<td>1</td>";
            html += "</tr>\n";
        }
        html += "</table></body></html>";
        const auto path = case_file(dir, "million.html", html);
        const auto b = check_with_good(dir, path);
        INFO(b.run.err);
        CHECK(b.run.exit_code <= 1);
        CHECK(b.bad["errors"].empty());
    }
    {
        const std::string html =
            "<html><body><table>"
            "<tr><td rowspan=\"1000000000\" colspan=\"1000000000\">1</td><td colspan=999999999999>2</td></tr>"
            "<tr><td rowspan=\"-5\" colspan=\"0\">3</td><td rowspan=\"1e9\">4</td></tr>"
            "</table></body></html>";
        const auto path = case_file(dir, "spans.html", html);
        const auto b = check_with_good(dir, path);
        INFO(b.run.err);
        CHECK(b.run.exit_code <= 1);
        CHECK(b.bad["errors"].empty());
    }
}

TEST_CASE("bad input: a single 50 MB line", "[badinput][slow]") {
    const auto dir = test::temp_dir("bad-line");
    std::string line = "关于做好2024年防汛工作的通知 ";
    while (line.size() < (50u << 20)) line += "各单位要高度重视防汛工作，确保安全度汛。";
    const auto path = case_file(dir, "line.txt", line);
    const auto b = check_with_good(dir, path);
    INFO(b.run.err);
    CHECK(b.run.exit_code <= 1);
    CHECK(b.bad["errors"].empty());
    fs::remove(path);
}

TEST_CASE("bad input: a directory, a symlink loop, a FIFO and a missing path", "[badinput]") {
    // Tests run as root, for whom permission bits do not make a file unreadable: the FIFO stands
    // for the unreadable file (a directory named on the command line is walked, not read).
    const auto dir = test::temp_dir("bad-paths");
    {
        const std::string path = dir + "/loop.txt";
        fs::create_symlink(dir + "/loop2.txt", path);
        fs::create_symlink(path, dir + "/loop2.txt");
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.unreadable");
    }
    {
        // Was: the open blocked for ever, hanging the whole run.
        const std::string path = dir + "/fifo.txt";
        REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.unreadable");
        CHECK(b.run.err.find("not a regular file") != std::string::npos);
    }
    {
        const std::string path = dir + "/missing.txt";
        const auto b = check_with_good(dir, path);
        expect_one_error(b, path, "input.unreadable");
    }
}

namespace {

// A copy of rulesets/ in which `file` gets `edit` applied; returns the directory.
std::string rules_copy(const std::string& name, const std::string& file,
                       const std::function<void(std::string&)>& edit) {
    const auto dir = test::temp_dir("bad-rules-" + name);
    fs::copy(std::string(GK_SOURCE_DIR) + "/rulesets", dir, fs::copy_options::recursive);
    std::string text = test::read_bytes(dir + "/" + file);
    edit(text);
    write(dir + "/" + file, text);
    return dir;
}

void replace_once(std::string& s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
}

// Exit 2, and exactly one line: "gkcheck: error: ruleset: FILE…" naming the broken file.
void expect_ruleset_error(const std::string& dir, const std::string& file, const std::string& needle = "") {
    const std::string doc = test::temp_dir("bad-rules-doc") + "/n.txt";
    write(doc, kNotice);
    const auto r = run_bounded("check --rules '" + dir + "' '" + doc + "'");
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(count(r.err, "\n") == 1);
    CHECK(count(r.err, "gkcheck:") == 1); // one message (libxml2's own text may say "error" again)
    CHECK(r.err.starts_with("gkcheck: error: ruleset: " + dir + "/" + file));
    if (!needle.empty()) CHECK(r.err.find(needle) != std::string::npos);
    CHECK(r.err.find("root:") == std::string::npos); // nothing of /etc/passwd
    CHECK(r.out.empty());
}

} // namespace

TEST_CASE("bad ruleset: broken XML, unknown kind, duplicate id, bad and huge regexes", "[badinput][rules]") {
    expect_ruleset_error(rules_copy("broken", "content-safety.xml", [](std::string& s) { s.resize(s.size() / 2); }),
                         "content-safety.xml", "well-formed");
    expect_ruleset_error(rules_copy("kind", "content-safety.xml",
                                    [](std::string& s) { replace_once(s, "kind=\"hidden-link\"", "kind=\"no-such-kind\""); }),
                         "content-safety.xml", "no-such-kind");
    expect_ruleset_error(rules_copy("dup", "content-safety.xml",
                                    [](std::string& s) { replace_once(s, "id=\"content.hidden-link\"", "id=\"content.spam\""); }),
                         "content-safety.xml", "content.spam");
    expect_ruleset_error(rules_copy("badre", "content-safety.xml",
                                    [](std::string& s) { replace_once(s, "<furniture>打印本页</furniture>", "<furniture>(打印</furniture>"); }),
                         "content-safety.xml");
    expect_ruleset_error(rules_copy("hugere", "content-safety.xml",
                                    [](std::string& s) {
                                        replace_once(s, "<furniture>打印本页</furniture>",
                                                     "<furniture>((((a{100}){100}){100}){100})</furniture>");
                                    }),
                         "content-safety.xml");
}

TEST_CASE("bad ruleset: a catastrophic-backtracking regex is harmless (RE2 is linear)", "[badinput][rules]") {
    const auto dir = rules_copy("catastrophic", "content-safety.xml", [](std::string& s) {
        replace_once(s, "<furniture>打印本页</furniture>", "<furniture>(a+)+$|(a|aa)*b</furniture>");
    });
    const auto docdir = test::temp_dir("bad-rules-catastrophic-doc");
    write(docdir + "/n.txt", std::string(kNotice) + std::string(100000, 'a') + "!\n");
    const auto r = run_bounded("check --rules '" + dir + "' '" + docdir + "/n.txt'");
    INFO(r.err);
    CHECK(r.exit_code <= 1);
    CHECK(count(r.err, "error") == 0);
}

TEST_CASE("bad ruleset: an entity or XInclude naming /etc/passwd is refused, nothing is read", "[badinput][rules]") {
    expect_ruleset_error(rules_copy("entity", "content-safety.xml",
                                    [](std::string& s) {
                                        replace_once(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                                                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                                     "<!DOCTYPE ruleset [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
                                        replace_once(s, "<furniture>打印本页</furniture>", "<furniture>&x;</furniture>");
                                    }),
                         "content-safety.xml");
    expect_ruleset_error(rules_copy("xinclude", "content-safety.xml",
                                    [](std::string& s) {
                                        replace_once(s, "<furniture>打印本页</furniture>",
                                                     "<furniture><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                                                     "href=\"/etc/passwd\" parse=\"text\"/></furniture>");
                                    }),
                         "content-safety.xml");
}

TEST_CASE("bad ruleset: xs:import and xs:include in a --rules ruleset.xsd are refused (were followed)", "[badinput][rules]") {
    for (const char* element : {"import", "include"}) {
        INFO(element);
        const std::string secret = test::temp_dir(std::string("bad-rules-secret-") + element) + "/secret.xsd";
        write(secret, "root:x:0:0:root:/root:/bin/bash\n");
        const std::string ref = std::string(element) == "import"
            ? "<xs:import namespace=\"urn:x\" schemaLocation=\"" + secret + "\"/>"
            : "<xs:include schemaLocation=\"" + secret + "\"/>";
        const auto dir = rules_copy(std::string("xsd-") + element, "ruleset.xsd", [&](std::string& s) {
            const auto open = s.find("<xs:schema");
            REQUIRE(open != std::string::npos);
            const auto end = s.find('>', open);
            s.insert(end + 1, "\n  " + ref);
        });
        expect_ruleset_error(dir, "ruleset.xsd", std::string("xs:") + element);
    }
}

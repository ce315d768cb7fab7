// Ingest: reading with limits, refusing binaries, choosing and decoding the encoding.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <vector>

#include "ingest/charset.hpp"
#include "ingest/ingest.hpp"
#include "support.hpp"
#include "zip_support.hpp"

using namespace gk;
namespace fs = std::filesystem;

namespace {

// A file under a fresh temporary directory, removed with the object.
struct TempFile {
    fs::path dir, path;
    TempFile(const std::string& name, const std::string& bytes) {
        dir = fs::temp_directory_path() / ("gk-ingest-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(counter()++));
        fs::create_directories(dir);
        path = dir / name;
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~TempFile() { std::error_code ec; fs::remove_all(dir, ec); }
    static int& counter() { static int n = 0; return n; }
};

std::string encoded(const std::string& utf8, const std::string& encoding) {
    std::string out;
    REQUIRE(encode_from_utf8(utf8, encoding, out));
    return out;
}

const InputError* find_error(const Document& d, const std::string& code) {
    for (const auto& e : d.errors) if (e.code == code) return &e;
    return nullptr;
}

const std::string kReport =
    "平潭综合实验区2020年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2020年，本机关共收到政府信息公开申请16件，其中自然人申请15件，全部按时办结。\n"
    "二、主动公开政府信息情况\n";

} // namespace

TEST_CASE("sha256 matches the FIPS 180-4 vectors", "[ingest]") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // Padding boundaries: 55 bytes fit one block, 56 need two.
    CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("plain UTF-8 text is taken as is", "[ingest]") {
    const Document d = ingest_bytes(kReport, "r.txt", {});
    CHECK(d.readable());
    CHECK(d.errors.empty());
    CHECK(d.encoding == "UTF-8");
    CHECK(d.format == "text");
    CHECK(d.source == kReport);
    CHECK(d.path == "r.txt");
    CHECK(d.sha256 == sha256_hex(kReport));
    CHECK(d.position(static_cast<SourceOffset>(d.source.find("总体"))).line == 2);
}

TEST_CASE("GB18030 HTML with a meta charset is decoded", "[ingest]") {
    const std::string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                             "<title>年度报告</title></head><body><p>" + kReport + "</p></body></html>";
    const std::string bytes = encoded(html, "GB18030");
    REQUIRE(bytes != html);
    const Document d = ingest_bytes(bytes, "page.html", {});
    CHECK(d.errors.empty());
    CHECK(d.encoding == "GB18030");
    CHECK(d.format == "html");
    CHECK(d.source == html);
    CHECK(d.sha256 == sha256_hex(bytes));

    const std::string html5 = "<!DOCTYPE html><meta charset=\"GBK\"><p>" + kReport;
    const Document d5 = ingest_bytes(encoded(html5, "GB18030"), "page.htm", {});
    CHECK(d5.encoding == "GB18030");
    CHECK(d5.source == html5);

    const std::string xml = "<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<html><body><p>" + kReport + "</p></body></html>";
    const Document dx = ingest_bytes(encoded(xml, "GB18030"), "page.xhtml", {});
    CHECK(dx.encoding == "GB18030");
    CHECK(dx.source == xml);
}

TEST_CASE("Big5 text without a declaration is detected", "[ingest]") {
    const std::string trad = "政府資訊公開工作年度報告\n一、總體情況\n本機關依申請公開政府資訊共收到申請十二件，"
                             "全部於法定期限內辦結，無行政復議及行政訴訟案件。\n";
    const Document d = ingest_bytes(encoded(trad, "Big5"), "trad.txt", {});
    CHECK(d.errors.empty());
    CHECK(d.encoding == "Big5");
    CHECK(d.source == trad);

    // A few characters only: ICU's detector alone guesses GB18030 here.
    const Document few = ingest_bytes(encoded("索引號 | 11341702486344515H", "Big5"), "few.txt", {});
    CHECK(few.encoding == "Big5");
    CHECK(few.source == "索引號 | 11341702486344515H");

    // The same text in GB18030 is not mistaken for Big5.
    const Document gb = ingest_bytes(encoded(trad, "GB18030"), "trad-gb.txt", {});
    CHECK(gb.encoding == "GB18030");
    CHECK(gb.source == trad);
}

TEST_CASE("ICU's detector, restricted to Chinese answers, breaks ties", "[ingest]") {
    std::string gb_text, big5_text;
    for (int i = 0; i < 8; ++i) {
        gb_text += kReport;
        big5_text += "本機關依申請公開政府資訊共收到申請十二件，全部於法定期限內辦結，無行政復議及行政訴訟案件。\n";
    }
    CHECK(charset::detect_chinese(encoded(gb_text, "GB18030"), false) == "GB18030");
    CHECK(charset::detect_chinese(encoded(big5_text, "Big5"), false) == "Big5");
    CHECK(charset::detect_chinese(gb_text, false) == "UTF-8");
    CHECK(charset::detect_chinese("", false).empty());
    CHECK(charset::canonical("GB2312") == "GB18030");
    CHECK(charset::canonical(" \"x-gbk\" ") == "GB18030");
    CHECK(charset::canonical("Big5-HKSCS") == "Big5");
    CHECK(charset::canonical("utf8") == "UTF-8");
    CHECK(charset::canonical("latin1") == "ISO-8859-1");
    CHECK(charset::canonical("no-such-charset").empty());
}

TEST_CASE("byte order marks decide and are stripped", "[ingest]") {
    SECTION("UTF-8") {
        const Document d = ingest_bytes("\xEF\xBB\xBF" + kReport, "bom.txt", {});
        CHECK(d.errors.empty());
        CHECK(d.encoding == "UTF-8");
        CHECK(d.source == kReport);
        const Position p = d.position(static_cast<SourceOffset>(d.source.find("平潭")));
        CHECK(p.line == 1);
        CHECK(p.column == 1);
    }
    SECTION("UTF-16LE and UTF-16BE") {
        for (const std::string enc : {"UTF-16LE", "UTF-16BE"}) {
            const std::string bytes = encoded(kReport, enc); // starts with the BOM
            REQUIRE(bytes.find('\0') != std::string::npos);
            const Document d = ingest_bytes(bytes, "wide.txt", {});
            CHECK(d.readable());
            CHECK(d.errors.empty());
            CHECK(d.encoding == enc);
            CHECK(d.source == kReport);
        }
    }
    SECTION("UTF-16LE with a truncated last unit is still read") {
        const std::string bytes = encoded("总计", "UTF-16LE") + "\x41";
        const Document d = ingest_bytes(bytes, "odd.txt", {});
        CHECK(d.readable());
        CHECK(d.source.starts_with("总计"));
        const InputError* e = find_error(d, "input.encoding");
        REQUIRE(e != nullptr);
        CHECK_FALSE(e->fatal);
    }
}

TEST_CASE("invalid UTF-8 is replaced and reported with its position, not refused", "[ingest]") {
    const std::string bytes = "第一行政府信息公开\n第二行ab\xFF\xFE" "cd，共收到申请十件，全部办结。\n";
    const Document d = ingest_bytes(bytes, "bad.txt", {});
    CHECK(d.readable());
    CHECK(d.encoding == "UTF-8");
    const InputError* e = find_error(d, "input.encoding");
    REQUIRE(e != nullptr);
    CHECK_FALSE(e->fatal);
    CHECK(e->message.en.find("2 invalid UTF-8 byte sequences") != std::string::npos);
    CHECK(e->message.en.find("line 2, column 6") != std::string::npos);
    CHECK(e->message.zh.find("第 2 行第 6 列") != std::string::npos);
    CHECK(d.source.find("ab\xEF\xBF\xBD\xEF\xBF\xBD" "cd") != std::string::npos);

    // Declared UTF-8 and one bad byte: still UTF-8 (not a guess at another charset).
    const std::string html = "<meta charset=\"utf-8\"><p>" + kReport + "\x80" + kReport + "</p>";
    const Document h = ingest_bytes(html, "bad.html", {});
    CHECK(h.encoding == "UTF-8");
    CHECK(h.readable());
    REQUIRE(find_error(h, "input.encoding") != nullptr);
    CHECK(find_error(h, "input.encoding")->message.en.find("1 invalid UTF-8 byte sequence replaced") != std::string::npos);
}

TEST_CASE("invalid GB18030 sequences are reported at their line and column", "[ingest]") {
    IngestOptions opts;
    opts.forced_encoding = "gbk";
    const std::string bytes = encoded("第一行\n中", "GB18030") + "\xFF" + encoded("文", "GB18030");
    const Document d = ingest_bytes(bytes, "gb.txt", opts);
    CHECK(d.encoding == "GB18030");
    CHECK(d.readable());
    const InputError* e = find_error(d, "input.encoding");
    REQUIRE(e != nullptr);
    CHECK_FALSE(e->fatal);
    CHECK(e->message.en.find("line 2, column 2") != std::string::npos);
    CHECK(d.source == "第一行\n中\xEF\xBF\xBD文");
}

TEST_CASE("binary input is refused with the reason", "[ingest]") {
    struct Case { std::string bytes, name; };
    const std::vector<Case> cases = {
        // A ZIP signature that libzip cannot open (truncated): binary, not "unsupported".
        {std::string("PK\x03\x04\x14\0\x06\0", 8) + "[Content_Types].xml", "ZIP"},
        {std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "PNG"},
        {"\xFF\xD8\xFF\xE0 JFIF", "JPEG"},
        {"GIF89a\x01\x01", "GIF"},
        {"\x1F\x8B\x08\x08", "GZIP"},
        {std::string("政府信息\0公开", 16), "NUL"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const Document d = ingest_bytes(c.bytes, "x.html", {});
        CHECK_FALSE(d.readable());
        const InputError* e = find_error(d, "input.binary");
        REQUIRE(e != nullptr);
        CHECK(e->fatal);
        CHECK(e->message.en.find(c.name) != std::string::npos);
        CHECK(e->message.zh.find("不是文本文件") != std::string::npos);
        CHECK(d.source.empty());
    }
}

TEST_CASE("empty and whitespace-only input is refused", "[ingest]") {
    const Document empty = ingest_bytes("", "e.txt", {});
    CHECK_FALSE(empty.readable());
    CHECK(find_error(empty, "input.empty") != nullptr);
    const Document blank = ingest_bytes(" \r\n\t\n", "b.txt", {});
    CHECK_FALSE(blank.readable());
    CHECK(find_error(blank, "input.empty") != nullptr);
    const Document bom_only = ingest_bytes("\xEF\xBB\xBF", "b.txt", {});
    CHECK_FALSE(bom_only.readable());
    // A single character is not empty.
    CHECK(ingest_bytes("x", "x.txt", {}).readable());
}

TEST_CASE("files over the size limit are refused without reading them whole", "[ingest]") {
    IngestOptions opts;
    opts.max_bytes = 1024;
    TempFile big("big.txt", std::string(1025, 'a'));
    const Document d = ingest_file(big.path.string(), opts);
    CHECK_FALSE(d.readable());
    const InputError* e = find_error(d, "input.too-large");
    REQUIRE(e != nullptr);
    CHECK(e->message.en.find("1 KiB") != std::string::npos);
    CHECK(d.path == big.path.string());

    TempFile exact("exact.txt", std::string(1024, 'a'));
    CHECK(ingest_file(exact.path.string(), opts).readable());

    // An endless input: only max_bytes + 1 bytes are ever read, so this returns.
    if (fs::exists("/dev/zero")) {
        const Document z = ingest_file("/dev/zero", opts);
        CHECK(find_error(z, "input.too-large") != nullptr);
    }
}

TEST_CASE("missing files and directories are unreadable", "[ingest]") {
    const Document missing = ingest_file("/nonexistent/gk/report.html", {});
    CHECK_FALSE(missing.readable());
    CHECK(find_error(missing, "input.unreadable") != nullptr);
    CHECK(missing.path == "/nonexistent/gk/report.html");

    TempFile f("a.txt", kReport);
    const Document dir = ingest_file(f.dir.string(), {});
    CHECK_FALSE(dir.readable());
    REQUIRE(find_error(dir, "input.unreadable") != nullptr);

    const Document ok = ingest_file(f.path.string(), {});
    CHECK(ok.readable());
    CHECK(ok.source == kReport);
}

TEST_CASE("a lying charset declaration loses to the bytes", "[ingest]") {
    // Declares GB2312 but is UTF-8 (a template saved in another editor).
    const std::string utf8_html = "<html><head><meta charset=\"gb2312\"></head><body><p>" + kReport + "</p></body></html>";
    const Document a = ingest_bytes(utf8_html, "lie.html", {});
    CHECK(a.encoding == "UTF-8");
    CHECK(a.source == utf8_html);
    CHECK(a.errors.empty());

    // Declares UTF-8 but is GB18030.
    const std::string gb_html = "<html><head><meta charset=\"utf-8\"></head><body><p>" + kReport + "</p></body></html>";
    const Document b = ingest_bytes(encoded(gb_html, "GB18030"), "lie2.html", {});
    CHECK(b.encoding == "GB18030");
    CHECK(b.source == gb_html);
    CHECK(b.errors.empty());

    // Declares a Western charset but is GB18030.
    const std::string latin = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>" + kReport + "</p></body></html>";
    const Document c = ingest_bytes(encoded(latin, "GB18030"), "lie3.html", {});
    CHECK(c.encoding == "GB18030");
    CHECK(c.source == latin);

    // An ASCII-only page keeps what it declares.
    const Document ascii = ingest_bytes("<meta charset=gbk><p>2020</p>", "a.html", {});
    CHECK(ascii.encoding == "GB18030");
}

TEST_CASE("forced encodings", "[ingest]") {
    IngestOptions opts;
    opts.forced_encoding = "Big5";
    const std::string trad = "政府資訊公開";
    const Document d = ingest_bytes(encoded(trad, "Big5"), "t.txt", opts);
    CHECK(d.encoding == "Big5");
    CHECK(d.source == trad);
    opts.forced_encoding = "utf-16le";
    const std::string wide = encoded("总计 12", "UTF-16LE").substr(2); // no BOM; NULs in ASCII
    const Document w = ingest_bytes(wide, "w.txt", opts);
    CHECK(w.readable());
    CHECK(w.encoding == "UTF-16LE");
    CHECK(w.source == "总计 12");
    CHECK_FALSE(ingest_bytes(wide, "w.txt", {}).readable()); // undeclared: refused as binary
    opts.forced_encoding = "no-such-charset";
    const Document bad = ingest_bytes("abc", "t.txt", opts);
    CHECK_FALSE(bad.readable());
    CHECK(find_error(bad, "input.encoding") != nullptr);
}

TEST_CASE("format is sniffed by extension, then by content", "[ingest]") {
    CHECK(sniff_format("a/b/report.HTML", "") == "html");
    CHECK(sniff_format("report.shtml", "") == "html");
    CHECK(sniff_format("report.xhtml", "") == "html");
    CHECK(sniff_format("report.txt", "<html><body>") == "text");
    CHECK(sniff_format("-", "  <!DOCTYPE html><html>") == "html");
    CHECK(sniff_format("report.asp", "<HTML><HEAD>") == "html");
    CHECK(sniff_format("frag", "<div class=\"wrap\"><table><tr><td>索引号</td></tr></table></div>") == "html");
    CHECK(sniff_format("-", "标题：年度报告\n一、总体情况 <p> 字样\n") == "text");
    CHECK(sniff_format("-", "") == "text");
}

TEST_CASE("encode_from_utf8 converts back and refuses what cannot be represented", "[ingest]") {
    std::string out;
    REQUIRE(encode_from_utf8("中文", "GB18030", out));
    CHECK(out == "\xD6\xD0\xCE\xC4");
    REQUIRE(encode_from_utf8("中文", "gbk", out));
    CHECK(out == "\xD6\xD0\xCE\xC4");
    REQUIRE(encode_from_utf8("中文", "UTF-8", out));
    CHECK(out == "中文");
    CHECK(encode_from_utf8("政府資訊", "Big5", out));
    CHECK_FALSE(encode_from_utf8("我们", "Big5", out)); // 们 is simplified only
    CHECK_FALSE(encode_from_utf8("x", "no-such-charset", out));
}

TEST_CASE("a moved or copied document keeps a valid line index", "[ingest]") {
    std::vector<Document> docs;
    for (int i = 0; i < 20; ++i) docs.push_back(ingest_bytes("a\n中b", "short.txt", {})); // SSO-sized
    const Document copy = docs[3];
    docs.clear();
    const Position p = copy.position(5); // 'b'
    CHECK(p.line == 2);
    CHECK(p.column == 2);
}

TEST_CASE("line:column agree with naive counting on long lines and at the end", "[ingest]") {
    // One very long line (as in the crawler texts), mixed widths, \r\n and a lone \r.
    std::string s;
    for (int i = 0; i < 500; ++i) s += (i % 7 == 0) ? "总计" : (i % 11 == 0 ? "\r\n" : (i % 13 == 0 ? "\r" : "ab𠀀c"));
    for (std::size_t len : {s.size(), std::size_t{64}, std::size_t{128}, std::size_t{1}, std::size_t{0}}) {
        const std::string text = s.substr(0, len);
        const LineIndex idx(text);
        std::uint32_t line = 1, col = 1;
        for (std::size_t off = 0; off <= text.size(); ++off) {
            const Position p = idx.at(static_cast<SourceOffset>(off));
            REQUIRE(p.line == line);
            REQUIRE(p.column == col);
            if (off == text.size()) break;
            const char c = text[off];
            if (c == '\n' || (c == '\r' && (off + 1 >= text.size() || text[off + 1] != '\n'))) { ++line; col = 1; }
            else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) ++col;
            else if (c == '\r') ++col; // the \r of \r\n is a column on its line
        }
    }
}

TEST_CASE("every real corpus file ingests, also when transcoded to GB18030", "[ingest][corpus]") {
    const fs::path root = GK_SHARED_CORPUS;
    if (!fs::exists(root)) { WARN("no shared corpus at " << root); return; }
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
        const std::string path = entry.path().string();
        INFO(path);
        ++files;
        const Document d = ingest_file(path, {});
        CHECK(d.readable());
        CHECK(d.encoding == "UTF-8");
        CHECK_FALSE(d.source.empty());
        const std::string ext = entry.path().extension().string();
        CHECK(d.format == (ext == ".html" ? "html" : "text"));
        // Fragments (no doctype) are still recognised as HTML by content.
        if (ext == ".html") CHECK(sniff_format("-", std::string_view(d.source).substr(0, 4096)) == "html");

        const Document gb = ingest_bytes(encoded(d.source, "GB18030"), path, {});
        CHECK(gb.errors.empty());
        CHECK(gb.encoding == "GB18030");
        CHECK(gb.source == d.source);
    }
    CHECK(files >= 60);
}

TEST_CASE("arbitrary bytes never crash and always decode to valid UTF-8", "[ingest]") {
    std::uint32_t state = 12345;
    auto next = [&] { state = state * 1103515245u + 12345u; return (state >> 16) & 0xFF; };
    const std::vector<std::string> prefixes = {"", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF", "<meta charset=big5>",
                                               "<meta charset=utf-8>", "<?xml encoding='gbk'?>"};
    for (int round = 0; round < 300; ++round) {
        std::string bytes = prefixes[static_cast<std::size_t>(round) % prefixes.size()];
        const int n = 1 + static_cast<int>(next()) * 4;
        for (int i = 0; i < n; ++i) {
            auto b = static_cast<char>(next());
            if (b == 0 && round % 3 != 0) b = 'x'; // mostly NUL-free so decoding is exercised
            bytes.push_back(b);
        }
        const Document d = ingest_bytes(bytes, "fuzz", {});
        if (!d.readable()) continue;
        CHECK(utf8::is_valid(d.source));
        CHECK_FALSE(d.encoding.empty());
        CHECK(d.position(static_cast<SourceOffset>(d.source.size())).line >= 1);
    }
}

TEST_CASE("ingest tells docx and pdf by their bytes, keeps them for the parser, and refuses .doc/.wps and other ZIPs", "[ingest]") {
    {
        const std::string docx = test::make_docx("<w:p><w:r><w:t>正文</w:t></w:r></w:p>");
        const Document d = ingest_bytes(docx, "a.txt", {}); // the extension does not matter
        CHECK(d.readable());
        CHECK(d.format == "docx");
        CHECK(d.encoding.empty()); // no decoding ran
        CHECK(d.source.empty());
        CHECK(d.binary == docx);
        CHECK(d.sha256 == sha256_hex(docx));
    }
    {
        const std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj";
        const Document d = ingest_bytes(pdf, "x.html", {});
        CHECK(d.readable());
        CHECK(d.format == "pdf");
        CHECK(d.binary == pdf);
    }
    struct Case { std::string bytes, name, says; };
    const std::vector<Case> cases = {
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(504, '\0'), "report.doc", ".docx"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(504, '\0'), "report.wps", ".wps"},
        {test::make_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}}), "t.xlsx", "Excel"},
        {test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}}), "t.odt", "OpenDocument"},
        {test::make_zip({{"a.txt", "hello"}}), "a.zip", "word/document.xml"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const Document d = ingest_bytes(c.bytes, c.name, {});
        CHECK_FALSE(d.readable());
        REQUIRE(d.errors.size() == 1);
        CHECK(d.errors[0].code == "input.unsupported");
        CHECK(d.errors[0].fatal);
        CHECK(d.errors[0].message.en.find(c.says) != std::string::npos);
        CHECK(d.sha256 == sha256_hex(c.bytes));
        CHECK(d.binary.empty());
    }
}

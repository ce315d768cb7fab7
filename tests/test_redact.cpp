// gkcheck redact: masks exactly the personal values, in the original bytes and encoding.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/ucnv.h>

#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "redact/redact.hpp"
#include "support.hpp"
#include "test_privacy_support.hpp"

using namespace gk;
namespace fs = std::filesystem;
using gk::test::make_id;

namespace {

// Code points of `bytes` in `encoding` with the byte offset each starts at (independent of the
// redact engine: a plain ICU decode, BOM-free inputs only).
struct Decoded {
    std::u32string text;
    std::vector<std::size_t> at; // byte offset of each code point; at.back() == bytes.size()
};
Decoded decode(const std::string& bytes, const std::string& encoding) {
    Decoded d;
    UErrorCode st = U_ZERO_ERROR;
    UConverter* cnv = ucnv_open(encoding == "Big5" ? "windows-950-2000" : encoding.c_str(), &st);
    REQUIRE(U_SUCCESS(st));
    const char* src = bytes.data();
    const char* end = src + bytes.size();
    while (src < end) {
        const std::size_t before = static_cast<std::size_t>(src - bytes.data());
        st = U_ZERO_ERROR;
        const UChar32 cp = ucnv_getNextUChar(cnv, &src, end, &st);
        REQUIRE(U_SUCCESS(st));
        d.text.push_back(static_cast<char32_t>(cp));
        d.at.push_back(before);
    }
    d.at.push_back(bytes.size());
    ucnv_close(cnv);
    return d;
}

bool is_digit_like(char32_t c) {
    return (c >= '0' && c <= '9') || c == 'X' || c == 'x' || (c >= 0xFF10 && c <= 0xFF19);
}

// The byte comparison: same number of code points; every code point that differs was a digit
// and is now '*' (or '＊' for a full-width digit); every byte outside those code points is
// identical. Returns the number of masked characters.
std::size_t compare_bytes(const std::string& before, const std::string& after, const std::string& encoding) {
    const auto a = decode(before, encoding), b = decode(after, encoding);
    REQUIRE(a.text.size() == b.text.size());
    std::size_t changed = 0, ia = 0, ib = 0;
    for (std::size_t k = 0; k < a.text.size(); ++k) {
        const std::string pa = before.substr(a.at[k], a.at[k + 1] - a.at[k]);
        const std::string pb = after.substr(b.at[k], b.at[k + 1] - b.at[k]);
        if (a.text[k] != b.text[k]) {
            ++changed;
            INFO("code point " << k);
            CHECK(is_digit_like(a.text[k]));
            if (a.text[k] >= 0xFF10) CHECK(b.text[k] == U'＊');
            else CHECK(b.text[k] == U'*');
        } else {
            if (pa != pb) FAIL("bytes of an unchanged character differ at code point " << k);
        }
        ia += pa.size();
        ib += pb.size();
    }
    CHECK(ia == before.size());
    CHECK(ib == after.size());
    return changed;
}

RedactResult redact_bytes(const std::string& bytes, const std::string& name, Document* keep = nullptr) {
    auto r = Pipeline::analyse(ingest_bytes(bytes, name, IngestOptions{}), test::bundled_catalogue());
    REQUIRE(r.doc.readable());
    auto res = redact_document(bytes, r.doc, *test::bundled_catalogue().privacy());
    if (keep) *keep = r.doc;
    return res;
}

std::vector<Finding> privacy_findings(const std::string& bytes, const std::string& name) {
    static const Pipeline pipeline(gk::test::privacy_rules(), IngestOptions{});
    return pipeline.run_bytes(bytes, name).findings;
}

std::size_t errors_in(const std::vector<Finding>& fs) {
    std::size_t n = 0;
    for (const auto& f : fs) n += f.severity == Severity::error;
    return n;
}

std::string slurp(const std::string& p) { return gk::test::read_bytes(p); }
void spit(const std::string& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

} // namespace

TEST_CASE("redact masks only the value characters in UTF-8 text, full-width kept full-width", "[redact]") {
    const std::string id = make_id("35012819800101123");
    const std::string text = "公示名单\n张三，身份证号：" + id + "，手机：１３８１２３４５６７８。\n"
                             "咨询电话：0591-23165370（平潭综合实验区行政审批局）\n";
    Document doc;
    const auto res = redact_bytes(text, "list.txt", &doc);
    REQUIRE(res.ok);
    REQUIRE(res.edits.size() == 2);
    CHECK(res.edits[0].kind == "id-number");
    CHECK(res.edits[0].masked == "350128********" + id.substr(14));
    CHECK(res.edits[1].kind == "mobile");
    CHECK(res.edits[1].masked == "138****5678");
    CHECK(res.bytes.size() == text.size()); // ＊ is as wide as a full-width digit
    CHECK(compare_bytes(text, res.bytes, "UTF-8") == 12);
    CHECK(res.bytes.find("350128********" + id.substr(14)) != std::string::npos);
    CHECK(res.bytes.find("１３８＊＊＊＊５６７８") != std::string::npos);
    CHECK(res.bytes.find("0591-23165370") != std::string::npos);
    CHECK(errors_in(privacy_findings(res.bytes, "list.txt")) == 0);
    CHECK(privacy_findings(res.bytes, "list.txt").empty());
}

TEST_CASE("redact keeps HTML markup and the GB18030 encoding", "[redact]") {
    const std::string id = make_id("11010519900307002");
    const std::string html =
        "<html><head><meta charset=\"gb18030\"><title>公示</title></head><body>\n"
        "<p class=\"x\" data-n=\"13812345678\">李四 身份证号码：" + id + "</p>\n"
        "<table><tr><th>姓名</th><th>银行卡号</th><th>金额</th></tr>\n"
        "<tr><td>王五</td><td>6222 0212 3456 7890 128</td><td>1,200.00</td></tr></table>\n"
        "</body></html>\n";
    std::string gb;
    REQUIRE(encode_from_utf8(html, "GB18030", gb));
    const auto res = redact_bytes(gb, "page.html");
    REQUIRE(res.ok);
    CHECK(res.edits.size() == 2);
    CHECK(res.bytes.size() == gb.size());
    CHECK(compare_bytes(gb, res.bytes, "GB18030") == 8 + 15);
    CHECK(res.bytes.find("data-n=\"13812345678\"") != std::string::npos); // attributes are markup: untouched
    const auto after = privacy_findings(res.bytes, "page.html");
    CHECK(errors_in(after) == 0);
}

TEST_CASE("redact with nothing to mask returns the input unchanged", "[redact]") {
    const std::string text = "联系人：昝兴宝，电话：0534-7365386，传真：0534-7365386\n索引号：11370983K21344588M/2020-04825\n";
    const auto res = redact_bytes(text, "plain.txt");
    REQUIRE(res.ok);
    CHECK(res.edits.empty());
    CHECK(res.bytes == text);
}

TEST_CASE("run_redact: never touches the input, refuses to overwrite, dry-run shows masks only", "[redact]") {
    const std::string dir = gk::test::temp_dir("redact-cli");
    const std::string id = make_id("44030119921130881");
    const std::string in = dir + "/in.txt", out = dir + "/out.txt";
    const std::string text = "获奖名单\n赵六 身份证号 " + id + "\n";
    spit(in, text);
    RedactOptions o;
    o.inputs = {in};
    o.output = out;

    SECTION("dry run") {
        o.dry_run = true;
        std::ostringstream so, se;
        CHECK(run_redact(o, test::bundled_catalogue(), so, se) == 0);
        CHECK_FALSE(fs::exists(out));
        CHECK(so.str().find("440301********" + id.substr(14)) != std::string::npos);
        CHECK(so.str().find(id) == std::string::npos);
        CHECK(so.str().find(":2:9:") != std::string::npos);
    }
    SECTION("write, then refuse to overwrite without --force") {
        std::ostringstream so, se;
        CHECK(run_redact(o, test::bundled_catalogue(), so, se) == 0);
        CHECK(slurp(in) == text);
        REQUIRE(fs::exists(out));
        CHECK(slurp(out).find(id) == std::string::npos);
        CHECK(so.str().find("id-number 1") != std::string::npos);
        spit(out, "keep me");
        std::ostringstream so2, se2;
        CHECK(run_redact(o, test::bundled_catalogue(), so2, se2) == 2);
        CHECK(slurp(out) == "keep me");
        o.force = true;
        std::ostringstream so3, se3;
        CHECK(run_redact(o, test::bundled_catalogue(), so3, se3) == 0);
        CHECK(slurp(out).find("440301********") != std::string::npos);
        // no temporary files left behind
        std::size_t entries = 0;
        for (const auto& e : fs::directory_iterator(dir)) { (void)e; ++entries; }
        CHECK(entries == 2);
    }
    SECTION("the output may not be the input") {
        o.output = in;
        o.force = true;
        std::ostringstream so, se;
        CHECK(run_redact(o, test::bundled_catalogue(), so, se) == 2);
        CHECK(slurp(in) == text);
    }
    SECTION("usage errors") {
        RedactOptions bad;
        std::ostringstream so, se;
        CHECK(run_redact(bad, test::bundled_catalogue(), so, se) == 2);
        bad.inputs = {in};
        CHECK(run_redact(bad, test::bundled_catalogue(), so, se) == 2); // no -o
        bad.output = out;
        bad.inputs = {dir + "/missing.txt"};
        CHECK(run_redact(bad, test::bundled_catalogue(), so, se) == 2);
    }
}

TEST_CASE("run_redact mirrors a directory tree", "[redact]") {
    const std::string dir = gk::test::temp_dir("redact-tree");
    fs::create_directories(dir + "/in/a/b");
    const std::string id = make_id("37142819850612453");
    spit(dir + "/in/top.txt", "身份证号：" + id + "\n");
    spit(dir + "/in/a/b/deep.html", "<p>手机 13912345678</p>\n");
    spit(dir + "/in/a/clean.txt", "无个人信息\n");
    spit(dir + "/in/a/image.png", "\x89PNG");
    RedactOptions o;
    o.inputs = {dir + "/in"};
    o.output = dir + "/out";
    std::ostringstream so, se;
    CHECK(run_redact(o, test::bundled_catalogue(), so, se) == 0);
    CHECK(fs::exists(dir + "/out/top.txt"));
    CHECK(fs::exists(dir + "/out/a/b/deep.html"));
    CHECK(fs::exists(dir + "/out/a/clean.txt"));
    CHECK_FALSE(fs::exists(dir + "/out/a/image.png"));
    CHECK(slurp(dir + "/out/a/b/deep.html") == "<p>手机 139****5678</p>\n");
    CHECK(slurp(dir + "/out/a/clean.txt") == "无个人信息\n");
    CHECK(slurp(dir + "/in/top.txt") == "身份证号：" + id + "\n");
    INFO(so.str());
    CHECK(so.str().find("id-number 1, mobile 1") != std::string::npos);
}

TEST_CASE("a 1,000-row 公示 table is fully detected and redacted", "[redact]") {
    std::string html = "<html><head><meta charset=\"utf-8\"><title>2023年度补贴发放公示</title></head><body>\n"
                       "<table>\n<tr><th>序号</th><th>姓名</th><th>身份证号</th><th>手机</th><th>金额（元）</th></tr>\n";
    const char* surnames[] = {"张", "王", "李", "赵", "陈", "林", "黄", "吴"};
    const char* given[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇"};
    std::vector<std::string> ids, mobiles;
    for (int i = 0; i < 1000; ++i) {
        char first17[32], mobile[16];
        std::snprintf(first17, sizeof first17, "350128%04d%02d%02d%03d", 1950 + i % 50, 1 + i % 12, 1 + i % 28, i % 1000);
        std::snprintf(mobile, sizeof mobile, "13%d%08d", 5 + i % 5, 10000000 + i * 7919);
        ids.push_back(make_id(first17));
        mobiles.push_back(mobile);
        html += "<tr><td>" + std::to_string(i + 1) + "</td><td>" + surnames[i % 8] + given[i % 10] + "</td><td>" + ids.back() +
                "</td><td>" + mobiles.back() + "</td><td>" + std::to_string(500 + i % 7 * 100) + ".00</td></tr>\n";
    }
    html += "</table></body></html>\n";
    const auto before = privacy_findings(html, "gongshi.html");
    std::size_t id_findings = 0, mobile_findings = 0, column_findings = 0;
    for (const auto& f : before) {
        id_findings += f.rule == "privacy.id-number";
        mobile_findings += f.rule == "privacy.mobile";
        column_findings += f.rule == "privacy.table.column";
    }
    CHECK(id_findings == 1000);
    CHECK(mobile_findings == 1000);
    CHECK(column_findings == 2);
    const auto res = redact_bytes(html, "gongshi.html");
    REQUIRE(res.ok);
    CHECK(res.edits.size() == 2000);
    CHECK(res.unredactable == 0);
    CHECK(compare_bytes(html, res.bytes, "UTF-8") == 1000 * 8 + 1000 * 4);
    for (int i = 0; i < 1000; i += 97) {
        CHECK(res.bytes.find(ids[static_cast<std::size_t>(i)]) == std::string::npos);
        CHECK(res.bytes.find(mobiles[static_cast<std::size_t>(i)]) == std::string::npos);
    }
    CHECK(privacy_findings(res.bytes, "gongshi.html").empty());
}

TEST_CASE("redact of every privacy corpus case leaves no privacy error and changes only masked characters", "[redact][corpus]") {
    const auto files = gk::test::files_under(std::string(GK_SOURCE_DIR) + "/corpus/privacy");
    REQUIRE(files.size() >= 30);
    std::size_t changed_files = 0;
    for (const auto& file : files) {
        INFO(file);
        const std::string bytes = slurp(file);
        Document doc;
        const auto res = redact_bytes(bytes, file, &doc);
        REQUIRE(res.ok);
        CHECK(res.unredactable == 0);
        CHECK(compare_bytes(bytes, res.bytes, doc.encoding) == res.characters);
        const auto after = privacy_findings(res.bytes, file);
        for (const auto& f : after) INFO(f.position.line << ":" << f.position.column << " " << f.rule);
        CHECK(after.empty()); // not only no error: weak masks are fixed too
        changed_files += !res.edits.empty();
        if (file.find("-ok-") != std::string::npos) CHECK(res.bytes == bytes); // must-not-fire cases stay as they are
    }
    CHECK(changed_files >= 20);
}

// Privacy on real documents: no finding on the seeds and the real corpus (contact lines, 索引号,
// run-together table digits), and an ID inserted into seed 000 found in UTF-8 text, GB18030 HTML
// and Big5 traditional forms at the right line:column.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ingest/ingest.hpp"
#include "normalise/normalise.hpp"
#include "pipeline/pipeline.hpp"
#include "support.hpp"
#include "test_privacy_support.hpp"

using namespace gk;
using gk::test::make_id;

namespace {

std::vector<Finding> privacy_run(const std::string& bytes, const std::string& name) {
    static const Pipeline pipeline(gk::test::privacy_rules(), IngestOptions{});
    auto r = pipeline.run_bytes(bytes, name);
    REQUIRE(r.doc.readable());
    return r.findings;
}

std::string seed000() { return gk::test::read_bytes(gk::test::shared_corpus() + "/seeds/000_0133a77586099665.txt"); }

// Inserts `line` as a new line after line `after` (1-based) of `text`.
std::string insert_line(const std::string& text, int after, const std::string& line) {
    std::size_t pos = 0;
    for (int i = 0; i < after; ++i) pos = text.find('\n', pos) + 1;
    return text.substr(0, pos) + line + "\n" + text.substr(pos);
}

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else out.push_back(c);
    }
    return out;
}

// Each line of the text as a <p>, the header on line 1: text line k is HTML line k + 1.
std::string as_html(const std::string& text, const std::string& charset) {
    std::string html = "<html><head><meta charset=\"" + charset + "\"><title>禹城市2020年政府信息公开工作年度报告</title></head><body>\n";
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        html += "<p>" + html_escape(text.substr(pos, nl - pos)) + "</p>\n";
        pos = nl + 1;
    }
    return html + "</body></html>\n";
}

Position position_of(const std::string& utf8, const std::string& needle) {
    const auto at = utf8.find(needle);
    REQUIRE(at != std::string::npos);
    return LineIndex(utf8).at(static_cast<SourceOffset>(at));
}

} // namespace

TEST_CASE("no privacy finding on the seeds and the real corpus", "[privacy][real]") {
    if (!gk::test::have_shared_corpus()) return;
    std::size_t files = 0;
    for (const auto& dir : {"/seeds", "/real", "/real-html"}) {
        for (const auto& file : gk::test::files_under(gk::test::shared_corpus() + dir)) {
            const auto findings = privacy_run(gk::test::read_bytes(file), file);
            INFO(file);
            for (const auto& f : findings) INFO(f.position.line << ":" << f.position.column << " " << f.rule << " " << f.message.zh);
            CHECK(findings.empty());
            ++files;
        }
    }
    CHECK(files >= 45);
}

TEST_CASE("contact lines and 索引号 of the seeds are recognised as allowed", "[privacy][real]") {
    // The contact sentence of seed 000 with a mobile added: still an official contact.
    const std::string contact = "如对本报告有任何疑问,请与禹城市人民政府办公室政务公开室联系。(联系人:昝兴宝,电话:0534-7365386,手机:13905341234,传真:0534-7365386,电子邮箱:ycszfbzwgkk@dz.shandong.cn,邮编:251200)\n";
    CHECK(privacy_run(contact, "contact.txt").empty());
    CHECK(privacy_run("索  引  号 11370983K21344588M/2020-04825 公开方式 主动公开\n", "index.txt").empty());
    CHECK(privacy_run("电话/传真：0591-23165370；电子邮箱：pzxxgkb@163.com。\n", "pingtan.txt").empty());
}

TEST_CASE("an ID inserted into seed 000 is found in UTF-8, GB18030 HTML and Big5 traditional forms", "[privacy][real]") {
    if (!gk::test::have_shared_corpus()) return;
    const std::string id = make_id("37148219850612453");  // 禹城市 area code, valid date and check digit
    const std::string line = "经核实，申请人张某某（身份证号码：" + id + "）的申请已办结。";
    const std::string text = insert_line(seed000(), 20, line);

    SECTION("UTF-8 text") {
        const auto findings = privacy_run(text, "seed000-id.txt");
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].rule == "privacy.id-number");
        CHECK(findings[0].severity == Severity::error);
        CHECK(findings[0].position.line == 21);
        CHECK(findings[0].position.column == 18);
        CHECK(findings[0].message.zh.find(id) == std::string::npos);
    }
    SECTION("GB18030 HTML") {
        const std::string html = as_html(text, "gb18030");
        std::string bytes;
        REQUIRE(encode_from_utf8(html, "GB18030", bytes));
        const auto findings = privacy_run(bytes, "seed000-id.html");
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].rule == "privacy.id-number");
        const auto want = position_of(html, id);
        CHECK(want.line == 22);
        CHECK(want.column == 21);
        CHECK(findings[0].position.line == want.line);
        CHECK(findings[0].position.column == want.column);
    }
    SECTION("Big5, traditional script") {
        std::string trad = Normaliser::instance().to_traditional(text);
        REQUIRE(trad != text);
        // OpenCC writes some variants Big5 lacks; Big5 pages use the Taiwan forms (one for one,
        // so columns do not move).
        for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
                 {"羣", "群"}, {"衆", "眾"}, {"牀", "床"}, {"爲", "為"}, {"着", "著"}}) {
            for (auto at = trad.find(from); at != std::string::npos; at = trad.find(from, at)) trad.replace(at, from.size(), to);
        }
        std::string bytes;
        REQUIRE(encode_from_utf8(trad, "Big5", bytes));
        const auto findings = privacy_run(bytes, "seed000-id-big5.txt");
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].rule == "privacy.id-number");
        CHECK(findings[0].position.line == 21);
        CHECK(findings[0].position.column == 18);
    }
    SECTION("a wrong check digit is not an error") {
        std::string wrong = id;
        wrong[17] = wrong[17] == '0' ? '1' : '0';
        const auto findings = privacy_run(insert_line(seed000(), 20, "申请人张某某（身份证号码：" + wrong + "）"), "seed000-wrong.txt");
        for (const auto& f : findings) CHECK(f.severity != Severity::error);
        // and without an ID label the number is not taken for an ID at all
        CHECK(privacy_run(insert_line(seed000(), 20, "编码 " + wrong + " 备查"), "seed000-wrong2.txt").empty());
    }
}

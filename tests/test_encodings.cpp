// The same document as UTF-8 text, GB18030 HTML (meta charset) and Big5 traditional HTML gives
// the same findings at the same lines and columns.
#include <catch2/catch.hpp>

#include <set>
#include <tuple>

#include "ingest/ingest.hpp"
#include "normalise/normalise.hpp"
#include "support.hpp"

using namespace gk;

namespace {

// An annual report whose section 六 is missing and whose 五 heading is misnumbered: findings
// whose positions must agree across encodings. Each line is the same in the text and the HTML
// variant (the HTML keeps one element per line, so line numbers are shared).
const char* kBodyLines[] = {
    "某某县2020年政府信息公开工作年度报告",
    "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
    "一、总体情况",
    "2020年，我县认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "二、主动公开政府信息情况",
    "全年主动公开政府信息1200条。",
    "三、收到和处理政府信息公开申请情况",
    "全年共收到政府信息公开申请15件。",
    "四、政府信息公开行政复议、行政诉讼情况",
    "全年未发生政府信息公开行政复议、行政诉讼。",
    "六、存在的主要问题及改进情况",
    "存在的主要问题是公开质量有待提高。",
};

std::string as_text() {
    std::string s;
    for (const char* l : kBodyLines) s += std::string(l) + "\n";
    return s;
}

std::string as_html(const std::string& charset) {
    std::string s = "<html><head><meta charset=\"" + charset + "\"><title>年报</title></head><body>\n";
    for (const char* l : kBodyLines) s += std::string("<p>") + l + "</p>\n";
    return s + "</body></html>\n";
}

using Key = std::tuple<std::string, unsigned, unsigned>;
std::set<Key> keys(const DocumentResult& r) {
    std::set<Key> k;
    for (const auto& f : r.findings) k.insert({f.rule, f.position.line, f.position.column});
    return k;
}

} // namespace

TEST_CASE("encodings: UTF-8 text, GB18030 HTML and Big5 traditional HTML agree", "[encodings][golden]") {
    const auto text = test::check_bytes(as_text(), "report.txt");
    REQUIRE(text.doc.readable());
    CHECK(text.facts.type == "annual-report");
    const auto text_keys = keys(text);
    // The missing section 六 and the misnumbered 五 are found.
    bool missing6 = false, order5 = false;
    for (const auto& f : text.findings) {
        if (f.rule == "report.section.missing" && f.message.zh.find("其他需要报告的事项") != std::string::npos) missing6 = true;
        if (f.rule == "report.section.order" && f.position.line == 11 && f.position.column == 1) order5 = true;
    }
    CHECK(missing6);
    CHECK(order5);

    // GB18030 bytes, but the HTML element lines are shifted by one (the <html> line).
    std::string gb;
    REQUIRE(encode_from_utf8(as_html("gb2312"), "GB18030", gb));
    const auto gbr = test::check_bytes(gb, "report.html");
    REQUIRE(gbr.doc.readable());
    CHECK(gbr.doc.encoding == "GB18030");

    std::string big5;
    const std::string trad = Normaliser::instance().to_traditional(as_html("big5"));
    REQUIRE(encode_from_utf8(trad, "Big5", big5));
    const auto b5 = test::check_bytes(big5, "report.htm");
    REQUIRE(b5.doc.readable());
    CHECK(b5.doc.encoding == "Big5");
    CHECK(b5.doc.script == "traditional");

    // Same rules at the same places: HTML lines are text lines + 1, columns + 3 ("<p>").
    std::set<Key> shifted;
    for (const auto& [rule, line, col] : text_keys) shifted.insert({rule, line + 1, col + 3});
    CHECK(keys(gbr) == shifted);
    CHECK(keys(b5) == shifted);
}

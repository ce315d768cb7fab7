// Normaliser (script detection, t2s with origins, full-width folding, whitespace). Numbers: test_grammar.cpp.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "document/document.hpp"
#include "normalise/normalise.hpp"
#include "parse/parse.hpp"

#include "support.hpp"

using namespace gk;

namespace {

Document normalised_text_doc(std::string source) {
    Document doc;
    doc.format = "text";
    doc.source = std::move(source);
    doc.lines = LineIndex(doc.source);
    parse_text(doc);
    Normaliser::instance().normalise(doc);
    return doc;
}

MappedText run(std::string_view s, SourceOffset from = 0) {
    MappedText m;
    m.append_run(s, from);
    return m;
}

} // namespace

TEST_CASE("script detection on the seeds", "[normalise]") {
    const char* seeds[] = {"000_0133a77586099665.txt", "001_bf6f8c6674d46c2d.txt", "002_39cedbc4c057cd39.txt",
                           "003_f8756d1425d3885a.txt", "004_a4af0b0c03741768.txt"};
    for (int i = 0; i < 5; ++i) {
        INFO(seeds[i]);
        const Document doc = normalised_text_doc(test::read_bytes(std::string(GK_SHARED_CORPUS) + "/seeds/" + seeds[i]));
        REQUIRE_FALSE(doc.blocks.empty());
        CHECK(doc.script == (i == 1 ? "traditional" : "simplified"));
    }
}

TEST_CASE("seed 001 is converted to simplified with exact origins", "[normalise]") {
    const Document doc = normalised_text_doc(test::read_bytes(std::string(GK_SHARED_CORPUS) + "/seeds/001_bf6f8c6674d46c2d.txt"));
    REQUIRE(doc.script == "traditional");
    bool found = false;
    for (const auto& b : doc.blocks) {
        const auto at = b.norm.text.find("围绕法治政府建设著力推进公开");
        if (at == std::string::npos) continue;
        found = true;
        const Position p = doc.position(b.norm.source_at(at));
        CHECK(p.line == 49);
        CHECK(p.column == 5); // 「  二、圍繞…」: two leading spaces and the number
        CHECK(doc.source.compare(b.norm.source_at(at), 3, "圍") == 0);
    }
    CHECK(found);
}

TEST_CASE("a simplified page quoting a few traditional names stays simplified", "[normalise]") {
    const Document doc = normalised_text_doc(
        "本报告根据《中华人民共和国政府信息公开条例》要求编制。\n"
        "2020年，我市共办理政府信息公开申请21件，全部依法办结，未发生行政复议情况。\n"
        "转载自臺灣學術網路的資料說明。\n"
        "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。\n");
    CHECK(doc.script == "simplified");
    // Simplified documents are not converted: the traditional quote stays as written.
    bool kept = false;
    for (const auto& b : doc.blocks) kept = kept || b.norm.text.find("臺灣") != std::string::npos;
    CHECK(kept);
}

TEST_CASE("origins survive t2s and space removal", "[normalise]") {
    const std::string src = "第一行\n本年收到申請總 計２１件，（一）予以公開。\n";
    Document doc = normalised_text_doc(src);
    // Too short to be detected as traditional; fold explicitly as a traditional document would.
    const auto& n = Normaliser::instance();
    MappedText folded = n.fold(doc.blocks.at(1).text, true);
    CHECK(folded.text == "本年收到申请总计21件，(一)予以公开。");
    const auto at = folded.text.find("总计");
    REQUIRE(at != std::string::npos);
    const Position p = doc.position(folded.source_at(at));
    CHECK(p.line == 2);
    CHECK(p.column == 7);
    const Position p21 = doc.position(folded.source_at(folded.text.find("21")));
    CHECK(p21.line == 2);
    CHECK(p21.column == 10);
    const Position pc = doc.position(folded.source_at(folded.text.find("计")));
    CHECK(pc.column == 9); // after the dropped space
}

TEST_CASE("full-width ASCII folds, Chinese punctuation stays", "[normalise]") {
    const auto& n = Normaliser::instance();
    CHECK(n.fold("（一）ＡＢＣ１２３，。、：；！？［］％", false) == "(一)ABC123，。、：；！？[]%");
    CHECK(n.fold("国办公开办函〔2019〕60号", false) == "国办公开办函〔2019〕60号");
    CHECK(n.fold("\xE2\x88\x92" "129", false) == "-129");
}

TEST_CASE("whitespace is dropped unless between ASCII letters or digits", "[normalise]") {
    const auto& n = Normaliser::instance();
    CHECK(n.fold("Produced By", false) == "Produced By");
    CHECK(n.fold("2020-11-05 15:37", false) == "2020-11-05 15:37");
    CHECK(n.fold("总 计", false) == "总计");
    CHECK(n.fold("尚未 审结", false) == "尚未审结");
    CHECK(n.fold("2018- 08- 21 19: 39", false) == "2018-08-21 19:39");
    CHECK(n.fold("索\u3000引\u00a0号  ", false) == "索引号");
    CHECK(n.fold("  a   b  ", false) == "a b");
    CHECK(n.fold("", false).empty());
    const MappedText m = n.fold(run("ab   cd", 100), false);
    CHECK(m.text == "ab cd");
    CHECK(m.source_at(2) == 102);
    CHECK(m.source_at(3) == 105);
}

TEST_CASE("character tables", "[normalise]") {
    const auto& n = Normaliser::instance();
    CHECK(n.is_traditional_only(U'總'));
    CHECK(n.is_traditional_only(U'開'));
    CHECK_FALSE(n.is_traditional_only(U'总'));
    CHECK_FALSE(n.is_traditional_only(U'公'));
    CHECK(n.is_simplified_only(U'总'));
    CHECK_FALSE(n.is_simplified_only(U'公'));
    CHECK(n.to_simplified("政府資訊公開") == "政府资讯公开");
    CHECK(n.to_traditional("总体情况") == "總體情況");
    CHECK(n.fold("主動公開政府信息情況") == "主动公开政府信息情况");
}

TEST_CASE("normalise fills norm for blocks and cells", "[normalise]") {
    const Document doc = normalised_text_doc("| 总 计 | ２１ |\n| 尚未 审结 | 0 |\n");
    REQUIRE(doc.blocks.size() == 1);
    REQUIRE(doc.blocks[0].table);
    const auto& rows = doc.blocks[0].table->rows;
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][0].norm.text == "总计");
    CHECK(rows[0][1].norm.text == "21");
    CHECK(rows[1][0].norm.text == "尚未审结");
    CHECK(doc.position(rows[1][0].norm.source_at(3)).line == 2);
}

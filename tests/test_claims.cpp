// Prose claims against the tables (text.table.mismatch), each kind with a case that fires and one
// that must not, made by adding one sentence to a clean 2021-format report of corpus/ (table 三:
// 本年新收 33, 上年结转 2, (七)总计 33, 结转下年度 2).
#include <catch2/catch.hpp>

#include <algorithm>

#include "support.hpp"

using namespace gk;

namespace {

std::vector<const Finding*> mismatches(const DocumentResult& r) {
    std::vector<const Finding*> out;
    for (const auto& f : r.findings)
        if (f.rule == "text.table.mismatch") out.push_back(&f);
    return out;
}

const std::string kReviewRow = "<tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td>"
                               "<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>";

// The clean report with `sentence` as a paragraph of section 三, before its table; `review_row`
// replaces table 四's row of figures.
DocumentResult with_sentence(const std::string& sentence, const std::string& review_row = kReviewRow) {
    std::string html = test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/annual/clean_2021_department.html");
    const auto row = html.find(kReviewRow);
    REQUIRE(row != std::string::npos);
    html.replace(row, kReviewRow.size(), review_row);
    const std::string h3 = "<h2>三、收到和处理政府信息公开申请情况</h2>";
    const auto at = html.find(h3);
    REQUIRE(at != std::string::npos);
    html.insert(at + h3.size(), "\n<p>" + sentence + "</p>");
    return test::check_bytes(html, "claim.html");
}

} // namespace

TEST_CASE("claims: the clean report has none to contradict", "[claims]") {
    const auto r = with_sentence("本年度依申请公开工作平稳有序。");
    CHECK(mismatches(r).empty());
    // its 「均按期答复」 says the answers were on time, not that nothing is left
    CHECK(test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/annual/clean_2021_department.html").find("均按期答复") !=
          std::string::npos);
}

TEST_CASE("claims: none left (所有申请均已办理完成) while 结转下年度 > 0", "[claims]") {
    SECTION("fires") {
        for (const char* s : {"所有申请均已按要求办理完成。", "全部申请均已办结。", "共收到申请33件，全部依法办结。"}) {
            INFO(s);
            const auto r = with_sentence(s);
            const auto m = mismatches(r);
            REQUIRE(m.size() == 1);
            CHECK(m[0]->severity == Severity::error);
            CHECK(m[0]->row == "carry-next");
            CHECK(m[0]->col == "total");
            CHECK(m[0]->actual == "2");
            CHECK(m[0]->message.zh.find("全部办结") != std::string::npos);
        }
    }
    SECTION("does not fire on what does not say none is left") {
        for (const char* s : {"申请均在法定期限内予以答复。", "所有申请均按期答复。", "办结率保持较高水平。"}) {
            INFO(s);
            CHECK(mismatches(with_sentence(s)).empty());
        }
    }
}

TEST_CASE("claims: handled (办结N件) against (七)总计", "[claims]") {
    SECTION("fires") {
        const auto r = with_sentence("本年度共收到政府信息公开申请33件，共办结30件。");
        const auto m = mismatches(r);
        REQUIRE(m.size() == 1);
        CHECK(m[0]->row == "results-total");
        CHECK(m[0]->expected == "33");
        CHECK(m[0]->actual == "30");
    }
    SECTION("does not fire when it agrees, or outside a sentence about requests") {
        for (const char* s : {"本年度共收到政府信息公开申请33件，共办结33件。", "受理审批事项117件，办结171件。"}) {
            INFO(s);
            CHECK(mismatches(with_sentence(s)).empty());
        }
    }
}

TEST_CASE("claims: no review corrected, no lawsuit lost, while table 四 prints 结果纠正", "[claims]") {
    // 行政复议: 维持 0, 纠正 1, 总计 1; 未经复议直接起诉: 纠正 1, 总计 1
    const std::string corrected = "<tr><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td><td>1</td><td>0</td>"
                                  "<td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>";
    SECTION("fires") {
        for (const auto& [s, row] : std::vector<std::pair<std::string, std::string>>{
                 {"行政复议案件均获维持。", "review"}, {"行政复议决定未被纠错。", "review"}, {"全年未发生行政诉讼败诉。", "litigation-direct"}}) {
            INFO(s);
            const auto r = with_sentence(s, corrected);
            const auto m = mismatches(r);
            REQUIRE(m.size() == 1);
            CHECK(m[0]->table == "review");
            CHECK(m[0]->row == row);
            CHECK(m[0]->col == "corrected");
            CHECK(m[0]->actual == "1");
        }
    }
    SECTION("does not fire when table 四 agrees, or on other 纠正") {
        for (const char* s : {"行政复议案件均获维持。", "全年未发生行政诉讼败诉。"}) {
            INFO(s);
            CHECK(mismatches(with_sentence(s)).empty());
        }
        CHECK(mismatches(with_sentence("对发现的问题未纠正的，限期整改。", corrected)).empty());
    }
}

namespace {
std::vector<const Finding*> rule_findings(const DocumentResult& r, const std::string& rule) {
    std::vector<const Finding*> out;
    for (const auto& f : r.findings)
        if (f.rule == rule) out.push_back(&f);
    return out;
}
} // namespace

TEST_CASE("claims: a share (占x%) no stated total reproduces", "[claims]") {
    // table 三: 本年新收 33 — 17 of 33 is 51.52%.
    SECTION("fires, at the rate, naming the nearest base") {
        const auto r = with_sentence("予以公开17件，占56.1%。");
        const auto m = rule_findings(r, "text.percent.mismatch");
        REQUIRE(m.size() == 1);
        CHECK(m[0]->severity == Severity::warning);
        CHECK(m[0]->actual == "56.1%");
        CHECK(m[0]->expected == "51.52%");
        CHECK(m[0]->message.zh.find("17件÷33件") != std::string::npos);
    }
    SECTION("must not fire") {
        for (const char* s : {"予以公开17件，占51.5%。",             // rounded, table base 本年新收
                              "予以公开17件，占51.51%。",            // cut to the printed decimals
                              "予以公开17件，占比52%。",
                              "予以公开17件，约占56%。",             // approximate: not read
                              "部门公开信息90条，占75%；乡镇公开信息30条，占25%。", // base: the shares' sum
                              "同比增长12件，增长12%。",             // not a share
                              "涉及企业45家，占9%。"}) {             // no base in 家 stated: nothing to verify
            INFO(s);
            CHECK(rule_findings(with_sentence(s), "text.percent.mismatch").empty());
        }
    }
}

TEST_CASE("claims: enumerations without 其中 (text.sum.mismatch)", "[claims]") {
    SECTION("fires") {
        const auto r = with_sentence("主动公开政府信息364条，人事信息17条，财政信息120条，规划信息197条，其他信息19条。");
        const auto m = rule_findings(r, "text.sum.mismatch");
        REQUIRE(m.size() == 1);
        CHECK(m[0]->actual == "353");
    }
    SECTION("must not fire") {
        CHECK(rule_findings(with_sentence("主动公开政府信息353条，人事信息17条，财政信息120条，规划信息197条，其他信息19条。"),
                            "text.sum.mismatch").empty());
        CHECK(rule_findings(with_sentence("全年网站发布信息364条，政务微博发布17条，微信发布19条。"), "text.sum.mismatch").empty());
    }
}

TEST_CASE("claims: 纠错N件 and 败诉N件 against 表四's 结果纠正", "[claims]") {
    // 表四 of the clean report: one review, 结果维持; no lawsuit.
    const auto r1 = with_sentence("本年度行政复议被纠错1件。");
    auto m = mismatches(r1);
    REQUIRE(m.size() == 1);
    CHECK(m[0]->row == "review");
    CHECK(m[0]->col == "corrected");
    CHECK(m[0]->actual == "1");
    CHECK(mismatches(with_sentence("本年度行政复议被纠错0件。")).empty());
    const auto r2 = with_sentence("本年度行政诉讼败诉2件。");
    m = mismatches(r2);
    REQUIRE(m.size() == 1);
    CHECK(m[0]->expected == "0");
    CHECK(mismatches(with_sentence("本年度行政诉讼败诉0件。")).empty());
}

TEST_CASE("claims: 依申请公开N条 in a year whose 表三 counts no request", "[claims]") {
    std::string text = test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/annual/clean_2020_township.txt");
    auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    };
    const std::string sentence = "2020年，我镇共受理政府信息公开申请33件。";
    SECTION("with requests in the table, a count of items released is no count of requests") {
        replace(sentence, "2020年，依申请公开政府信息45条。");
        CHECK(mismatches(test::check_bytes(text, "claim.txt")).empty());
    }
    SECTION("fires when 本年新收 and 上年结转 are both 0") {
        replace(sentence, "2020年，依申请公开政府信息5条。");
        replace("| 一、本年新收政府信息公开申请数量 | 30 | 2 | 0 | 0 | 1 | 0 | 33 |", "| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
        replace("| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
        const auto r = test::check_bytes(text, "claim.txt");
        const auto m = mismatches(r);
        REQUIRE(m.size() == 1);
        CHECK(m[0]->actual == "5");
        CHECK(m[0]->expected == "0");
        CHECK(m[0]->row == "new");
        CHECK(m[0]->position.line == 7); // the sentence of 一、总体情况
    }
}

TEST_CASE("claims: received, carried, review and lawsuit counts against the tables", "[claims]") {
    // 表三: 本年新收 33, 上年结转 2, 结转下年度 2; 表四: 行政复议 1, 行政诉讼 0 + 0.
    struct Case {
        const char* sentence;
        const char* row; // the first cell of the claim when it fires; "" when it must not
        const char* actual;
    };
    const Case cases[] = {
        {"本年共收到政府信息公开申请30件。", "new", "30"},
        {"本年共收到政府信息公开申请33件。", "", ""},
        {"全年共受理政府信息公开申请35件。", "", ""},   // 受理 = 新收 + 上年结转 (33 + 2): the other reading
        {"全年共受理政府信息公开申请34件。", "new", "34"}, // neither reading
        {"上年结转申请3件。", "carried", "3"},
        {"上年结转申请2件。", "", ""},
        {"结转下年度继续办理5件。", "carry-next", "5"},
        {"结转下年度继续办理2件。", "", ""},
        {"本年度被申请行政复议3件。", "review", "3"},
        {"本年度被申请行政复议1件。", "", ""},
        {"本年度行政诉讼2件。", "litigation-direct", "2"},
        {"本年度行政诉讼0件。", "", ""},
    };
    for (const auto& c : cases) {
        INFO(c.sentence);
        const auto r = with_sentence(c.sentence);
        const auto m = mismatches(r);
        if (!*c.row) {
            CHECK(m.empty());
            continue;
        }
        REQUIRE(m.size() == 1);
        CHECK(m[0]->severity == Severity::error);
        CHECK(m[0]->row == c.row);
        CHECK(m[0]->actual == c.actual);
    }
}

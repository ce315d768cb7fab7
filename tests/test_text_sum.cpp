// text.sum.mismatch: only the top level of a 「其中」 list is summed.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace gk;

namespace {
std::vector<Finding> sum_findings(const std::string& text) {
    std::vector<Finding> out;
    for (auto& f : test::check_bytes(text, "notice.txt").findings)
        if (f.rule == "text.sum.mismatch") out.push_back(f);
    return out;
}
} // namespace

TEST_CASE("text.sum: a bracketed breakdown of one part is not added again", "[text-sum]") {
    // 152+197+27+4 = 380; (32+165) breaks 197 down (real/002).
    CHECK(sum_findings("关于财政信息公开情况的通报\n共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。\n").empty());
}

TEST_CASE("text.sum: parts exceeding the total are an error at the total", "[text-sum]") {
    const auto f = sum_findings("关于信息公开情况的通报\n共公布政府信息100条(其中机构职能类信息60条，规划计划类信息41条)，主要通过网站公开。\n");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::error);
    CHECK(f[0].expected == "100");
    CHECK(f[0].actual == "101");
    CHECK(f[0].position.line == 2);
    CHECK(f[0].position.column == 8); // the "100"
}

TEST_CASE("text.sum: an exhaustive list that misses the total is a warning; a partial one is fine", "[text-sum]") {
    const auto f = sum_findings("关于信息公开情况的通报\n共公布政府信息100条，其中规划类信息60条，其他信息30条。\n");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::warning);
    CHECK(sum_findings("关于信息公开情况的通报\n共公布政府信息100条，其中规划类信息60条，统计类信息30条。\n").empty());
}

TEST_CASE("text.sum: a list with no 其中 is a breakdown only when it ends in the remainder", "[text-sum]") {
    // The held-out defect: the parts add up to 353, not 364.
    const auto f = sum_findings("关于信息公开情况的通报\n主动公开政府信息364条，人事信息17条，财政信息120条，规划信息197条，其他信息19条。\n");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::warning);
    CHECK(f[0].expected == "364");
    CHECK(f[0].actual == "353");
    CHECK(f[0].position.column == 9); // the "364"
    // The same list adding up: silent (real wording of the corpus, 「涵盖」 form).
    CHECK(sum_findings("关于信息公开情况的通报\n2022年，主动公开政府信息121条，涵盖政策及规范性文件类8条、规划计划类2条、科教文体卫生类21条、其他应主动公开的政府信息90条。\n").empty());
    // Siblings, not parts: no connecting word and no remainder at the end.
    CHECK(sum_findings("关于信息公开情况的通报\n全年政府网站发布信息364条，政务微博发布17条，微信公众号发布19条。\n").empty());
    // The remainder is not the last part: not read as a breakdown.
    CHECK(sum_findings("关于信息公开情况的通报\n主动公开政府信息364条，其他信息19条，人事信息17条。\n").empty());
    // Parts over the total without a connecting word: a warning, not an error (read less surely).
    const auto g = sum_findings("关于信息公开情况的通报\n主动公开政府信息30条，人事信息17条，其他信息19条。\n");
    REQUIRE(g.size() == 1);
    CHECK(g[0].severity == Severity::warning);
}

TEST_CASE("text.sum: 「涵盖/包括」 says the list breaks the total down", "[text-sum]") {
    const auto f = sum_findings("关于信息公开情况的通报\n主动公开政府信息100条，包括规划信息60条、财政信息50条。\n");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::error);
    CHECK(f[0].actual == "110");
    // Short of the total, not exhaustive: a partial list, silent.
    CHECK(sum_findings("关于信息公开情况的通报\n主动公开政府信息100条，包括规划信息60条、财政信息30条。\n").empty());
}

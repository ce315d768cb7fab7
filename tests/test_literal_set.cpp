// core/literal_set.hpp promises every literal that occurs in a text, once each, in order: checked
// against std::string::find on random literals and texts over a small alphabet of bytes and
// UTF-8 pieces (so that literals overlap, nest and share prefixes and suffixes). And the phrase
// kind, which uses it as a prefilter, still reports what its entries match, whatever their atoms.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "core/literal_set.hpp"
#include "core/pattern_filter.hpp"
#include "core/text.hpp"
#include "support.hpp"

using namespace gk;

namespace {

const std::vector<std::string> kPieces = {"a", "b", "ab", "年", "年底", ",", "\xE5", "\xB9", "\xB4", "\x00"};

std::string pick(std::mt19937& rng, std::size_t max_pieces) {
    std::uniform_int_distribution<std::size_t> len(0, max_pieces), piece(0, kPieces.size() - 1);
    std::string s;
    for (std::size_t n = len(rng); n > 0; --n) {
        const std::string& p = kPieces[piece(rng)];
        s += p.empty() ? std::string(1, '\0') : p;
    }
    return s;
}

} // namespace

TEST_CASE("LiteralSet reports exactly the literals that occur, once each, in order", "[core]") {
    std::mt19937 rng(20261203);
    for (int round = 0; round < 400; ++round) {
        std::vector<std::string> literals;
        const std::size_t n = 1 + rng() % 12;
        for (std::size_t k = 0; k < n; ++k) literals.push_back(pick(rng, 4)); // empty ones included
        const LiteralSet set(literals);
        CHECK(set.size() == literals.size());
        for (int t = 0; t < 50; ++t) {
            const std::string text = pick(rng, 30);
            std::vector<int> expected;
            for (std::size_t k = 0; k < literals.size(); ++k)
                if (!literals[k].empty() && text.find(literals[k]) != std::string::npos) expected.push_back(static_cast<int>(k));
            std::vector<int> got = {-7}; // appended to, not replaced
            set.present(text, got);
            REQUIRE(got.front() == -7);
            got.erase(got.begin());
            REQUIRE(got == expected);
        }
    }
    // Every byte value in some literal: no byte is left for the "in no literal" class.
    std::vector<std::string> bytes;
    for (int c = 0; c < 256; ++c) bytes.push_back(std::string(1, static_cast<char>(c)));
    bytes.push_back("\xE5\xB9\xB4");
    const LiteralSet all(bytes);
    std::vector<int> seen;
    all.present(std::string("\x00\xFF\xE5\xB9\xB4" "a", 6), seen);
    CHECK(seen == std::vector<int>{0, 'a', 0xB4, 0xB9, 0xE5, 0xFF, 256});
    const LiteralSet none({});
    std::vector<int> got;
    none.present("anything", got);
    CHECK(got.empty());
}

TEST_CASE("phrase: the atom prefilter skips no match (cased, caseless, one-byte and atomless entries)", "[style]") {
    namespace fs = std::filesystem;
    const std::string dir = test::temp_dir("phrase-prefilter");
    fs::copy_file(std::string(test::paths::source_dir()) + "/rulesets/ruleset.xsd", dir + "/ruleset.xsd");
    std::ofstream(dir + "/a.xml") << R"(<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="a" version="1"><rule id="style.x" kind="phrase" severity="warning">
<message lang="zh">{match}</message><message lang="en">{match}</message>
<params text="original">
  <entry phrase="ABC" source="s"/>
  <entry pattern="Ｘ+ｙ" source="s"/>
  <entry pattern="[０-９]+" source="s"/>
  <entry phrase="截止目前" source="s"/>
  <entry pattern="\p{Han}(,)\p{Han}" replace="，" source="s"/>
  <entry pattern="(?i)kelvin" source="s"/>
</params></rule></ruleset>)";
    std::ofstream(dir + "/doc.txt") << "通知\n\n第一段写有ABC。\n\n第二段写有ＸＸｙ。\n\n第三段写有１２。\n\n"
                                       "第四段截止目前。\n\n第五段甲,乙。\n\n第六段KELVIN。\n\n第七段没有。\n";
    const auto r = test::run_gkcheck("check --rules '" + dir + "' --format json --no-progress '" + dir + "/doc.txt'");
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    const auto j = nlohmann::json::parse(r.out);
    std::multiset<std::string> matched;
    for (const auto& f : j["documents"][0]["findings"])
        if (f["rule"] == "style.x") matched.insert(f["actual"].get<std::string>());
    CHECK(matched == std::multiset<std::string>{"ABC", "ＸＸｙ", "１２", "截止目前", ",", "KELVIN"});
}

TEST_CASE("PatternFilter: a match is always a candidate, filtered or (too many atoms) not", "[core]") {
    RE2::Options opts;
    opts.set_log_errors(false);
    std::mt19937 rng(7);
    auto han = [&] {
        std::string s;
        utf8::append(s, static_cast<char32_t>(0x4E00 + rng() % 20000));
        return s;
    };
    for (const std::size_t n : {std::size_t{40}, std::size_t{20000}}) {
        PatternFilter filter;
        std::vector<std::string> phrases;
        std::string error;
        for (std::size_t k = 0; k < n; ++k) {
            phrases.push_back(han() + han() + han() + han());
            REQUIRE(filter.add(RE2::QuoteMeta(phrases.back()), opts, error) == static_cast<int>(k));
        }
        REQUIRE(filter.add("\\p{Han}+", opts, error) == static_cast<int>(n)); // no atom: always a candidate
        REQUIRE(filter.add("(", opts, error) == -1);
        CHECK_FALSE(error.empty());
        filter.compile();
        std::vector<int> ids;
        const std::size_t pick = n / 2;
        filter.candidates("前文" + phrases[pick] + "后文", ids);
        CHECK(std::is_sorted(ids.begin(), ids.end()));
        CHECK(std::find(ids.begin(), ids.end(), static_cast<int>(pick)) != ids.end());
        CHECK(std::find(ids.begin(), ids.end(), static_cast<int>(n)) != ids.end());
        if (n == 40) CHECK(ids.size() < 10);      // filtered: the phrase and the atomless pattern
        else CHECK(ids.size() == n + 1);          // 20,000 phrases: no filter, every pattern
    }
}

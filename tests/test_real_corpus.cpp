// Every file of ../shared/corpus: no crash, a detected encoding, a non-empty document; seeds get
// their type and year. The corpus is read in place, never copied.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace gk;

TEST_CASE("real corpus: every file is read, decoded and parsed", "[real]") {
    if (!test::have_shared_corpus()) { WARN("../shared/corpus not present"); return; }
    const auto files = test::files_under(test::shared_corpus());
    CHECK(files.size() >= 60);
    for (const auto& file : files) {
        INFO(file);
        const auto r = test::check_file(file);
        CHECK(r.doc.readable());
        CHECK(!r.doc.encoding.empty());
        CHECK(!r.doc.blocks.empty());
        CHECK(!r.doc.sha256.empty());
    }
}

TEST_CASE("real corpus: seeds have their type, year and script", "[real]") {
    if (!test::have_shared_corpus()) { WARN("../shared/corpus not present"); return; }
    struct Seed { const char* prefix; const char* type; int year; const char* script; };
    const Seed seeds[] = {
        {"000_", "annual-report", 2020, "simplified"}, {"001_", "notice", 2018, "traditional"},
        {"002_", "annual-report", 2019, "simplified"}, {"003_", "plan", 2020, "simplified"},
        {"004_", "summary", 2020, "simplified"},
    };
    const auto files = test::files_under(test::shared_corpus() + "/seeds");
    REQUIRE(files.size() == 5);
    for (const auto& s : seeds) {
        for (const auto& file : files) {
            if (file.find(std::string("/") + s.prefix) == std::string::npos) continue;
            INFO(file);
            const auto r = test::check_file(file);
            CHECK(r.facts.type == s.type);
            REQUIRE(r.facts.year.has_value());
            CHECK(*r.facts.year == s.year);
            CHECK(r.doc.script == s.script);
        }
    }
}

TEST_CASE("real corpus: seed 000 misses section 六, seed 002 has all six", "[real][sections]") {
    if (!test::have_shared_corpus()) { WARN("../shared/corpus not present"); return; }
    auto missing = [](const std::string& prefix) {
        std::vector<std::string> titles;
        for (const auto& file : test::files_under(test::shared_corpus() + "/seeds"))
            if (file.find("/" + prefix) != std::string::npos)
                for (const auto& f : test::check_file(file).findings)
                    if (f.rule == "report.section.missing" && f.severity == Severity::error) titles.push_back(f.message.zh);
        return titles;
    };
    const auto m000 = missing("000_");
    REQUIRE(m000.size() == 1);
    CHECK(m000[0].find("六、其他需要报告的事项") != std::string::npos);
    CHECK(missing("002_").empty());
    for (const char* p : {"001_", "003_", "004_"})
        for (const auto& file : test::files_under(test::shared_corpus() + "/seeds"))
            if (file.find(std::string("/") + p) != std::string::npos)
                for (const auto& f : test::check_file(file).findings) {
                    INFO(file << " " << f.rule);
                    CHECK(f.rule.rfind("report.", 0) != 0);
                    CHECK(f.rule.rfind("table.", 0) != 0);
                }
}

// RuleSet::run with threads > 1 (a single document's rules spread over the cores, as the CLI does
// when there are fewer documents than cores) promises the same findings in the same order as one
// thread: checked on every document of corpus/ and ../shared/corpus, through Pipeline as the CLI
// makes it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "pipeline/pipeline.hpp"
#include "report/report_doc.hpp"
#include "support.hpp"

using namespace gk;
using namespace gk::test;

TEST_CASE("a document's rules on several threads give the one-thread findings", "[check][threads]") {
    const Pipeline serial(bundled_rules(), IngestOptions{});
    const Pipeline spread(bundled_rules(), IngestOptions{}, 3);
    std::vector<std::string> files = files_under(std::string(GK_SOURCE_DIR) + "/corpus");
    if (have_shared_corpus())
        for (const auto& f : files_under(shared_corpus())) files.push_back(f);
    REQUIRE(files.size() > 20);
    std::size_t with_findings = 0;
    for (const auto& path : files) {
        INFO(path);
        const auto a = to_json(from_result(serial.run_file(path), "zh"));
        const auto b = to_json(from_result(spread.run_file(path), "zh"));
        REQUIRE(a == b);
        if (a.contains("findings") && !a["findings"].empty()) ++with_findings;
    }
    CHECK(with_findings > files.size() / 2); // the comparison is not between empty lists
}

// The CLI's workers check at most a window of documents ahead of the one the main thread prints
// and stores, so that a slow results database makes them wait instead of piling up results
// (memory flat in the number of inputs). Checked with the main thread slowed down (test hook):
// without the window, the workers would finish every document before the main thread had taken
// a few.
TEST_CASE("check: the workers stay within a window of the main thread", "[check][threads]") {
    const std::string dir = temp_dir("ahead");
    for (int k = 0; k < 60; ++k) {
        std::ofstream(dir + "/n" + std::to_string(k) + ".txt") << "关于第" << k << "号的通知\n\n正文。\n";
    }
    ::setenv("GKCHECK_TEST_AHEAD", "10", 1);
    const auto r = run_gkcheck("check -j2 --quiet --no-progress '" + dir + "'");
    ::unsetenv("GKCHECK_TEST_AHEAD");
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    std::smatch m;
    REQUIRE(std::regex_search(r.err, m, std::regex("at most ([0-9]+) ahead of ([0-9]+)")));
    const int ahead = std::stoi(m[1]), window = std::stoi(m[2]);
    CHECK(window == 8);
    CHECK(ahead < window);
    CHECK(ahead >= 1); // the workers did run ahead: the hook measured something
    REQUIRE(std::regex_search(r.err, m, std::regex("([0-9]+) threads at the first document")));
    CHECK(std::stoi(m[1]) == 3); // the main thread and two workers, waiting for room
}

// --jobs 1 is one thread: it checks, prints and stores each document in turn (no worker), so that
// a run given one core uses one, and one thread's figures are one thread's.
TEST_CASE("check -j1 runs on one thread and reports as -j2 does", "[check][threads]") {
    const std::string dir = temp_dir("onethread");
    for (int k = 0; k < 12; ++k) {
        std::ofstream(dir + "/n" + std::to_string(k) + ".txt") << "关于第" << k << "号的通知\n\n正文。\n";
    }
    ::setenv("GKCHECK_TEST_AHEAD", "1", 1);
    const auto one = run_gkcheck("check -j1 --format json --no-progress '" + dir + "'");
    const auto two = run_gkcheck("check -j2 --format json --no-progress '" + dir + "'");
    ::unsetenv("GKCHECK_TEST_AHEAD");
    INFO(one.err);
    REQUIRE(one.exit_code <= 1);
    std::smatch m;
    REQUIRE(std::regex_search(one.err, m, std::regex("at most ([0-9]+) ahead of [0-9]+, ([0-9]+) threads at the first document")));
    CHECK(std::stoi(m[1]) == 0);
    CHECK(std::stoi(m[2]) == 1);
    CHECK(one.exit_code == two.exit_code);
    CHECK(one.out == two.out);
    CHECK(one.out.find("\"documents\"") != std::string::npos);
}

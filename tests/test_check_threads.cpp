// RuleSet::run with threads > 1 (a single document's rules spread over the cores, as the CLI does
// when there are fewer documents than cores) promises the same findings in the same order as one
// thread: checked on every document of corpus/ and ../shared/corpus, through Pipeline as the CLI
// makes it.
#include <catch2/catch.hpp>

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

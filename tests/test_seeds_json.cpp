// End to end through the binary: `gkcheck check --format json` on the seeds gives the encoding,
// script, type, year, outline and metadata the foundation promises, and exits 1.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace gk;
using nlohmann::json;

namespace {
const json* find_doc(const json& report, const std::string& prefix) {
    for (const auto& d : report["documents"])
        if (d["path"].get<std::string>().find("/" + prefix) != std::string::npos) return &d;
    return nullptr;
}
} // namespace

TEST_CASE("seeds: JSON carries encoding, script, type, year, outline and metadata", "[seeds][cli]") {
    if (!test::have_shared_corpus()) { WARN("../shared/corpus not present"); return; }
    const auto r = test::run_gkcheck("check --no-progress --format json '" + test::shared_corpus() + "/seeds'");
    CHECK(r.exit_code == 1);
    const json report = json::parse(r.out);
    REQUIRE(report["documents"].size() == 5);

    const json* d000 = find_doc(report, "000_");
    const json* d001 = find_doc(report, "001_");
    const json* d002 = find_doc(report, "002_");
    const json* d003 = find_doc(report, "003_");
    const json* d004 = find_doc(report, "004_");
    REQUIRE(d000); REQUIRE(d001); REQUIRE(d002); REQUIRE(d003); REQUIRE(d004);
    for (const json* d : {d000, d001, d002, d003, d004}) {
        CHECK((*d)["encoding"] == "UTF-8");
        CHECK(!(*d)["outline"].empty());
    }
    CHECK((*d001)["script"] == "traditional");
    CHECK((*d000)["script"] == "simplified");
    CHECK((*d000)["type"] == "annual-report");
    CHECK((*d000)["year"] == 2020);
    CHECK((*d000)["template"] == "2019");
    CHECK((*d002)["type"] == "annual-report");
    CHECK((*d002)["year"] == 2019);
    CHECK((*d002)["outline"][0]["number"] == "一");
    CHECK((*d002)["outline"][0]["title"] == "总体情况");
    CHECK((*d002)["outline"][0]["line"] == 9);

    const json& m3 = (*d003)["metadata"];
    CHECK(m3["index_no"] == "11370983K21344588M/2020-04825");
    CHECK(m3["publisher"] == "肥城市政府办公室");
    CHECK(m3["published"] == "2020-11-05");
    CHECK(m3["disclosure"] == "主动公开");
    const json& m4 = (*d004)["metadata"];
    CHECK(m4["index_no"] == "003158495/202012-00407");
    CHECK(m4["publisher"] == "阜阳市人民政府(办公室)");
    CHECK(m4["created"] == "2020-12-18");
    CHECK(!m4.contains("doc_no"));

    // Tables of seed 000 in the JSON contract.
    const json& req = (*d000)["tables"]["requests"]["rows"];
    CHECK(req["new"]["total"] == 21);
    CHECK(req["granted"]["total"] == 12);
    CHECK(req["results-total"]["total"] == 21);
}

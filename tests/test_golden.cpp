// Golden tests: every document in corpus/ has a sidecar <file>.expected.json listing exactly the
// findings (rule, line, column, severity) gkcheck must produce, and optionally type and year.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace gk;
using nlohmann::json;

namespace {

using Key = std::tuple<std::string, unsigned, unsigned, std::string>;

std::string describe(const std::multiset<Key>& keys) {
    std::ostringstream out;
    for (const auto& [rule, line, col, sev] : keys) out << "  " << line << ':' << col << ' ' << sev << ' ' << rule << '\n';
    return out.str();
}

} // namespace

TEST_CASE("golden: corpus/ documents give exactly their expected findings", "[golden]") {
    const auto files = test::files_under(std::string(GK_SOURCE_DIR) + "/corpus");
    REQUIRE(!files.empty());
    for (const auto& file : files) {
        DYNAMIC_SECTION(file) {
            const std::string sidecar = file + ".expected.json";
            INFO("sidecar " << sidecar);
            REQUIRE(std::filesystem::exists(sidecar));
            const json expected = json::parse(test::read_bytes(sidecar));
            const auto r = test::check_file(file);
            REQUIRE(r.doc.readable());
            if (expected.contains("type")) CHECK(r.facts.type == expected["type"].get<std::string>());
            if (expected.contains("year")) {
                REQUIRE(r.facts.year.has_value());
                CHECK(*r.facts.year == expected["year"].get<int>());
            }
            std::multiset<Key> want, got;
            for (const auto& f : expected["findings"])
                want.insert({f["rule"].get<std::string>(), f["line"].get<unsigned>(), f["column"].get<unsigned>(),
                             f["severity"].get<std::string>()});
            for (const auto& f : r.findings)
                got.insert({f.rule, f.position.line, f.position.column, to_string(f.severity)});
            INFO("expected:\n" << describe(want) << "got:\n" << describe(got));
            CHECK(want == got);
        }
    }
}

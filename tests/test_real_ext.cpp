// ../shared/corpus/real-ext: real reports of other agencies, CMSs and PDF/OCR tools, with the
// facts read from them by hand in tables.json — type, year and every printed cell of 表三 and
// 表四. Read in place (never copied into the repository); skipped when the corpus is absent.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace gk;
using nlohmann::json;

namespace {

std::string row_id(const std::string& r) {
    if (r == "total") return "results-total";
    if (r == "carry_next") return "carry-next";
    if (r == "other.single") return "other";
    std::string out = r;
    for (auto& c : out) if (c == '_') c = '-';
    return out;
}

std::string review_col(const std::string& printed) {
    if (printed == "维持") return "upheld";
    if (printed == "纠正") return "corrected";
    if (printed == "其他") return "other";
    if (printed == "尚未审结") return "pending";
    if (printed == "总计") return "total";
    return printed;
}

// The cell as extracted: its value, or "null" for a null / absent cell.
std::string cell(const Facts& facts, const std::string& table, const std::string& row, const std::string& col) {
    const auto t = facts.tables.find(table);
    if (t == facts.tables.end()) return "<no table>";
    const auto r = t->second.cells.find(row);
    if (r == t->second.cells.end()) return "<no row>";
    const auto c = r->second.find(col);
    if (c == r->second.end()) return "<no cell>";
    return c->second.value ? *c->second.value : "null";
}

std::string expected(const json& v) { return v.is_null() ? "null" : std::to_string(v.get<long long>()); }

} // namespace

TEST_CASE("real-ext: type, year and every cell of 表三 and 表四 as read by hand", "[real][real-ext]") {
    const std::string dir = test::shared_corpus() + "/real-ext";
    if (!std::filesystem::exists(dir + "/tables.json")) { WARN("../shared/corpus/real-ext not present"); return; }
    std::ifstream in(dir + "/tables.json");
    const json truth = json::parse(in);
    REQUIRE(truth.at("files").size() == 9);
    for (const auto& [file, want] : truth.at("files").items()) {
        INFO(file);
        const auto r = test::check_file(dir + "/" + file);
        CHECK(r.facts.type == want.at("type").get<std::string>());
        REQUIRE(r.facts.year.has_value());
        CHECK(*r.facts.year == want.at("year").get<int>());
        CHECK(!r.facts.type_evidence.empty() == (r.facts.type != "other"));
        if (want.contains("table3")) {
            const auto& t3 = want.at("table3");
            const auto cols = t3.at("columns").get<std::vector<std::string>>();
            for (const auto& [row, values] : t3.at("rows").items())
                for (std::size_t c = 0; c < cols.size(); ++c) {
                    INFO("表三 " << row << "." << cols[c]);
                    CHECK(cell(r.facts, "requests", row_id(row), cols[c]) == expected(values.at(c)));
                }
        }
        if (want.contains("table4")) {
            const auto& t4 = want.at("table4");
            const auto cols = t4.at("columns").get<std::vector<std::string>>();
            for (const char* group : {"review", "litigation_direct", "litigation_after_review"})
                for (std::size_t c = 0; c < cols.size(); ++c) {
                    INFO("表四 " << group << "." << cols[c]);
                    CHECK(cell(r.facts, "review", row_id(group), review_col(cols[c])) == expected(t4.at(group).at(c)));
                }
        }
    }
}

TEST_CASE("real-ext: no error-level finding that is not verified by hand", "[real][real-ext]") {
    const std::string dir = test::shared_corpus() + "/real-ext";
    if (!std::filesystem::exists(dir + "/tables.json")) { WARN("../shared/corpus/real-ext not present"); return; }
    // The error-level findings checked by hand against the documents.
    const std::multiset<std::pair<std::string, std::string>> verified = {
#include "real_ext_verified.inc"
    };
    std::multiset<std::pair<std::string, std::string>> got;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() != ".txt") continue;
        for (const auto& f : test::check_file(e.path().string()).findings)
            if (f.severity == Severity::error) got.insert({e.path().filename().string(), f.rule});
    }
    CHECK(got == verified);
}

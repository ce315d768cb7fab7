// Annual-report tables: extraction by label (grids, pipe text, run-together digits), the
// constraints of the rulesets, the report-level rules and the JSON tables object.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "extract/annual_split.hpp"
#include "catalogue/annual_template.hpp"
#include "report/report.hpp"
#include "support.hpp"

using namespace gk;

namespace {

[[maybe_unused]] std::string seed(const std::string& prefix) {
    for (const auto& e : std::filesystem::directory_iterator(test::shared_corpus() + "/seeds"))
        if (e.path().filename().string().starts_with(prefix)) return e.path().string();
    return "";
}
[[maybe_unused]] std::string real(const std::string& prefix) {
    for (const auto& dir : {"/real", "/real-html"})
        for (const auto& e : std::filesystem::directory_iterator(test::shared_corpus() + dir))
            if (e.path().filename().string().starts_with(prefix)) return e.path().string();
    return "";
}

} // namespace

TEST_CASE("annual: dump", "[annual-dump][.]") {
    const char* f = std::getenv("ANNUAL_FILE");
    REQUIRE(f);
    auto r = test::check_file(f);
    std::cout << "type=" << r.facts.type << " year=" << (r.facts.year ? *r.facts.year : 0) << " template=" << r.facts.template_id << "\n";
    std::cout << tables_to_json(r.facts).dump(1) << "\n";
    for (const auto& fd : r.findings)
        std::cout << fd.position.line << ":" << fd.position.column << " " << to_string(fd.severity) << " " << fd.rule << " [" << fd.table << "/" << fd.row << "/" << fd.col << "] " << fd.message.zh << "\n";
}

// ---- split of run-together digits --------------------------------------------------------------

TEST_CASE("annual: run-together digits are split only when one split is possible", "[annual]") {
    SplitSpec row;
    row.count = 7;
    row.sum_groups = {{0, 1, 2, 3, 4, 5, 6}};
    auto r = split_runtogether("640020470", row); // 64|0|0|2|0|4|70
    REQUIRE(r.status == SplitResult::Status::unique);
    CHECK(r.needed_split);
    CHECK(r.cells.front() == std::make_pair<std::size_t, std::size_t>(0, 2));
    CHECK(r.cells.back() == std::make_pair<std::size_t, std::size_t>(7, 9));
    // 27|0|0|2|0|1|30 and 2|7|0|0|20|1|30 both add up: never guess.
    auto amb = split_runtogether("270020130", row);
    CHECK(amb.status != SplitResult::Status::unique);
    CHECK(amb.alternatives.size() == 2);
    // Spaces are boundaries: "20 0 00 0 121" → 20|0|0|0|0|1|21 (12|1 would not add up).
    auto sp = split_runtogether("20 0 00 0 121", row);
    REQUIRE(sp.status == SplitResult::Status::unique);
    CHECK(sp.cells[5] == std::make_pair<std::size_t, std::size_t>(10, 11));
    // Seven digits for seven cells: the only split, taken even when the row does not add up.
    CHECK(split_runtogether("6000017", row).status == SplitResult::Status::unique);
    // Table 四: three groups of five.
    SplitSpec review;
    review.count = 15;
    review.sum_groups = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}, {10, 11, 12, 13, 14}};
    auto rv = split_runtogether("21317000001324019", review); // 2,1,3,1,7 | 0×5 | 13,2,4,0,19
    REQUIRE(rv.status == SplitResult::Status::unique);
    CHECK(rv.cells[10] == std::make_pair<std::size_t, std::size_t>(10, 12));
    // Leading zeros are not numbers; junk is refused.
    SplitSpec two;
    two.count = 2;
    CHECK(split_runtogether("05", two).status == SplitResult::Status::unique); // 0|5 only
    CHECK(split_runtogether("1a", two).status == SplitResult::Status::impossible);
}

// ---- the format data ---------------------------------------------------------------------------

TEST_CASE("annual: both formats are loaded from the rulesets", "[annual]") {
    const auto& cat = test::bundled_catalogue().templates();
    REQUIRE(cat.get("2019"));
    REQUIRE(cat.get("2021"));
    CHECK(cat.template_for_year(2018) == "legacy");
    CHECK(cat.template_for_year(2020) == "2019");
    CHECK(cat.template_for_year(2021) == "2021");
    const TableDef* req = cat.get("2021")->table("requests");
    REQUIRE(req);
    CHECK(req->expand_rows("other*").size() == 3);
    CHECK(cat.get("2019")->table("requests")->expand_rows("other*").size() == 1);
    CHECK(req->expand_rows("denied.*").size() == 8);
    REQUIRE(req->constraint("balance"));
    CHECK(req->constraint("balance")->lhs.size() == 2);
    CHECK(label_key("(二)部分公开（区分处理的）") == label_key("（二） 部分公开(区分处理的)"));
}

// ---- seeds ---------------------------------------------------------------------------------------

namespace {
std::optional<std::string> val(const Facts& f, const std::string& t, const std::string& r, const std::string& c) {
    auto it = f.tables.find(t);
    if (it == f.tables.end()) return std::nullopt;
    auto rr = it->second.cells.find(r);
    if (rr == it->second.cells.end()) return std::nullopt;
    auto cc = rr->second.find(c);
    if (cc == rr->second.end()) return std::nullopt;
    return cc->second.value;
}
int count_rule(const DocumentResult& r, const std::string& rule, Severity s) {
    int n = 0;
    for (const auto& f : r.findings) n += f.rule == rule && f.severity == s;
    return n;
}
bool any_arithmetic(const DocumentResult& r) {
    for (const auto& f : r.findings)
        if (f.severity != Severity::info && (f.rule.starts_with("table.requests") || f.rule == "table.review.total")) return true;
    return false;
}
} // namespace

TEST_CASE("annual: seed 000 tables are extracted in full and add up", "[annual]") {
    if (!test::have_shared_corpus()) return;
    const auto r = test::check_file(seed("000_"));
    CHECK(r.facts.template_id == "2019");
    CHECK(val(r.facts, "requests", "new", "total") == "21");
    CHECK(val(r.facts, "requests", "new", "natural") == "16");
    CHECK(val(r.facts, "requests", "granted", "total") == "12");
    CHECK(val(r.facts, "requests", "partial", "total") == "7");
    CHECK(val(r.facts, "requests", "denied.secret", "total") == "2");
    CHECK(val(r.facts, "requests", "results-total", "total") == "21");
    CHECK(val(r.facts, "requests", "declined.confirm", "total") == "0");
    CHECK(r.facts.tables.at("requests").cells.size() == 23);
    CHECK(val(r.facts, "active", "normative", "made") == "5");
    CHECK(val(r.facts, "active", "normative", "published") == "5");
    CHECK(val(r.facts, "active", "normative", "public-total") == "56");
    CHECK(val(r.facts, "active", "licensing", "previous") == "274");
    CHECK(val(r.facts, "active", "licensing", "change") == "+3");
    CHECK(val(r.facts, "active", "licensing", "decisions") == "2078118");
    CHECK(val(r.facts, "active", "procurement", "items") == "160");
    CHECK(val(r.facts, "active", "procurement", "amount") == "3.61");
    CHECK(r.facts.tables.at("active").cells.at("procurement").at("amount").unit == "亿元");
    for (const char* g : {"review", "litigation-direct", "litigation-after-review"})
        for (const char* c : {"upheld", "corrected", "other", "pending", "total"}) CHECK(val(r.facts, "review", g, c) == "0");
    CHECK_FALSE(any_arithmetic(r));
    CHECK(count_rule(r, "report.table.label", Severity::warning) == 1);
    CHECK(count_rule(r, "table.cell.invalid", Severity::warning) == 0);
    const auto j = tables_to_json(r.facts);
    CHECK(j["active"]["rows"]["procurement"]["amount"] == "3.61亿元");
    CHECK(j["active"]["rows"]["procurement"]["amount_yuan"] == 361000000);
    CHECK(j["requests"]["rows"]["new"]["total"] == 21);
    CHECK(j["requests"]["location"]["line"] == 151);
}

TEST_CASE("annual: seed 002 tables as images, no arithmetic, no crash", "[annual]") {
    if (!test::have_shared_corpus()) return;
    const auto r = test::check_file(seed("002_"));
    CHECK(count_rule(r, "report.table.image", Severity::warning) == 1);
    CHECK_FALSE(any_arithmetic(r));
}

TEST_CASE("annual: real reports 2019+ — table 三 extracted or declared not verifiable", "[annual]") {
    if (!test::have_shared_corpus()) return;
    for (const char* p : {"001_", "002_", "003_", "004_", "005_", "006_", "007_", "037_", "111_", "112_", "113_"}) {
        INFO(p);
        const auto r = test::check_file(real(p));
        REQUIRE(r.facts.tables.count("requests"));
        const auto& t = r.facts.tables.at("requests");
        CHECK(t.present);
        if (t.verifiable) {
            CHECK(t.cells.size() >= 23);
        } else {
            CHECK_FALSE(t.why_unverifiable.empty());
            CHECK(count_rule(r, "table.cell.invalid", Severity::info) >= 1);
        }
    }
    // 003 (平潭 2020): the (七)总计 row is 20/21 but its result rows add up to 26/27 — a real slip.
    const auto r3 = test::check_file(real("003_"));
    CHECK(count_rule(r3, "table.requests.total", Severity::error) == 2);
    // 037: most 总计 cells are blank: not stated, never an arithmetic error.
    const auto r37 = test::check_file(real("037_"));
    CHECK_FALSE(any_arithmetic(r37));
    CHECK(val(r37.facts, "requests", "granted", "total") == std::nullopt);
    CHECK(r37.facts.tables.at("requests").cells.at("granted").at("total").not_stated);
    CHECK(val(r37.facts, "requests", "granted", "commercial") == "12");
    CHECK(val(r37.facts, "requests", "denied.law", "natural") == "0");
    CHECK(r37.facts.tables.at("requests").cells.at("denied.law").at("natural").assumed_zero);
    CHECK(count_rule(r37, "text.table.mismatch", Severity::error) == 0);
}

// ---- every single number of 三/四 matters --------------------------------------------------------

namespace {
void mutate_each_cell(const std::string& path) {
    const std::string bytes = test::read_bytes(path);
    const auto base = test::check_file(path);
    int mutated = 0;
    for (const char* table : {"requests", "review"}) {
        const auto& t = base.facts.tables.at(table);
        for (const auto& [row, cols] : t.cells)
            for (const auto& [col, cv] : cols) {
                if (!cv.value || cv.assumed_zero || cv.recovered) continue;
                // The printed digits at the cell's offset → value + 1.
                std::size_t b = cv.offset, e = b;
                while (e < bytes.size() && bytes[e] >= '0' && bytes[e] <= '9') ++e;
                if (e == b) continue;
                const std::string changed = bytes.substr(0, b) + std::to_string(std::stoll(bytes.substr(b, e - b)) + 1) + bytes.substr(e);
                const auto r = test::check_bytes(changed, path);
                bool named = false;
                for (const auto& f : r.findings) {
                    if (f.severity != Severity::error || f.table != table) continue;
                    auto cells = f.extra.find("cells");
                    named = named || (f.row == row && f.col == col) ||
                            (cells != f.extra.end() && ("," + cells->second + ",").find("," + row + "." + col + ",") != std::string::npos);
                }
                INFO(path << " " << table << " " << row << "." << col);
                CHECK(named);
                ++mutated;
            }
    }
    CHECK(mutated > 20);
}
} // namespace

TEST_CASE("annual: changing any number of table 三/四 in seed 000 names that cell", "[annual][mutation]") {
    if (!test::have_shared_corpus()) return;
    mutate_each_cell(seed("000_"));
}

TEST_CASE("annual: changing any number of table 三/四 in 037 names that cell", "[annual][mutation]") {
    if (!test::have_shared_corpus()) return;
    mutate_each_cell(real("037_"));
}

TEST_CASE("annual: a wrong cell in seed 000 is located exactly", "[annual]") {
    if (!test::have_shared_corpus()) return;
    const std::string path = seed("000_");
    std::string bytes = test::read_bytes(path);
    // (一)予以公开, 自然人: 11 → 12
    const auto at = bytes.find("(一)予以公开 |\n11 |");
    REQUIRE(at != std::string::npos);
    bytes.replace(bytes.find("11 |", at), 2, "12");
    const auto r = test::check_bytes(bytes, path);
    bool total = false, row_total = false;
    for (const auto& f : r.findings) {
        if (f.rule == "table.requests.total" && f.severity == Severity::error) {
            total = true;
            CHECK(f.row == "granted");
            CHECK(f.col == "natural");
            CHECK(f.expected == "17");
            CHECK(f.actual == "16");
            CHECK(f.message.zh.find("予以公开(12)") != std::string::npos);
            CHECK(f.message.zh.find("差1") != std::string::npos);
            CHECK(f.message.en.find("difference 1") != std::string::npos);
        }
        if (f.rule == "table.requests.row-total" && f.severity == Severity::error) {
            row_total = true;
            CHECK(f.row == "granted");
            CHECK(f.col == "natural");
        }
    }
    CHECK(total);
    CHECK(row_total);
    CHECK(count_rule(r, "table.requests.balance", Severity::error) == 0);
}

TEST_CASE("annual: a short paragraph that names a section and goes on after 。 is prose, not a heading", "[annual]") {
    // A PDF line pasted as a paragraph of its own (a CMS that keeps the PDF's line breaks).
    std::string html = test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/annual/clean_2021_department.html");
    auto rules_of = [](const DocumentResult& r) {
        std::set<std::string> out;
        for (const auto& f : r.findings) out.insert(f.rule);
        return out;
    };
    const auto before = rules_of(test::check_bytes(html, "wrapped.html"));
    const std::string h1 = "<h2>一、总体情况</h2>";
    const auto at = html.find(h1);
    REQUIRE(at != std::string::npos);
    html.insert(at + h1.size(), "\n<p>其他需要报告的事项。本年度报告中所列数据统计期限为2021</p>");
    const auto after = rules_of(test::check_bytes(html, "wrapped.html"));
    CHECK_FALSE(after.count("report.section.order"));
    CHECK(after == before);
}

// The catalogue: one rules directory, loaded once, honoured everywhere; every error in ruleset
// data is exit 2 naming file and line.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "catalogue/catalogue.hpp"
#include "check/check.hpp"
#include "support.hpp"

using namespace gk;
namespace fs = std::filesystem;

namespace {

const std::string kRules = std::string(GK_SOURCE_DIR) + "/rulesets";

// A copy of rulesets/ with `from` replaced by `to` in `file` (every occurrence must exist).
std::string rules_copy(const std::string& name, const std::string& file,
                       const std::vector<std::pair<std::string, std::string>>& edits) {
    const auto dir = test::temp_dir(name);
    for (const auto& e : fs::directory_iterator(kRules))
        if (e.is_regular_file()) fs::copy_file(e.path(), fs::path(dir) / e.path().filename());
    std::string text = test::read_bytes(dir + "/" + file);
    for (const auto& [from, to] : edits) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    }
    std::ofstream(dir + "/" + file, std::ios::binary) << text;
    return dir;
}

int line_of(const std::string& file, const std::string& needle) {
    std::ifstream in(file);
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        if (line.find(needle) != std::string::npos) return n;
    }
    return 0;
}

std::vector<std::string> rule_ids(const std::string& json_text) {
    std::vector<std::string> ids;
    const auto j = nlohmann::json::parse(json_text);
    for (const auto& d : j["documents"])
        for (const auto& f : d["findings"]) ids.push_back(f["rule"]);
    return ids;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// The CLI must read the rules directory it is given, whatever the environment says.
struct NoRulesEnv {
    std::string saved;
    bool had = false;
    NoRulesEnv() {
        if (const char* v = std::getenv("GKCHECK_RULES")) { saved = v; had = true; }
        ::unsetenv("GKCHECK_RULES");
    }
    ~NoRulesEnv() { if (had) ::setenv("GKCHECK_RULES", saved.c_str(), 1); }
};

} // namespace

TEST_CASE("catalogue: --rules is honoured for the table data too (renamed constraint)", "[catalogue][cli]") {
    NoRulesEnv env;
    const auto dir = rules_copy("cat-rename", "annual-report-2021.xml",
                                {{"<constraint id=\"balance\"", "<constraint id=\"balance2\""}});
    // The 2019 file holds the rule and the 2019 table: rename both there as well.
    {
        std::string t = test::read_bytes(dir + "/annual-report-2019.xml");
        for (const std::string from : {"<constraint id=\"balance\"", "constraint=\"balance\""}) {
            const auto at = t.find(from);
            REQUIRE(at != std::string::npos);
            t.replace(at, from.size(), from.substr(0, from.size() - 1) + "2\"");
        }
        std::ofstream(dir + "/annual-report-2019.xml", std::ios::binary) << t;
    }
    const std::string doc = std::string(GK_SOURCE_DIR) + "/corpus/annual/defect_balance_2021.html";
    const auto r = test::run_gkcheck("check --format json --rules '" + dir + "' '" + doc + "'");
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(rule_ids(r.out), "table.requests.balance"));
    // and the same run with the bundled directory gives the same rule ids
    const auto b = test::run_gkcheck("check --format json --rules '" + kRules + "' '" + doc + "'");
    CHECK(rule_ids(b.out) == rule_ids(r.out));
}

TEST_CASE("catalogue: a malformed constraint expression is exit 2 naming file:line, never an empty catalogue", "[catalogue][cli]") {
    NoRulesEnv env;
    const std::string bad = "expr=\"new + carried == results-total\"";
    const auto dir = rules_copy("cat-badexpr", "annual-report-2021.xml",
                                {{"expr=\"new + carried = results-total + carry-next\"", bad}});
    const int line = line_of(dir + "/annual-report-2021.xml", bad);
    REQUIRE(line > 0);
    const std::string doc = std::string(GK_SOURCE_DIR) + "/corpus/annual/defect_balance_2021.html";
    const auto r = test::run_gkcheck("check --rules '" + dir + "' '" + doc + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("annual-report-2021.xml:" + std::to_string(line) + ":") != std::string::npos);
    CHECK(r.out.find("report.table.missing") == std::string::npos);
    // one error line, no findings
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);

    // An operand that names no row is the same kind of error.
    const auto dir2 = rules_copy("cat-badoperand", "annual-report-2021.xml",
                                 {{"expr=\"new + carried = results-total + carry-next\"",
                                   "expr=\"new + carried = results-total + carry-nxt\""}});
    const auto r2 = test::run_gkcheck("check --rules '" + dir2 + "' '" + doc + "'");
    CHECK(r2.exit_code == 2);
    CHECK(r2.err.find("annual-report-2021.xml:" + std::to_string(line) + ":") != std::string::npos);
    CHECK(r2.err.find("carry-nxt") != std::string::npos);
}

TEST_CASE("catalogue: a misspelt parameter is exit 2 naming file:line and the name", "[catalogue][cli]") {
    NoRulesEnv env;
    const auto dir = rules_copy("cat-param", "page-metadata.xml",
                                {{"<max-working-days>20</max-working-days>", "<max-workingdays>20</max-workingdays>"}});
    // the <rule> that holds it
    int rule_line = 0;
    {
        std::ifstream in(dir + "/page-metadata.xml");
        int n = 0;
        for (std::string line; std::getline(in, line);) {
            ++n;
            if (line.find("<rule ") != std::string::npos) rule_line = n;
            if (line.find("max-workingdays") != std::string::npos) break;
        }
    }
    REQUIRE(rule_line > 0);
    const std::string doc = std::string(GK_SOURCE_DIR) + "/corpus/annual/defect_balance_2021.html";
    const auto r = test::run_gkcheck("check --rules '" + dir + "' '" + doc + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("page-metadata.xml:" + std::to_string(rule_line) + ":") != std::string::npos);
    CHECK(r.err.find("max-workingdays") != std::string::npos);

    // A misspelt attribute parameter too.
    const auto dir2 = rules_copy("cat-param-attr", "annual-report-2019.xml",
                                 {{"<params table=\"requests\" constraint=\"balance\"/>",
                                   "<params table=\"requests\" constraint=\"balance\" per-cell=\"yes\"/>"}});
    const auto r2 = test::run_gkcheck("check --rules '" + dir2 + "' '" + doc + "'");
    CHECK(r2.exit_code == 2);
    CHECK(r2.err.find("@per-cell") != std::string::npos);
}

TEST_CASE("catalogue: one load gives rules, templates, privacy and data; all-or-nothing", "[catalogue]") {
    const auto& cat = test::bundled_catalogue();
    CHECK(cat.rules().size() >= 40);
    CHECK(cat.templates().get("2019"));
    CHECK(cat.templates().get("2021"));
    CHECK(cat.privacy() != nullptr);
    CHECK(cat.data("holidays"));
    CHECK(cat.data("annual-report-sections"));
    CHECK_FALSE(cat.data("no-such-data"));
    // table order and identification come from the XML
    CHECK(cat.templates().table_ids() == std::vector<std::string>{"requests", "review", "active"});
    CHECK(cat.templates().get("2021")->identify.size() == 2);
    CHECK(cat.templates().get("2021")->table("requests")->row_sum);
    CHECK_FALSE(cat.templates().get("2021")->table("active")->row_sum);
    // every rule's kind is registered and the checks can be made
    CHECK_NOTHROW(RuleSet(cat));

    // Two catalogues loaded side by side do not share state.
    const auto dir = rules_copy("cat-two", "annual-report-2021.xml", {{"<identify>本年制发件数</identify>", ""}});
    const auto other = Catalogue::load_directory(dir);
    CHECK(other->templates().get("2021")->identify.size() == 1);
    CHECK(cat.templates().get("2021")->identify.size() == 2);

    // A duplicate rule id across files names the second place.
    const auto dup = rules_copy("cat-dup", "content-safety.xml", {{"id=\"content.boilerplate\"", "id=\"privacy.mobile\""}});
    try {
        (void)Catalogue::load_directory(dup);
        FAIL("a duplicate rule id was accepted");
    } catch (const RulesetError& e) {
        CHECK(std::regex_search(std::string(e.what()), std::regex("xml:[0-9]+: rule id 'privacy.mobile' is defined twice")));
    }
}

TEST_CASE("catalogue: a rule id is a pattern, not an enumeration", "[catalogue]") {
    // A new rule needs no schema edit: a well-formed new id loads.
    const auto dir = rules_copy("cat-newid", "content-safety.xml", {{"id=\"content.boilerplate\"", "id=\"content.boilerplate-new\""}});
    CHECK_NOTHROW(Catalogue::load_directory(dir));
    // A malformed one is refused by the schema with file:line.
    const auto bad = rules_copy("cat-badid", "content-safety.xml", {{"id=\"content.boilerplate\"", "id=\"Content Boilerplate\""}});
    try {
        (void)Catalogue::load_directory(bad);
        FAIL("a malformed rule id was accepted");
    } catch (const RulesetError& e) {
        CHECK(std::string(e.what()).find("content-safety.xml:") != std::string::npos);
    }
}

TEST_CASE("catalogue: Params records what a kind reads", "[catalogue]") {
    pugi::xml_document x;
    REQUIRE(x.load_string("<params a=\"1\" b=\"x\"><c>2</c><d/><c>3</c></params>"));
    Params p(x.child("params"));
    CHECK(p.integer("@a", 0) == 1);
    CHECK(p.text("c") == "2");
    CHECK(p.unknown() == std::vector<std::string>{"@b", "d"});
    const Params copy = p; // copies share the record
    copy.allow("d");
    CHECK(p.unknown() == std::vector<std::string>{"@b"});
    CHECK_THROWS_AS(p.integer("@b", 0), RulesetError);
    CHECK(Params().unknown().empty());
}

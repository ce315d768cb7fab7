// The command line's result handling: --resume prints stored documents like fresh ones, SARIF
// help links are URIs, an exception while checking one document is an input error on it (the
// batch goes on), and a results-database write error is one error line, exit 2, reports written.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "support.hpp"

using namespace gk;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

int count_lines_containing(const std::string& text, const std::string& needle) {
    int n = 0;
    for (const auto& line : lines_of(text))
        if (line.find(needle) != std::string::npos) ++n;
    return n;
}

void exec_sql(const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(h);
    REQUIRE(rc == SQLITE_OK);
}

// A few documents with findings, copied out of corpus/ so each test has its own paths.
std::vector<std::string> documents_with_findings(const std::string& dir) {
    std::vector<std::string> out;
    for (const char* name : {"pages/numbering.html", "privacy/01-id-gongshi.txt", "annual/defect_balance_2021.html"}) {
        const fs::path src = fs::path(GK_SOURCE_DIR) / "corpus" / name;
        const std::string dst = dir + "/" + src.filename().string();
        fs::copy_file(src, dst, fs::copy_options::overwrite_existing);
        out.push_back(dst);
    }
    return out;
}

std::string quoted(const std::vector<std::string>& paths) {
    std::string s;
    for (const auto& p : paths) s += " '" + p + "'";
    return s;
}

// RFC 3986 URI-reference, loosely: an optional scheme, then only URI characters (no spaces, no
// raw non-ASCII), not empty.
bool is_uri_reference(const std::string& s) {
    static const std::regex uri(R"(^([A-Za-z][A-Za-z0-9+.\-]*:)?[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$)");
    return std::regex_match(s, uri);
}

} // namespace

TEST_CASE("results: --resume in text mode prints the stored findings exactly like a fresh run", "[cli][store][results]") {
    const auto dir = test::temp_dir("results-resume");
    const auto files = documents_with_findings(dir);
    const std::string db = dir + "/t.db";
    const auto fresh = test::run_gkcheck("check --no-progress --db '" + db + "'" + quoted(files));
    INFO(fresh.err);
    REQUIRE(fresh.exit_code == 1);
    REQUIRE(lines_of(fresh.out).size() >= 6);
    const auto resumed = test::run_gkcheck("check --no-progress --db '" + db + "' --resume" + quoted(files));
    INFO(resumed.err);
    CHECK(resumed.exit_code == 1);
    CHECK(resumed.err.find("取自结果库：3") != std::string::npos);
    CHECK(lines_of(resumed.out) == lines_of(fresh.out));
    // The summary line counts the same findings (and then says where they came from).
    CHECK(lines_of(resumed.err).back().starts_with(lines_of(fresh.err).back()));

    // JSON output: a resumed document reads back as the fresh one did.
    const auto fresh_json = test::run_gkcheck("check --no-progress --format json" + quoted(files));
    const auto resumed_json = test::run_gkcheck("check --no-progress --format json --db '" + db + "' --resume" + quoted(files));
    CHECK(json::parse(resumed_json.out)["documents"] == json::parse(fresh_json.out)["documents"]);
}

TEST_CASE("results: every SARIF helpUri is a URI; prose documentation goes to help.text", "[cli][sarif][results]") {
    const auto dir = test::temp_dir("results-sarif");
    const auto files = documents_with_findings(dir);
    const auto r = test::run_gkcheck("check --no-progress --format sarif" + quoted(files));
    INFO(r.err);
    const json sarif = json::parse(r.out);
    const json& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
    REQUIRE(rules.size() == test::bundled_rules().rules().size());
    std::size_t with_help = 0;
    for (const auto& rule : rules) {
        INFO(rule.dump());
        if (rule.contains("helpUri")) {
            REQUIRE(rule["helpUri"].is_string());
            CHECK(is_uri_reference(rule["helpUri"].get<std::string>()));
        }
        if (rule.contains("help")) {
            CHECK(rule["help"]["text"].is_string());
            CHECK(!rule["help"]["text"].get<std::string>().empty());
        }
        if (rule.contains("helpUri") || rule.contains("help")) ++with_help;
    }
    // Every rule that has a <doc> keeps it, as a link or as text.
    std::size_t documented = 0;
    for (const auto& rule : test::bundled_rules().rules())
        if (!rule.doc.empty()) ++documented;
    CHECK(with_help == documented);
    CHECK(is_uri_reference("docs/rules/table.requests.md#table.requests.balance"));
    CHECK(is_uri_reference("https://example.org/a?b=c"));
    CHECK_FALSE(is_uri_reference("公示时只保留前6位"));
    CHECK_FALSE(is_uri_reference("A page with a block"));
}

TEST_CASE("results: an exception while checking one document is an input error on it; the batch goes on", "[cli][results]") {
    const auto dir = test::temp_dir("results-throw");
    const auto files = documents_with_findings(dir);
    // Test hook of the CLI: checking a path containing this text throws.
    ::setenv("GKCHECK_TEST_THROW_ON", "01-id-gongshi", 1);
    const auto r = test::run_gkcheck("check --no-progress -j 2 --format json" + quoted(files));
    const auto text = test::run_gkcheck("check --no-progress -j 1" + quoted(files));
    ::unsetenv("GKCHECK_TEST_THROW_ON");
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(count_lines_containing(r.err, "01-id-gongshi.txt: error:") == 1);
    const json report = json::parse(r.out);
    REQUIRE(report["documents"].size() == 3);
    const json& failed = report["documents"][1];
    REQUIRE(failed["errors"].size() == 1);
    CHECK(failed["errors"][0]["code"] == "input.check-failed");
    CHECK(failed["errors"][0]["fatal"] == true);
    CHECK(failed["findings"].empty());
    CHECK(!report["documents"][0]["findings"].empty());
    CHECK(!report["documents"][2]["findings"].empty());
    CHECK(report["summary"]["unreadable"] == 1);
    INFO(text.err);
    CHECK(text.exit_code == 2);
    CHECK(count_lines_containing(text.out, "numbering.html:") > 0);
    CHECK(count_lines_containing(text.out, "defect_balance_2021.html:") > 0);
}

TEST_CASE("results: a results-database write error is one error line naming the db, exit 2, reports still written", "[cli][store][results]") {
    const auto dir = test::temp_dir("results-db-error");
    const auto files = documents_with_findings(dir);
    const std::string db = dir + "/audit.db";
    const auto first = test::run_gkcheck("check -q --no-progress --db '" + db + "' '" + files[0] + "'");
    INFO(first.err);
    REQUIRE(first.exit_code != 2);

    // A write that fails inside the database (as a full disk or an I/O error would): here a
    // trigger refusing every new document row, then every new run row. (Tests may run as root,
    // for whom read-only files are writable, so permissions cannot simulate it.)
    for (const char* table : {"documents", "runs"}) {
        DYNAMIC_SECTION(table) {
            exec_sql(db, std::string("DROP TRIGGER IF EXISTS gk_test_fail; CREATE TRIGGER gk_test_fail BEFORE INSERT ON ") + table +
                             " BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END;");
            const std::string out = dir + "/report-" + table + ".json";
            const auto r = test::run_gkcheck("check --no-progress --db '" + db + "' -o '" + out + "'" + quoted(files));
            INFO(r.err);
            CHECK(r.exit_code == 2);
            CHECK(count_lines_containing(r.err, db) == 1);
            CHECK(count_lines_containing(r.err, "simulated write failure") == 1);
            // The text findings and the -o report are complete all the same.
            CHECK(count_lines_containing(r.out, "defect_balance_2021.html:") > 0);
            REQUIRE(fs::exists(out));
            const json report = json::parse(test::read_bytes(out));
            CHECK(report["documents"].size() == 3);
        }
    }
}

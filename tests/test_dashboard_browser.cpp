// The dashboard in a real browser: Debian's chromium, headless (installed by tools/setup).
// Opens the dashboard of an audit of corpus/audit (剑阁县 agencies, several years) with the
// fragment #selftest, which makes the page click the score header twice and pick an agency in
// the filter (report/dashboard.hpp); then checks the DOM as chromium dumps it after the
// scripts ran, that the page logged nothing to the console, and saves screenshots at 1400 px
// and 400 px wide into the build directory (dashboard-1400.png, dashboard-400.png).
// Skips (with a warning) only when chromium is not installed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;

namespace {

std::string chromium() {
    for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (fs::exists(p)) return p;
    return "";
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string unescape(std::string s) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    }
    return s;
}

// Runs chromium headless on `url` with its own profile; `extra` are the mode's flags. `timeout`
// ends it (and only it) should it hang.
int run_chromium(const std::string& bin, const std::string& profile, const std::string& extra, const std::string& url, const std::string& out,
                 const std::string& err) {
    const std::string cmd = "timeout 60 '" + bin + "' --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions "
                            "--hide-scrollbars --user-data-dir='" + profile + "' " + extra + " '" + url + "' >'" + out + "' 2>'" + err + "'";
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_CASE("dashboard: in headless chromium — rows, sort, filter, no console errors, screenshots at 1400 and 400 px", "[browser]") {
    const std::string bin = chromium();
    if (bin.empty()) {
        WARN("chromium is not installed (tools/setup installs it): the dashboard's browser test is skipped");
        return;
    }
    const std::string dir = gk::test::temp_dir("dashboard-browser");
    const auto audit = gk::test::run_gkcheck("audit '" + std::string(GK_SOURCE_DIR) + "/corpus/audit' --db '" + dir + "/a.sqlite' --out '" + dir +
                                             "/out' --no-progress -q");
    INFO(audit.err);
    REQUIRE((audit.exit_code == 0 || audit.exit_code == 1));
    const std::string page = dir + "/out/report.html";
    REQUIRE(fs::exists(page));
    // What the page should hold, from the scores themselves.
    const auto score = gk::test::run_gkcheck("score --db '" + dir + "/a.sqlite' -f json");
    REQUIRE(score.exit_code == 0);
    const auto scores = nlohmann::json::parse(score.out);
    const std::size_t reports = scores["reports"].size();
    REQUIRE(reports >= 4);

    const std::string profile = dir + "/profile";
    const int rc = run_chromium(bin, profile, "--enable-logging=stderr --v=0 --dump-dom", "file://" + page + "#selftest", dir + "/dom.html",
                                dir + "/chromium.err");
    const std::string dom = slurp(dir + "/dom.html"), log = slurp(dir + "/chromium.err");
    INFO(log.substr(0, 2000));
    REQUIRE(rc == 0);
    REQUIRE(dom.find("data-selftest=\"done\"") != std::string::npos); // the scripts ran to the end

    // No console message at all from the page (errors, uncaught exceptions, warnings).
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);)
        if (line.find(":CONSOLE") != std::string::npos) FAIL_CHECK("console: " << line);

    // The self-test's record of what it did.
    const std::regex pre("<pre id=\"gk-selftest\"[^>]*>([^<]*)</pre>");
    std::smatch m;
    REQUIRE(std::regex_search(dom, m, pre));
    const auto st = nlohmann::json::parse(unescape(m[1].str()));
    CHECK(st["errors"].empty());
    CHECK(st["rows"] == reports);
    CHECK(st["lang_en"] == "Ranking (worst first)");
    // After the first click on 得分 the rows are ascending, after the second descending; rows
    // without a score (not ranked) stay last both times.
    std::vector<double> asc, desc;
    std::size_t blank_asc = 0, blank_desc = 0;
    for (const auto& v : st["ascending"]) { if (v == "") ++blank_asc; else { CHECK(blank_asc == 0); asc.push_back(std::stod(v.get<std::string>())); } }
    for (const auto& v : st["descending"]) { if (v == "") ++blank_desc; else { CHECK(blank_desc == 0); desc.push_back(std::stod(v.get<std::string>())); } }
    REQUIRE(asc.size() >= 2);
    CHECK(std::is_sorted(asc.begin(), asc.end()));
    CHECK(std::is_sorted(desc.rbegin(), desc.rend()));
    CHECK(asc.front() < asc.back());

    // The DOM as left by the self-test: ranking rows in descending score order, and the agency
    // filter applied — only that agency's rows visible, as many as it has reports.
    const std::string filter = st["filter"];
    REQUIRE_FALSE(filter.empty());
    std::size_t expected_visible = 0;
    for (const auto& r : scores["reports"]) expected_visible += r["agency"] == filter;
    const auto table_at = dom.find("id=\"gk-ranking\"");
    REQUIRE(table_at != std::string::npos);
    const std::string ranking = dom.substr(table_at, dom.find("</table>", table_at) - table_at);
    const std::regex row("<tr ([^>]*)>");
    std::size_t rows = 0, visible = 0;
    std::vector<double> dom_scores;
    for (auto it = std::sregex_iterator(ranking.begin(), ranking.end(), row); it != std::sregex_iterator(); ++it) {
        const std::string attrs = (*it)[1].str();
        if (attrs.find("data-agency=") == std::string::npos) continue; // the header row
        ++rows;
        std::smatch a, s;
        REQUIRE(std::regex_search(attrs, a, std::regex("data-agency=\"([^\"]*)\"")));
        if (std::regex_search(attrs, s, std::regex("data-score=\"([0-9.]+)\""))) dom_scores.push_back(std::stod(s[1].str()));
        const bool hidden = attrs.find(" hidden") != std::string::npos;
        if (!hidden) {
            ++visible;
            CHECK(unescape(a[1].str()) == filter);
        }
    }
    CHECK(rows == reports);
    CHECK(visible == expected_visible);
    CHECK(std::is_sorted(dom_scores.rbegin(), dom_scores.rend()));

    // Screenshots at both widths, into the build directory (look at them: README of the test).
    for (int w : {1400, 400}) {
        const std::string png = std::string(GK_BUILD_DIR) + "/dashboard-" + std::to_string(w) + ".png";
        fs::remove(png);
        const int src = run_chromium(bin, profile, "--screenshot='" + png + "' --window-size=" + std::to_string(w) + ",2000", "file://" + page,
                                     dir + "/shot.out", dir + "/shot.err");
        CHECK(src == 0);
        CHECK(fs::exists(png));
        CHECK((fs::exists(png) && fs::file_size(png) > 10000));
    }
}

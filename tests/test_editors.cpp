// Editors' workflow: suppression directives, baselines, "did you mean".
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/suggest.hpp"
#include "parse/parse.hpp"
#include "report/baseline.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace gk;

namespace {

void write(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::vector<std::string> rules_of(const DocumentResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) out.push_back(f.rule);
    return out;
}

} // namespace

TEST_CASE("directives: HTML comments and text lines, with ids and reasons", "[suppress]") {
    const std::string html = "<p>a</p>\n<!-- gkcheck-disable privacy.id-number, privacy.mobile -- 已核实 -->\n<p>b</p>\n"
                             "<!--gkcheck-enable-->\n<!-- gkcheck-disable-next-line -->\n<!-- just a comment about gkcheck -->\n"
                             "<!-- gkcheck-disabled foo -->";
    const auto ds = find_directives(html, "html");
    REQUIRE(ds.size() == 3);
    CHECK(ds[0].kind == Directive::Kind::disable);
    CHECK(ds[0].rules == std::vector<std::string>{"privacy.id-number", "privacy.mobile"});
    CHECK(ds[0].reason == "已核实");
    CHECK(html.substr(ds[0].offset, 4) == "<!--");
    CHECK(html.substr(ds[0].end - 3, 3) == "-->");
    CHECK(ds[1].kind == Directive::Kind::enable);
    CHECK(ds[1].rules.empty());
    CHECK(ds[2].kind == Directive::Kind::disable_next_line);

    const std::string text = "第一段\n  gkcheck-disable-next-line format.docno.brackets -- 原件\n肥政办发[2023]8号\n"
                             "这里提到 gkcheck-disable 不是指令\n";
    const auto ts = find_directives(text, "text");
    REQUIRE(ts.size() == 1);
    CHECK(ts[0].rules == std::vector<std::string>{"format.docno.brackets"});
    CHECK(text.substr(ts[0].offset, 8) == "gkcheck-");
    // HTML: a line that is not a comment is not a directive.
    CHECK(find_directives("gkcheck-disable privacy\n", "html").empty());
}

TEST_CASE("suppressions: next line, ranges, unused and unknown", "[suppress]") {
    const std::string base = test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/pages/docno-brackets.txt");
    const auto plain = test::check_bytes(base, "a.txt");
    REQUIRE(rules_of(plain) == std::vector<std::string>{"format.docno.brackets"});

    std::string s = base;
    s.replace(s.find("肥政办发[2023]8号\n"), 0, "gkcheck-disable-next-line format.docno -- 原件\n");
    CHECK(rules_of(test::check_bytes(s, "a.txt")).empty());

    // A range over the finding, closed by an enable naming the id.
    s = base;
    s.replace(s.find("肥政办发[2023]8号\n"), 0, "<!-- gkcheck-disable format.docno.brackets -->\n");
    s += "\ngkcheck-enable format.docno.brackets\n";
    CHECK(rules_of(test::check_bytes(s, "a.txt")).empty());

    // A range that ends before the finding suppresses nothing: unused.
    s = base;
    s.replace(s.find("肥政办发[2023]8号\n"), 0, "gkcheck-disable format\ngkcheck-enable\n");
    const auto r = test::check_bytes(s, "a.txt");
    CHECK(rules_of(r) == std::vector<std::string>{"suppression.unused", "format.docno.brackets"});
    CHECK(r.findings[0].message.zh.find("format") != std::string::npos);

    // An unknown id is reported, not unused.
    s = base;
    s.replace(s.find("肥政办发[2023]8号\n"), 0, "gkcheck-disable-next-line format.docno.bracket\n");
    const auto u = test::check_bytes(s, "a.txt");
    CHECK(rules_of(u) == std::vector<std::string>{"suppression.unknown", "format.docno.brackets"});
    CHECK(u.findings[0].message.en.find("format.docno.bracket") != std::string::npos);

    // A directive for a rule disabled in the run is not "unused".
    s = base;
    s.insert(0, "gkcheck-disable-next-line privacy.mobile\n");
    const auto sel = test::bundled_rules().selection({"privacy"}, {});
    Pipeline p(test::bundled_rules(), IngestOptions{});
    RunOptions ro;
    ro.rules = &sel;
    CHECK(rules_of(p.run_bytes(s, "a.txt", ro)) == std::vector<std::string>{"format.docno.brackets"});
}

TEST_CASE("baseline: fingerprints survive inserted lines; only new findings are reported", "[baseline]") {
    const std::string base = test::read_bytes(std::string(GK_SOURCE_DIR) + "/corpus/pages/docno-brackets.txt");
    const auto a = fingerprints(test::check_bytes(base, "a.txt"));
    REQUIRE(a.size() == 1);
    CHECK(a[0].size() == 16);
    const auto b = fingerprints(test::check_bytes("新增第一行\n\n新增第二行\n" + base + "\n末尾追加\n", "a.txt"));
    CHECK(b == a);
    std::string edited = base;
    edited.replace(edited.find("[2023]8号"), std::string("[2023]8号").size(), "[2023]9号");
    CHECK(fingerprints(test::check_bytes(edited, "a.txt")) != a);

    // End to end through the CLI.
    const std::string dir = test::temp_dir("baseline");
    const std::string page = dir + "/page.txt", bl = dir + "/base.json";
    write(page, base);
    auto w = test::run_gkcheck("check --write-baseline '" + bl + "' '" + page + "'");
    CHECK(w.exit_code == 0);
    CHECK(w.out.find("format.docno.brackets") != std::string::npos);
    const auto j = json::parse(test::read_bytes(bl));
    CHECK(j["gkcheck_baseline"] == 1);
    CHECK(j["documents"][page].size() == 1);

    write(page, "插入一行\n插入第二行\n" + base);
    auto again = test::run_gkcheck("check --baseline '" + bl + "' '" + page + "'");
    CHECK(again.exit_code == 0);
    CHECK(again.out.empty());

    // A new problem is reported, the old one still is not.
    write(page, "插入一行\n" + base + "\n肥政办发[2024]3号\n");
    auto fresh = test::run_gkcheck("check --format json --baseline '" + bl + "' '" + page + "'");
    const auto fj = json::parse(fresh.out);
    REQUIRE(fj["documents"][0]["findings"].size() == 1);
    CHECK(fj["documents"][0]["findings"][0]["actual"] == "肥政办发[2024]3号");

    auto bad = test::run_gkcheck("check --baseline '" + page + "' '" + page + "'");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("not a gkcheck baseline") != std::string::npos);
}

TEST_CASE("did you mean: options, subcommands and rule ids", "[cli]") {
    CHECK(nearest("chek", {"check", "redact", "rules", "serve"}) == "check");
    CHECK(nearest("--formt", {"--format", "--output"}) == "--format");
    CHECK(nearest("zzzzzz", {"check"}).empty());
    CHECK(edit_distance("ab", "ba") == 1);

    const std::string page = std::string(GK_SOURCE_DIR) + "/corpus/pages/docno-brackets.txt";
    auto r = test::run_gkcheck("chek '" + page + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean 'check'?") != std::string::npos);
    r = test::run_gkcheck("check --formt json '" + page + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean --format?") != std::string::npos);
    r = test::run_gkcheck("check --disable privacy.mobil '" + page + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown rule id or prefix: privacy.mobil (did you mean privacy.mobile?)") != std::string::npos);
    r = test::run_gkcheck("check --disable privacy,format.docno '" + page + "'");
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
}

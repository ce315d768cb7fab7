// Findings an editor can act on (spans, excerpts, fixes, `gkcheck fix`, SARIF), house style
// (the phrase and pairs kinds) and the project config (.gkcheck.json, `gkcheck config --print`).
// Byte-exact expectations live in tests/golden/ (fix outputs, the config listing).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ingest/ingest.hpp"
#include "redact/fix.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace gk;

namespace {

void write(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string src(const std::string& rel) { return std::string(GK_SOURCE_DIR) + "/" + rel; }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

const Finding* first_of(const DocumentResult& r, const std::string& rule) {
    for (const auto& f : r.findings)
        if (f.rule == rule) return &f;
    return nullptr;
}

std::vector<const Finding*> all_of(const DocumentResult& r, const std::string& rule) {
    std::vector<const Finding*> out;
    for (const auto& f : r.findings)
        if (f.rule == rule) out.push_back(&f);
    return out;
}

} // namespace

TEST_CASE("spans: end position, excerpt and the fix of a 文号 finding", "[fix]") {
    const auto r = test::check_file(src("corpus/pages/docno-brackets.txt"));
    const Finding* f = first_of(r, "format.docno.brackets");
    REQUIRE(f);
    CHECK(f->excerpt == "[2023]8号"); // from the finding's place (the bracket) to the end of the 文号
    CHECK(f->position.line == 9);
    CHECK(f->end_position.line == 9);
    CHECK(f->end_position.column == f->position.column + 8);
    REQUIRE(f->fix.size() == 2);
    CHECK(f->fix[0].text == "〔");
    CHECK(r.doc.source.substr(f->fix[0].begin, f->fix[0].end - f->fix[0].begin) == "[");
    CHECK(f->fix[1].text == "〕");
    // A finding without a span: end = start, no excerpt.
    const auto plain = test::check_bytes("一、总体情况\n", "a.txt");
    for (const auto& g : plain.findings)
        if (g.end <= g.offset) CHECK(g.end_position.column == g.position.column);
}

TEST_CASE("spans: an entity in the source gets no fix (never a guess)", "[fix]") {
    const auto r = test::check_bytes("<html><body><p>肥政办发&#91;2023]8号</p><p>肥政办发[2023]9号</p></body></html>", "a.html");
    const auto fs_ = all_of(r, "format.docno.brackets");
    REQUIRE(fs_.size() == 2);
    CHECK(fs_[0]->fix.empty());
    CHECK(fs_[1]->fix.size() == 2);
}

TEST_CASE("privacy: the excerpt is masked and the fix masks as redact does", "[fix]") {
    const auto r = test::check_bytes("申请人张三，身份证号码：110101199003077774，联系地址略。\n", "a.txt");
    const Finding* f = first_of(r, "privacy.id-number");
    REQUIRE(f);
    CHECK(f->excerpt.find("19900307") == std::string::npos);
    CHECK(f->excerpt == "110101********7774");
    CHECK(f->fix.size() == 8);
    for (const auto& e : f->fix) CHECK(e.text == "*");
}

TEST_CASE("house style: every match at its own column, with fixes", "[style]") {
    const auto r = test::check_file(src("corpus/editors/style.txt"));
    const Finding* w = first_of(r, "style.wording");
    REQUIRE(w);
    CHECK(w->excerpt == "截止");
    REQUIRE(w->fix.size() == 1);
    CHECK(w->fix[0].text == "截至");
    const auto digits = all_of(r, "style.digits");
    REQUIRE(digits.size() == 2); // ２０２３ in the title (not the metadata 名称: not body), １２
    CHECK(digits[0]->position.line != digits[1]->position.line);
    for (const auto* d : digits) CHECK(d->severity == Severity::warning);
    // 的的确确 and 为了了解 (line 13) are words, not slips; 巡查的的力度 (line 21) is one.
    const auto doubled = all_of(r, "style.doubled");
    REQUIRE(doubled.size() == 1);
    CHECK(doubled[0]->position.line == 21);
    CHECK(doubled[0]->excerpt == "的的");
    const auto pairs = all_of(r, "style.pairs");
    REQUIRE(pairs.size() == 1);
    CHECK(pairs[0]->excerpt.starts_with("《森林防火条例"));
    // Two findings on one line are at two columns.
    const auto punct = all_of(r, "style.punctuation");
    REQUIRE(punct.size() >= 2);
    std::set<std::pair<unsigned, unsigned>> at;
    for (const auto* p : punct) at.insert({p->position.line, p->position.column});
    CHECK(at.size() == punct.size());
}

TEST_CASE("house style: a text folded to half-width throughout gets one info", "[style]") {
    const auto r = test::check_file(src("corpus/editors/style-folded.txt"));
    const auto punct = all_of(r, "style.punctuation");
    REQUIRE(punct.size() == 1);
    CHECK(punct[0]->severity == Severity::info);
    CHECK(std::stoi(punct[0]->extra.at("count")) > 10);
}

TEST_CASE("house style: the kinds refuse error severity and entries without a source", "[style]") {
    const std::string dir = test::temp_dir("style-bad");
    fs::copy_file(src("rulesets/ruleset.xsd"), dir + "/ruleset.xsd");
    write(dir + "/a.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="a" version="1"><rule id="style.x" kind="phrase" severity="warning">
<message lang="zh">{match}</message><message lang="en">{match}</message>
<params><entry phrase="截止目前" replace="截至目前"/></params></rule></ruleset>)");
    CHECK_THROWS_WITH(RuleSet(*Catalogue::load_directory(dir)), Catch::Contains("no source="));
    write(dir + "/a.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="a" version="1"><rule id="style.x" kind="phrase" severity="error">
<message lang="zh">{match}</message><message lang="en">{match}</message>
<params><entry phrase="截止目前" replace="截至目前" source="s"/></params></rule></ruleset>)");
    const auto cat = Catalogue::load_directory(dir);
    CHECK_THROWS_WITH(RuleSet(*cat), Catch::Contains("never error"));
}

TEST_CASE("fix: byte-exact output, the input untouched, no overwrite without --force", "[fix]") {
    const std::string dir = test::temp_dir("fix");
    const std::string in = dir + "/style.txt";
    fs::copy_file(src("corpus/editors/style.txt"), in);
    const std::string before = test::read_bytes(in);
    auto r = test::run_gkcheck("fix '" + in + "' -o '" + dir + "/out.txt'");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(test::read_bytes(dir + "/out.txt") == test::read_bytes(src("tests/golden/fix/style.txt.fixed")));
    CHECK(test::read_bytes(in) == before);
    CHECK(r.out.find("style.wording 「截止」→「截至」") != std::string::npos);
    // The output exists: refused; the input as output: refused without --force.
    r = test::run_gkcheck("fix '" + in + "' -o '" + dir + "/out.txt'");
    CHECK(r.exit_code == 2);
    r = test::run_gkcheck("fix '" + in + "' -o '" + in + "'");
    CHECK(r.exit_code == 2);
    CHECK(test::read_bytes(in) == before);
    r = test::run_gkcheck("fix '" + in + "' -o '" + in + "' --force");
    CHECK(r.exit_code == 0);
    CHECK(test::read_bytes(in) == test::read_bytes(src("tests/golden/fix/style.txt.fixed")));
    // Fixed once, nothing left to fix.
    r = test::run_gkcheck("fix '" + in + "' --dry-run");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(": 0 处已修正") != std::string::npos);
}

TEST_CASE("fix: standard input to standard output, HTML kept byte for byte", "[fix]") {
    const std::string dir = test::temp_dir("fix-html");
    const std::string html = "<html><head><meta charset=\"utf-8\"><title>通知</title></head>\r\n<body>\r\n"
                             "<p class=\"x\">肥政办发[2023]8号</p>\r\n<p>截止目前，共收到申请<b>１２</b>件。</p>\r\n"
                             "<p>肥政办发&#91;2023]9号</p>\r\n</body></html>\r\n";
    write(dir + "/in.html", html);
    const auto r = test::run_gkcheck("fix - -o - --stdin-filename page.html", dir + "/in.html");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string want = replace_all(html, "[2023]8号", "〔2023〕8号");
    want = replace_all(want, "截止目前", "截至目前");
    want = replace_all(want, "１２", "12");
    CHECK(r.out == want);
    CHECK(r.err.find("page.html") != std::string::npos);
}

TEST_CASE("fix: a GB18030 file stays GB18030", "[fix]") {
    const std::string dir = test::temp_dir("fix-gb");
    const std::string text = test::read_bytes(src("corpus/pages/docno-brackets.txt"));
    std::string gb;
    REQUIRE(encode_from_utf8(text, "GB18030", gb));
    write(dir + "/in.txt", gb);
    const auto r = test::run_gkcheck("fix '" + dir + "/in.txt' -o '" + dir + "/out.txt'");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string want;
    REQUIRE(encode_from_utf8(replace_all(text, "肥政办发[2023]8号", "肥政办发〔2023〕8号"), "GB18030", want));
    CHECK(test::read_bytes(dir + "/out.txt") == want);
}

TEST_CASE("redact: standard input to standard output", "[fix]") {
    const std::string dir = test::temp_dir("redact-stdio");
    write(dir + "/in.txt", "公示名单\n姓名：张三，手机：13812345678，身份证号：110101199003077774\n");
    const auto r = test::run_gkcheck("redact - -o -", dir + "/in.txt");
    INFO(r.err);
    CHECK(r.exit_code != 2);
    CHECK(r.out.find("13812345678") == std::string::npos);
    CHECK(r.out.find("138****5678") != std::string::npos);
    CHECK(r.out.starts_with("公示名单\n"));
}

TEST_CASE("SARIF: fixes, region ends, fingerprints and sentences", "[fix][sarif]") {
    const auto r = test::run_gkcheck("check --format sarif --no-config '" + src("corpus/editors/style.txt") + "'");
    const json s = json::parse(r.out);
    const auto& run = s["runs"][0];
    bool fix_seen = false;
    for (const auto& res : run["results"]) {
        REQUIRE(res.contains("partialFingerprints"));
        CHECK(res["partialFingerprints"]["gkcheck/v1"].get<std::string>().size() == 16);
        if (res["ruleId"] == "format.docno.brackets") {
            const auto& region = res["locations"][0]["physicalLocation"]["region"];
            CHECK(region["endLine"] == 9);
            CHECK(region["endColumn"].get<int>() > region["startColumn"].get<int>());
            const auto& rep = res["fixes"][0]["artifactChanges"][0]["replacements"];
            REQUIRE(rep.size() == 2);
            CHECK(rep[0]["insertedContent"]["text"] == "〔");
            CHECK(rep[0]["deletedRegion"]["startLine"] == 9);
            fix_seen = true;
        }
    }
    CHECK(fix_seen);
    for (const auto& rule : run["tool"]["driver"]["rules"]) {
        const std::string d = rule["fullDescription"]["text"];
        INFO(rule["id"] << ": " << d);
        CHECK(d.find('{') == std::string::npos);
        CHECK(!d.empty());
    }
}

TEST_CASE("JSON: end, excerpt, fix and fingerprint round-trip", "[fix]") {
    const auto r = test::run_gkcheck("check --format json --no-config '" + src("corpus/pages/docno-brackets.txt") + "'");
    const json j = json::parse(r.out);
    const auto& f = j["documents"][0]["findings"][0];
    CHECK(f["rule"] == "format.docno.brackets");
    CHECK(f["end_line"] == 9);
    CHECK(f["excerpt"] == "[2023]8号");
    CHECK(f["fix"]["text"] == "〔2023〕8号");
    CHECK(f["fix"]["edits"].size() == 2);
    CHECK(f["fingerprint"].get<std::string>().size() == 16);
}

TEST_CASE("config: discovered upward, rules and lang, command line wins", "[config]") {
    const std::string dir = test::temp_dir("config");
    fs::create_directories(dir + "/site/2023");
    fs::copy_file(src("corpus/editors/style.txt"), dir + "/site/2023/a.txt");
    write(dir + "/site/.gkcheck.json", R"({
  "lang": "en",
  "rules": {"style": "off", "style.pairs": "info", "format.docno.brackets": "error"}
})");
    auto r = test::run_gkcheck("check --format json '" + dir + "/site/2023/a.txt'");
    INFO(r.err);
    json j = json::parse(r.out);
    std::map<std::string, std::string> sev;
    for (const auto& f : j["documents"][0]["findings"]) sev[f["rule"]] = f["severity"];
    CHECK(sev.count("style.wording") == 0);
    CHECK(sev["style.pairs"] == "info");
    CHECK(sev["format.docno.brackets"] == "error");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("checked 1 files") != std::string::npos); // lang from the config
    // The command line overrides the config.
    r = test::run_gkcheck("check --format json --lang zh --disable format.docno '" + dir + "/site/2023/a.txt'");
    j = json::parse(r.out);
    for (const auto& f : j["documents"][0]["findings"]) CHECK(f["rule"] != "format.docno.brackets");
    CHECK(r.err.find("已检查 1 个文件") != std::string::npos);
    // --no-config: the defaults.
    r = test::run_gkcheck("check --format json --no-config '" + dir + "/site/2023/a.txt'");
    j = json::parse(r.out);
    bool wording = false;
    for (const auto& f : j["documents"][0]["findings"]) wording = wording || f["rule"] == "style.wording";
    CHECK(wording);
}

TEST_CASE("config --print: every value with its origin (golden)", "[config]") {
    const std::string dir = test::temp_dir("config-print");
    fs::create_directories(dir + "/p/house");
    fs::copy_file(src("rulesets/ruleset.xsd"), dir + "/p/house/ruleset.xsd");
    write(dir + "/p/house/extra.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<ruleset id="house-extra" version="1">
  <rule id="style.local" kind="phrase" severity="warning">
    <message lang="zh">{what}「{match}」{suggestion}（{source}）</message>
    <message lang="en">{what_en} "{match}"{suggestion_en} ({source})</message>
    <params><entry phrase="春季防火" replace="春季森林防火" what="本单位用语" what-en="house term" source="本单位编辑规范"/></params>
  </rule>
</ruleset>)");
    write(dir + "/p/.gkcheck.json", R"({
  "rulesets": ["house"],
  "rules": {
    "style": "off",
    "style.local": "info"
  }
})");
    auto r = test::run_gkcheck("config --print '" + dir + "/p' --disable privacy.mobile");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string got = replace_all(r.out, dir, "$DIR");
    got = replace_all(got, std::string(GK_SOURCE_DIR) + "/rulesets", "$RULES");
    // The counts depend on how many rules the bundled rulesets hold: 6 are off here.
    std::smatch m;
    const std::regex counts("rules enabled = ([0-9]+) of ([0-9]+)");
    REQUIRE(std::regex_search(got, m, counts));
    CHECK(std::stoi(m[1]) + 6 == std::stoi(m[2]));
    CHECK(std::stoul(m[2]) == test::bundled_rules().rules().size() + 1); // + style.local
    got = std::regex_replace(got, counts, "rules enabled = N of M");
    CHECK(got == test::read_bytes(src("tests/golden/config/print.txt")));
    // The added directory's rule runs, at the configured severity.
    fs::copy_file(src("corpus/editors/style.txt"), dir + "/p/a.txt");
    r = test::run_gkcheck("check --format json '" + dir + "/p/a.txt'");
    const json j = json::parse(r.out);
    int local = 0;
    for (const auto& f : j["documents"][0]["findings"])
        if (f["rule"] == "style.local") { ++local; CHECK(f["severity"] == "info"); }
    CHECK(local == 1); // the title; the metadata 名称 is not body text
}

TEST_CASE("config: malformed files and unknown ids are one clear error, exit 2", "[config]") {
    const std::string dir = test::temp_dir("config-bad");
    write(dir + "/a.txt", "通知\n");
    write(dir + "/.gkcheck.json", "{\n  \"lang\": \"en\",\n  \"rules\": {\"style\": \"off\",}\n}\n");
    auto r = test::run_gkcheck("check '" + dir + "/a.txt'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(dir + "/.gkcheck.json:3:") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    write(dir + "/.gkcheck.json", "{\"rules\": {\"privacy.idnumber\": \"off\"}}");
    r = test::run_gkcheck("check '" + dir + "/a.txt'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(".gkcheck.json:1: unknown rule id or prefix: privacy.idnumber (did you mean privacy.id-number?)") != std::string::npos);
    write(dir + "/.gkcheck.json", "{\"lnag\": \"en\"}");
    r = test::run_gkcheck("check '" + dir + "/a.txt'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown key \"lnag\" (did you mean \"lang\"?)") != std::string::npos);
    write(dir + "/.gkcheck.json", "{\"rules\": {\"style\": \"of\"}}");
    r = test::run_gkcheck("check '" + dir + "/a.txt'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean \"off\"") != std::string::npos);
    // ESLint's "warn" is accepted for "warning".
    write(dir + "/.gkcheck.json", "{\"rules\": {\"style\": \"warn\"}}");
    CHECK(test::run_gkcheck("check '" + dir + "/a.txt'").exit_code == 0);
    // --disable with an unknown id: an error with a suggestion, not silence.
    r = test::run_gkcheck("check --no-config --disable style.wordin '" + dir + "/a.txt'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean style.wording?") != std::string::npos);
}

TEST_CASE("fix: edits of different fixes may interleave", "[fix]") {
    const std::string dir = test::temp_dir("fix-interleave");
    write(dir + "/in.txt", "各单位要高度重视，精心组织，确保实效，按时报送。\n\n表内注明(本列数据的勾稽关系为:第一项加第二项之和)，请核对。\n");
    const auto r = test::run_gkcheck("fix '" + dir + "/in.txt' -o - --no-config");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "各单位要高度重视，精心组织，确保实效，按时报送。\n\n表内注明（本列数据的勾稽关系为：第一项加第二项之和），请核对。\n");
}

TEST_CASE("house style: paired marks over wrapped lines, crossed and stray marks", "[style]") {
    auto pairs_of = [](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& f : test::check_bytes(text, "a.txt").findings)
            if (f.rule == "style.pairs") out.push_back(f.message.zh);
        return out;
    };
    // A title wrapped over two lines is one paragraph.
    CHECK(pairs_of("国务院办公厅关于印发《政府网站集约化\n试点工作方案》的通知。\n").empty());
    // Crossed: 《 is closed after ”.
    const auto crossed = pairs_of("会议强调“落实《条例”的规定》。\n");
    REQUIRE(!crossed.empty());
    CHECK(crossed[0].find("交叉") != std::string::npos);
    // A closing mark without its opening one.
    const auto stray = pairs_of("各单位要按时报送）。\n");
    REQUIRE(stray.size() == 1);
    CHECK(stray[0].find("未配对的「）」") != std::string::npos);
    // A table's header note scattered over lines (PDF text): 「（」 on one line, 「）」 a few lines on,
    // with a heading between — neither mark is reported; far apart, the close is.
    CHECK(pairs_of("（本列数据的勾稽关系为：第一项加第二项之和，\n社会\n公益\n## 表三：收到和处理政府信息公开申请情况\n"
                   "等于第三项加第四项之和）\n自然人\n").empty());
    CHECK(pairs_of("（本列数据的勾稽关系为：第一项加第二项之和。\n一\n二\n三\n四\n五\n六\n七\n"
                   "等于第三项加第四项之和）\n")
              .size() == 2);
    // Unclosed at the end of a sentence, and nothing closes it soon after.
    const auto open = pairs_of("请登录《政府信息公开平台查询。\n\n其他事项另行通知。\n");
    REQUIRE(open.size() == 1);
    CHECK(open[0].find("「《」未闭合") != std::string::npos);
}

TEST_CASE("house style on ../shared/corpus: exactly the hand-checked hits", "[style][real]") {
    if (!test::have_shared_corpus()) return;
    const std::string golden = test::read_bytes(src("tests/golden/style-real-corpus.txt"));
    std::set<std::string> want;
    std::istringstream in(golden);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') want.insert(line.substr(0, line.find(' ', line.find(' ', line.find(' ') + 1) + 1)));
    std::set<std::string> got;
    for (const auto& file : test::files_under(test::shared_corpus())) {
        const auto r = test::check_file(file);
        const std::string rel = file.substr(test::shared_corpus().size() + 1);
        for (const auto& f : r.findings)
            if (f.rule.starts_with("style."))
                got.insert(rel + ":" + std::to_string(f.position.line) + ":" + std::to_string(f.position.column) + " " +
                           to_string(f.severity) + " " + f.rule);
    }
    REQUIRE(!want.empty());
    CHECK(got == want);
}

TEST_CASE("SARIF: the results of the house-style case (golden)", "[sarif]") {
    // Regenerate: build/gkcheck check --format sarif --no-config corpus/editors/style.txt, keep runs[0].results.
    const std::string file = src("corpus/editors/style.txt");
    const auto r = test::run_gkcheck("check --format sarif --no-config '" + file + "'");
    // An absolute path is a file: URI (relative paths get uriBaseId %SRCROOT%: test_security.cpp).
    const json got = json::parse(replace_all(r.out, "file://" + file, "corpus/editors/style.txt"))["runs"][0]["results"];
    const json want = json::parse(test::read_bytes(src("tests/golden/sarif/style.results.json")));
    INFO(got.dump(2));
    CHECK(got == want);
}

TEST_CASE("house style never spells out a personal value", "[style]") {
    // An ID number in full-width digits: privacy.id-number reports it masked; style.digits stays quiet.
    const auto r = test::check_file(src("corpus/privacy/02-id-fullwidth.txt"));
    REQUIRE(first_of(r, "privacy.id-number"));
    CHECK(all_of(r, "style.digits").empty());
    // An unclosed mark before a number: the excerpt stops before the digits.
    const auto p = test::check_bytes("申请人（身份证号110101199003077774，住址略。\n", "a.txt");
    const Finding* f = first_of(p, "style.pairs");
    REQUIRE(f);
    CHECK(f->excerpt == "（身份证号");
    for (const auto& g : p.findings) CHECK(g.message.zh.find("19900307") == std::string::npos);
}

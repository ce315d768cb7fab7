// The command line: exit codes, one clear error per bad input, the batch goes on, outputs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace gk;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

int count_lines_containing(const std::string& text, const std::string& needle) {
    int n = 0;
    std::size_t pos = 0;
    while ((pos = text.find(needle, pos)) != std::string::npos) { ++n; pos += needle.size(); }
    return n;
}

const char* kCleanNotice =
    "关于做好2024年防汛工作的通知\n"
    "各乡镇人民政府，区直各单位：\n"
    "为切实做好今年防汛工作，现将有关事项通知如下。\n"
    "一、提高思想认识\n"
    "各单位要高度重视防汛工作。\n";

} // namespace

TEST_CASE("cli: bad inputs each give one error line naming the file, exit 2, the rest is checked", "[cli]") {
    const auto dir = test::temp_dir("cli-bad");
    write(dir + "/a_binary.txt", std::string("abc\0def\0", 8));
    write(dir + "/b_pdf.html", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    write(dir + "/c_empty.txt", "");
    write(dir + "/d_good.txt", kCleanNotice);
    write(dir + "/e_big.txt", std::string(5000, 'a'));
    const auto r = test::run_gkcheck("check --max-size 4K --format json '" + dir + "'");
    CHECK(r.exit_code == 2);
    for (const char* name : {"a_binary.txt", "b_pdf.html", "c_empty.txt", "e_big.txt"}) {
        INFO(name << "\n" << r.err);
        CHECK(count_lines_containing(r.err, std::string(name) + ": error:") == 1);
    }
    const auto report = nlohmann::json::parse(r.out);
    REQUIRE(report["documents"].size() == 5);
    CHECK(report["documents"][3]["path"].get<std::string>().ends_with("d_good.txt"));
    CHECK(report["documents"][3]["errors"].empty());
    CHECK(report["documents"][3]["type"] == "notice");
    CHECK(report["summary"]["unreadable"] == 4);
}

TEST_CASE("cli: invalid UTF-8 is one error line and exit 2, yet the document is still checked", "[cli]") {
    const auto dir = test::temp_dir("cli-invalid");
    write(dir + "/bad.txt", std::string(kCleanNotice) + "坏字节\xff\xfe结束\n");
    write(dir + "/good.txt", kCleanNotice);
    const auto r = test::run_gkcheck("check --format json '" + dir + "'");
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(count_lines_containing(r.err, "bad.txt: error:") == 1);
    CHECK(count_lines_containing(r.err, "good.txt") == 0);
    const auto report = nlohmann::json::parse(r.out);
    const auto& doc = report["documents"][0];
    REQUIRE(!doc["errors"].empty());
    CHECK(doc["errors"][0]["code"] == "input.encoding");
    CHECK(doc["errors"][0]["fatal"] == false);
    CHECK(doc["type"] == "notice");
    CHECK(report["documents"][1]["errors"].empty());
}

TEST_CASE("cli: a malformed ruleset is one error naming file and line, exit 2", "[cli]") {
    const auto dir = test::temp_dir("cli-rules");
    fs::copy_file(std::string(GK_SOURCE_DIR) + "/rulesets/ruleset.xsd", dir + "/ruleset.xsd");
    write(dir + "/broken.xml",
          "<?xml version=\"1.0\"?>\n<ruleset id=\"x\">\n  <rule id=\"report.section.missing\" kind=\"required-sections\" severity=\"error\" colour=\"red\">\n"
          "    <message lang=\"zh\">m</message>\n  </rule>\n</ruleset>\n");
    write(dir + "/doc.txt", kCleanNotice);
    const auto r = test::run_gkcheck("check --rules '" + dir + "' '" + dir + "/doc.txt'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("broken.xml:3") != std::string::npos);
    CHECK(r.err.find("colour") != std::string::npos);

    write(dir + "/broken.xml",
          "<?xml version=\"1.0\"?>\n<ruleset id=\"x\">\n  <rule id=\"report.section.missing\" kind=\"no-such-kind\" severity=\"error\">\n"
          "    <message lang=\"zh\">m</message>\n  </rule>\n</ruleset>\n");
    const auto r2 = test::run_gkcheck("check --rules '" + dir + "' '" + dir + "/doc.txt'");
    CHECK(r2.exit_code == 2);
    CHECK(r2.err.find("broken.xml:3") != std::string::npos);
    CHECK(r2.err.find("no-such-kind") != std::string::npos);

    write(dir + "/broken.xml",
          "<?xml version=\"1.0\"?>\n<ruleset id=\"x\">\n  <rule id=\"Made.Up Rule\" kind=\"required-sections\" severity=\"error\">\n"
          "    <message lang=\"zh\">m</message>\n  </rule>\n</ruleset>\n");
    const auto r3 = test::run_gkcheck("check --rules '" + dir + "' '" + dir + "/doc.txt'");
    CHECK(r3.exit_code == 2);
    CHECK(r3.err.find("broken.xml:3") != std::string::npos);

    write(dir + "/broken.xml", "<?xml version=\"1.0\"?>\n<ruleset id=\"x\">\n  <rule\n");
    const auto r4 = test::run_gkcheck("check --rules '" + dir + "' '" + dir + "/doc.txt'");
    CHECK(r4.exit_code == 2);
    CHECK(r4.err.find("broken.xml") != std::string::npos);
}

TEST_CASE("cli: stdin with --stdin-filename, --lang en, exit 0 on a clean document", "[cli]") {
    const auto dir = test::temp_dir("cli-stdin");
    write(dir + "/in.txt", kCleanNotice);
    const auto r = test::run_gkcheck("check --format json --lang en --stdin-filename draft.txt -", dir + "/in.txt");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["documents"][0]["path"] == "draft.txt");
    CHECK(report["tool"]["name"] == "gkcheck");
    CHECK(r.err.find("checked 1 files") != std::string::npos);
}

TEST_CASE("cli: --output writes the JSON report atomically and leaves no temporary file", "[cli]") {
    const auto dir = test::temp_dir("cli-output");
    write(dir + "/doc.txt", kCleanNotice);
    const auto r = test::run_gkcheck("check -q --output '" + dir + "/report.json' '" + dir + "/doc.txt'");
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    const auto report = nlohmann::json::parse(test::read_bytes(dir + "/report.json"));
    CHECK(report["summary"]["documents"] == 1);
    int entries = 0;
    for (const auto& e : fs::directory_iterator(dir)) { (void)e; ++entries; }
    CHECK(entries == 2);
}

TEST_CASE("cli: usage errors exit 2", "[cli]") {
    CHECK(test::run_gkcheck("check").exit_code == 2);
    CHECK(test::run_gkcheck("frobnicate").exit_code == 2);
    CHECK(test::run_gkcheck("check --lang fr x.txt").exit_code == 2);
    CHECK(test::run_gkcheck("check --max-size lots x.txt").exit_code == 2);
}

TEST_CASE("cli: --db stores results, --resume skips unchanged files, -o .html writes a page", "[cli][store]") {
    const auto dir = test::temp_dir("cli-db");
    const auto docs = dir + "/docs";
    fs::create_directories(docs);
    write(docs + "/a.txt", kCleanNotice);
    write(docs + "/b.txt", std::string(kCleanNotice) + "二、加强组织领导\n");
    const auto r1 = test::run_gkcheck("check -q --no-progress --db '" + dir + "/audit.sqlite' -o '" + dir + "/audit.html' '" + docs + "'");
    INFO(r1.err);
    CHECK(r1.exit_code == 0);
    const std::string page = test::read_bytes(dir + "/audit.html");
    CHECK(page.find("<html") != std::string::npos);
    CHECK(page.find("a.txt") != std::string::npos);

    const auto r2 = test::run_gkcheck("check -q --no-progress --db '" + dir + "/audit.sqlite' --resume --format json '" + docs + "'");
    INFO(r2.err);
    CHECK(r2.exit_code == 0);
    CHECK(r2.err.find("取自结果库：2") != std::string::npos);

    write(docs + "/b.txt", std::string(kCleanNotice) + "三、严格督促检查\n");
    const auto r3 = test::run_gkcheck("check -q --no-progress --db '" + dir + "/audit.sqlite' --resume '" + docs + "'");
    INFO(r3.err);
    CHECK(r3.err.find("取自结果库：1") != std::string::npos);

    CHECK(test::run_gkcheck("check --resume '" + docs + "/a.txt'").exit_code == 2);
    CHECK(test::run_gkcheck("check --db /nonexistent-dir/x.sqlite '" + docs + "/a.txt'").exit_code == 2);
}

TEST_CASE("cli: redact writes a masked copy, never overwrites without --force, check is then clean", "[cli][redact]") {
    const auto dir = test::temp_dir("cli-redact");
    const std::string in = dir + "/gongshi.txt";
    const std::string original = "2024年临时救助对象公示\n姓名：张某某，身份证号：110105199001011232，救助金额：800元。\n";
    write(in, original);
    const auto before = test::run_gkcheck("check -q --no-progress '" + in + "'");
    CHECK(before.exit_code == 1);

    const auto r = test::run_gkcheck("redact '" + in + "' -o '" + dir + "/out.txt'");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    const std::string redacted = test::read_bytes(dir + "/out.txt");
    CHECK(redacted.find("110105********1232") != std::string::npos);
    CHECK(redacted.size() == original.size());
    CHECK(test::read_bytes(in) == original);
    CHECK(test::run_gkcheck("check -q --no-progress '" + dir + "/out.txt'").exit_code == 0);

    CHECK(test::run_gkcheck("redact '" + in + "' -o '" + dir + "/out.txt'").exit_code == 2);
    CHECK(test::run_gkcheck("redact --force '" + in + "' -o '" + dir + "/out.txt'").exit_code == 0);
    const auto dry = test::run_gkcheck("redact --dry-run '" + in + "' -o '" + dir + "/dry.txt'");
    CHECK(!std::filesystem::exists(dir + "/dry.txt"));
    CHECK((dry.out + dry.err).find("110105199001011232") == std::string::npos);
}

TEST_CASE("cli: standard input over --max-size is one error naming --stdin-filename, exit 2", "[cli]") {
    const auto dir = test::temp_dir("cli-stdin-big");
    write(dir + "/big.txt", std::string(5000, 'a'));
    const auto r = test::run_gkcheck("check --max-size 1K --stdin-filename draft.txt -", dir + "/big.txt");
    CHECK(r.exit_code == 2);
    CHECK(count_lines_containing(r.err, "draft.txt: error:") == 1);
    CHECK(r.err.find("input.too-large") != std::string::npos);
}

// The gkcheck binary loads what only some runs need (core/module.hpp): the PDF reader (poppler)
// and the ZIP reader (libzip, with OpenSSL's libcrypto) as modules beside it, on the first PDF or
// ZIP input, and the HTTP service (cpp-httplib, OpenSSL) as the executable gkcheck-serve, which
// `gkcheck serve` runs in its place. Each absent part is one clear error, never a crash, and the
// rest of a batch is checked; the binary itself names none of those libraries.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "zip_support.hpp"

using namespace gk;
using nlohmann::json;

TEST_CASE("modules: the gkcheck binary needs none of poppler libzip cpp-httplib and OpenSSL", "[modules]") {
    std::ifstream bin(GK_BINARY, std::ios::binary);
    const std::string image((std::istreambuf_iterator<char>(bin)), std::istreambuf_iterator<char>());
    REQUIRE(image.size() > 100000);
    REQUIRE(image.find("libicuuc.so") != std::string::npos); // the search reads the needed-library names
    for (const char* lib : {"libpoppler", "libzip.so", "libcpp-httplib", "libssl.so", "libcrypto.so"}) {
        INFO(lib);
        CHECK(image.find(lib) == std::string::npos);
    }
}

TEST_CASE("modules: a .docx read through the ZIP module and its absence is one clear error", "[modules][docx]") {
    const std::string dir = test::temp_dir("zip-module");
    {
        std::ofstream(dir + "/a.docx", std::ios::binary)
            << test::make_docx("<w:p><w:r><w:t>关于做好防汛工作的通知</w:t></w:r></w:p><w:p><w:r><w:t>各单位：正文。</w:t></w:r></w:p>");
        std::ofstream(dir + "/b.txt") << "关于印发工作方案的通知\n\n正文。\n";
    }
    const auto ok = test::run_gkcheck("check --no-config --format json '" + dir + "/a.docx'");
    INFO(ok.err);
    CHECK(ok.exit_code <= 1);
    CHECK(json::parse(ok.out)["documents"][0]["format"] == "docx");

    ::setenv("GKCHECK_ZIP_MODULE", (dir + "/no-such-module.so").c_str(), 1);
    const auto r = test::run_gkcheck("check --no-config --format json '" + dir + "/a.docx' '" + dir + "/b.txt'");
    ::unsetenv("GKCHECK_ZIP_MODULE");
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("a.docx: error:") != std::string::npos);
    CHECK(r.err.find("[input.zip-unavailable]") != std::string::npos);
    CHECK(r.err.find("no-such-module.so") != std::string::npos);
    const json out = json::parse(r.out);
    REQUIRE(out["documents"].size() == 2);
    CHECK(out["documents"][1]["errors"].empty());
}

TEST_CASE("modules: gkcheck serve runs gkcheck-serve and says so when it cannot", "[modules][serve]") {
    // through gkcheck-serve: its own option check answers
    const auto remote = test::run_gkcheck("serve --listen 0.0.0.0:0");
    CHECK(remote.exit_code == 2);
    CHECK(remote.err.find("--allow-remote") != std::string::npos);
    // a bad option is refused by gkcheck itself, before anything is run
    const auto bad = test::run_gkcheck("serve --no-such-option");
    CHECK(bad.exit_code != 0);
    CHECK(bad.err.find("no-such-option") != std::string::npos);
    // no gkcheck-serve: one line naming it, exit 2
    ::setenv("GKCHECK_SERVE_BINARY", "/nonexistent/gkcheck-serve", 1);
    const auto r = test::run_gkcheck("serve --listen 127.0.0.1:0");
    ::unsetenv("GKCHECK_SERVE_BINARY");
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("gkcheck serve: error: cannot run /nonexistent/gkcheck-serve") != std::string::npos);
}

// The HTML dashboard's scoring scheme is read only when a dashboard is written: a broken
// scoring/default.xml stops an HTML report (exit 2, naming it) and nothing else.
TEST_CASE("modules: the dashboard's scoring scheme is read only for an HTML report", "[modules][score]") {
    namespace fs = std::filesystem;
    const std::string rules = test::temp_dir("lazy-scheme");
    fs::copy(std::string(GK_SOURCE_DIR) + "/rulesets", rules, fs::copy_options::recursive);
    std::ofstream(rules + "/scoring/default.xml", std::ios::trunc) << "<scheme broken";
    const std::string doc = test::temp_dir("lazy-scheme-doc") + "/n.txt";
    std::ofstream(doc) << "关于印发工作方案的通知\n\n正文。\n";
    for (const char* format : {"text", "json", "csv", "sarif"}) {
        INFO(format);
        const auto r = test::run_gkcheck("check --no-config --rules '" + rules + "' --format " + format + " '" + doc + "'");
        INFO(r.err);
        CHECK(r.exit_code <= 1);
        CHECK(r.err.find("scoring scheme") == std::string::npos);
    }
    const auto html = test::run_gkcheck("check --no-config --rules '" + rules + "' --format html '" + doc + "'");
    CHECK(html.exit_code == 2);
    CHECK(html.err.find("gkcheck: error: scoring scheme:") != std::string::npos);
    const auto out = test::run_gkcheck("check --no-config --rules '" + rules + "' -o '" + test::temp_dir("lazy-scheme-out") +
                                       "/r.html' --quiet '" + doc + "'");
    CHECK(out.exit_code == 2);
    CHECK(out.err.find("gkcheck: error: scoring scheme:") != std::string::npos);
}

// Robustness: every document we have, cut short at several points (mid-character, mid-tag,
// mid-table) and with lines dropped, goes through the whole pipeline without crashing; under
// the sanitizer build this is where memory errors surface.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "support.hpp"

using namespace gk;

namespace {
std::vector<std::string> all_documents() {
    auto files = test::files_under(std::string(GK_SOURCE_DIR) + "/corpus");
    if (test::have_shared_corpus()) {
        const auto shared = test::files_under(test::shared_corpus());
        files.insert(files.end(), shared.begin(), shared.end());
    }
    return files;
}

std::string drop_every_nth_line(const std::string& s, int n) {
    std::istringstream in(s);
    std::string line, out;
    int i = 0;
    while (std::getline(in, line))
        if (++i % n != 0) out += line + "\n";
    return out;
}
} // namespace

TEST_CASE("robustness: truncated and mangled documents never crash the pipeline", "[robustness]") {
    const auto files = all_documents();
    REQUIRE(!files.empty());
    for (const auto& file : files) {
        INFO(file);
        const std::string bytes = test::read_bytes(file);
        const std::string name = std::filesystem::path(file).filename().string();
        for (const double cut : {0.13, 0.37, 0.5, 0.81}) {
            const auto prefix = bytes.substr(0, static_cast<std::size_t>(static_cast<double>(bytes.size()) * cut));
            const auto r = test::check_bytes(prefix, name);
            CHECK((r.doc.readable() || !r.doc.errors.empty()));
            for (const auto& f : r.findings) CHECK(f.position.line >= 1);
        }
        const auto r = test::check_bytes(drop_every_nth_line(bytes, 3), name);
        CHECK((r.doc.readable() || !r.doc.errors.empty()));
    }
}

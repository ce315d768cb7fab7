// The ruleset loader: the input is one ruleset file, validated against the real ruleset.xsd,
// loaded into a Catalogue and instantiated as a RuleSet (every kind's parameter parsing).
// Every error must be a RulesetError; anything else escaping is a finding.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fuzz_common.hpp"

namespace {
std::string temp_file() {
    static const std::string path = [] {
        char dir[] = "/tmp/gk-fuzz-rules-XXXXXX";
        if (!mkdtemp(dir)) std::abort();
        return std::string(dir) + "/fuzz.xml";
    }();
    return path;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string file = temp_file();
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const auto cat = gk::Catalogue::load_files({file}, std::string(GK_RULES_DIR) + "/ruleset.xsd");
        const gk::RuleSet rules(*cat);
        (void)rules;
    } catch (const gk::RulesetError&) {
    }
    return 0;
}

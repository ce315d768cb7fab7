// Shared helpers for tests: the bundled rulesets (loaded once), running the pipeline on a file or
// on bytes, and running the gkcheck binary.
#pragma once

#include <string>
#include <vector>

#include "check/check.hpp"
#include "catalogue/annual_template.hpp"
#include "pipeline/pipeline.hpp"

// True in a build with AddressSanitizer (GCC's -fsanitize=address, or clang's).
#if defined(__SANITIZE_ADDRESS__)
#define GK_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GK_TEST_ASAN 1
#endif
#endif
#ifndef GK_TEST_ASAN
#define GK_TEST_ASAN 0
#endif

namespace gk::test {

inline constexpr bool kAsan = GK_TEST_ASAN;

// The checkout's and the build's paths. Only support.cpp is compiled with them (GK_TEST_PATH_*,
// CMakeLists.txt), so that every other test file's command line is the same in any checkout and
// ccache shares the compiled tests between clones (CI builds a fresh clone).
namespace paths {
const char* source_dir();    // the checkout
const char* shared_corpus(); // ../shared/corpus beside it
const char* python();        // the Python 3 interpreter CMake found
const char* binary();        // the gkcheck binary of this build
const char* build_dir();     // this build tree
} // namespace paths

const Catalogue& bundled_catalogue(); // rulesets/, loaded once
const RuleSet& bundled_rules();
const AnnualTemplates& bundled_templates(); // the annual-report table definitions of rulesets/
DocumentResult check_file(const std::string& path);
DocumentResult check_bytes(const std::string& bytes, const std::string& name);
std::string read_bytes(const std::string& path);
std::string shared_corpus();           // ../shared/corpus beside the checkout
bool have_shared_corpus();
std::vector<std::string> files_under(const std::string& dir); // checkable files, sorted

struct RunResult {
    int exit_code = -1;
    std::string out, err;
};
// Runs build/gkcheck with arguments (shell-quoted by the caller), optional stdin file.
RunResult run_gkcheck(const std::string& args, const std::string& stdin_path = "");
std::string temp_dir(const std::string& name); // fresh, empty directory under the build tree

} // namespace gk::test

#define GK_SOURCE_DIR (::gk::test::paths::source_dir())
#define GK_SHARED_CORPUS (::gk::test::paths::shared_corpus())
#define GK_PYTHON (::gk::test::paths::python())
#define GK_BINARY (::gk::test::paths::binary())
#define GK_BUILD_DIR (::gk::test::paths::build_dir())

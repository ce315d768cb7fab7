#include "support.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "cli/inputs.hpp"

namespace gk::test {

namespace paths {
const char* source_dir() { return GK_TEST_PATH_SOURCE_DIR; }
const char* shared_corpus() { return GK_TEST_PATH_SHARED_CORPUS; }
const char* python() { return GK_TEST_PATH_PYTHON; }
const char* binary() { return GK_TEST_PATH_BINARY; }
const char* build_dir() { return GK_TEST_PATH_BUILD_DIR; }
} // namespace paths

namespace fs = std::filesystem;

const Catalogue& bundled_catalogue() {
    static const auto catalogue = Catalogue::load_directory(std::string(GK_SOURCE_DIR) + "/rulesets");
    return *catalogue;
}

const RuleSet& bundled_rules() {
    static const RuleSet rules(bundled_catalogue());
    return rules;
}

const AnnualTemplates& bundled_templates() { return bundled_catalogue().templates(); }

DocumentResult check_file(const std::string& path) {
    static const Pipeline pipeline(bundled_rules(), IngestOptions{});
    return pipeline.run_file(path);
}

DocumentResult check_bytes(const std::string& bytes, const std::string& name) {
    static const Pipeline pipeline(bundled_rules(), IngestOptions{});
    return pipeline.run_bytes(bytes, name);
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string shared_corpus() { return GK_SHARED_CORPUS; }
bool have_shared_corpus() { return fs::is_directory(shared_corpus() + "/seeds"); }

std::vector<std::string> files_under(const std::string& dir) { return collect_inputs({dir}).files; }

static std::string slurp_and_remove(const std::string& path) {
    std::string s = read_bytes(path);
    fs::remove(path);
    return s;
}

RunResult run_gkcheck(const std::string& args, const std::string& stdin_path) {
    static int counter = 0;
    const std::string base = fs::temp_directory_path() / ("gk-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::string cmd = std::string("'") + GK_BINARY + "' " + args + " >'" + base + ".out' 2>'" + base + ".err'";
    cmd += stdin_path.empty() ? " </dev/null" : " <'" + stdin_path + "'";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp_and_remove(base + ".out");
    r.err = slurp_and_remove(base + ".err");
    return r;
}

std::string temp_dir(const std::string& name) {
    const fs::path p = fs::temp_directory_path() / ("gk-test-" + std::to_string(::getpid())) / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p.string();
}

} // namespace gk::test

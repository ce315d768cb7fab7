// `gkcheck audit` survives being killed: an audit of 3,000 files is killed with SIGKILL at five
// random moments and rerun each time; the final database and reports are those of an
// uninterrupted run (no document twice, none lost). SIGINT stops cleanly (exit 130) with what is
// done saved. The moments are progress points drawn from a fixed seed (kill when the database
// holds N documents, polled with a reader of its own), so they do not depend on the machine's
// speed; nothing asserts on time.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "support.hpp"

extern char** environ;

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// 3,000 distinct files: the notices of corpus/pages/ and, every 30th, an annual report of
// corpus/audit/ (so the cross-year rules have work), each made unique by its number.
std::string make_inputs() {
    const std::string dir = gk::test::temp_dir("audit-kill-inputs");
    std::vector<std::pair<std::string, std::string>> notices, reports;
    for (const auto& f : gk::test::files_under(std::string(GK_SOURCE_DIR) + "/corpus/pages"))
        if (f.ends_with(".txt")) notices.push_back({".txt", gk::test::read_bytes(f)});
    for (const auto& f : gk::test::files_under(std::string(GK_SOURCE_DIR) + "/corpus/audit")) reports.push_back({".html", gk::test::read_bytes(f)});
    REQUIRE(!notices.empty());
    REQUIRE(!reports.empty());
    for (int i = 0; i < 3000; ++i) {
        const auto& [ext, bytes] = i % 30 == 0 ? reports[static_cast<std::size_t>(i / 30) % reports.size()]
                                               : notices[static_cast<std::size_t>(i) % notices.size()];
        const fs::path sub = fs::path(dir) / ("d" + std::to_string(i / 500));
        fs::create_directories(sub);
        std::ofstream out(sub / ("f" + std::to_string(10000 + i) + ext), std::ios::binary);
        out << bytes << (ext == ".html" ? "<!-- " + std::to_string(i) + " -->" : "\n" + std::to_string(i) + "\n");
    }
    return dir;
}

pid_t spawn_audit(const std::vector<std::string>& args) {
    std::vector<std::string> all = {GK_BINARY, "audit"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, GK_BINARY, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    REQUIRE(rc == 0);
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

long long scalar(const std::string& db, const char* sql) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return v;
}

// Documents stored so far, or -1 while the database cannot be read yet (no assertion: polling).
long long stored_now(const std::string& db) {
    sqlite3* raw = nullptr;
    long long n = -1;
    if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(raw, 100);
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM documents", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(raw);
    return n;
}

struct Counts {
    long long documents, files, paths, findings, cells, cross, duplicate_keys;
    json summary;
    bool operator==(const Counts&) const = default;
};

Counts counts(const std::string& db, const std::string& out) {
    return {scalar(db, "SELECT count(*) FROM documents"),
            scalar(db, "SELECT count(*) FROM files"),
            scalar(db, "SELECT count(DISTINCT path) FROM files"),
            scalar(db, "SELECT count(*) FROM findings"),
            scalar(db, "SELECT count(*) FROM cells"),
            scalar(db, "SELECT count(*) FROM cross_findings"),
            scalar(db, "SELECT count(*) FROM (SELECT sha256 FROM findings GROUP BY sha256, rules_fingerprint, seq HAVING count(*) > 1)"),
            json::parse(gk::test::read_bytes(out + "/report.json"))["summary"]};
}

} // namespace

TEST_CASE("audit: SIGKILL at five random moments, rerun each time: the counts of an uninterrupted run", "[audit][kill]") {
    const std::string inputs = make_inputs();
    const std::string dir = gk::test::temp_dir("audit-kill");
    const std::vector<std::string> base = {inputs, "--no-progress", "-q", "-j2"};
    auto with = [&](const std::string& db, const std::string& out) {
        auto a = base;
        a.insert(a.end(), {"--db", db, "--out", out});
        return a;
    };

    REQUIRE(wait_exit(spawn_audit(with(dir + "/whole.sqlite", dir + "/whole"))) == 1); // the notices have errors
    const Counts whole = counts(dir + "/whole.sqlite", dir + "/whole");
    CHECK(whole.paths == 3000);
    CHECK(whole.files == 3000);
    CHECK(whole.documents == 3000);
    CHECK(whole.cross > 0);
    CHECK(whole.duplicate_keys == 0);

    std::mt19937 gen(20261202);
    std::uniform_int_distribution<int> point(1, 2999);
    std::vector<int> points;
    for (int k = 0; k < 5; ++k) points.push_back(point(gen));
    std::sort(points.begin(), points.end());
    int killed = 0;
    for (int target : points) {
        const pid_t pid = spawn_audit(with(dir + "/killed.sqlite", dir + "/killed"));
        // Kill when the database holds `target` documents (or at once if it already does); a run
        // that ends first is simply not killed.
        int status = 0;
        bool ended = false;
        while (!ended && stored_now(dir + "/killed.sqlite") < target) {
            ended = waitpid(pid, &status, WNOHANG) == pid;
            if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (!ended) {
            ::kill(pid, SIGKILL);
            killed += wait_exit(pid) == 128 + SIGKILL;
        }
    }
    INFO("runs killed before they finished: " << killed);
    CHECK(killed >= 1);
    CHECK(wait_exit(spawn_audit(with(dir + "/killed.sqlite", dir + "/killed"))) == 1);
    const Counts resumed = counts(dir + "/killed.sqlite", dir + "/killed");
    CHECK(resumed.documents == whole.documents);
    CHECK(resumed.files == whole.files);
    CHECK(resumed.paths == whole.paths);
    CHECK(resumed.findings == whole.findings);
    CHECK(resumed.cells == whole.cells);
    CHECK(resumed.cross == whole.cross);
    CHECK(resumed.duplicate_keys == 0);
    CHECK(resumed.summary == whole.summary);
    // A killed run leaves its runs row unfinished (unless it died before recording it); the
    // completed one is finished.
    CHECK(scalar(dir + "/killed.sqlite", "SELECT count(*) FROM runs WHERE finished IS NULL") <= killed);
    CHECK(scalar(dir + "/killed.sqlite", "SELECT count(*) FROM runs WHERE finished IS NOT NULL") >= 1);

    // SIGINT: a clean stop (exit 130, everything done saved), or the run was already over.
    const pid_t pid = spawn_audit(with(dir + "/int.sqlite", dir + "/int"));
    int status = 0;
    bool ended = false;
    while (!ended && stored_now(dir + "/int.sqlite") < 1000) {
        ended = waitpid(pid, &status, WNOHANG) == pid;
        if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    int rc = 0;
    if (ended) {
        rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    } else {
        ::kill(pid, SIGINT);
        rc = wait_exit(pid);
    }
    CHECK((rc == 130 || rc == 1));
    // Stopped: the run is recorded as unfinished (a signal can also land after the last file).
    if (rc == 130) CHECK(scalar(dir + "/int.sqlite", "SELECT count(*) FROM runs WHERE finished IS NULL") == 1);
    CHECK(wait_exit(spawn_audit(with(dir + "/int.sqlite", dir + "/int"))) == 1);
    CHECK(counts(dir + "/int.sqlite", dir + "/int") == whole);
}

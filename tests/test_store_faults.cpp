// The results database (`check --db`) under faults: a full disk (a file-size limit in the child),
// another writer holding the lock, a read-only file, a damaged file, and outputs (`-o`) left
// half-written by a kill. Each gives one error line naming the file and exit 2, never an abort;
// once the database is open, a failure stops the storing and the checking goes on (the reports
// are complete); the database still opens afterwards. docs/ROBUSTNESS.md lists the promises.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "core/atomic_file.hpp"
#include "store/store.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string slurp_and_remove(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    in.close();
    fs::remove(p);
    return s.str();
}

// gkcheck under bash with a prefix (ulimit, trap, setpriv …) before the binary.
gk::test::RunResult run_with(const std::string& prefix, const std::string& args) {
    static int counter = 0;
    const std::string base = (fs::temp_directory_path() / ("gk-faults-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))).string();
    const std::string inner = prefix + " '" + GK_BINARY + "' " + args;
    std::string quoted;
    for (char c : inner) { if (c == '\'') quoted += "'\\''"; else quoted += c; }
    const std::string cmd = "bash -c '" + quoted + "' >'" + base + ".out' 2>'" + base + ".err' </dev/null";
    const int status = std::system(cmd.c_str());
    gk::test::RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp_and_remove(base + ".out");
    r.err = slurp_and_remove(base + ".err");
    return r;
}

int lines_containing(const std::string& text, const std::string& needle) {
    int n = 0;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find(needle) != std::string::npos) ++n;
    return n;
}

// `n` distinct documents (notices of corpus/pages, each made unique), as one quoted argument list.
std::string make_inputs(const std::string& dir, int n) {
    std::vector<std::string> texts;
    for (const auto& f : gk::test::files_under(std::string(GK_SOURCE_DIR) + "/corpus/pages"))
        if (f.ends_with(".txt")) texts.push_back(gk::test::read_bytes(f));
    REQUIRE(!texts.empty());
    std::string args;
    for (int i = 0; i < n; ++i) {
        const std::string p = dir + "/doc" + std::to_string(1000 + i) + ".txt";
        std::ofstream(p, std::ios::binary) << texts[static_cast<std::size_t>(i) % texts.size()] << "\n" << i << "\n";
        args += " '" + p + "'";
    }
    return args;
}

long long scalar(const std::string& db, const char* sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

std::string quick_check(const std::string& db) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(h, "PRAGMA quick_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return out;
}

std::size_t documents_in(const std::string& json_report) {
    const json j = json::parse(json_report, nullptr, false);
    return j.is_discarded() ? 0 : j["documents"].size();
}

struct ScopedEnv {
    std::string name;
    ScopedEnv(const char* n, const char* v) : name(n) { ::setenv(n, v, 1); }
    ~ScopedEnv() { ::unsetenv(name.c_str()); }
};

} // namespace

TEST_CASE("store faults: a full disk (file-size limit) is one error line, the reports complete, the database still opens", "[store][faults]") {
    const auto dir = gk::test::temp_dir("faults-full");
    const int n = 150;
    const std::string files = make_inputs(dir, n);
    const std::string db = dir + "/full.db";
    // RLIMIT_FSIZE of 256 KiB for gkcheck alone (SIGXFSZ ignored, so a write past it fails with
    // EFBIG as on a full disk instead of killing the process): the WAL outgrows it within the batch.
    // (stdout goes through a pipe: the limit is for gkcheck's files, not for the test's capture.)
    const auto r = run_with("set -o pipefail; (trap \"\" XFSZ; ulimit -f 256; exec",
                            "check --no-progress --format json --db '" + db + "'" + files + ") | cat");
    INFO(r.err.substr(0, 2000));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("terminate called") == std::string::npos);
    CHECK(lines_containing(r.err, "results database " + db) == 1);
    CHECK(lines_containing(r.err, "what was committed before is kept") == 1);
    // Storing stopped; checking went on: every document is in the report.
    CHECK(documents_in(r.out) == static_cast<std::size_t>(n));
    // What was committed before the failure is intact; a rerun without the limit completes it.
    CHECK(quick_check(db) == "ok");
    const long long stored = scalar(db, "SELECT count(*) FROM documents");
    CHECK(stored < n);
    const auto again = run_with("exec", "check -q --no-progress --resume --db '" + db + "'" + files);
    INFO(again.err.substr(0, 2000));
    CHECK(again.exit_code != 2);
    CHECK(scalar(db, "SELECT count(*) FROM documents") == n);
    CHECK(scalar(db, "SELECT count(*) FROM (SELECT 1 FROM findings GROUP BY sha256, rules_fingerprint, seq HAVING count(*) > 1)") == 0);
}

TEST_CASE("store faults: a second writer waits a bounded time for the lock, then refuses clearly", "[store][faults]") {
    const auto dir = gk::test::temp_dir("faults-lock");
    const std::string files = make_inputs(dir, 3);
    const ScopedEnv wait("GKCHECK_TEST_DB_BUSY_MS", "300"); // 5 s in real use

    SECTION("an existing database: nothing stored, the report complete, exit 2") {
        const std::string db = dir + "/busy.db";
        REQUIRE(run_with("exec", "check -q --no-progress --db '" + db + "'" + files).exit_code != 2);
        const long long runs_before = scalar(db, "SELECT count(*) FROM runs");
        sqlite3* holder = nullptr;
        REQUIRE(sqlite3_open(db.c_str(), &holder) == SQLITE_OK);
        REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
        const auto r = run_with("exec", "check --no-progress --format json --db '" + db + "'" + files);
        sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(holder);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(lines_containing(r.err, "results database " + db) == 1);
        CHECK(lines_containing(r.err, "another process is writing to it") == 1);
        CHECK(documents_in(r.out) == 3);
        CHECK(scalar(db, "SELECT count(*) FROM runs") == runs_before);
    }
    SECTION("a new database whose schema another writer's lock blocks: refused before any check") {
        const std::string db = dir + "/new.db";
        sqlite3* holder = nullptr;
        REQUIRE(sqlite3_open(db.c_str(), &holder) == SQLITE_OK);
        REQUIRE(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
        const auto r = run_with("exec", "check --no-progress --db '" + db + "'" + files);
        sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(holder);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(lines_containing(r.err, "results database " + db) == 1);
        CHECK(lines_containing(r.err, "another process is writing to it") == 1);
        CHECK(r.out.empty());
    }
}

TEST_CASE("store faults: a read-only database is refused at open, naming the file", "[store][faults]") {
    const auto dir = gk::test::temp_dir("faults-readonly");
    const std::string files = make_inputs(dir, 2);
    const std::string db = dir + "/ro.db";
    REQUIRE(run_with("exec", "check -q --no-progress --db '" + db + "'" + files).exit_code != 2);
    REQUIRE(::chmod(db.c_str(), 0444) == 0);
    const std::string before = gk::test::read_bytes(db);
    // Tests run as root, for whom permission bits do not apply: gkcheck runs without the
    // capabilities that bypass them (setpriv, util-linux).
    const auto r = run_with("exec setpriv --bounding-set=-dac_override,-dac_read_search", "check --no-progress --db '" + db + "'" + files);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(lines_containing(r.err, "results database " + db + ": read-only") == 1);
    CHECK(r.out.empty());
    CHECK(gk::test::read_bytes(db) == before);
    // Reading it is still allowed (gkcheck coverage opens it for reading).
    CHECK_NOTHROW(gk::ResultStore::open(db, gk::ResultStore::Access::read));
    ::chmod(db.c_str(), 0644);
}

TEST_CASE("store faults: random bytes over interior pages are detected at open and refused", "[store][faults]") {
    const auto dir = gk::test::temp_dir("faults-corrupt");
    const std::string files = make_inputs(dir, 40);
    const std::string db = dir + "/bad.db";
    REQUIRE(run_with("exec", "check -q --no-progress --db '" + db + "'" + files).exit_code != 2);
    REQUIRE(quick_check(db) == "ok");
    {
        // Everything in the main file (no WAL beside it), so that the bytes below are the database.
        sqlite3* h = nullptr;
        REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
        CHECK(sqlite3_exec(h, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(h);
    }
    REQUIRE_FALSE(fs::exists(db + "-wal"));
    const long long page = scalar(db, "PRAGMA page_size");
    const long long pages = scalar(db, "PRAGMA page_count");
    REQUIRE(pages > 10);
    {
        // Every interior page (not page 1, the header), up to 50 of them, filled with random bytes.
        std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
        std::mt19937 gen(15);
        for (long long p = 2; p < pages && p <= 51; ++p) {
            std::string junk(static_cast<std::size_t>(page), '\0');
            for (auto& c : junk) c = static_cast<char>(gen());
            f.seekp((p - 1) * page);
            f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
        }
    }
    const std::string damaged = gk::test::read_bytes(db);
    const auto r = run_with("exec", "check --no-progress --db '" + db + "'" + files);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("terminate called") == std::string::npos);
    CHECK(lines_containing(r.err, "results database " + db) == 1);
    CHECK(lines_containing(r.err, "damaged") == 1);
    CHECK(r.out.empty());
    CHECK(gk::test::read_bytes(db) == damaged); // not written into
    CHECK_THROWS_WITH(gk::ResultStore::open(db), Catch::Contains(db) && Catch::Contains("damaged"));
}

TEST_CASE("atomic outputs: a kill leaves no temporary file for ever, and a directory or FIFO is never replaced", "[store][faults][atomic]") {
    const auto dir = gk::test::temp_dir("faults-atomic");
    const std::string out = dir + "/report.json";

    SECTION("a stale temporary file of the target (its writer was killed) is removed by the next write; a live one is kept") {
        const std::string stale = dir + "/.report.json.tmp-Ab12Cd";
        const std::string live = dir + "/.report.json.tmp-Live01";
        const std::string other = dir + "/.other.json.tmp-Zz99Yy";
        for (const auto& p : {stale, live, other}) std::ofstream(p) << "partial";
        const int fd = ::open(live.c_str(), O_RDONLY);
        REQUIRE(fd >= 0);
        REQUIRE(::flock(fd, LOCK_EX) == 0); // a writer still at work (here: this process)
        const auto r = gk::test::run_gkcheck("check -q --no-progress -o '" + out + "' '" + GK_SOURCE_DIR + "/corpus/pages/numbering.html'");
        ::close(fd);
        INFO(r.err);
        CHECK(r.exit_code != 2);
        CHECK(fs::exists(out));
        CHECK_FALSE(fs::exists(stale));
        CHECK(fs::exists(live));
        CHECK(fs::exists(other)); // another target's files are not ours to remove
    }
    SECTION("a kill while writing: the content goes to an unnamed file, so nothing is left") {
        // The writer is killed with the data half written (SIGKILL from inside, after write()).
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            // A child that writes a large output and is killed by its parent's SIGKILL below.
            const std::string big(64 << 20, 'x');
            (void)gk::write_file_atomically(out, big);
            ::_exit(0);
        }
        ::usleep(20000);
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        // Whether the kill landed before, during or after the write: no temporary file remains,
        // or (killed between link and rename) the next write removes it.
        CHECK(gk::write_file_atomically(out, "{}").empty());
        std::size_t entries = 0;
        for (const auto& e : fs::directory_iterator(dir)) { INFO(e.path().string()); ++entries; }
        CHECK(entries == 1);
        CHECK(gk::test::read_bytes(out) == "{}");
    }
    SECTION("a directory, a FIFO or a device at the target is refused, and left as it was") {
        fs::create_directories(dir + "/adir");
        CHECK_THAT(gk::write_file_atomically(dir + "/adir", "x"), Catch::Contains("is a directory"));
        CHECK(fs::is_directory(dir + "/adir"));
        REQUIRE(::mkfifo((dir + "/fifo").c_str(), 0644) == 0);
        CHECK_THAT(gk::write_file_atomically(dir + "/fifo", "x"), Catch::Contains("not a regular file"));
        CHECK(fs::is_fifo(dir + "/fifo"));
        // A device node of the test's own (never /dev/null itself: a regression would replace it).
        // It is written to directly (like /dev/null as -o), and stays the device it was.
        REQUIRE(::mknod((dir + "/null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
        CHECK(gk::write_file_atomically(dir + "/null", "x").empty());
        CHECK(fs::is_character_file(dir + "/null"));
        const auto n = gk::test::run_gkcheck("check -q --no-progress -o '" + dir + "/null' '" + GK_SOURCE_DIR + "/corpus/pages/numbering.html'");
        CHECK(n.exit_code != 2);
        CHECK(fs::is_character_file(dir + "/null"));
        const auto r = gk::test::run_gkcheck("check -q --no-progress -o '" + dir + "/fifo' '" + GK_SOURCE_DIR + "/corpus/pages/numbering.html'");
        CHECK(r.exit_code == 2);
        CHECK(lines_containing(r.err, dir + "/fifo: not a regular file") == 1);
        CHECK(fs::is_fifo(dir + "/fifo"));
    }
}

TEST_CASE("atomic outputs: a streamed file appears whole at commit, and an uncommitted one leaves nothing", "[store][faults][atomic]") {
    const auto dir = gk::test::temp_dir("faults-atomic-stream");
    const std::string out = dir + "/report.json";
    {
        std::ofstream(out) << "old";
    }
    // Pieces smaller and larger than the writer's 64 KiB buffer, 3 MiB in all.
    std::string expected;
    {
        gk::AtomicFile f(out);
        REQUIRE(f.error().empty());
        for (int i = 0; i < 300; ++i) {
            const std::string piece(static_cast<std::size_t>(1 + (i * 7919) % 20000), static_cast<char>('a' + i % 26));
            f.stream() << piece;
            expected += piece;
            if (i % 50 == 0) {
                const std::string big(100000, static_cast<char>('A' + i % 26));
                f.write(big);
                expected += big;
            }
        }
        CHECK(gk::test::read_bytes(out) == "old"); // nothing is visible before commit()
        CHECK(f.commit().empty());
    }
    CHECK(gk::test::read_bytes(out) == expected);
    {
        gk::AtomicFile f(out);
        REQUIRE(f.error().empty());
        f.stream() << std::string(200000, 'x');
    } // destroyed without commit(): the target keeps its content, no temporary file remains
    CHECK(gk::test::read_bytes(out) == expected);
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(dir)) { INFO(e.path().string()); ++entries; }
    CHECK(entries == 1);
    // A target that cannot be written is known before anything is written to it.
    fs::create_directories(dir + "/adir");
    gk::AtomicFile d(dir + "/adir");
    CHECK_THAT(d.error(), Catch::Contains("is a directory"));
    CHECK_THAT(d.commit(), Catch::Contains("is a directory"));
    CHECK(fs::is_empty(dir + "/adir"));
    gk::AtomicFile missing(dir + "/no/such/dir/out.json");
    CHECK_THAT(missing.error(), Catch::Contains(dir + "/no/such/dir/out.json: cannot create temporary file"));
}

TEST_CASE("atomic outputs: check -o refuses an unwritable path before checking, and streams a batch's report", "[store][faults][atomic]") {
    const auto dir = gk::test::temp_dir("faults-atomic-cli");
    fs::create_directories(dir + "/adir");
    const std::string doc = std::string(GK_SOURCE_DIR) + "/corpus/pages/numbering.html";
    const auto r = gk::test::run_gkcheck("check --no-progress -o '" + dir + "/adir' '" + doc + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(dir + "/adir: is a directory") != std::string::npos);
    CHECK(r.out.empty()); // refused before any document was checked or printed
    // The same report on stdout and through -o (streamed into the temporary file).
    const auto ok = gk::test::run_gkcheck("check --no-progress --format json -o '" + dir + "/r.json' '" +
                                          std::string(GK_SOURCE_DIR) + "/corpus'");
    CHECK(ok.exit_code != 2);
    CHECK(gk::test::read_bytes(dir + "/r.json") == ok.out);
}

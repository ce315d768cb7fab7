#include "core/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gk {

namespace {

namespace fs = std::filesystem;

bool write_all(int fd, std::string_view content, std::string& err) {
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            err = std::strerror(errno);
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        err = std::strerror(errno);
        return false;
    }
    return true;
}

std::string random_suffix() {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device rd;
    std::string s;
    for (int i = 0; i < 6; ++i) s.push_back(alphabet[rd() % (sizeof alphabet - 1)]);
    return s;
}

// `.NAME.tmp-XXXXXX` of this target left by a writer that died: a live writer holds an exclusive
// flock on its temporary file until it is renamed, so a file we can lock has nobody writing it.
void remove_stale_temporaries(const fs::path& dir, const std::string& name) {
    const std::string prefix = "." + name + ".tmp-";
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        if (entry.size() != prefix.size() + 6 || entry.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string p = it->path().string();
        const int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) continue;
        struct stat by_fd{}, by_name{};
        if (::fstat(fd, &by_fd) == 0 && S_ISREG(by_fd.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
            ::lstat(p.c_str(), &by_name) == 0 && by_name.st_ino == by_fd.st_ino && by_name.st_dev == by_fd.st_dev)
            ::unlink(p.c_str());
        ::close(fd);
    }
}

} // namespace

std::string write_file_atomically(const std::string& path, std::string_view content) {
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const std::string name = target.filename().string();
    if (name.empty() || name == "." || name == "..") return path + ": not a file name";
    // Only a regular file (or nothing) is replaced: never a directory, a FIFO, a device or a
    // socket (renaming over /dev/stdout would replace the device node).
    struct stat st{};
    if (::stat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode)) {
        // A character device (/dev/null, a terminal) has nothing to replace: it is written as it
        // is, never renamed over (that would put a regular file where the device node was).
        const int dev = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (dev < 0) return path + ": cannot open: " + std::strerror(errno);
        std::string err;
        std::size_t done = 0;
        while (done < content.size()) {
            const ssize_t n = ::write(dev, content.data() + done, content.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) { err = std::strerror(errno); break; }
            done += static_cast<std::size_t>(n);
        }
        ::close(dev);
        return err.empty() ? std::string() : path + ": write failed: " + err;
    }
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
        return path + ": " + (S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file (a FIFO, block device or socket)") +
               ": give the path of a file";

    remove_stale_temporaries(dir, name);

    // The content is written to an unnamed file (O_TMPFILE): a kill while writing leaves nothing.
    // It gets a temporary name only once complete, under an exclusive flock, just before the
    // rename; a kill in that instant leaves a file that the next write of the target removes.
    // Without O_TMPFILE (some file systems), mkstemp under the same flock.
    std::string tmp, err;
    int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (fd >= 0) {
        ::flock(fd, LOCK_EX);
        ::fchmod(fd, 0644);
        if (!write_all(fd, content, err)) {
            ::close(fd);
            return path + ": write failed: " + err;
        }
        const std::string proc = "/proc/self/fd/" + std::to_string(fd);
        for (int attempt = 0; attempt < 100; ++attempt) {
            tmp = (dir / ("." + name + ".tmp-" + random_suffix())).string();
            if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) == 0) break;
            const int e = errno;
            tmp.clear();
            if (e != EEXIST) break;
        }
        if (tmp.empty()) { // no /proc, or the link failed: write again the portable way
            ::close(fd);
            fd = -1;
        }
    }
    if (fd < 0) {
        tmp = (dir / ("." + name + ".tmp-XXXXXX")).string();
        fd = ::mkostemp(tmp.data(), O_CLOEXEC);
        if (fd < 0) return path + ": cannot create temporary file: " + std::strerror(errno);
        ::flock(fd, LOCK_EX);
        ::fchmod(fd, 0644);
        if (!write_all(fd, content, err)) {
            ::unlink(tmp.c_str());
            ::close(fd);
            return path + ": write failed: " + err;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        err = std::strerror(errno);
        ::unlink(tmp.c_str());
        ::close(fd);
        return path + ": cannot replace file: " + err;
    }
    if (::close(fd) != 0) return path + ": write failed: " + std::strerror(errno);
    return {};
}

} // namespace gk

#include "core/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <streambuf>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gk {

namespace {

namespace fs = std::filesystem;

// Writes all of `content` to fd (no sync). Empty on success, otherwise strerror.
std::string write_all(int fd, std::string_view content) {
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::strerror(errno);
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

// Copies the whole of `from` (from offset 0) to `to`. Empty on success, otherwise strerror.
std::string copy_all(int from, int to) {
    std::string chunk(1 << 16, '\0');
    for (off_t off = 0;;) {
        const ssize_t n = ::pread(from, chunk.data(), chunk.size(), off);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::strerror(errno);
        if (n == 0) return {};
        if (auto err = write_all(to, std::string_view(chunk.data(), static_cast<std::size_t>(n))); !err.empty()) return err;
        off += n;
    }
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

// The stream's buffer: 64 KiB at a time to the file; the first write error is kept.
class FdBuf final : public std::streambuf {
public:
    FdBuf() : buf_(1 << 16, '\0') { setp(buf_.data(), buf_.data() + buf_.size()); }
    void attach(int fd) { fd_ = fd; }
    const std::string& error() const { return err_; }
    bool drain() {
        const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
        if (n && err_.empty() && fd_ >= 0) err_ = write_all(fd_, std::string_view(pbase(), n));
        setp(buf_.data(), buf_.data() + buf_.size());
        return err_.empty();
    }
protected:
    int_type overflow(int_type ch) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n >= static_cast<std::streamsize>(buf_.size())) { // large pieces go straight to the file
            if (!drain()) return 0;
            err_ = write_all(fd_, std::string_view(s, static_cast<std::size_t>(n)));
            return err_.empty() ? n : 0;
        }
        return std::streambuf::xsputn(s, n);
    }
    int sync() override { return drain() ? 0 : -1; }
private:
    std::string buf_;
    std::string err_;
    int fd_ = -1;
};

} // namespace

struct AtomicFile::Impl {
    int fd = -1;
    bool device = false;  // a character device, written directly
    bool unnamed = false; // O_TMPFILE: no name until commit()
    bool done = false;    // committed (or the commit failed and cleaned up)
    std::string tmp;      // the temporary file's name, once it has one
    fs::path dir;
    std::string name;
    FdBuf buf;
    std::ostream os{&buf};
};

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    const fs::path target(path_);
    m.dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    m.name = target.filename().string();
    if (m.name.empty() || m.name == "." || m.name == "..") { error_ = path_ + ": not a file name"; return; }
    // Only a regular file (or nothing) is replaced: never a directory, a FIFO, a device or a
    // socket (renaming over /dev/stdout would replace the device node).
    struct stat st{};
    if (::stat(path_.c_str(), &st) == 0 && S_ISCHR(st.st_mode)) {
        // A character device (/dev/null, a terminal) has nothing to replace: it is written as it
        // is, never renamed over (that would put a regular file where the device node was).
        m.fd = ::open(path_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (m.fd < 0) { error_ = path_ + ": cannot open: " + std::strerror(errno); return; }
        m.device = true;
        m.buf.attach(m.fd);
        return;
    }
    if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        error_ = path_ + ": " + (S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file (a FIFO, block device or socket)") +
                 ": give the path of a file";
        return;
    }

    remove_stale_temporaries(m.dir, m.name);

    // The content is written to an unnamed file (O_TMPFILE): a kill while writing leaves nothing.
    // It gets a temporary name only once complete, under an exclusive flock, just before the
    // rename; a kill in that instant leaves a file that the next write of the target removes.
    // Without O_TMPFILE (some file systems), mkstemp under the same flock.
    // (Read-write: without /proc to name it at commit, its content is copied out with pread.)
    m.fd = ::open(m.dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
    if (m.fd >= 0) {
        m.unnamed = true;
    } else {
        m.tmp = (m.dir / ("." + m.name + ".tmp-XXXXXX")).string();
        m.fd = ::mkostemp(m.tmp.data(), O_CLOEXEC);
        if (m.fd < 0) {
            m.tmp.clear();
            error_ = path_ + ": cannot create temporary file: " + std::strerror(errno);
            return;
        }
    }
    ::flock(m.fd, LOCK_EX);
    ::fchmod(m.fd, 0644);
    m.buf.attach(m.fd);
}

AtomicFile::~AtomicFile() {
    Impl& m = *impl_;
    if (m.done || m.fd < 0) return;
    if (!m.tmp.empty()) ::unlink(m.tmp.c_str());
    ::close(m.fd);
}

std::ostream& AtomicFile::stream() { return impl_->os; }

void AtomicFile::write(std::string_view bytes) { impl_->os.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); }

std::string AtomicFile::commit() {
    if (!error_.empty()) return error_;
    Impl& m = *impl_;
    if (m.done) return path_ + ": already written";
    m.done = true;
    m.os.flush();
    std::string err = m.buf.drain() ? std::string() : m.buf.error();
    if (m.device) {
        ::close(m.fd);
        return err.empty() ? std::string() : path_ + ": write failed: " + err;
    }
    if (err.empty() && ::fsync(m.fd) != 0) err = std::strerror(errno);
    if (err.empty() && m.unnamed) {
        const std::string proc = "/proc/self/fd/" + std::to_string(m.fd);
        for (int attempt = 0; attempt < 100; ++attempt) {
            m.tmp = (m.dir / ("." + m.name + ".tmp-" + random_suffix())).string();
            if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, m.tmp.c_str(), AT_SYMLINK_FOLLOW) == 0) break;
            const int e = errno;
            m.tmp.clear();
            if (e != EEXIST) break;
        }
        if (m.tmp.empty()) { // no /proc, or the link failed: copy into a named file the portable way
            m.tmp = (m.dir / ("." + m.name + ".tmp-XXXXXX")).string();
            const int named = ::mkostemp(m.tmp.data(), O_CLOEXEC);
            if (named < 0) {
                m.tmp.clear();
                ::close(m.fd);
                return path_ + ": cannot create temporary file: " + std::strerror(errno);
            }
            ::flock(named, LOCK_EX);
            ::fchmod(named, 0644);
            err = copy_all(m.fd, named);
            if (err.empty() && ::fsync(named) != 0) err = std::strerror(errno);
            ::close(m.fd);
            m.fd = named;
        }
    }
    if (!err.empty()) {
        if (!m.tmp.empty()) ::unlink(m.tmp.c_str());
        ::close(m.fd);
        return path_ + ": write failed: " + err;
    }
    if (std::rename(m.tmp.c_str(), path_.c_str()) != 0) {
        err = std::strerror(errno);
        ::unlink(m.tmp.c_str());
        ::close(m.fd);
        return path_ + ": cannot replace file: " + err;
    }
    if (::close(m.fd) != 0) return path_ + ": write failed: " + std::strerror(errno);
    return {};
}

std::string write_file_atomically(const std::string& path, std::string_view content) {
    AtomicFile file(path);
    if (!file.error().empty()) return file.error();
    file.write(content);
    return file.commit();
}

} // namespace gk

// Writing outputs atomically: the content goes to a temporary file in the target's directory,
// which is renamed over the target only when complete, so readers never see a partial report.
//
// What it guarantees:
// - The target is either its old content or the whole new content, never a part.
// - A process killed while writing leaves no temporary file: the content is written to an
//   unnamed file (O_TMPFILE) that gets its name `.NAME.tmp-XXXXXX` only when complete, just
//   before the rename. A temporary file that a kill still leaves (in that instant, or on a file
//   system without O_TMPFILE, where mkstemp is used) is removed by the next write of the same
//   target: a writer holds an exclusive flock on its temporary file, so one that can be locked is
//   stale. Other writers' files are never touched.
// - Only a regular file (or nothing) is replaced: a directory, FIFO, block device or socket at the
//   target is refused, and so is a name that is not a file name. A character device (/dev/null,
//   a terminal) is written directly — there is nothing to replace — and never renamed over.
// - The new file has mode 0644.
// - AtomicFile streams: a batch's report is written as it is produced, never held in memory
//   whole, with the same guarantees; a writer destroyed without commit() leaves the target as it
//   was and no file of its own.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace gk {

// Returns an empty string on success, otherwise a message naming the file.
std::string write_file_atomically(const std::string& path, std::string_view content);

// A file written in pieces and put in place by commit(). The target is checked and the
// temporary file created by the constructor: error() tells at once whether the path can be
// written (a directory, a FIFO, a missing directory), before any work is done for it.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile(); // without a successful commit(): the temporary file is discarded
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Empty when the file is open for writing, otherwise a message naming the file.
    const std::string& error() const { return error_; }
    // Where the content goes (buffered). A write error is kept and returned by commit().
    std::ostream& stream();
    void write(std::string_view bytes);
    // Writes out the buffer, syncs and renames over the target. Empty on success, otherwise a
    // message naming the file (the target then keeps its old content). Call at most once.
    std::string commit();

private:
    struct Impl;
    std::string path_;
    std::string error_;
    std::unique_ptr<Impl> impl_;
};

} // namespace gk

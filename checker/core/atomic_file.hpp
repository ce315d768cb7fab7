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
#pragma once

#include <string>
#include <string_view>

namespace gk {

// Returns an empty string on success, otherwise a message naming the file.
std::string write_file_atomically(const std::string& path, std::string_view content);

} // namespace gk

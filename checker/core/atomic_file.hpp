// Writing outputs atomically: the content goes to a temporary file in the target's directory,
// which is renamed over the target only when complete, so readers never see a partial report.
#pragma once

#include <string>
#include <string_view>

namespace gk {

// Returns an empty string on success, otherwise a message naming the file.
std::string write_file_atomically(const std::string& path, std::string_view content);

} // namespace gk

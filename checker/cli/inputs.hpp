// Expanding command-line paths into the list of inputs to check.
#pragma once

#include <string>
#include <vector>

namespace gk {

struct InputList {
    std::vector<std::string> files;    // in a stable order: as given, directories sorted
    std::vector<std::string> skipped;  // files in directories with another extension
};

// Files are taken as given (any extension); directories are walked recursively for
// .html .htm .shtml .xhtml .txt .docx .pdf, and .doc .wps (to be refused as input.unsupported)
// (case-insensitive), skipping hidden entries and *.expected.json.
// "-" is kept as is (standard input); a path that does not exist is kept and reported unreadable.
InputList collect_inputs(const std::vector<std::string>& paths);

bool has_checkable_extension(const std::string& path);

} // namespace gk

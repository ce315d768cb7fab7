#include "cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace gk {

namespace fs = std::filesystem;

bool has_checkable_extension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // .doc and .wps are taken too, to be refused with what to convert them to (input.unsupported).
    return ext == ".html" || ext == ".htm" || ext == ".shtml" || ext == ".xhtml" || ext == ".txt" || ext == ".docx" ||
           ext == ".pdf" || ext == ".doc" || ext == ".wps";
}

InputList collect_inputs(const std::vector<std::string>& paths) {
    InputList out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (p == "-") { out.files.push_back(p); continue; }
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                const auto name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory(ec)) it.disable_recursion_pending();
                    continue;
                }
                if (!it->is_regular_file(ec)) continue;
                if (has_checkable_extension(it->path().string())) found.push_back(it->path().string());
                else if (!name.ends_with(".expected.json")) out.skipped.push_back(it->path().string());
            }
            std::sort(found.begin(), found.end());
            out.files.insert(out.files.end(), found.begin(), found.end());
        } else {
            out.files.push_back(p); // a missing file is reported by ingest as unreadable
        }
    }
    std::sort(out.skipped.begin(), out.skipped.end());
    return out;
}

} // namespace gk

// A ZIP archive in memory, read through the ZIP reader (core/zip_reader.hpp): linked in (tests,
// fuzz targets) or the module gkcheck-zip.so, loaded on the first archive and kept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/zip_reader.hpp"

namespace gk {

class Zip {
public:
    // The reader, or nullptr with `why` set (the module cannot be loaded). Loaded once.
    static const zipread::Api* reader(std::string& why);

    // Opens `bytes` (which must outlive the Zip) with the reader `api` (from reader()).
    Zip(const zipread::Api& api, std::string_view bytes) : api_(api), archive_(api.open(bytes.data(), bytes.size())) {}
    ~Zip() { if (archive_) api_.close(archive_); }
    Zip(const Zip&) = delete;
    Zip& operator=(const Zip&) = delete;

    bool open() const { return archive_ != nullptr; }
    long long entries() const { return archive_ ? api_.entries(archive_) : 0; }
    bool has(const char* name) const { return archive_ && api_.has(archive_, name); }
    // As zipread::Api::read.
    int read(const char* name, std::size_t& budget, std::string& out) {
        return archive_ ? api_.read(archive_, name, &budget, &out) : 1;
    }

private:
    const zipread::Api& api_;
    zipread::Archive* archive_;
};

} // namespace gk

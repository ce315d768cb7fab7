// The ZIP reader through libzip (core/zip_reader.hpp). Built twice: as the module gkcheck-zip.so
// the gkcheck binary loads on its first ZIP input, and into the tests and fuzz targets. It uses
// nothing of the core.
#include "core/zip_reader.hpp"

#include <zip.h>

namespace gk::zipread {
struct Archive {
    zip_t* za = nullptr;
};
} // namespace gk::zipread

namespace {

using gk::zipread::Archive;

Archive* open_archive(const char* data, std::size_t size) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(data, size, 0, &error);
    zip_t* za = nullptr;
    if (src) {
        za = zip_open_from_source(src, ZIP_RDONLY, &error);
        if (!za) zip_source_free(src);
    }
    zip_error_fini(&error);
    if (!za) return nullptr;
    try {
        return new Archive{za};
    } catch (...) {
        zip_discard(za);
        return nullptr;
    }
}

void close_archive(Archive* a) {
    if (!a) return;
    if (a->za) zip_discard(a->za); // also frees the source
    delete a;
}

long long entries(const Archive* a) { return a && a->za ? zip_get_num_entries(a->za, 0) : 0; }

bool has(const Archive* a, const char* name) { return a && a->za && zip_name_locate(a->za, name, 0) >= 0; }

int read(Archive* a, const char* name, std::size_t* budget, std::string* out) {
    if (!a || !a->za) return 1;
    const zip_int64_t index = zip_name_locate(a->za, name, 0);
    if (index < 0) return 1;
    zip_file_t* f = zip_fopen_index(a->za, static_cast<zip_uint64_t>(index), 0);
    if (!f) return 1;
    int status = 0;
    try {
        char buffer[64 * 1024];
        for (;;) {
            const zip_int64_t n = zip_fread(f, buffer, sizeof buffer);
            if (n < 0) { status = 1; break; }
            if (n == 0) break;
            if (static_cast<std::size_t>(n) > *budget) { status = 2; break; }
            *budget -= static_cast<std::size_t>(n);
            out->append(buffer, static_cast<std::size_t>(n));
        }
    } catch (...) {
        status = 1;
    }
    zip_fclose(f);
    return status;
}

const gk::zipread::Api kApi = {open_archive, close_archive, entries, has, read};

} // namespace

extern "C" const gk::zipread::Api* gk_zip_api() { return &kApi; }

// The boundary between the core and libzip (core/zip_libzip.cpp). libzip pulls in OpenSSL's
// libcrypto (21,000 relocations): the gkcheck binary does not link it, and loads the module
// gkcheck-zip.so (beside the binary, or $GKCHECK_ZIP_MODULE) on its first ZIP input; the tests and
// fuzz targets link the reader in. Callers use gk::Zip (core/zip.hpp), not this table.
//
// Each function never throws. Both sides are built from this header by the same compiler.
#pragma once

#include <cstddef>
#include <string>

namespace gk::zipread {

struct Archive; // the module's

struct Api {
    // The archive in `data` (borrowed: it must outlive the archive), or nullptr when libzip
    // cannot open it.
    Archive* (*open)(const char* data, std::size_t size);
    void (*close)(Archive*);
    long long (*entries)(const Archive*);          // entries of the central directory
    bool (*has)(const Archive*, const char* name); // an entry of that exact name
    // Inflates entry `name`, appending to *out, in pieces of at most 64 KiB each taken from
    // *budget: 0 when read whole; 1 when absent or unreadable; 2 when a piece was larger than what
    // was left of *budget (nothing more is read).
    int (*read)(Archive*, const char* name, std::size_t* budget, std::string* out);
};

} // namespace gk::zipread

// The reader's entry point, by this name in the module (dlsym) and in the static reader.
extern "C" const gk::zipread::Api* gk_zip_api();

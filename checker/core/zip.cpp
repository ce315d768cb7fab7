#include "core/zip.hpp"

#include "core/module.hpp"

// Defined where the reader is linked in (the tests, the fuzz targets); null in the gkcheck
// binary, which loads the module instead.
extern "C" __attribute__((weak)) const gk::zipread::Api* gk_zip_api();

namespace gk {

namespace {

struct Loaded {
    const zipread::Api* api = nullptr;
    std::string why;
};

Loaded load() {
    if (&gk_zip_api != nullptr) return {gk_zip_api(), ""};
    Loaded l;
    using ApiFn = const zipread::Api* (*)();
    if (auto fn = reinterpret_cast<ApiFn>(module_symbol("gkcheck-zip.so", "GKCHECK_ZIP_MODULE", "gk_zip_api", l.why)))
        l.api = fn();
    return l;
}

} // namespace

const zipread::Api* Zip::reader(std::string& why) {
    static const Loaded loaded = load();
    if (!loaded.api) why = loaded.why;
    return loaded.api;
}

} // namespace gk

// The HTML parser (libxml2 and the block builder) on any text.
#include "fuzz_common.hpp"
#include "parse/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gk::Document d = gk::fuzz::document(gk::fuzz::bytes(data, size), "html");
    gk::parse_html(d);
    return 0;
}

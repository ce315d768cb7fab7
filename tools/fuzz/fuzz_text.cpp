// The plain-text parser (headings, pipe and markdown tables, run-together layouts) on any text.
#include "fuzz_common.hpp"
#include "parse/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gk::Document d = gk::fuzz::document(gk::fuzz::bytes(data, size), "text");
    gk::parse_text(d);
    return 0;
}

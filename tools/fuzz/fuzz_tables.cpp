// Annual-report table extraction (表二/表三/表四 mapped by label) on a parsed, normalised page;
// the first byte chooses the HTML or the plain-text parser.
#include "extract/extract.hpp"
#include "fuzz_common.hpp"
#include "parse/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool text = data[0] & 1;
    gk::Document d = gk::fuzz::document(gk::fuzz::bytes(data + 1, size - 1), text ? "text" : "html");
    const auto& templates = gk::fuzz::catalogue().templates();
    gk::parse_document(d);
    gk::Normaliser::instance().normalise(d);
    gk::Facts facts;
    gk::extract_metadata(d, facts);
    gk::extract_type_and_year(d, templates, facts);
    gk::extract_annual_tables(d, templates, facts);
    return 0;
}

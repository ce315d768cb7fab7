// Metadata extraction (索引号, 发布机构, dates, 文号 …) and type/year detection on a parsed,
// normalised HTML page.
#include "extract/extract.hpp"
#include "fuzz_common.hpp"
#include "parse/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gk::Document d = gk::fuzz::document(gk::fuzz::bytes(data, size), "html");
    gk::parse_html(d);
    gk::Normaliser::instance().normalise(d);
    gk::Facts facts;
    gk::extract_metadata(d, facts);
    gk::extract_type_and_year(d, gk::fuzz::catalogue().templates(), facts);
    return 0;
}

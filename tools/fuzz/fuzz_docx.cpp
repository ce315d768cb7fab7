// The .docx reader (ingest's ZIP sniffing, libzip, pugixml and the WordprocessingML walker) on any
// bytes. Seeds: .docx files made by pandoc from the corpus's HTML at run time (tools/fuzz/run).
#include "fuzz_common.hpp"
#include "ingest/ingest.hpp"
#include "parse/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gk::Document d = gk::ingest_bytes(gk::fuzz::bytes(data, size), "fuzz.docx", {});
    if (d.readable() && d.format == "docx") parse_document(d);
    return 0;
}

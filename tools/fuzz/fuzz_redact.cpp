// Redact: the masked copy of any input, spliced into its original bytes.
#include "fuzz_common.hpp"
#include "ingest/ingest.hpp"
#include "parse/parse.hpp"
#include "redact/redact.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto in = gk::fuzz::bytes(data, size);
    const auto* config = gk::fuzz::catalogue().privacy();
    gk::Document d = gk::ingest_bytes(in, "fuzz", gk::IngestOptions{});
    if (!d.readable() || !config) return 0;
    gk::parse_document(d);
    gk::Normaliser::instance().normalise(d);
    (void)gk::redact_document(in, d, *config);
    return 0;
}

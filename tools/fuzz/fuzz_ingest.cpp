// Encoding detection and decoding: ingest_bytes on any bytes (no extension, so the format is
// sniffed from the content), then each Chinese decoder and the re-encoder redact uses.
#include "fuzz_common.hpp"
#include "ingest/ingest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto in = gk::fuzz::bytes(data, size);
    const gk::Document d = gk::ingest_bytes(in, "fuzz", gk::IngestOptions{});
    if (d.readable()) {
        std::string back;
        gk::encode_from_utf8(d.source, d.encoding, back);
    }
    for (const char* enc : {"GB18030", "Big5", "UTF-16LE"}) {
        gk::charset::Decoded out;
        gk::charset::decode(in, enc, out);
    }
    return 0;
}

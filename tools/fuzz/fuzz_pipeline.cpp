// The whole pipeline on one document: ingest, parse, normalise, extract, every rule of the
// bundled rulesets, and the JSON of the report.
#include "fuzz_common.hpp"
#include "pipeline/pipeline.hpp"
#include "report/report_doc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const gk::Pipeline pipeline(gk::fuzz::rules(), gk::IngestOptions{});
    const gk::DocumentResult r = pipeline.run_bytes(gk::fuzz::bytes(data, size), "fuzz");
    for (const auto& f : r.findings)
        if (f.position.line < 1) __builtin_trap();
    return 0;
}
